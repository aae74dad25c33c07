/**
 * sklearn.preprocessing._data._handle_zeros_in_scale for float64 arrays: a scale below
 * 10 * eps (a constant or near-constant feature, or an all-zero or near-zero row for
 * Normalizer) becomes 1, so dividing by it leaves values unchanged instead of blowing
 * them up. Note the threshold is 10 * eps ≈ 2.2e-15, not exactly zero.
 */
export const TINY_SCALE = 10 * 2.220446049250313e-16; // 10 * np.finfo(np.float64).eps

export function handleZerosInScale(scale: number): number {
  return scale < TINY_SCALE ? 1 : scale;
}
