/**
 * Rows for tokens outside the vocabulary. They sit before the vocabulary rows, as the
 * OOV indices of a Keras lookup do (src/core/vocabulary/layout.ts), so a table exported
 * with `table()` lines up with a StringLookup / IntegerLookup's ids.
 *
 *   "zero"         one row of zeros
 *   "mean"         one row: the mean of the vocabulary's vectors (float64, row order)
 *   "random"       one seeded random row, its components of the table's RMS scale
 *   "hashBuckets"  `buckets` seeded random rows of that scale; a token goes to bucket
 *                  murmurhash3_x86_32(text, seed) as uint32 mod buckets, its text as the
 *                  Hashing transforms hash it (strings as is, numbers as String(v))
 *
 * OOV tokens are ordinary tokens for pooling: they take part in mean, sum, max and the
 * tf-idf mean (with the mean idf weight of the vocabulary, as Keras gives its OOV index).
 */
import type { EmbeddingOov } from "../../artefact/states.js";
import type { CategoryValue } from "../../core/categories.js";
import { murmurhash3String } from "../../core/murmurhash3.js";
import { bucketVector, tokenText, unknownVector } from "./random-vectors.js";

export function oovRowCount(policy: EmbeddingOov, buckets: number): number {
  return policy === "hashBuckets" ? buckets : 1;
}

/** Root mean square of all values: the scale of random OOV vectors. */
export function rmsScale(vectors: Float64Array): number {
  if (vectors.length === 0) return 0;
  let s = 0;
  for (let i = 0; i < vectors.length; i++) s += vectors[i] * vectors[i];
  return Math.sqrt(s / vectors.length);
}

/** The OOV rows (oovRowCount x dims, float64) for a vocabulary's vectors (rows x dims). */
export function oovVectors(policy: EmbeddingOov, buckets: number, vectors: Float64Array, rows: number, dims: number, seed: number): Float64Array {
  const out = new Float64Array(oovRowCount(policy, buckets) * dims);
  if (policy === "zero") return out;
  if (policy === "mean") {
    for (let r = 0; r < rows; r++) for (let j = 0; j < dims; j++) out[j] += vectors[r * dims + j];
    for (let j = 0; j < dims; j++) out[j] /= rows;
    return out;
  }
  const scale = rmsScale(vectors);
  if (policy === "random") unknownVector(seed, scale, out, 0, dims);
  else for (let b = 0; b < buckets; b++) bucketVector(b, seed, scale, out, b * dims, dims);
  return out;
}

/** The OOV row (0 .. oovRows-1) of an unknown token. Lone surrogates cannot be hashed: a typed error naming `who` and `row`. */
export function oovRowOf(t: CategoryValue, oovRows: number, seed: number, who: string, row: number): number {
  if (oovRows === 1) return 0;
  return (murmurhash3String(tokenText(t), seed, who, row) >>> 0) % oovRows;
}
