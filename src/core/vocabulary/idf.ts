/**
 * Keras inverse document frequencies (IndexLookup._inverse_document_frequency and
 * finalize_state):
 *
 *   idf(token) = log(1 + documents / (1 + documentCount(token)))
 *
 * computed in float64 (TensorFlow divides the int64 counts into float64), then stored as
 * float32 (Keras keeps idf_weights in floatx). The OOV indices get the mean of the
 * vocabulary's weights (Keras cannot know the real OOV frequency in one pass), and
 * padding up to maxTokens gets 0. Weights are float32 values held in float64, so that
 * `fround(count * idf)` equals Keras' float32 product `count * idf` exactly (the product
 * of a count below 2^24 and a float32 is exact in float64 before the one rounding).
 * The OOV mean is a float64 mean of the float32 weights, rounded once; TensorFlow's
 * float32 reduce_mean may differ from it in the last float32 bits.
 */
import type { IndexLayout } from "./layout.js";

export function kerasIdf(documents: number, documentCount: number): number {
  return Math.log(1 + documents / (1 + documentCount));
}

/** Mean of the weights rounded to float32 (0 for none): Keras' default OOV weight. */
export function meanWeight(weights: ArrayLike<number>): number {
  if (weights.length === 0) return 0;
  let s = 0;
  for (let i = 0; i < weights.length; i++) s += weights[i];
  return Math.fround(s / weights.length);
}

/**
 * Idf weight per output index for a fitted vocabulary: OOV indices first (the mean),
 * then one weight per token from its document count, then zeros up to `width`.
 */
export function fittedIdfWeights<T>(
  layout: IndexLayout,
  tokens: readonly T[],
  documentCounts: Map<T, number>,
  documents: number,
  width: number,
): Float64Array {
  const out = new Float64Array(width);
  const tokenWeights = new Float64Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) tokenWeights[i] = Math.fround(kerasIdf(documents, documentCounts.get(tokens[i]) ?? 0));
  out.fill(meanWeight(tokenWeights), 0, layout.tokenStart);
  out.set(tokenWeights, layout.tokenStart);
  return out;
}

/**
 * Idf weight per output index from user-given weights (Keras set_vocabulary): when the
 * given vocabulary starts with the special tokens, `weights` covers them too and is used
 * as is; otherwise it covers the tokens only and the leading indices get its mean.
 * Then zeros up to `width`. Every weight is stored as float32.
 */
export function givenIdfWeights(layout: IndexLayout, weights: ArrayLike<number>, includesSpecial: boolean, width: number): Float64Array {
  const out = new Float64Array(width);
  const w = Float64Array.from(weights);
  if (includesSpecial) {
    for (let i = 0; i < w.length; i++) out[i] = Math.fround(w[i]);
    return out;
  }
  // Keras pads with np.average of the given (float64) weights, then casts everything to float32.
  let s = 0;
  for (let i = 0; i < w.length; i++) s += w[i];
  out.fill(w.length === 0 ? 0 : Math.fround(s / w.length), 0, layout.tokenStart);
  for (let i = 0; i < w.length; i++) out[layout.tokenStart + i] = Math.fround(w[i]);
  return out;
}
