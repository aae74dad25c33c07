/**
 * The learned vocabulary, as scikit-learn 1.2's CountVectorizer._limit_features and
 * _sort_features choose it from the counts of all fitted documents:
 *
 *  1. bounds in documents: maxDocCount = maxDf (count) or maxDf x documents
 *     (fraction), minDocCount likewise; maxDocCount < minDocCount is an error;
 *  2. keep the terms with minDocCount <= df <= maxDocCount;
 *  3. if more than maxFeatures remain, keep the maxFeatures with the largest corpus
 *     frequency — total occurrences, or document frequency with `binary` (scikit-learn
 *     fills the counts with 1 before limiting). Ties: scikit-learn ranks with NumPy's
 *     unstable quicksort over the code-point-sorted terms, so which tied terms survive
 *     at the cut can vary with the NumPy version; here it is always the terms that
 *     sort first (code point order), which is what a stable sort gives and what NumPy
 *     gives for 16 candidates or fewer;
 *  4. no term left is an error; the rest sorted by code point (Python's sorted()).
 */
import { InvalidInputError, InvalidOptionError } from "../../core/errors.js";
import { type TokenCounts, selectTokens } from "../../core/vocabulary/index.js";
import type { DfBound } from "../../artefact/states.js";
import { compareTermIds, sortTermIds } from "../../text/sort-terms.js";
import { TermTable } from "../../text/term-table.js";

export interface VocabularyLimits {
  minDf: DfBound;
  maxDf: DfBound;
  maxFeatures: number;
  binary: boolean;
}

/** Term statistics as parallel arrays: occurrences and documents of term i of `table` (i < table.size). */
export interface TermStats {
  table: TermTable;
  tf: ArrayLike<number>;
  df: ArrayLike<number>;
  documents: number;
}

/** The accumulator's Maps as parallel arrays. */
export function statsOf(acc: TokenCounts<string>): TermStats {
  const n = acc.counts.size;
  const table = new TermTable(n);
  const tf = new Float64Array(n);
  const df = new Float64Array(n);
  const dfs = acc.documentCounts!;
  for (const [t, c] of acc.counts) {
    // Map keys are distinct: ids come out as 0, 1, 2, ...
    const i = table.intern(t, 0, t.length);
    tf[i] = c;
    df[i] = dfs.get(t) ?? 0;
  }
  return { table, tf, df, documents: acc.documents };
}

/**
 * The chosen terms as indices into stats.terms, in code point order of the terms.
 * Throws the typed errors scikit-learn raises as ValueError.
 */
export function selectVocabulary(stats: TermStats, limits: VocabularyLimits, who: string): Uint32Array {
  const n = stats.documents;
  if (n === 0) throw new InvalidInputError(`${who}: fit saw no documents; pass at least one document (or give a vocabulary)`, { column: who });
  const { table, tf, df } = stats;
  const size = table.size;
  const present = countPresent(tf, size);
  if (present === 0) {
    throw new InvalidInputError(`${who}: empty vocabulary — the ${n} fitted document(s) hold no token; check the analyzer, tokenPattern and ngramRange (scikit-learn: "empty vocabulary")`, { column: who });
  }
  const high = limits.maxDf.fraction ? limits.maxDf.value * n : limits.maxDf.value;
  const low = limits.minDf.fraction ? limits.minDf.value * n : limits.minDf.value;
  if (high < low) {
    throw new InvalidOptionError(`${who}: maxDf corresponds to fewer documents (${high}) than minDf (${low}) over ${n} documents; raise maxDf or lower minDf`);
  }
  let kept = new Uint32Array(present);
  const m = keepWithin(tf, df, size, low, high, kept);
  kept = kept.subarray(0, m);
  if (limits.maxFeatures > 0 && m > limits.maxFeatures) {
    const rank = new Map<number, number>();
    for (let k = 0; k < m; k++) rank.set(kept[k], limits.binary ? df[kept[k]] : tf[kept[k]]);
    kept = Uint32Array.from(selectTokens(rank, { limit: limits.maxFeatures, ties: "ascending", compare: (a, b) => compareTermIds(table.codeUnits, table.termStarts, a, b) }));
  }
  if (kept.length === 0) {
    throw new InvalidInputError(`${who}: after pruning by minDf/maxDf no terms remain; try a lower minDf or a higher maxDf (scikit-learn: "After pruning, no terms remain")`, {
      column: who,
    });
  }
  return sortTermIds(table.codeUnits, table.termStarts, kept);
}

// One loop per function: these run once per fit over every term, and V8 compiles such a
// loop while it runs (on-stack replacement); a function holding several is recompiled
// loop by loop on every call.

function countPresent(tf: ArrayLike<number>, size: number): number {
  let present = 0;
  for (let i = 0; i < size; i++) if (tf[i] > 0) present++;
  return present;
}

/** Writes the ids of the present terms with low <= df <= high to `kept`; returns how many. */
function keepWithin(tf: ArrayLike<number>, df: ArrayLike<number>, size: number, low: number, high: number, kept: Uint32Array): number {
  let m = 0;
  for (let i = 0; i < size; i++) if (tf[i] > 0 && df[i] <= high && df[i] >= low) kept[m++] = i;
  return m;
}
