/**
 * Seeded random vectors: the "random" source (one vector per token), the "random" OOV
 * vector and the "hashBuckets" OOV vectors. Components are uniform in [-√3·s, √3·s), so
 * each has variance s² (Keras' Embedding initializer is uniform too). Every vector comes
 * from its own stream of the seeded generator (src/core/prng.ts), keyed by the token's
 * hash or the bucket number, so a token keeps its vector when other tokens come and go,
 * and the same seed gives the same vectors in every JavaScript engine (integer and
 * correctly rounded arithmetic only).
 */
import type { CategoryValue } from "../../core/categories.js";
import { murmurhash3String } from "../../core/murmurhash3.js";
import { Xoshiro128 } from "../../core/prng.js";
import { hashKey } from "../categorical/hash-key.js";

/** Stream families, so a token's stream never equals a bucket's for the same seed. */
const TOKEN_FAMILY = 0x746f6b65; // "toke"
const BUCKET_FAMILY = 0x6275636b; // "buck"
const UNKNOWN_FAMILY = 0x756e6b6e; // "unkn"

const SQRT3 = Math.sqrt(3);

function fill(rng: Xoshiro128, scale: number, out: Float64Array, offset: number, dims: number): void {
  const half = SQRT3 * scale;
  for (let j = 0; j < dims; j++) out[offset + j] = half * rng.nextSigned();
}

/** The text a token is hashed as (shared with the Hashing transforms): strings as is, numbers as String(v), booleans "true"/"false". */
export function tokenText(t: CategoryValue): string {
  return hashKey(t, "EmbeddingTable", 0);
}

/** Writes the random vector of token `t` into out[offset .. offset + dims). */
export function tokenVector(t: CategoryValue, seed: number, scale: number, out: Float64Array, offset: number, dims: number): void {
  const stream = murmurhash3String(tokenText(t), seed);
  fill(new Xoshiro128(seed ^ TOKEN_FAMILY, stream), scale, out, offset, dims);
}

/** Writes the vector of OOV bucket `b` (hashBuckets) into out. */
export function bucketVector(b: number, seed: number, scale: number, out: Float64Array, offset: number, dims: number): void {
  fill(new Xoshiro128(seed ^ BUCKET_FAMILY, b), scale, out, offset, dims);
}

/** Writes the single "random" OOV vector into out. */
export function unknownVector(seed: number, scale: number, out: Float64Array, offset: number, dims: number): void {
  fill(new Xoshiro128(seed ^ UNKNOWN_FAMILY, 0), scale, out, offset, dims);
}
