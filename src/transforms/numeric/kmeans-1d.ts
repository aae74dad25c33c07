/**
 * One-dimensional k-means as scikit-learn 1.2.1's `KMeans(n_clusters=k, init=<array>,
 * n_init=1)` runs it for KBinsDiscretizer(strategy="kmeans"): algorithm "lloyd",
 * max_iter 300, tol 1e-4 scaled by the data variance, unit sample weights.
 *
 * Steps mirrored from sklearn/cluster/_kmeans.py and _k_means_lloyd.pyx / _k_means_common.pyx:
 *  - tolerance = np.var(X) * tol, computed on the raw data;
 *  - the data and the initial centers are centred on the data mean (sklearn does this
 *    "for more accurate distance computations"), and the mean is added back at the end;
 *  - E-step: label = argmin_j (c_j^2 - 2 x c_j) (the ||x||^2 term is dropped, as the
 *    BLAS gemm formulation does), the first minimum wins;
 *  - M-step: per-cluster sums and counts; empty clusters are relocated to the points
 *    farthest from their centers (sklearn 1.2's _relocate_empty_clusters_dense, with no
 *    "all distances zero" shortcut); centers are multiplied by 1 / count;
 *  - stop on identical labels (strict convergence) or when the squared center shift
 *    sum is <= tolerance; the returned centers are those of the last M-step.
 *
 * Differences that cannot be removed: sklearn sums cluster members in row order (split
 * over OpenMP chunks of 256 rows, so its own low bits depend on the thread count); the
 * values here arrive sorted, so sums can differ in the last ulp. Ties in the relocation
 * step (numpy argpartition's order) break towards the larger value.
 */
import { pairwiseSum } from "../../core/pairwise-sum.js";

const MAX_ITER = 300;
const TOL = 1e-4;

/** Returns the k cluster centers (unsorted, as sklearn's cluster_centers_) for values with initial centers `init`. */
export function kmeans1d(values: Float64Array, init: Float64Array): Float64Array {
  const n = values.length;
  const k = init.length;
  // _tolerance: mean over features of np.var(X, axis=0), times tol (one feature here).
  const rawMean = pairwiseSum(values) / n;
  const sq = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = values[i] - rawMean;
    sq[i] = t * t;
  }
  const tol = (pairwiseSum(sq) / n) * TOL;

  // X -= X.mean(axis=0); init -= X_mean (the same mean: X is not modified in between).
  const xMean = rawMean;
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = values[i] - xMean;
  let centers = new Float64Array(k);
  for (let j = 0; j < k; j++) centers[j] = init[j] - xMean;
  let centersNew = new Float64Array(k);

  const labels = new Int32Array(n).fill(-1);
  const labelsOld = new Int32Array(n).fill(-1);
  const weight = new Float64Array(k);
  const shift = new Float64Array(k);
  const centersSq = new Float64Array(k);
  const shiftSq = new Float64Array(k);

  for (let iter = 0; iter < MAX_ITER; iter++) {
    // lloyd_iter_chunked_dense(X, w, centers -> centers_new)
    for (let j = 0; j < k; j++) centersSq[j] = centers[j] * centers[j];
    centersNew.fill(0);
    weight.fill(0);
    for (let i = 0; i < n; i++) {
      const xi = x[i];
      let best = centersSq[0] - 2 * (xi * centers[0]);
      let label = 0;
      for (let j = 1; j < k; j++) {
        const dist = centersSq[j] - 2 * (xi * centers[j]);
        if (dist < best) {
          best = dist;
          label = j;
        }
      }
      labels[i] = label;
      weight[label] += 1;
      centersNew[label] += xi * 1.0;
    }
    relocateEmptyClusters(x, centers, centersNew, weight, labels);
    for (let j = 0; j < k; j++) {
      if (weight[j] > 0) {
        const alpha = 1.0 / weight[j];
        centersNew[j] *= alpha;
      }
    }
    for (let j = 0; j < k; j++) {
      const d = centersNew[j] - centers[j];
      shift[j] = Math.sqrt(d * d);
    }
    // centers, centers_new = centers_new, centers
    const swap = centers;
    centers = centersNew;
    centersNew = swap;

    let same = true;
    for (let i = 0; i < n; i++) {
      if (labels[i] !== labelsOld[i]) {
        same = false;
        break;
      }
    }
    if (same) break; // strict convergence
    for (let j = 0; j < k; j++) shiftSq[j] = shift[j] * shift[j];
    if (pairwiseSum(shiftSq) <= tol) break;
    labelsOld.set(labels);
  }

  const out = new Float64Array(k);
  for (let j = 0; j < k; j++) out[j] = centers[j] + xMean;
  return out;
}

/** sklearn 1.2.1 _relocate_empty_clusters_dense for one feature and unit weights. */
function relocateEmptyClusters(x: Float64Array, centersOld: Float64Array, centersNew: Float64Array, weight: Float64Array, labels: Int32Array): void {
  const empty: number[] = [];
  for (let j = 0; j < weight.length; j++) if (weight[j] === 0) empty.push(j);
  if (empty.length === 0) return;
  const n = x.length;
  const dist = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const d = x[i] - centersOld[labels[i]];
    dist[i] = d * d;
  }
  // The n_empty points farthest from their centers, farthest first; ties -> larger index
  // (the values are sorted ascending, so the larger value).
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => dist[b] - dist[a] || b - a);
  for (let idx = 0; idx < empty.length; idx++) {
    const newId = empty[idx];
    const far = order[idx];
    const oldId = labels[far];
    centersNew[oldId] -= x[far] * 1.0;
    centersNew[newId] = x[far] * 1.0;
    weight[newId] = 1;
    weight[oldId] -= 1;
  }
}
