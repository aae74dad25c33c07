/**
 * scikit-learn 1.2's infrequent-category rule (OneHotEncoder._identify_infrequent):
 * categories rarer than minFrequency are infrequent; then, if more than maxCategories
 * output columns would remain (the infrequent column counting as one), the rarest
 * categories are added by a stable sort of the counts — so among equal counts the
 * category that sorts first becomes infrequent first.
 */
export function infrequentIndices(counts: number[], nSamples: number, minFrequency: number, maxCategories: number): number[] {
  const mask = counts.map(() => false);
  if (minFrequency >= 1) counts.forEach((c, i) => (mask[i] = c < minFrequency));
  else if (minFrequency > 0) {
    const threshold = nSamples * minFrequency;
    counts.forEach((c, i) => (mask[i] = c < threshold));
  }
  const current = counts.length - mask.filter(Boolean).length + 1;
  if (maxCategories > 0 && maxCategories < current) {
    // np.argsort(kind="mergesort") is stable: ties keep category order.
    const order = counts.map((c, i) => i).sort((a, b) => counts[a] - counts[b] || a - b);
    // sklearn slices [: -max_categories + 1]; for max_categories = 1 that is [:0], nothing.
    const take = maxCategories === 1 ? 0 : order.length - maxCategories + 1;
    for (let k = 0; k < take; k++) mask[order[k]] = true;
  }
  const out: number[] = [];
  mask.forEach((m, i) => m && out.push(i));
  return out;
}
