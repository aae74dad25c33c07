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
 * xp and fp are windows (offset + length) into larger arrays, so a caller interpolates
 * over one feature's slice of a feature-major grid without copying it.
 */

/** A read-only window of `n` values of `data`, starting at `offset`. */
export interface Grid {
  readonly data: Float64Array;
  readonly offset: number;
  readonly n: number;
}

/** Index j with xp[j] <= x < xp[j+1]: -1 below the grid, n above it (x not NaN, xp non-decreasing). */
export function searchRight(x: number, xp: Grid): number {
  const { data, offset, n } = xp;
  if (x > data[offset + n - 1]) return n;
  if (x < data[offset]) return -1;
  // Smallest i in [1, n) with xp[i] > x, found by bisection; j is one before it.
  let lo = 1;
  let hi = n;
  while (lo < hi) {
    const mid = lo + ((hi - lo) >> 1);
    if (x >= data[offset + mid]) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** numpy.interp(x, xp, fp) with default left/right (fp[0], fp[n-1]); x must not be NaN. */
export function interp(x: number, xp: Grid, fp: Grid): number {
  const n = xp.n;
  const xd = xp.data;
  const fd = fp.data;
  const xo = xp.offset;
  const fo = fp.offset;
  if (n === 1) {
    // numpy's length-1 branch: below -> left, above -> right, equal -> fp[0]; all fp[0] here.
    return fd[fo];
  }
  const j = searchRight(x, xp);
  if (j === -1) return fd[fo];
  if (j === n) return fd[fo + n - 1];
  if (j === n - 1) return fd[fo + j];
  const x0 = xd[xo + j];
  const y0 = fd[fo + j];
  if (x0 === x) return y0;
  const x1 = xd[xo + j + 1];
  const y1 = fd[fo + j + 1];
  const slope = (y1 - y0) / (x1 - x0);
  let y = slope * (x - x0) + y0;
  if (y !== y) {
    y = slope * (x - x1) + y1;
    if (y !== y && y0 === y1) y = y0;
  }
  return y;
}
