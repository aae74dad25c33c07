/**
 * Per-feature count / sum / sum of squared deviations, merged with Chan et al.'s
 * pairwise update. Each batch is folded with the corrected two-pass algorithm
 * (as scikit-learn's _incremental_mean_and_var does), so one big batch equals
 * scikit-learn's fit to rounding. Missing values (NaN, null, undefined) are skipped;
 * ±Infinity is a typed error. Merge is commutative bit for bit (symmetric formulas)
 * and associative to rounding (~1e-15 relative).
 */
import { type Matrix, badType, cellName, isFloatArray } from "./columns.js";
import { InvalidInputError, SchemaError } from "./errors.js";
import { wasmFloatSquares, wasmFloatSums } from "./wasm/moments-kernel.js";

export interface MomentsAcc {
  /** Feature count, or 0 for the empty accumulator (identity of merge). */
  d: number;
  count: Float64Array;
  sum: Float64Array;
  /** Sum of squared deviations from the mean. */
  m2: Float64Array;
  min: Float64Array;
  max: Float64Array;
}

export function emptyMoments(): MomentsAcc {
  const z = new Float64Array(0);
  return { d: 0, count: z, sum: z, m2: z, min: z, max: z };
}

function zeroMoments(d: number): MomentsAcc {
  return {
    d,
    count: new Float64Array(d),
    sum: new Float64Array(d),
    m2: new Float64Array(d),
    min: new Float64Array(d).fill(Infinity),
    max: new Float64Array(d).fill(-Infinity),
  };
}

export function infinityError(who: string, row: number, feature: number, value: number, cols: number): InvalidInputError {
  return new InvalidInputError(
    `${cellName(who, row, feature, cols)} is ${value}; infinite values cannot be fitted or transformed — clip or drop them (e.g. with Clip) first`,
    { column: who, row, value: String(value) },
  );
}

/** Moments of one batch (corrected two-pass), without touching any accumulator. */
export function batchMoments(m: Matrix, who: string): MomentsAcc {
  const { rows: n, cols: d, data } = m;
  const acc = zeroMoments(d);
  const corr = new Float64Array(d);
  const mean = new Float64Array(d);
  // Each loop lives in its own function: V8 optimizes a long loop on-stack mid-call, and
  // code compiled that way for one loop of a big function deopts at the next loop.
  if (isFloatArray(data)) {
    floatSums(data, n, d, acc);
    // An infinity is always its feature's min or max, so a typed array is scanned for
    // the offending cell only when one was seen.
    if (sawInfinity(acc)) throwFirstInfinity(data, n, d, who);
    meansOf(acc, mean);
    floatSquares(data, n, d, mean, corr, acc.m2);
  } else {
    genericSums(data, n, d, acc, who);
    meansOf(acc, mean);
    genericSquares(data, n, d, mean, corr, acc.m2);
  }
  const { count, m2, min, max } = acc;
  for (let j = 0; j < d; j++) {
    if (count[j] > 0) m2[j] -= (corr[j] * corr[j]) / count[j];
    // Constant feature: zero spread exactly (the rounded mean would leave a residue).
    if (min[j] === max[j]) m2[j] = 0;
  }
  return acc;
}

/**
 * Rows per block of the typed-array loops: about 4096 cells, so a block stays in L1/L2
 * while running values sit in registers. Within a feature the rows are still visited in
 * order, so every sum rounds exactly as a plain row-major loop would. Four features go
 * through the block together: four independent addition chains hide the latency of each
 * (one feature at a time waits on every addition; row-major loads and stores each
 * feature's accumulators per cell).
 */
function blockRows(d: number): number {
  return Math.max(1, Math.floor(4096 / d));
}

/** count, sum, min, max of a typed array, NaN skipped; ±Infinity is folded in like any value. */
function floatSums(data: Float32Array | Float64Array, n: number, d: number, acc: MomentsAcc): void {
  // The WebAssembly SIMD kernel gives the same bits for float32 input (core/wasm/).
  if (data instanceof Float32Array && wasmFloatSums(data, n, d, acc)) return;
  const { count, sum, min, max } = acc;
  const step = blockRows(d);
  const d4 = d - (d % 4);
  for (let i0 = 0; i0 < n; i0 += step) {
    const start = i0 * d;
    const end = Math.min(n, i0 + step) * d;
    let j = 0;
    for (; j < d4; j += 4) {
      // Counts are small integers (exact in any order); sums, mins and maxes keep row order.
      let c0 = 0;
      let c1 = 0;
      let c2 = 0;
      let c3 = 0;
      let s0 = sum[j];
      let s1 = sum[j + 1];
      let s2 = sum[j + 2];
      let s3 = sum[j + 3];
      let lo0 = min[j];
      let lo1 = min[j + 1];
      let lo2 = min[j + 2];
      let lo3 = min[j + 3];
      let hi0 = max[j];
      let hi1 = max[j + 1];
      let hi2 = max[j + 2];
      let hi3 = max[j + 3];
      for (let k = start + j; k < end; k += d) {
        const v0 = data[k];
        const v1 = data[k + 1];
        const v2 = data[k + 2];
        const v3 = data[k + 3];
        if (v0 === v0) {
          c0++;
          s0 += v0;
          if (v0 < lo0) lo0 = v0;
          if (v0 > hi0) hi0 = v0;
        }
        if (v1 === v1) {
          c1++;
          s1 += v1;
          if (v1 < lo1) lo1 = v1;
          if (v1 > hi1) hi1 = v1;
        }
        if (v2 === v2) {
          c2++;
          s2 += v2;
          if (v2 < lo2) lo2 = v2;
          if (v2 > hi2) hi2 = v2;
        }
        if (v3 === v3) {
          c3++;
          s3 += v3;
          if (v3 < lo3) lo3 = v3;
          if (v3 > hi3) hi3 = v3;
        }
      }
      count[j] += c0;
      count[j + 1] += c1;
      count[j + 2] += c2;
      count[j + 3] += c3;
      sum[j] = s0;
      sum[j + 1] = s1;
      sum[j + 2] = s2;
      sum[j + 3] = s3;
      min[j] = lo0;
      min[j + 1] = lo1;
      min[j + 2] = lo2;
      min[j + 3] = lo3;
      max[j] = hi0;
      max[j + 1] = hi1;
      max[j + 2] = hi2;
      max[j + 3] = hi3;
    }
    for (; j < d; j++) {
      let c = 0;
      let s = sum[j];
      let lo = min[j];
      let hi = max[j];
      for (let k = start + j; k < end; k += d) {
        const v = data[k];
        if (v !== v) continue;
        c++;
        s += v;
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      count[j] += c;
      sum[j] = s;
      min[j] = lo;
      max[j] = hi;
    }
  }
}

function sawInfinity(acc: MomentsAcc): boolean {
  for (let j = 0; j < acc.d; j++) if (acc.min[j] === -Infinity || acc.max[j] === Infinity) return true;
  return false;
}

/** Throws for the first infinite cell in row-major order (the cell a row-by-row fit meets first). */
function throwFirstInfinity(data: Float32Array | Float64Array, n: number, d: number, who: string): void {
  for (let k = 0; k < n * d; k++) {
    const v = data[k];
    if (v === Infinity || v === -Infinity) throw infinityError(who, Math.floor(k / d), k % d, v, d);
  }
}

function meansOf(acc: MomentsAcc, mean: Float64Array): void {
  for (let j = 0; j < acc.d; j++) mean[j] = acc.count[j] > 0 ? acc.sum[j] / acc.count[j] : 0;
}

/** Sums of deviations and squared deviations from `mean` of a typed array, NaN skipped. */
function floatSquares(data: Float32Array | Float64Array, n: number, d: number, mean: Float64Array, corr: Float64Array, m2: Float64Array): void {
  if (data instanceof Float32Array && wasmFloatSquares(data, n, d, mean, corr, m2)) return;
  const step = blockRows(d);
  const d4 = d - (d % 4);
  for (let i0 = 0; i0 < n; i0 += step) {
    const start = i0 * d;
    const end = Math.min(n, i0 + step) * d;
    let j = 0;
    for (; j < d4; j += 4) {
      const mu0 = mean[j];
      const mu1 = mean[j + 1];
      const mu2 = mean[j + 2];
      const mu3 = mean[j + 3];
      let c0 = corr[j];
      let c1 = corr[j + 1];
      let c2 = corr[j + 2];
      let c3 = corr[j + 3];
      let q0 = m2[j];
      let q1 = m2[j + 1];
      let q2 = m2[j + 2];
      let q3 = m2[j + 3];
      for (let k = start + j; k < end; k += d) {
        const v0 = data[k];
        const v1 = data[k + 1];
        const v2 = data[k + 2];
        const v3 = data[k + 3];
        if (v0 === v0) {
          const t = v0 - mu0;
          c0 += t;
          q0 += t * t;
        }
        if (v1 === v1) {
          const t = v1 - mu1;
          c1 += t;
          q1 += t * t;
        }
        if (v2 === v2) {
          const t = v2 - mu2;
          c2 += t;
          q2 += t * t;
        }
        if (v3 === v3) {
          const t = v3 - mu3;
          c3 += t;
          q3 += t * t;
        }
      }
      corr[j] = c0;
      corr[j + 1] = c1;
      corr[j + 2] = c2;
      corr[j + 3] = c3;
      m2[j] = q0;
      m2[j + 1] = q1;
      m2[j + 2] = q2;
      m2[j + 3] = q3;
    }
    for (; j < d; j++) {
      const mu = mean[j];
      let c = corr[j];
      let q = m2[j];
      for (let k = start + j; k < end; k += d) {
        const v = data[k];
        if (v !== v) continue;
        const t = v - mu;
        c += t;
        q += t * t;
      }
      corr[j] = c;
      m2[j] = q;
    }
  }
}

/** First pass over any array-like: type checks and the infinity error at the offending cell. */
function genericSums(data: Matrix["data"], n: number, d: number, acc: MomentsAcc, who: string): void {
  const { count, sum, min, max } = acc;
  for (let i = 0; i < n; i++) {
    const base = i * d;
    for (let j = 0; j < d; j++) {
      const raw = data[base + j];
      let v: number;
      if (typeof raw === "number") v = raw;
      else if (raw == null) continue;
      else throw badType(who, i, j, raw, d);
      if (v !== v) continue;
      if (v === Infinity || v === -Infinity) throw infinityError(who, i, j, v, d);
      count[j] += 1;
      sum[j] += v;
      if (v < min[j]) min[j] = v;
      if (v > max[j]) max[j] = v;
    }
  }
}

function genericSquares(data: Matrix["data"], n: number, d: number, mean: Float64Array, corr: Float64Array, m2: Float64Array): void {
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
}

/** Combines two accumulators into a new one (Chan et al.), symmetric in its arguments. */
export function mergeMoments(a: MomentsAcc, b: MomentsAcc, who: string): MomentsAcc {
  if (a.d === 0) return cloneMoments(b);
  if (b.d === 0) return cloneMoments(a);
  if (a.d !== b.d) {
    throw new SchemaError(`${who}: cannot combine fits over ${a.d} and ${b.d} features; every batch needs the same features`, { column: who });
  }
  const out = zeroMoments(a.d);
  for (let j = 0; j < a.d; j++) {
    const na = a.count[j];
    const nb = b.count[j];
    const n = na + nb;
    out.count[j] = n;
    out.sum[j] = a.sum[j] + b.sum[j];
    out.min[j] = Math.min(a.min[j], b.min[j]);
    out.max[j] = Math.max(a.max[j], b.max[j]);
    // A feature constant so far has exactly zero spread, whatever the means' rounding says.
    if (out.min[j] === out.max[j]) out.m2[j] = 0;
    else if (na === 0) out.m2[j] = b.m2[j];
    else if (nb === 0) out.m2[j] = a.m2[j];
    else {
      const delta = b.sum[j] / nb - a.sum[j] / na;
      out.m2[j] = a.m2[j] + b.m2[j] + ((delta * delta) * (na * nb)) / n;
    }
  }
  return out;
}

export function cloneMoments(a: MomentsAcc): MomentsAcc {
  return { d: a.d, count: a.count.slice(), sum: a.sum.slice(), m2: a.m2.slice(), min: a.min.slice(), max: a.max.slice() };
}

/** Throws when a feature saw no non-missing value at all (its statistics would be NaN). */
export function requireObserved(acc: MomentsAcc, who: string): void {
  if (acc.d === 0) {
    throw new InvalidInputError(`${who}: fit saw no rows; pass at least one row with a non-missing value per feature`, { column: who });
  }
  for (let j = 0; j < acc.d; j++) {
    if (acc.count[j] === 0) {
      throw new InvalidInputError(
        `${who}: feature ${j} has only missing values in the fitted data, so its statistics are undefined; impute it (SimpleImputer with strategy "constant") or drop the feature`,
        { column: who },
      );
    }
  }
}
