/**
 * Per-feature minimum, maximum and count of non-missing values: the accumulator of
 * MinMaxScaler and MaxAbsScaler (sklearn's nanmin / nanmax). Min and max are exact, so
 * merge is exactly associative and commutative and partialFit + merge equals fit bit
 * for bit. Missing values (NaN, null, undefined) are skipped; ±Infinity is a typed error.
 */
import { type Matrix, badType, isFloatArray } from "../../core/columns.js";
import { InvalidInputError, SchemaError } from "../../core/errors.js";
import { infinityError } from "../../core/moments.js";

export interface ExtremaAcc {
  /** Feature count, or 0 for the empty accumulator (identity of merge). */
  d: number;
  /** Non-missing values seen per feature. */
  count: Float64Array;
  /** +Infinity for a feature with no value yet. */
  min: Float64Array;
  /** -Infinity for a feature with no value yet. */
  max: Float64Array;
}

export function emptyExtrema(): ExtremaAcc {
  const z = new Float64Array(0);
  return { d: 0, count: z, min: z, max: z };
}

/** Extrema of one non-empty batch, without touching any accumulator. */
export function batchExtrema(m: Matrix, who: string): ExtremaAcc {
  const { rows: n, cols: d, data } = m;
  const count = new Float64Array(d);
  const min = new Float64Array(d).fill(Infinity);
  const max = new Float64Array(d).fill(-Infinity);
  const typed = isFloatArray(data);
  for (let i = 0, k = 0; i < n; i++) {
    for (let j = 0; j < d; j++, k++) {
      const raw = data[k];
      let v: number;
      if (typed || typeof raw === "number") v = raw as number;
      else if (raw == null) continue;
      else throw badType(who, i, j, raw, d);
      if (v !== v) continue;
      if (v === Infinity || v === -Infinity) throw infinityError(who, i, j, v, d);
      count[j] += 1;
      // Math.min/max (not `<`) so -0 sorts below +0 the same way in a batch and in merge:
      // the fitted state then does not depend on how the data was split.
      min[j] = Math.min(min[j], v);
      max[j] = Math.max(max[j], v);
    }
  }
  return { d, count, min, max };
}

/** Combines two accumulators into a new one; exact and symmetric. */
export function mergeExtrema(a: ExtremaAcc, b: ExtremaAcc, who: string): ExtremaAcc {
  if (a.d === 0) return cloneExtrema(b);
  if (b.d === 0) return cloneExtrema(a);
  if (a.d !== b.d) {
    throw new SchemaError(`${who}: cannot combine fits over ${a.d} and ${b.d} features; every batch needs the same features`, { column: who });
  }
  const d = a.d;
  const out: ExtremaAcc = { d, count: new Float64Array(d), min: new Float64Array(d), max: new Float64Array(d) };
  for (let j = 0; j < d; j++) {
    out.count[j] = a.count[j] + b.count[j];
    out.min[j] = Math.min(a.min[j], b.min[j]);
    out.max[j] = Math.max(a.max[j], b.max[j]);
  }
  return out;
}

export function cloneExtrema(a: ExtremaAcc): ExtremaAcc {
  return { d: a.d, count: a.count.slice(), min: a.min.slice(), max: a.max.slice() };
}

/** Throws when fit saw no rows, or a feature had only missing values (sklearn would return NaN statistics). */
export function requireObservedExtrema(acc: ExtremaAcc, who: string): void {
  if (acc.d === 0) {
    throw new InvalidInputError(`${who}: fit saw no rows; pass at least one row with a non-missing value per feature`, { column: who });
  }
  for (let j = 0; j < acc.d; j++) {
    if (acc.count[j] === 0) {
      throw new InvalidInputError(
        `${who}: feature ${j} has only missing values in the fitted data, so its minimum and maximum are undefined; impute it (SimpleImputer with strategy "constant") or drop the feature`,
        { column: who },
      );
    }
  }
}

