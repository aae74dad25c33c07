/**
 * Exact per-feature value store for quantile-based fits (medians, percentiles,
 * quantile grids, bin edges, most-frequent values).
 *
 * Each feature keeps its non-missing values sorted ascending. Merging two stores is a
 * merge of sorted runs, so merge is exactly associative and commutative and the result
 * does not depend on how the data was split: partialFit + merge equals fit bit for bit.
 * Memory is 8 bytes per non-missing value; fits beyond memory need a sketch (see
 * README "Streaming quantiles").
 */
import { type Matrix, badType, isFloatArray } from "./columns.js";
import { SchemaError } from "./errors.js";
import { infinityError } from "./moments.js";

export interface SortedValuesAcc {
  /** Feature count, 0 for the empty accumulator (identity of merge). */
  d: number;
  /** Rows seen per feature, missing included. */
  rows: number;
  /** Missing cells per feature. */
  missing: Float64Array;
  /** Sorted non-missing values, one array per feature. */
  values: Float64Array[];
}

export function emptySortedValues(): SortedValuesAcc {
  return { d: 0, rows: 0, missing: new Float64Array(0), values: [] };
}

/** Sorted values of one batch. ±Infinity is a typed error; NaN/null/undefined count as missing. */
export function batchSortedValues(m: Matrix, who: string, allowInfinity = false): SortedValuesAcc {
  const { rows: n, cols: d, data } = m;
  const missing = new Float64Array(d);
  const cols = Array.from({ length: d }, () => new Float64Array(n));
  const lens = new Uint32Array(d);
  const typed = isFloatArray(data);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const raw = data[i * d + j];
      let v: number;
      if (typed || typeof raw === "number") v = raw as number;
      else if (raw == null) {
        missing[j]++;
        continue;
      } else throw badType(who, i, j, raw, d);
      if (v !== v) {
        missing[j]++;
        continue;
      }
      if (!allowInfinity && (v === Infinity || v === -Infinity)) throw infinityError(who, i, j, v, d);
      cols[j][lens[j]++] = v;
    }
  }
  // Float64Array.prototype.sort is numeric and puts -0 before +0: a total order.
  const values = cols.map((c, j) => c.slice(0, lens[j]).sort());
  return { d, rows: n, missing, values };
}

function mergeSorted(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    // Same order as Float64Array.prototype.sort: ascending, -0 before +0.
    if (a[i] < b[j] || (a[i] === b[j] && !(Object.is(a[i], 0) && Object.is(b[j], -0)))) out[k++] = a[i++];
    else out[k++] = b[j++];
  }
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}

export function mergeSortedValues(a: SortedValuesAcc, b: SortedValuesAcc, who: string): SortedValuesAcc {
  if (a.d === 0) return cloneSortedValues(b);
  if (b.d === 0) return cloneSortedValues(a);
  if (a.d !== b.d) {
    throw new SchemaError(`${who}: cannot combine fits over ${a.d} and ${b.d} features; every batch needs the same features`, { column: who });
  }
  return {
    d: a.d,
    rows: a.rows + b.rows,
    missing: a.missing.map((v, j) => v + b.missing[j]),
    values: a.values.map((v, j) => mergeSorted(v, b.values[j])),
  };
}

export function cloneSortedValues(a: SortedValuesAcc): SortedValuesAcc {
  return { d: a.d, rows: a.rows, missing: a.missing.slice(), values: a.values.map((v) => v.slice()) };
}

/**
 * numpy.percentile(a, q, method="linear") of a sorted, non-empty array, reproducing
 * numpy 1.24's arithmetic: virtual index (n - 1) * (q / 100), and the two-sided lerp
 * (`b - (b - a) * (1 - t)` when t >= 0.5) so results match to the last bit.
 */
export function percentileSorted(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  const virtual = (n - 1) * (q / 100);
  let prev = Math.floor(virtual);
  if (prev < 0) prev = 0;
  if (prev > n - 1) prev = n - 1;
  const next = Math.min(prev + 1, n - 1);
  const gamma = virtual - prev;
  const a = sorted[prev];
  const b = sorted[next];
  const diff = b - a;
  return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
}

/** numpy.median of a sorted, non-empty array (mean of the two middle values for even n). */
export function medianSorted(sorted: Float64Array): number {
  const n = sorted.length;
  const h = n >> 1;
  if (n % 2 === 1) return sorted[h];
  // numpy.median: mean of the two middle elements, computed as (a + b) / 2.
  return (sorted[h - 1] + sorted[h]) / 2;
}
