/**
 * A bounded-memory, mergeable quantile sketch for fits larger than memory: a
 * deterministic hierarchy of compactors (Manku–Rajagopalan–Lindsay 1998; the compactor
 * view of Karnin–Lang–Liberty 2016, without KLL's random coins so the same data in the
 * same order always gives the same artefact bytes).
 *
 * Level h holds sorted values that each stand for 2^h original values. When a level
 * holds more than `capacity` values it is compacted: its values are paired off in sorted
 * order and one value of each pair moves up a level (weight doubles); with an odd count
 * one end value stays. Which half moves (and which end stays) alternates with the
 * level's compaction count, so the rounding of ranks does not always lean the same way.
 *
 * Error bound. Let R(x) be the number of summarized values <= x and R̂(x) the total weight
 * of sketch values <= x. One compaction at level h changes R̂(x) by at most 2^h for every
 * x, so `rankError` — the sum of 2^h over all compactions, kept in the sketch — bounds
 * |R̂(x) - R(x)| for every x, after any sequence of updates and merges. Every compaction
 * at level h consumes at least `capacity` values of weight 2^h and at most `count` weight
 * ever reaches a level, so
 *
 *     rankError <= (count / capacity) * (floor(log2(count / capacity)) + 1).
 *
 * A rank query therefore returns a value whose true rank is within ±rankError of the
 * requested one (min and max are kept exactly). Memory: at most `capacity` values per
 * level after each update, over floor(log2(count / capacity)) + 2 levels.
 *
 * Merge concatenates levels and then compacts: it is commutative (the result depends on
 * the levels' contents and the summed compaction counts only) and the bound above holds
 * for any merge tree; it is not bit-for-bit associative, which is why fits stay exact
 * below the exact limit (see sorted-values.ts).
 */
import { mergeSorted } from "./sorted-merge.js";
import { type PartialSum, addToPartialSum, emptyPartialSum, mergePartialSums, partialSumMean } from "./exact-sum.js";

export interface QuantileSketch {
  /** Values a level may hold before it is compacted (even, >= 2). */
  capacity: number;
  /** Values summarized (the total weight). */
  count: number;
  /** Exact extremes. */
  min: number;
  max: number;
  /** levels[h]: ascending values of weight 2^h each. */
  levels: Float64Array[];
  /** Compactions done per level; the parity chooses which half moves up next time. */
  compactions: number[];
  /** Certified bound on |estimated rank - true rank| for any query (see above). */
  rankError: number;
  /** The exact sum of the values (for means). */
  sum: PartialSum;
}

/** The worst-case rank error of a sketch of `count` values at `capacity` (the bound above). */
export function rankErrorBound(count: number, capacity: number): number {
  if (count <= capacity) return 0;
  const ratio = count / capacity;
  return ratio * (Math.floor(Math.log2(ratio)) + 1);
}

/** A sketch of a sorted, non-empty array. */
export function sketchOfSorted(sorted: Float64Array, capacity: number): QuantileSketch {
  const s: QuantileSketch = {
    capacity,
    count: sorted.length,
    min: sorted[0],
    max: sorted[sorted.length - 1],
    levels: [sorted.slice()],
    compactions: [0],
    rankError: 0,
    sum: addToPartialSum(emptyPartialSum(), sorted),
  };
  compress(s);
  return s;
}

export function mergeSketches(a: QuantileSketch, b: QuantileSketch): QuantileSketch {
  const n = Math.max(a.levels.length, b.levels.length);
  const levels: Float64Array[] = [];
  const compactions: number[] = [];
  for (let h = 0; h < n; h++) {
    levels.push(mergeSorted(a.levels[h] ?? EMPTY, b.levels[h] ?? EMPTY));
    compactions.push((a.compactions[h] ?? 0) + (b.compactions[h] ?? 0));
  }
  const s: QuantileSketch = {
    capacity: a.capacity,
    count: a.count + b.count,
    min: lower(a.min, b.min),
    max: Object.is(lower(a.max, b.max), a.max) ? b.max : a.max,
    levels,
    compactions,
    rankError: a.rankError + b.rankError,
    sum: mergePartialSums(a.sum, b.sum),
  };
  compress(s);
  return s;
}

const EMPTY = new Float64Array(0);

/** The smaller of two values in the sort order (-0 before +0). */
function lower(a: number, b: number): number {
  return a < b || (a === b && Object.is(a, -0)) ? a : b;
}

function compress(s: QuantileSketch): void {
  for (let h = 0; h < s.levels.length; h++) {
    const level = s.levels[h];
    if (level.length <= s.capacity) continue;
    const flip = s.compactions[h] & 1;
    const odd = level.length & 1;
    // With an odd count one end value stays: the top one on even compactions, the bottom one on odd.
    const start = odd && flip ? 1 : 0;
    const pairs = (level.length - odd) >> 1;
    const up = new Float64Array(pairs);
    for (let i = 0; i < pairs; i++) up[i] = level[start + 2 * i + flip];
    s.levels[h] = odd ? Float64Array.of(flip ? level[0] : level[level.length - 1]) : EMPTY;
    if (h + 1 === s.levels.length) {
      s.levels.push(EMPTY);
      s.compactions.push(0);
    }
    s.levels[h + 1] = mergeSorted(s.levels[h + 1], up);
    s.compactions[h]++;
    s.rankError += 2 ** h;
  }
}

/** Values held (the memory footprint is 8 bytes each). */
export function sketchSize(s: QuantileSketch): number {
  return s.levels.reduce((n, l) => n + l.length, 0);
}

/** The sketch as one ascending list with cumulative weights, for rank queries. */
interface RankView {
  values: Float64Array;
  /** cumulative[i]: total weight of values[0..i]. */
  cumulative: Float64Array;
}

const views = new WeakMap<QuantileSketch, RankView>();

function rankView(s: QuantileSketch): RankView {
  let v = views.get(s);
  if (v) return v;
  const size = sketchSize(s);
  const values = new Float64Array(size);
  const weights = new Float64Array(size);
  // Merge the levels' sorted runs with their weights (few levels: repeated two-way merges are fine).
  let len = 0;
  for (let h = 0; h < s.levels.length; h++) {
    const level = s.levels[h];
    const w = 2 ** h;
    const mergedV = new Float64Array(len + level.length);
    const mergedW = new Float64Array(len + level.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < len && j < level.length) {
      if (values[i] <= level[j]) {
        mergedV[k] = values[i];
        mergedW[k++] = weights[i++];
      } else {
        mergedV[k] = level[j++];
        mergedW[k++] = w;
      }
    }
    while (i < len) {
      mergedV[k] = values[i];
      mergedW[k++] = weights[i++];
    }
    while (j < level.length) {
      mergedV[k] = level[j++];
      mergedW[k++] = w;
    }
    values.set(mergedV);
    weights.set(mergedW);
    len = k;
  }
  const cumulative = new Float64Array(size);
  let c = 0;
  for (let i = 0; i < size; i++) cumulative[i] = c += weights[i];
  v = { values, cumulative };
  views.set(s, v);
  return v;
}

/**
 * The value at 0-based rank r of the summarized data (as if it were sorted), within
 * ±rankError ranks; rank 0 and count - 1 give the exact min and max.
 */
export function valueAtRank(s: QuantileSketch, r: number): number {
  if (r <= 0) return s.min;
  if (r >= s.count - 1) return s.max;
  const { values, cumulative } = rankView(s);
  // First value whose cumulative weight exceeds r.
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] > r) hi = mid;
    else lo = mid + 1;
  }
  return values[lo];
}

/** Estimated number of summarized values <= x (within ±rankError). */
export function rankOf(s: QuantileSketch, x: number): number {
  const { values, cumulative } = rankView(s);
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? 0 : cumulative[lo - 1];
}

/** The exact mean of the summarized values (exactMean's arithmetic over the kept exact sum). */
export function sketchMean(s: QuantileSketch): number {
  return partialSumMean(s.sum, s.count);
}
