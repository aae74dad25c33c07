/**
 * Mergeable token statistics for fitting a vocabulary: occurrences per token, and
 * (for tf-idf) documents per token and the number of documents. Plain data — Maps of
 * primitives to numbers — so an accumulator crosses worker threads (structured clone)
 * and merges associatively and commutatively, with {@link emptyTokenCounts} as identity.
 * Counts are integers held in float64, exact up to 2^53 occurrences.
 *
 * Shared by the Keras-style lookups (StringLookup, IntegerLookup) and the text
 * vectorizers: they differ in how a row becomes tokens, not in how tokens are counted.
 * Tokens are compared with Map semantics (SameValueZero), never through plain-object
 * keys, so "__proto__" is an ordinary token.
 */
import { SkewlessError } from "../errors.js";

export type Token = string | number;

export interface TokenCounts<T extends Token = Token> {
  /** Occurrences of each token over all documents. */
  counts: Map<T, number>;
  /** Documents containing each token at least once, or null when not tracked (no tf-idf). */
  documentCounts: Map<T, number> | null;
  /** Documents (rows) seen, empty ones included. */
  documents: number;
}

export function emptyTokenCounts<T extends Token>(trackDocuments: boolean): TokenCounts<T> {
  return { counts: new Map(), documentCounts: trackDocuments ? new Map() : null, documents: 0 };
}

/** Scratch set for de-duplicating one document's tokens; emptied after each use. */
const seen = new Set<Token>();

/**
 * Adds one document — the first `length` entries of `tokens` — to `acc` (mutates).
 * Callers validate tokens first; an empty document still counts toward `documents`.
 */
export function addDocument<T extends Token>(acc: TokenCounts<T>, tokens: ArrayLike<T>, length: number = tokens.length): void {
  const counts = acc.counts;
  for (let i = 0; i < length; i++) {
    const t = tokens[i];
    counts.set(t, (counts.get(t) ?? 0) + 1);
  }
  const df = acc.documentCounts;
  if (df !== null) {
    if (length === 1) {
      df.set(tokens[0], (df.get(tokens[0]) ?? 0) + 1);
    } else if (length > 1) {
      try {
        for (let i = 0; i < length; i++) {
          const t = tokens[i];
          if (seen.has(t)) continue;
          seen.add(t);
          df.set(t, (df.get(t) ?? 0) + 1);
        }
      } finally {
        seen.clear();
      }
    }
  }
  acc.documents++;
}

/** Adds `documents` documents holding no token (e.g. rows whose values were all missing). */
export function addEmptyDocuments(acc: TokenCounts, documents: number): void {
  acc.documents += documents;
}

function addInto<T>(target: Map<T, number>, source: Map<T, number>): void {
  for (const [t, c] of source) target.set(t, (target.get(t) ?? 0) + c);
}

/** A new accumulator holding both; never mutates its arguments. Merging copies the larger map and adds the smaller one. */
export function mergeTokenCounts<T extends Token>(a: TokenCounts<T>, b: TokenCounts<T>): TokenCounts<T> {
  if ((a.documentCounts === null) !== (b.documentCounts === null)) {
    throw new SkewlessError(
      "MERGE_INCOMPATIBLE",
      "cannot merge token counts with document frequencies into counts without them; fit both parts with the same options",
    );
  }
  const [big, small] = a.counts.size >= b.counts.size ? [a, b] : [b, a];
  const counts = new Map(big.counts);
  addInto(counts, small.counts);
  let documentCounts: Map<T, number> | null = null;
  if (big.documentCounts !== null && small.documentCounts !== null) {
    documentCounts = new Map(big.documentCounts);
    addInto(documentCounts, small.documentCounts);
  }
  return { counts, documentCounts, documents: a.documents + b.documents };
}
