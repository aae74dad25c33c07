/**
 * Choosing a vocabulary from token counts: the most frequent tokens first, ties broken
 * by the tokens themselves, so the same counts always give the same vocabulary (and the
 * same artefact bytes), whatever order the counts were accumulated or merged in.
 *
 * Keras' IndexLookup.finalize_state sorts with `np.lexsort((tokens, counts))[::-1]`:
 * ascending by count then token, reversed — i.e. count descending, and for equal counts
 * the token descending ("ties broken by sort order of the tokens (high to low)" in the
 * StringLookup/IntegerLookup adapt docs). NumPy compares string tokens as UTF-8 bytes,
 * which is Unicode code-point order, and integer tokens numerically. `ties: "descending"`
 * reproduces that; `"ascending"` is there for vocabularies that break ties the other way.
 */
import { compareCodePoints } from "../code-point-order.js";
import type { Token } from "./counts.js";

/** Code-point order for strings (as Python/NumPy), numeric order for numbers. Tokens of one type only. */
export function compareTokens(a: Token, b: Token): number {
  if (typeof a === "string") return compareCodePoints(a, b as string);
  const y = b as number;
  return a < y ? -1 : a > y ? 1 : 0;
}

export interface SelectOptions<T extends Token> {
  /** Most tokens to keep (Infinity or undefined: all). */
  limit?: number;
  /** Tokens never selected (Keras removes the mask and OOV tokens before choosing). */
  exclude?: readonly (T | null)[];
  /** Order among equal counts. Default "descending" (Keras). */
  ties?: "descending" | "ascending";
  /** Token order used for ties. Default {@link compareTokens}. */
  compare?: (a: T, b: T) => number;
}

/**
 * The vocabulary chosen from `counts`: count descending, ties by token (see module doc),
 * at most `limit` tokens. O(n log n) for a full vocabulary; O(n log k) when the limit k
 * is much smaller than the n distinct tokens (a bounded heap, no full sort).
 */
export function selectTokens<T extends Token>(counts: Map<T, number>, options: SelectOptions<T> = {}): T[] {
  const excluded = new Set<T | null>(options.exclude ?? []);
  const cmp = options.compare ?? (compareTokens as (a: T, b: T) => number);
  const sign = (options.ties ?? "descending") === "descending" ? -1 : 1;
  const n = counts.size;
  const keys: T[] = new Array(n);
  const freq = new Float64Array(n);
  let m = 0;
  for (const [t, c] of counts) {
    if (c <= 0 || excluded.has(t)) continue;
    keys[m] = t;
    freq[m] = c;
    m++;
  }
  keys.length = m;
  const limit = Math.min(m, options.limit ?? Infinity);
  if (limit <= 0) return [];
  // order(i, j) < 0 when token i comes before token j in the vocabulary.
  const order = (i: number, j: number): number => {
    const d = freq[j] - freq[i];
    return d !== 0 ? d : sign * cmp(keys[i], keys[j]);
  };
  let chosen: Uint32Array;
  if (limit * 4 < m) {
    chosen = heapSelect(m, limit, order);
  } else {
    chosen = new Uint32Array(m);
    for (let i = 0; i < m; i++) chosen[i] = i;
  }
  chosen.sort(order);
  const out: T[] = new Array(limit);
  for (let i = 0; i < limit; i++) out[i] = keys[chosen[i]];
  return out;
}

/**
 * The k best of 0..m-1 under `order` (unsorted), with a heap whose root is the worst
 * kept element: each candidate better than the root replaces it.
 */
function heapSelect(m: number, k: number, order: (i: number, j: number) => number): Uint32Array {
  const heap = new Uint32Array(k);
  // "worse(a, b)": a comes after b in the vocabulary; the root is the worst kept.
  const siftDown = (at: number): void => {
    for (;;) {
      const l = 2 * at + 1;
      if (l >= k) return;
      const r = l + 1;
      const w = r < k && order(heap[r], heap[l]) > 0 ? r : l;
      if (order(heap[w], heap[at]) <= 0) return;
      const tmp = heap[at];
      heap[at] = heap[w];
      heap[w] = tmp;
      at = w;
    }
  };
  for (let i = 0; i < k; i++) heap[i] = i;
  for (let i = (k >> 1) - 1; i >= 0; i--) siftDown(i);
  for (let i = k; i < m; i++) {
    if (order(i, heap[0]) < 0) {
      heap[0] = i;
      siftDown(0);
    }
  }
  return heap;
}
