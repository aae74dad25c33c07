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
 * while each feature's running values sit in registers. Within a feature the rows are
 * still visited in order, so every sum rounds exactly as a plain row-major loop would.
 */
function blockRows(d: number): number {
  return Math.max(1, Math.floor(4096 / d));
}

/** count, sum, min, max of a typed array, NaN skipped; ±Infinity is folded in like any value. */
function floatSums(data: Float32Array | Float64Array, n: number, d: number, acc: MomentsAcc): void {
  const { count, sum, min, max } = acc;
  const step = blockRows(d);
  for (let i0 = 0; i0 < n; i0 += step) {
    const end = Math.min(n, i0 + step) * d;
    for (let j = 0; j < d; j++) {
      let c = count[j];
      let s = sum[j];
      let lo = min[j];
      let hi = max[j];
      for (let k = i0 * d + j; k < end; k += d) {
        const v = data[k];
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
  const step = blockRows(d);
  for (let i0 = 0; i0 < n; i0 += step) {
    const end = Math.min(n, i0 + step) * d;
    for (let j = 0; j < d; j++) {
      const mu = mean[j];
      let c = corr[j];
      let q = m2[j];
      for (let k = i0 * d + j; k < end; k += d) {
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
