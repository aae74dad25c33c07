/**
 * Per-feature value store for quantile-based fits (medians, percentiles, quantile grids,
 * bin edges, most-frequent values, and the values PowerTransformer fits λ on).
 *
 * Exact below a limit: each feature keeps its non-missing values sorted ascending, and
 * merging two stores is a merge of sorted runs, so merge is exactly associative and
 * commutative and partialFit + merge equals fit bit for bit (8 bytes per value).
 *
 * Bounded beyond it: once a feature holds more than `exactLimit` values (default 2^24),
 * it is summarized by the deterministic compactor sketch of quantile-sketch.ts
 * (`capacity` values per level, default 8192), whose certified rank error is kept with it
 * and bounded by (n / capacity) * (floor(log2(n / capacity)) + 1) ranks. The accessors
 * below answer from whichever form a feature is in.
 */
import { type Matrix, badType, isFloatArray } from "./columns.js";
import { InvalidOptionError, SchemaError } from "./errors.js";
import { exactMean } from "./exact-sum.js";
import { infinityError } from "./moments.js";
import { type QuantileSketch, mergeSketches, sketchMean, sketchOfSorted, valueAtRank } from "./quantile-sketch.js";
import { mergeSorted } from "./sorted-merge.js";

/** When a feature leaves the exact store, and how large its sketch is. */
export interface SketchPolicy {
  /** Values per feature kept exactly; beyond, the feature is sketched. */
  exactLimit: number;
  /** Values per sketch level (even, >= 8). */
  capacity: number;
}

export const DEFAULT_SKETCH_POLICY: SketchPolicy = { exactLimit: 2 ** 24, capacity: 8192 };

/** The options every quantile-based transform takes for fits larger than memory. */
export interface StreamingQuantileOptions {
  /**
   * Non-missing values per feature kept exactly (8 bytes each) before the feature switches
   * to the bounded quantile sketch. Default 16,777,216 (2^24); Infinity = always exact, 0 = always sketch.
   */
  exactValuesLimit?: number;
  /** Values per sketch level: memory vs accuracy (rank error <= (n / c)(log2(n / c) + 1)). Even, 8..2^24. Default 8192. */
  sketchCapacity?: number;
}

export function sketchPolicy(o: StreamingQuantileOptions, who: string): SketchPolicy {
  const limit = o.exactValuesLimit ?? DEFAULT_SKETCH_POLICY.exactLimit;
  if (typeof limit !== "number" || !(limit === Infinity || (Number.isInteger(limit) && limit >= 0))) {
    throw new InvalidOptionError(`${who}: option exactValuesLimit must be a non-negative integer or Infinity (default ${DEFAULT_SKETCH_POLICY.exactLimit}), got ${String(limit)}`);
  }
  const capacity = o.sketchCapacity ?? DEFAULT_SKETCH_POLICY.capacity;
  if (typeof capacity !== "number" || !Number.isInteger(capacity) || capacity < 8 || capacity > 2 ** 24 || capacity % 2 !== 0) {
    throw new InvalidOptionError(`${who}: option sketchCapacity must be an even integer from 8 to 16777216 (default ${DEFAULT_SKETCH_POLICY.capacity}), got ${String(capacity)}`);
  }
  return { exactLimit: limit, capacity };
}

export interface SortedValuesAcc {
  /** Feature count, 0 for the empty accumulator (identity of merge). */
  d: number;
  /** Rows seen per feature, missing included. */
  rows: number;
  /** Missing cells per feature. */
  missing: Float64Array;
  /**
   * Per feature, sorted runs of its non-missing values (none once the feature is sketched).
   * Their merge is the feature's sorted values; runs are merged lazily, binary-counter
   * style (each run at least twice the next), so streaming b batches of n values costs
   * O(n log b) copies instead of the O(n b) of merging every batch into one array.
   */
  runs: Float64Array[][];
  /** The feature's sketch once it passed the exact limit, else null. */
  sketches: (QuantileSketch | null)[];
}

export function emptySortedValues(): SortedValuesAcc {
  return { d: 0, rows: 0, missing: new Float64Array(0), runs: [], sketches: [] };
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
  return { d, rows: n, missing, runs: values.map((v) => (v.length > 0 ? [v] : [])), sketches: values.map(() => null) };
}

export function mergeSortedValues(a: SortedValuesAcc, b: SortedValuesAcc, who: string, policy: SketchPolicy = DEFAULT_SKETCH_POLICY): SortedValuesAcc {
  if (a.d === 0) return b.d === 0 ? cloneSortedValues(b) : mergeSortedValues(empty(b.d), b, who, policy);
  if (b.d === 0) return mergeSortedValues(a, empty(a.d), who, policy);
  if (a.d !== b.d) {
    throw new SchemaError(`${who}: cannot combine fits over ${a.d} and ${b.d} features; every batch needs the same features`, { column: who });
  }
  const runs: Float64Array[][] = [];
  const sketches: (QuantileSketch | null)[] = [];
  for (let j = 0; j < a.d; j++) {
    const sa = a.sketches[j];
    const sb = b.sketches[j];
    if (sa === null && sb === null && runsLength(a.runs[j]) + runsLength(b.runs[j]) <= policy.exactLimit) {
      runs.push(addRuns(a.runs[j], b.runs[j]));
      sketches.push(null);
      continue;
    }
    if (sa !== null && sb !== null && sa.capacity !== sb.capacity) {
      throw new SchemaError(`${who}: cannot combine quantile sketches of capacity ${sa.capacity} and ${sb.capacity}; fit every part with the same sketchCapacity`, { column: who });
    }
    const capacity = sa?.capacity ?? sb?.capacity ?? policy.capacity;
    let s: QuantileSketch | null;
    if (sa === null && sb === null) s = sketchOfSorted(consolidate(addRuns(a.runs[j], b.runs[j])), capacity);
    else {
      const x = sa ?? (a.runs[j].length > 0 ? sketchOfSorted(consolidate(a.runs[j]), capacity) : null);
      const y = sb ?? (b.runs[j].length > 0 ? sketchOfSorted(consolidate(b.runs[j]), capacity) : null);
      s = x === null ? y : y === null ? x : mergeSketches(x, y);
    }
    runs.push([]);
    sketches.push(s);
  }
  return { d: a.d, rows: a.rows + b.rows, missing: a.missing.map((v, j) => v + b.missing[j]), runs, sketches };
}

const EMPTY = new Float64Array(0);

function runsLength(runs: Float64Array[]): number {
  let n = 0;
  for (const r of runs) n += r.length;
  return n;
}

/** a's runs then b's, merging the tail while a run is less than twice the one before it. */
function addRuns(a: Float64Array[], b: Float64Array[]): Float64Array[] {
  const out = a.slice();
  for (const r of b) {
    if (r.length === 0) continue;
    out.push(r);
    while (out.length >= 2 && out[out.length - 2].length < 2 * out[out.length - 1].length) {
      const last = out.pop()!;
      out[out.length - 1] = mergeSorted(out[out.length - 1], last);
    }
  }
  return out;
}

/**
 * The sorted values of a run list, merged smallest runs first; the list is replaced in
 * place by its merge (same content, so every holder of the list still sees the same values).
 */
function consolidate(runs: Float64Array[]): Float64Array {
  if (runs.length === 0) return EMPTY;
  while (runs.length > 1) {
    const last = runs.pop()!;
    runs[runs.length - 1] = mergeSorted(runs[runs.length - 1], last);
  }
  return runs[0];
}

/** Feature j's sorted non-missing values (exact store only; empty once sketched). */
export function sortedValuesOf(acc: SortedValuesAcc, j: number): Float64Array {
  return consolidate(acc.runs[j]);
}

/** The accumulator of zero rows over d features (applies the policy to the other side of a merge). */
function empty(d: number): SortedValuesAcc {
  return { d, rows: 0, missing: new Float64Array(d), runs: Array.from({ length: d }, () => []), sketches: Array.from({ length: d }, () => null) };
}

export function cloneSortedValues(a: SortedValuesAcc): SortedValuesAcc {
  // Runs and sketches are never mutated in content, so sharing them is safe.
  return { d: a.d, rows: a.rows, missing: a.missing.slice(), runs: a.runs.map((r) => r.slice()), sketches: a.sketches.slice() };
}

// ---- accessors: exact when the feature is in the exact store, within the sketch's bound otherwise

/** Non-missing values of feature j. */
export function valueCount(acc: SortedValuesAcc, j: number): number {
  return acc.sketches[j]?.count ?? runsLength(acc.runs[j]);
}

/** Per feature, the certified rank error of the quantiles read from acc: 0 where exact. */
export function rankErrorsOf(acc: SortedValuesAcc): Float64Array {
  return Float64Array.from(acc.sketches, (s) => s?.rankError ?? 0);
}

/** The smallest and largest non-missing value of feature j (exact in both forms). */
export function extremesOf(acc: SortedValuesAcc, j: number): [number, number] {
  const s = acc.sketches[j];
  if (s) return [s.min, s.max];
  const v = sortedValuesOf(acc, j);
  return [v[0], v[v.length - 1]];
}

/** numpy.percentile(values, q) of feature j (see percentileSorted). */
export function percentileOf(acc: SortedValuesAcc, j: number, q: number): number {
  const s = acc.sketches[j];
  if (!s) return percentileSorted(sortedValuesOf(acc, j), q);
  return percentileAt(s.count, (r) => valueAtRank(s, r), q);
}

/** numpy.median of feature j, but finite whenever the values are (a/2 + b/2 when a + b overflows). */
export function finiteMedianOf(acc: SortedValuesAcc, j: number): number {
  const s = acc.sketches[j];
  const n = valueCount(acc, j);
  const v = s ? EMPTY : sortedValuesOf(acc, j);
  const at = s ? (r: number) => valueAtRank(s, r) : (r: number) => v[r];
  const h = n >> 1;
  if (n % 2 === 1) return at(h);
  const a = at(h - 1);
  const b = at(h);
  const m = (a + b) / 2;
  return Number.isFinite(m) ? m : a / 2 + b / 2;
}

/** The mean of feature j's values, correctly rounded sum / n (exact in both forms). */
export function meanOf(acc: SortedValuesAcc, j: number): number {
  const s = acc.sketches[j];
  return s ? sketchMean(s) : exactMean(sortedValuesOf(acc, j));
}

/** Points a sketched feature is expanded to for fits that need values, not quantiles. */
export const SKETCH_SAMPLE_POINTS = 65536;

/**
 * Ascending values of feature j for fits that iterate over the data (PowerTransformer's λ,
 * kmeans bins): all values when exact; from a sketch, SKETCH_SAMPLE_POINTS values at the
 * evenly spaced ranks (i + 0.5) n / points — the data's distribution to within the sketch's
 * rank error plus half a step.
 */
export function sortedSampleOf(acc: SortedValuesAcc, j: number): Float64Array {
  const s = acc.sketches[j];
  if (!s) return sortedValuesOf(acc, j);
  const points = Math.min(s.count, SKETCH_SAMPLE_POINTS);
  const out = new Float64Array(points);
  for (let i = 0; i < points; i++) out[i] = valueAtRank(s, Math.floor(((i + 0.5) * s.count) / points));
  return out;
}

/** numpy's linear percentile over n sorted values read through `at`. */
function percentileAt(n: number, at: (r: number) => number, q: number): number {
  const virtual = (n - 1) * (q / 100);
  let prev = Math.floor(virtual);
  if (prev < 0) prev = 0;
  if (prev > n - 1) prev = n - 1;
  const next = Math.min(prev + 1, n - 1);
  const gamma = virtual - prev;
  const a = at(prev);
  const b = at(next);
  const diff = b - a;
  return gamma >= 0.5 ? b - diff * (1 - gamma) : a + diff * gamma;
}

/**
 * numpy.percentile(a, q, method="linear") of a sorted, non-empty array, reproducing
 * numpy 1.24's arithmetic: virtual index (n - 1) * (q / 100), and the two-sided lerp
 * (`b - (b - a) * (1 - t)` when t >= 0.5) so results match to the last bit.
 */
export function percentileSorted(sorted: Float64Array, q: number): number {
  return percentileAt(sorted.length, (r) => sorted[r], q);
}
