/**
 * Mergeable word-context co-occurrence counts for learning embeddings from a corpus.
 *
 * X[w][c] = the number of position pairs (i, j) in one row with 0 < |i - j| <= window,
 * token w at i and c at j (uniform weight within the window, as Levy, Goldberg & Dagan
 * 2015 count for PPMI; rows are separate documents — windows never cross rows). X is
 * symmetric, so each unordered pair of positions is stored once.
 *
 * Counting happens before the vocabulary is known (a streaming fit sees the data once),
 * over every token of the row after masked and missing entries are dropped; pairs with a
 * token outside the final vocabulary are dropped when the matrix is built.
 *
 * Representation — plain data (structured-cloneable), no per-pair JS objects: tokens get
 * local ids in order of first sight; a pair of ids is the integer lo * 2^26 + hi in a
 * Float64Array (exact below 2^53). New pairs are appended to `pending`; when it fills it
 * is sorted (a native typed-array sort) and run-length merged into the sorted unique
 * `keys` with their `counts`. So memory is ~16 bytes per distinct pair, not a Map entry.
 * Merging remaps the other side's ids into this side's and merges the sorted lists:
 * associative and commutative up to id numbering, which the finalized matrix does not
 * depend on (it is built in vocabulary order).
 */
import type { CategoryValue } from "../../core/categories.js";
import { InvalidInputError } from "../../core/errors.js";

const ID_SPACE = 2 ** 26;
/** Largest number of distinct tokens a corpus fit can count pairs for. */
export const MAX_PAIR_TOKENS = ID_SPACE;
/** Pending pairs held before a sort-and-merge (16 MiB of keys). */
const PENDING_MAX = 1 << 21;

export interface PairCounts {
  /** Token -> local id. */
  ids: Map<CategoryValue, number>;
  /** Local id -> token. */
  tokens: CategoryValue[];
  /** Distinct pair keys (lo * 2^26 + hi, lo <= hi), ascending. */
  keys: Float64Array;
  /** Occurrences of each key. */
  counts: Float64Array;
  /** Keys not yet merged into `keys`, in `pending[0 .. pendingLength)`. */
  pending: Float64Array;
  pendingLength: number;
}

export function emptyPairs(): PairCounts {
  return { ids: new Map(), tokens: [], keys: new Float64Array(0), counts: new Float64Array(0), pending: new Float64Array(0), pendingLength: 0 };
}

let idScratch = new Int32Array(256);

function intern(acc: PairCounts, t: CategoryValue, who: string): number {
  let id = acc.ids.get(t);
  if (id === undefined) {
    id = acc.tokens.length;
    if (id >= ID_SPACE) {
      throw new InvalidInputError(`${who}: a corpus fit counts pairs for at most ${ID_SPACE} distinct tokens; normalize or filter the tokens first`, { column: who });
    }
    acc.ids.set(t, id);
    acc.tokens.push(t);
  }
  return id;
}

/** Counts the pairs of one row's tokens (`tokens[0 .. length)`) within `window` (mutates acc). */
export function addRowPairs(acc: PairCounts, tokens: readonly CategoryValue[], length: number, window: number, who: string): void {
  if (length < 2) {
    for (let i = 0; i < length; i++) intern(acc, tokens[i], who);
    return;
  }
  if (idScratch.length < length) idScratch = new Int32Array(Math.max(length, idScratch.length * 2));
  const ids = idScratch;
  for (let i = 0; i < length; i++) ids[i] = intern(acc, tokens[i], who);
  for (let i = 0; i < length - 1; i++) {
    const a = ids[i];
    const end = Math.min(length - 1, i + window);
    for (let j = i + 1; j <= end; j++) {
      const b = ids[j];
      push(acc, a <= b ? a * ID_SPACE + b : b * ID_SPACE + a);
    }
  }
}

function push(acc: PairCounts, key: number): void {
  if (acc.pendingLength === acc.pending.length) {
    if (acc.pending.length < PENDING_MAX) {
      const grown = new Float64Array(Math.max(1024, acc.pending.length * 2));
      grown.set(acc.pending);
      acc.pending = grown;
    } else {
      compact(acc);
    }
  }
  acc.pending[acc.pendingLength++] = key;
}

/** Sorted distinct keys and their counts from unsorted keys (each counted once). */
function runLength(sorted: Float64Array): { keys: Float64Array; counts: Float64Array } {
  let distinct = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct++;
  const keys = new Float64Array(distinct);
  const counts = new Float64Array(distinct);
  let k = -1;
  for (let i = 0; i < sorted.length; i++) {
    if (i === 0 || sorted[i] !== sorted[i - 1]) keys[++k] = sorted[i];
    counts[k]++;
  }
  return { keys, counts };
}

/** Merges two sorted (key, count) lists, adding the counts of equal keys. */
function mergeSorted(ak: Float64Array, ac: Float64Array, bk: Float64Array, bc: Float64Array): { keys: Float64Array; counts: Float64Array } {
  if (bk.length === 0) return { keys: ak, counts: ac };
  if (ak.length === 0) return { keys: bk, counts: bc };
  const keys = new Float64Array(ak.length + bk.length);
  const counts = new Float64Array(ak.length + bk.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < ak.length || j < bk.length) {
    if (j >= bk.length || (i < ak.length && ak[i] < bk[j])) {
      keys[n] = ak[i];
      counts[n++] = ac[i++];
    } else if (i >= ak.length || bk[j] < ak[i]) {
      keys[n] = bk[j];
      counts[n++] = bc[j++];
    } else {
      keys[n] = ak[i];
      counts[n++] = ac[i++] + bc[j++];
    }
  }
  return { keys: keys.slice(0, n), counts: counts.slice(0, n) };
}

/** Folds the pending keys into keys/counts (mutates acc). */
function compact(acc: PairCounts): void {
  const sorted = acc.pending.subarray(0, acc.pendingLength).sort();
  const fresh = runLength(sorted);
  const merged = mergeSorted(acc.keys, acc.counts, fresh.keys, fresh.counts);
  acc.keys = merged.keys;
  acc.counts = merged.counts;
  acc.pendingLength = 0;
}

/** The sorted (key, count) lists of everything `acc` counted, without modifying it. */
export function settledPairs(acc: PairCounts): { keys: Float64Array; counts: Float64Array } {
  if (acc.pendingLength === 0) return { keys: acc.keys, counts: acc.counts };
  const fresh = runLength(acc.pending.slice(0, acc.pendingLength).sort());
  return mergeSorted(acc.keys, acc.counts, fresh.keys, fresh.counts);
}

/** Split a key into its two ids. */
export function keyIds(key: number): [number, number] {
  const lo = Math.floor(key / ID_SPACE);
  return [lo, key - lo * ID_SPACE];
}

/** A new accumulator holding both; never mutates its arguments. */
export function mergePairs(a: PairCounts, b: PairCounts, who: string): PairCounts {
  const out: PairCounts = { ids: new Map(a.ids), tokens: a.tokens.slice(), keys: new Float64Array(0), counts: new Float64Array(0), pending: new Float64Array(0), pendingLength: 0 };
  const remap = new Int32Array(b.tokens.length);
  let identity = true;
  for (let i = 0; i < b.tokens.length; i++) {
    remap[i] = intern(out, b.tokens[i], who);
    if (remap[i] !== i) identity = false;
  }
  const sa = settledPairs(a);
  const sb = settledPairs(b);
  let bk = sb.keys;
  let bc = sb.counts;
  if (!identity) {
    // Renumbered keys are no longer sorted: sort positions by their new key.
    const renamed = new Float64Array(bk.length);
    for (let i = 0; i < bk.length; i++) {
      const [lo, hi] = keyIds(bk[i]);
      const x = remap[lo];
      const y = remap[hi];
      renamed[i] = x <= y ? x * ID_SPACE + y : y * ID_SPACE + x;
    }
    const order = Uint32Array.from({ length: bk.length }, (_, i) => i).sort((i, j) => renamed[i] - renamed[j]);
    bk = new Float64Array(order.length);
    bc = new Float64Array(order.length);
    for (let i = 0; i < order.length; i++) {
      bk[i] = renamed[order[i]];
      bc[i] = sb.counts[order[i]];
    }
  }
  const merged = mergeSorted(sa.keys, sa.counts, bk, bc);
  // mergeSorted may hand back an input array unchanged: copy so `out` shares nothing with a or b.
  out.keys = merged.keys === sa.keys || merged.keys === sb.keys ? merged.keys.slice() : merged.keys;
  out.counts = merged.counts === sa.counts || merged.counts === sb.counts ? merged.counts.slice() : merged.counts;
  return out;
}
