/**
 * The Keras index layout of a lookup vocabulary (keras IndexLookup):
 *
 *   [mask]  [OOV 0 .. OOV numOov-1]  [token 0 .. token V-1]  ([padding up to maxTokens])
 *
 * The mask takes index 0 only in "int" output mode; in the encoded modes (one-hot,
 * multi-hot, count, tf-idf) it has no index and masked values are dropped. `maxTokens`
 * counts the mask (when indexed) and the OOV indices, as Keras does.
 */
import { murmurhash3String } from "../murmurhash3.js";

export interface IndexLayout {
  /** 1 when the mask takes index 0, else 0. Also the first OOV index. */
  readonly oovStart: number;
  readonly numOov: number;
  /** Index of the first vocabulary token: oovStart + numOov. */
  readonly tokenStart: number;
  /** Vocabulary tokens V (mask and OOV excluded). */
  readonly tokens: number;
  /** Indices in use: tokenStart + V (Keras vocabulary_size()). */
  readonly size: number;
}

export function indexLayout(maskIndexed: boolean, numOov: number, tokens: number): IndexLayout {
  const oovStart = maskIndexed ? 1 : 0;
  const tokenStart = oovStart + numOov;
  return { oovStart, numOov, tokenStart, tokens, size: tokenStart + tokens };
}

/**
 * OOV bucket of an unknown integer with `numOov` > 1: Keras IntegerLookup's default
 * `oov_method="floormod"`, `token mod numOov` with a non-negative result (Python's %).
 * Exact for safe integers.
 */
export function integerOovBucket(token: number, numOov: number): number {
  const r = token % numOov;
  return r < 0 ? r + numOov : r === 0 ? 0 : r;
}

/**
 * OOV bucket of an unknown string with `numOov` > 1. Keras uses FarmHash fingerprint64
 * (`tf.strings.to_hash_bucket_fast`), which this library does not reproduce; it uses
 * MurmurHash3 x86 32-bit of the token's UTF-8 bytes with seed 0, read as an unsigned
 * 32-bit integer, modulo numOov. So with several OOV indices an unknown string may land
 * in a different OOV bucket than in Keras (known tokens, the mask and numOov <= 1 agree).
 * A token with a lone surrogate has no UTF-8 form: a typed error naming `who` and `row`.
 */
export function stringOovBucket(token: string, numOov: number, who: string, row: number): number {
  return (murmurhash3String(token, 0, who, row) >>> 0) % numOov;
}
