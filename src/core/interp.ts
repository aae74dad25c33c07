/**
 * numpy.interp for one point, reproducing numpy 1.24's compiled kernel (arr_interp) bit
 * for bit, since QuantileTransformer's output is defined through it:
 *
 *  - j = (number of xp values <= x) - 1, so with repeated xp values the last of the run
 *    is used (numpy's binary_search_with_guess finds exactly this index whatever its
 *    guess, which is why rows stay independent of each other);
 *  - x < xp[0] -> fp[0]; x > xp[n-1] -> fp[n-1]; x == xp[n-1] or x == xp[j] -> fp[j];
 *  - otherwise slope * (x - xp[j]) + fp[j] with slope = (fp[j+1] - fp[j]) / (xp[j+1] - xp[j]),
 *    and numpy's retries when that is NaN: from the right end, then fp[j] if the ends agree.
 *
 * xp and fp are windows (array, offset, length n) into larger arrays, so a caller
 * interpolates over one feature's slice of a feature-major grid without copying it. The
 * search and the interpolation are separate so a caller that already knows j (e.g. from
 * a mirrored search) skips the second binary search.
 */

/** j with xp[j] <= x < xp[j+1]: -1 below the grid, n above it (x not NaN, xp non-decreasing). */
export function searchRight(x: number, xp: Float64Array, xo: number, n: number): number {
  if (x > xp[xo + n - 1]) return n;
  if (x < xp[xo]) return -1;
  // Smallest i in [1, n) with xp[i] > x, by bisection; j is one before it.
  let lo = 1;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x >= xp[xo + mid]) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Number of xp values strictly below x (x not NaN, xp non-decreasing). */
export function countBelow(x: number, xp: Float64Array, xo: number, n: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (xp[xo + mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** numpy.interp's value at x given j = searchRight(x, ...), with default left/right (fp[0], fp[n-1]). */
export function interpAt(x: number, j: number, xp: Float64Array, xo: number, fp: Float64Array, fo: number, n: number): number {
  // numpy's length-1 branch: below -> left, above -> right, equal -> fp[0]; all fp[0] here.
  if (n === 1 || j === -1) return fp[fo];
  if (j >= n - 1) return fp[fo + n - 1];
  const x0 = xp[xo + j];
  const y0 = fp[fo + j];
  if (x0 === x) return y0;
  const x1 = xp[xo + j + 1];
  const y1 = fp[fo + j + 1];
  const slope = (y1 - y0) / (x1 - x0);
  let y = slope * (x - x0) + y0;
  if (y !== y) {
    y = slope * (x - x1) + y1;
    if (y !== y && y0 === y1) y = y0;
  }
  return y;
}

/** numpy.interp(x, xp, fp) over windows of length n >= 1; x must not be NaN. */
export function interp(x: number, xp: Float64Array, xo: number, fp: Float64Array, fo: number, n: number): number {
  return interpAt(x, searchRight(x, xp, xo, n), xp, xo, fp, fo, n);
}
