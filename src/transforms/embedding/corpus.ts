/**
 * Embeddings learned from the fit data itself: PPMI of word-context co-occurrences,
 * factored by a truncated SVD (Levy, Goldberg & Dagan 2015, "Improving distributional
 * similarity with lessons learned from word embeddings") — a count-based method that
 * needs no download and no gradient descent, deterministic for a given seed.
 *
 *   X        co-occurrence counts within `window` (./cooccurrence.ts), vocabulary x vocabulary
 *   #(w)     row sums of X (= column sums: X is symmetric)
 *   PMI      log( X[w][c] * Σ_c #(c)^α / (#(w) * #(c)^α) )    α = contextSmoothing (0.75)
 *   PPMI     max(PMI, 0), kept sparse (only pairs that co-occur)
 *   vectors  U_d Σ_d^p  from the rank-d SVD of PPMI             p = eigenWeight (0.5)
 *
 * The SVD is randomized subspace iteration (src/core/randomized-svd.ts) with the sign of
 * each dimension fixed (largest entry positive). The matrix is built in vocabulary order
 * with columns sorted, so the result does not depend on the order rows were seen or
 * merged. Tokens that never co-occur with a vocabulary token (e.g. seen only alone in a
 * row) get a zero vector; dimensions beyond the PPMI matrix's rank are zero.
 */
import type { CategoryValue } from "../../core/categories.js";
import { type SparseMatrix64, randomizedSvd } from "../../core/randomized-svd.js";
import { type PairCounts, keyIds, settledPairs } from "./cooccurrence.js";

export interface CorpusFit {
  dims: number;
  contextSmoothing: number;
  eigenWeight: number;
  iterations: number;
  seed: number;
}

const POSITION_SPACE = 2 ** 26;

/** The symmetric co-occurrence matrix over the vocabulary (CSR, columns ascending in each row). */
export function cooccurrenceMatrix(pairs: PairCounts, vocabulary: readonly CategoryValue[]): SparseMatrix64 {
  const v = vocabulary.length;
  const rowOf = new Int32Array(pairs.tokens.length).fill(-1);
  vocabulary.forEach((t, r) => {
    const id = pairs.ids.get(t);
    if (id !== undefined) rowOf[id] = r;
  });
  const { keys, counts } = settledPairs(pairs);
  const indptr = new Int32Array(v + 1);
  for (let i = 0; i < keys.length; i++) {
    const [lo, hi] = keyIds(keys[i]);
    const a = rowOf[lo];
    const b = rowOf[hi];
    if (a < 0 || b < 0) continue;
    indptr[a + 1]++;
    if (a !== b) indptr[b + 1]++;
  }
  for (let r = 0; r < v; r++) indptr[r + 1] += indptr[r];
  const nnz = indptr[v];
  const indices = new Int32Array(nnz);
  const data = new Float64Array(nnz);
  const fill = indptr.slice(0, v);
  for (let i = 0; i < keys.length; i++) {
    const [lo, hi] = keyIds(keys[i]);
    const a = rowOf[lo];
    const b = rowOf[hi];
    if (a < 0 || b < 0) continue;
    if (a === b) {
      // Both positions of a pair hold the same token: (a, a) counts from each side.
      indices[fill[a]] = a;
      data[fill[a]++] = 2 * counts[i];
    } else {
      indices[fill[a]] = b;
      data[fill[a]++] = counts[i];
      indices[fill[b]] = a;
      data[fill[b]++] = counts[i];
    }
  }
  // Columns ascending within each row: the entry order then depends on the vocabulary only.
  let packed = new Float64Array(0);
  for (let r = 0; r < v; r++) {
    const s = indptr[r];
    const e = indptr[r + 1];
    if (e - s < 2) continue;
    if (packed.length < e - s) packed = new Float64Array(e - s);
    const p = packed.subarray(0, e - s);
    for (let k = s; k < e; k++) p[k - s] = indices[k] * POSITION_SPACE + (k - s);
    p.sort();
    const cols = indices.slice(s, e);
    const vals = data.slice(s, e);
    for (let k = 0; k < e - s; k++) {
      const from = p[k] % POSITION_SPACE;
      indices[s + k] = cols[from];
      data[s + k] = vals[from];
    }
  }
  return { rows: v, cols: v, indptr, indices, data };
}

/** Positive PMI of a co-occurrence matrix with context distribution smoothing α (see module doc). */
export function ppmi(x: SparseMatrix64, alpha: number): SparseMatrix64 {
  const v = x.rows;
  const rowSum = new Float64Array(v);
  for (let r = 0; r < v; r++) for (let k = x.indptr[r]; k < x.indptr[r + 1]; k++) rowSum[r] += x.data[k];
  const context = new Float64Array(v);
  let contextTotal = 0;
  for (let c = 0; c < v; c++) {
    context[c] = rowSum[c] > 0 ? Math.pow(rowSum[c], alpha) : 0;
    contextTotal += context[c];
  }
  const indptr = new Int32Array(v + 1);
  const indices = new Int32Array(x.indices.length);
  const data = new Float64Array(x.indices.length);
  let n = 0;
  for (let r = 0; r < v; r++) {
    for (let k = x.indptr[r]; k < x.indptr[r + 1]; k++) {
      const c = x.indices[k];
      const pmi = Math.log((x.data[k] * contextTotal) / (rowSum[r] * context[c]));
      if (pmi > 0) {
        indices[n] = c;
        data[n++] = pmi;
      }
    }
    indptr[r + 1] = n;
  }
  return { rows: v, cols: v, indptr, indices: indices.slice(0, n), data: data.slice(0, n) };
}

/** Vectors (vocabulary x dims, row-major float64) learned from the pair counts. */
export function corpusVectors(pairs: PairCounts, vocabulary: readonly CategoryValue[], fit: CorpusFit): Float64Array {
  const m = ppmi(cooccurrenceMatrix(pairs, vocabulary), fit.contextSmoothing);
  const svd = randomizedSvd(m, { rank: fit.dims, iterations: fit.iterations, seed: fit.seed });
  const d = fit.dims;
  const out = new Float64Array(vocabulary.length * d);
  for (let j = 0; j < d; j++) {
    const w = svd.values[j] > 0 ? Math.pow(svd.values[j], fit.eigenWeight) : 0;
    for (let r = 0; r < vocabulary.length; r++) out[r * d + j] = svd.u[r * d + j] * w;
  }
  return out;
}
