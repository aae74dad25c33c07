/**
 * Fitting from pretrained vectors: the table keeps only the tokens seen in fit that have
 * a pretrained vector (then minCount and maxTokens choose among them), so a 400,000-word
 * file becomes a table of your vocabulary. Tokens seen in fit without a vector are OOV.
 */
import type { CategoryValue } from "../../core/categories.js";
import type { IndexedVectors } from "./options.js";

/** The fit counts of tokens that have a pretrained vector. */
export function countsWithVectors<T extends CategoryValue>(counts: Map<T, number>, pre: IndexedVectors): Map<T, number> {
  const out = new Map<T, number>();
  for (const [t, c] of counts) if (pre.index.has(t)) out.set(t, c);
  return out;
}

/** The pretrained vectors of `vocabulary` (all present), vocabulary x dims, float64. */
export function pretrainedVectors(vocabulary: readonly CategoryValue[], pre: IndexedVectors): Float64Array {
  const d = pre.vectors.dims;
  const src = pre.vectors.vectors;
  const out = new Float64Array(vocabulary.length * d);
  vocabulary.forEach((t, r) => {
    const o = pre.index.get(t)! * d;
    for (let j = 0; j < d; j++) out[r * d + j] = src[o + j];
  });
  return out;
}
