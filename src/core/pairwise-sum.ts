/**
 * numpy's pairwise summation (umath `@TYPE@_pairwise_sum`, numpy 1.24) over a Float64Array
 * range, and the mean / population variance numpy builds from it (`np.mean`, `np.var`).
 *
 * Fits that reimplement a scikit-learn objective (PowerTransformer's likelihood, KMeans'
 * tolerance and centering) sum with the same algorithm numpy uses: blocks below 8 are
 * summed left to right, blocks up to 128 with eight interleaved accumulators, longer
 * ones split in two at a multiple of 8. The error is O(log n) ulps, like numpy's; the
 * exact bits still depend on the order of the values, which for skewless' exact sorted
 * store is ascending rather than the caller's row order.
 */

const BLOCK = 128; // numpy's PW_BLOCKSIZE

function pairwise(a: ArrayLike<number>, start: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[start + i];
    return res;
  }
  if (n <= BLOCK) {
    let r0 = a[start];
    let r1 = a[start + 1];
    let r2 = a[start + 2];
    let r3 = a[start + 3];
    let r4 = a[start + 4];
    let r5 = a[start + 5];
    let r6 = a[start + 6];
    let r7 = a[start + 7];
    let i = 8;
    const stop = n - (n % 8);
    for (; i < stop; i += 8) {
      const k = start + i;
      r0 += a[k];
      r1 += a[k + 1];
      r2 += a[k + 2];
      r3 += a[k + 3];
      r4 += a[k + 4];
      r5 += a[k + 5];
      r6 += a[k + 6];
      r7 += a[k + 7];
    }
    let res = (r0 + r1 + (r2 + r3)) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) res += a[start + i];
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwise(a, start, n2) + pairwise(a, start + n2, n - n2);
}

/** np.sum of a 1-D float64 array: the reduction starts at the identity 0 and adds the pairwise sum. */
export function pairwiseSum(a: ArrayLike<number>, start = 0, n = a.length - start): number {
  return 0 + pairwise(a, start, n);
}

/** np.mean: pairwise sum divided by the count. */
export function numpyMean(a: ArrayLike<number>): number {
  return pairwiseSum(a) / a.length;
}

/**
 * np.var(a) (ddof 0) as numpy computes it: mean = sum / n, then the pairwise sum of
 * (a - mean) * (a - mean), divided by n. `scratch` (length >= a.length) avoids an
 * allocation when called in a loop.
 */
export function numpyVar(a: ArrayLike<number>, scratch?: Float64Array): number {
  const n = a.length;
  const mean = pairwiseSum(a) / n;
  const sq = scratch && scratch.length >= n ? scratch : new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = a[i] - mean;
    sq[i] = t * t;
  }
  return pairwiseSum(sq, 0, n) / n;
}
