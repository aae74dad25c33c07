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
 * at most `limit` tokens. Built for millions of distinct tokens: tokens are grouped by
 * count, groups taken in count order until the limit, and only the tokens of the groups
 * kept are sorted, with native sorts (strings by UTF-16 units when no token holds a
 * surrogate or a unit at or above U+E000 — then unit order is code-point order — numbers
 * as a Float64Array). A custom `compare` falls back to a comparator sort.
 */
export function selectTokens<T extends Token>(counts: Map<T, number>, options: SelectOptions<T> = {}): T[] {
  const excluded = new Set<T | null>(options.exclude ?? []);
  const descending = (options.ties ?? "descending") === "descending";
  const groups = new Map<number, T[]>();
  let m = 0;
  for (const [t, c] of counts) {
    if (!(c > 0) || excluded.has(t)) continue;
    const g = groups.get(c);
    if (g === undefined) groups.set(c, [t]);
    else g.push(t);
    m++;
  }
  const limit = Math.min(m, options.limit ?? Infinity);
  const out: T[] = [];
  if (limit <= 0) return out;
  const order = Float64Array.from(groups.keys()).sort().reverse();
  for (let k = 0; k < order.length && out.length < limit; k++) {
    const group = sortTokens(groups.get(order[k])!, descending, options.compare);
    const take = Math.min(group.length, limit - out.length);
    for (let i = 0; i < take; i++) out.push(group[i]);
  }
  return out;
}

/** Tokens (unique) in tie order, without mutating the input. */
function sortTokens<T extends Token>(tokens: T[], descending: boolean, compare: ((a: T, b: T) => number) | undefined): T[] {
  if (tokens.length < 2) return tokens.slice();
  let out: T[];
  if (compare !== undefined) {
    out = tokens.slice().sort(compare);
  } else if (typeof tokens[0] === "number") {
    out = Array.from(Float64Array.from(tokens as number[]).sort()) as T[];
  } else if ((tokens as string[]).some((t) => UNIT_ORDER_DIFFERS.test(t))) {
    out = (tokens as string[]).slice().sort(compareCodePoints) as T[];
  } else {
    out = (tokens as string[]).slice().sort() as T[];
  }
  // Tokens are distinct, so reversing the ascending order is exactly the descending one.
  return descending ? out.reverse() : out;
}

/** Surrogates and U+E000..U+FFFF: the only units whose UTF-16 order differs from code-point order. */
const UNIT_ORDER_DIFFERS = /[\ud800-\uffff]/;
