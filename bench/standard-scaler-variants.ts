/**
 * Loop shapes tried for StandardScaler's transform and fit hot loops, kept so that
 * `npm run bench` re-measures them next to the shipped code (src/transforms/numeric/
 * standard-scaler.ts and src/core/moments.ts). None of this is imported by src/.
 *
 * Transform variants compute y = f32((x - offset[j]) / scale[j]) over an n x d row-major
 * block and return false when some y is NaN or ±Infinity (the shipped code then
 * re-scans for the cell to name). Variants marked `exact: false` change the arithmetic
 * and are measured only to show what that would buy.
 */

export type TransformKernel = (x: Float32Array, n: number, d: number, offset: Float64Array, scale: Float64Array, out: Float32Array) => boolean;

export interface TransformVariant {
  name: string;
  /** What the variant does differently. */
  idea: string;
  /** Bit-identical to f32((x - mean) / scale) computed in float64 (checked by the bench). */
  exact: boolean;
  /** Returns a kernel; may precompute from the fitted statistics (reciprocals, float32 copies). */
  prepare(offset: Float64Array, scale: Float64Array): TransformKernel;
}

/** |q| below this rounds to a finite float32: halfway between FLT_MAX and 2^128 rounds up (ties to even). */
const F32_FINITE_LIMIT = 2 ** 128 - 2 ** 103;

/** The loop as first written (before this benchmark): row-major, a branch per cell. */
function headLoop(x: Float32Array, n: number, d: number, offset: Float64Array, scale: Float64Array, out: Float32Array): boolean {
  for (let i = 0, k = 0; i < n; i++) {
    for (let j = 0; j < d; j++, k++) {
      const y = Math.fround((x[k] - offset[j]) / scale[j]);
      if (y - y !== 0) return false;
      out[k] = y;
    }
  }
  return true;
}

function noCheck(x: Float32Array, n: number, d: number, offset: Float64Array, scale: Float64Array, out: Float32Array): boolean {
  for (let i = 0, k = 0; i < n; i++) {
    for (let j = 0; j < d; j++, k++) out[k] = (x[k] - offset[j]) / scale[j];
  }
  return true;
}

function sumFlag(x: Float32Array, n: number, d: number, offset: Float64Array, scale: Float64Array, out: Float32Array): boolean {
  let bad = 0;
  for (let i = 0, k = 0; i < n; i++) {
    for (let j = 0; j < d; j++, k++) {
      const y = Math.fround((x[k] - offset[j]) / scale[j]);
      bad += y - y;
      out[k] = y;
    }
  }
  return bad === 0;
}

function maxAbsFlag(x: Float32Array, n: number, d: number, offset: Float64Array, scale: Float64Array, out: Float32Array): boolean {
  let top = 0;
  for (let i = 0, k = 0; i < n; i++) {
    for (let j = 0; j < d; j++, k++) {
      const q = (x[k] - offset[j]) / scale[j];
      top = Math.max(top, Math.abs(q)); // Math.max propagates NaN
      out[k] = q;
    }
  }
  return top < F32_FINITE_LIMIT;
}

function secondPass(x: Float32Array, n: number, d: number, offset: Float64Array, scale: Float64Array, out: Float32Array): boolean {
  for (let i = 0, k = 0; i < n; i++) {
    for (let j = 0; j < d; j++, k++) out[k] = (x[k] - offset[j]) / scale[j];
  }
  let bad = 0;
  for (let k = 0, e = n * d; k < e; k++) {
    const y = out[k];
    bad += y - y;
  }
  return bad === 0;
}

function columnAtATime(x: Float32Array, n: number, d: number, offset: Float64Array, scale: Float64Array, out: Float32Array): boolean {
  let bad = 0;
  const e = n * d;
  for (let j = 0; j < d; j++) {
    const o = offset[j];
    const s = scale[j];
    for (let k = j; k < e; k += d) {
      const y = Math.fround((x[k] - o) / s);
      bad += y - y;
      out[k] = y;
    }
  }
  return bad === 0;
}

function columnBlocked(x: Float32Array, n: number, d: number, offset: Float64Array, scale: Float64Array, out: Float32Array): boolean {
  let bad = 0;
  const step = Math.max(1, Math.floor(4096 / d));
  for (let i0 = 0; i0 < n; i0 += step) {
    const end = Math.min(n, i0 + step) * d;
    for (let j = 0; j < d; j++) {
      const o = offset[j];
      const s = scale[j];
      for (let k = i0 * d + j; k < end; k += d) {
        const y = Math.fround((x[k] - o) / s);
        bad += y - y;
        out[k] = y;
      }
    }
  }
  return bad === 0;
}

function unroll4(x: Float32Array, n: number, d: number, offset: Float64Array, scale: Float64Array, out: Float32Array): boolean {
  let bad = 0;
  const d4 = d - (d % 4);
  for (let i = 0; i < n; i++) {
    const b = i * d;
    let j = 0;
    for (; j < d4; j += 4) {
      const k = b + j;
      const y0 = Math.fround((x[k] - offset[j]) / scale[j]);
      const y1 = Math.fround((x[k + 1] - offset[j + 1]) / scale[j + 1]);
      const y2 = Math.fround((x[k + 2] - offset[j + 2]) / scale[j + 2]);
      const y3 = Math.fround((x[k + 3] - offset[j + 3]) / scale[j + 3]);
      bad += y0 - y0 + (y1 - y1) + (y2 - y2) + (y3 - y3);
      out[k] = y0;
      out[k + 1] = y1;
      out[k + 2] = y2;
      out[k + 3] = y3;
    }
    for (; j < d; j++) {
      const y = Math.fround((x[b + j] - offset[j]) / scale[j]);
      bad += y - y;
      out[b + j] = y;
    }
  }
  return bad === 0;
}

/** Blocks of rows, eight features at a time with their statistics in registers. */
function blocked8(x: Float32Array, n: number, d: number, offset: Float64Array, scale: Float64Array, out: Float32Array): boolean {
  let bad = 0;
  const d8 = d - (d % 8);
  const step = Math.max(1, Math.floor(4096 / d));
  for (let i0 = 0; i0 < n; i0 += step) {
    const start = i0 * d;
    const end = Math.min(n, i0 + step) * d;
    let j = 0;
    for (; j < d8; j += 8) {
      const [o0, o1, o2, o3, o4, o5, o6, o7] = offset.subarray(j, j + 8);
      const [s0, s1, s2, s3, s4, s5, s6, s7] = scale.subarray(j, j + 8);
      for (let k = start + j; k < end; k += d) {
        const y0 = Math.fround((x[k] - o0) / s0);
        const y1 = Math.fround((x[k + 1] - o1) / s1);
        const y2 = Math.fround((x[k + 2] - o2) / s2);
        const y3 = Math.fround((x[k + 3] - o3) / s3);
        const y4 = Math.fround((x[k + 4] - o4) / s4);
        const y5 = Math.fround((x[k + 5] - o5) / s5);
        const y6 = Math.fround((x[k + 6] - o6) / s6);
        const y7 = Math.fround((x[k + 7] - o7) / s7);
        bad += y0 - y0 + (y1 - y1) + (y2 - y2) + (y3 - y3) + (y4 - y4) + (y5 - y5) + (y6 - y6) + (y7 - y7);
        out[k] = y0;
        out[k + 1] = y1;
        out[k + 2] = y2;
        out[k + 3] = y3;
        out[k + 4] = y4;
        out[k + 5] = y5;
        out[k + 6] = y6;
        out[k + 7] = y7;
      }
    }
    for (; j < d; j++) {
      const o = offset[j];
      const s = scale[j];
      for (let k = start + j; k < end; k += d) {
        const y = Math.fround((x[k] - o) / s);
        bad += y - y;
        out[k] = y;
      }
    }
  }
  return bad === 0;
}

function unroll8(x: Float32Array, n: number, d: number, offset: Float64Array, scale: Float64Array, out: Float32Array): boolean {
  let bad = 0;
  const d8 = d - (d % 8);
  for (let i = 0; i < n; i++) {
    const b = i * d;
    let j = 0;
    for (; j < d8; j += 8) {
      const k = b + j;
      const y0 = Math.fround((x[k] - offset[j]) / scale[j]);
      const y1 = Math.fround((x[k + 1] - offset[j + 1]) / scale[j + 1]);
      const y2 = Math.fround((x[k + 2] - offset[j + 2]) / scale[j + 2]);
      const y3 = Math.fround((x[k + 3] - offset[j + 3]) / scale[j + 3]);
      const y4 = Math.fround((x[k + 4] - offset[j + 4]) / scale[j + 4]);
      const y5 = Math.fround((x[k + 5] - offset[j + 5]) / scale[j + 5]);
      const y6 = Math.fround((x[k + 6] - offset[j + 6]) / scale[j + 6]);
      const y7 = Math.fround((x[k + 7] - offset[j + 7]) / scale[j + 7]);
      bad += y0 - y0 + (y1 - y1) + (y2 - y2) + (y3 - y3) + (y4 - y4) + (y5 - y5) + (y6 - y6) + (y7 - y7);
      out[k] = y0;
      out[k + 1] = y1;
      out[k + 2] = y2;
      out[k + 3] = y3;
      out[k + 4] = y4;
      out[k + 5] = y5;
      out[k + 6] = y6;
      out[k + 7] = y7;
    }
    for (; j < d; j++) {
      const y = Math.fround((x[b + j] - offset[j]) / scale[j]);
      bad += y - y;
      out[b + j] = y;
    }
  }
  return bad === 0;
}

export const TRANSFORM_VARIANTS: TransformVariant[] = [
  { name: "head", idea: "row-major j-inner loop, Math.fround, branch per cell (the code before this benchmark, inlined in apply())", exact: true, prepare: () => headLoop },
  { name: "no-check", idea: "no non-finite check at all (unsafe; lower bound of the scalar loop)", exact: true, prepare: () => noCheck },
  { name: "sum-flag", idea: "row-major; flag = running sum of y - y, checked once at the end", exact: true, prepare: () => sumFlag },
  { name: "max-abs-flag", idea: "row-major; flag = running Math.max(|q|) compared with the float32 overflow bound", exact: true, prepare: () => maxAbsFlag },
  { name: "second-pass", idea: "write all, then a second pass over the output for NaN/Inf", exact: true, prepare: () => secondPass },
  { name: "column-at-a-time", idea: "one feature at a time over all rows (stride d), mean/scale in registers", exact: true, prepare: () => columnAtATime },
  { name: "column-blocked", idea: "blocks of ~4096 cells, one feature at a time within a block", exact: true, prepare: () => columnBlocked },
  { name: "unroll4", idea: "row-major, unrolled by 4 features (statistics loaded per cell), sum flag", exact: true, prepare: () => unroll4 },
  { name: "unroll8", idea: "row-major, unrolled by 8 features, sum flag", exact: true, prepare: () => unroll8 },
  { name: "column-blocked-8", idea: "blocks of ~4096 cells, 8 features at a time with their statistics in registers", exact: true, prepare: () => blocked8 },
  {
    name: "f32-stats",
    idea: "mean/scale held in Float32Array (rounds the statistics to float32 first)",
    exact: false,
    prepare: (offset, scale) => {
      const o32 = Float32Array.from(offset);
      const s32 = Float32Array.from(scale);
      return (x, n, d, _o, _s, out) => {
        let bad = 0;
        for (let i = 0, k = 0; i < n; i++) {
          for (let j = 0; j < d; j++, k++) {
            const y = Math.fround((x[k] - o32[j]) / s32[j]);
            bad += y - y;
            out[k] = y;
          }
        }
        return bad === 0;
      };
    },
  },
  {
    name: "reciprocal",
    idea: "multiply by a precomputed 1/scale instead of dividing (as ONNX exports do)",
    exact: false,
    prepare: (_offset, scale) => {
      const inv = scale.map((s) => 1 / s);
      return (x, n, d, offset, _s, out) => {
        let bad = 0;
        for (let i = 0, k = 0; i < n; i++) {
          for (let j = 0; j < d; j++, k++) {
            const y = Math.fround((x[k] - offset[j]) * inv[j]);
            bad += y - y;
            out[k] = y;
          }
        }
        return bad === 0;
      };
    },
  },
  {
    name: "reciprocal-checked",
    idea: "multiply by 1/scale, round q'(1+2^-50) and q'(1-2^-50); equal ends prove the division would round the same, else divide (exact)",
    exact: true,
    prepare: (_offset, scale) => {
      const inv = scale.map((s) => 1 / s);
      const up = 1 + 2 ** -50;
      const down = 1 - 2 ** -50;
      return (x, n, d, offset, sc, out) => {
        let bad = 0;
        for (let i = 0, k = 0; i < n; i++) {
          for (let j = 0; j < d; j++, k++) {
            const t = x[k] - offset[j];
            const q = t * inv[j];
            let y = Math.fround(q * up);
            const lo = Math.fround(q * down);
            if (y !== lo) y = Math.fround(t / sc[j]); // a float32 boundary is within 2^-50 (or NaN)
            bad += y - y;
            out[k] = y;
          }
        }
        return bad === 0;
      };
    },
  },
];

/** Per-feature count / sum / m2 / min / max, the fields of MomentsAcc. */
export interface FitMoments {
  count: Float64Array;
  sum: Float64Array;
  m2: Float64Array;
  min: Float64Array;
  max: Float64Array;
}

export interface FitVariant {
  name: string;
  idea: string;
  run(x: Float32Array, n: number, d: number): FitMoments;
}

function zero(d: number): FitMoments {
  return {
    count: new Float64Array(d),
    sum: new Float64Array(d),
    m2: new Float64Array(d),
    min: new Float64Array(d).fill(Infinity),
    max: new Float64Array(d).fill(-Infinity),
  };
}

/** batchMoments as first written: both passes in one function, a type test per cell. */
function headMoments(data: ArrayLike<unknown>, n: number, d: number): FitMoments {
  const acc = zero(d);
  const { count, sum, m2, min, max } = acc;
  const typed = data instanceof Float32Array || data instanceof Float64Array;
  for (let i = 0; i < n; i++) {
    const base = i * d;
    for (let j = 0; j < d; j++) {
      const raw = data[base + j];
      let v: number;
      if (typed || typeof raw === "number") v = raw as number;
      else if (raw == null) continue;
      else throw new Error("bad type");
      if (v !== v) continue;
      if (v === Infinity || v === -Infinity) throw new Error("infinite");
      count[j] += 1;
      sum[j] += v;
      if (v < min[j]) min[j] = v;
      if (v > max[j]) max[j] = v;
    }
  }
  const mean = new Float64Array(d);
  for (let j = 0; j < d; j++) mean[j] = count[j] > 0 ? sum[j] / count[j] : 0;
  const corr = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    const base = i * d;
    for (let j = 0; j < d; j++) {
      const v = data[base + j];
      if (typeof v !== "number" || v !== v) continue;
      const t = v - mean[j];
      corr[j] += t;
      m2[j] += t * t;
    }
  }
  finish(acc, corr, d);
  return acc;
}

function finish(acc: FitMoments, corr: Float64Array, d: number): void {
  for (let j = 0; j < d; j++) {
    if (acc.count[j] > 0) acc.m2[j] -= (corr[j] * corr[j]) / acc.count[j];
    if (acc.min[j] === acc.max[j]) acc.m2[j] = 0;
  }
}

function rowSums(x: Float32Array, n: number, d: number, acc: FitMoments): void {
  const { count, sum, min, max } = acc;
  for (let i = 0, k = 0; i < n; i++) {
    for (let j = 0; j < d; j++, k++) {
      const v = x[k];
      if (v !== v) continue;
      count[j] += 1;
      sum[j] += v;
      if (v < min[j]) min[j] = v;
      if (v > max[j]) max[j] = v;
    }
  }
}

function rowSquares(x: Float32Array, n: number, d: number, mean: Float64Array, corr: Float64Array, m2: Float64Array): void {
  for (let i = 0, k = 0; i < n; i++) {
    for (let j = 0; j < d; j++, k++) {
      const v = x[k];
      if (v !== v) continue;
      const t = v - mean[j];
      corr[j] += t;
      m2[j] += t * t;
    }
  }
}

/** Typed fast path with each pass in its own function, still row-major (accumulators in memory). */
function splitRowMajor(x: Float32Array, n: number, d: number): FitMoments {
  const acc = zero(d);
  rowSums(x, n, d, acc);
  const mean = new Float64Array(d);
  for (let j = 0; j < d; j++) mean[j] = acc.count[j] > 0 ? acc.sum[j] / acc.count[j] : 0;
  const corr = new Float64Array(d);
  rowSquares(x, n, d, mean, corr, acc.m2);
  finish(acc, corr, d);
  return acc;
}

/** Blocks of rows, one feature at a time: running values in locals, but one addition chain. */
function blockedOneFeature(x: Float32Array, n: number, d: number): FitMoments {
  const acc = zero(d);
  const { count, sum, min, max, m2 } = acc;
  const step = Math.max(1, Math.floor(4096 / d));
  for (let i0 = 0; i0 < n; i0 += step) {
    const end = Math.min(n, i0 + step) * d;
    for (let j = 0; j < d; j++) {
      let c = count[j];
      let s = sum[j];
      let lo = min[j];
      let hi = max[j];
      for (let k = i0 * d + j; k < end; k += d) {
        const v = x[k];
        if (v !== v) continue;
        c += 1;
        s += v;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      count[j] = c;
      sum[j] = s;
      min[j] = lo;
      max[j] = hi;
    }
  }
  const mean = new Float64Array(d);
  for (let j = 0; j < d; j++) mean[j] = count[j] > 0 ? sum[j] / count[j] : 0;
  const corr = new Float64Array(d);
  for (let i0 = 0; i0 < n; i0 += step) {
    const end = Math.min(n, i0 + step) * d;
    for (let j = 0; j < d; j++) {
      const mu = mean[j];
      let c = corr[j];
      let q = m2[j];
      for (let k = i0 * d + j; k < end; k += d) {
        const v = x[k];
        if (v !== v) continue;
        const t = v - mu;
        c += t;
        q += t * t;
      }
      corr[j] = c;
      m2[j] = q;
    }
  }
  finish(acc, corr, d);
  return acc;
}

export const FIT_VARIANTS: FitVariant[] = [
  { name: "head", idea: "both passes in one function, per-cell type test, accumulators in Float64Arrays (the code before this benchmark)", run: headMoments },
  { name: "split-row-major", idea: "typed-array path, each pass its own function (no mid-call OSR deopt), row-major, accumulators in memory", run: splitRowMajor },
  { name: "blocked-one-feature", idea: "blocks of ~4096 cells, one feature at a time, running values in locals (one addition chain at a time)", run: blockedOneFeature },
];
