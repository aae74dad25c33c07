/**
 * Eigen-decomposition of a small dense symmetric matrix by the cyclic Jacobi method:
 * plane rotations zero the off-diagonal entries one by one, sweep after sweep, until
 * they are negligible. Slower than QR iteration for large n, but short, accurate
 * (small relative error in eigenvalues and orthogonal vectors), and deterministic: a
 * fixed order of float64 operations. Used for the l x l core of the randomized SVD
 * (l = rank + oversampling, a few hundred at most).
 */

export interface SymmetricEigen {
  /** Eigenvalues, descending. */
  values: Float64Array;
  /** n x n row-major; column j (vectors[i * n + j]) is the unit eigenvector of values[j]. */
  vectors: Float64Array;
}

const MAX_SWEEPS = 100;

/** Eigenvalues and eigenvectors of the symmetric n x n row-major matrix `a` (not modified). */
export function symmetricEigen(a: Float64Array, n: number): SymmetricEigen {
  const m = Float64Array.from(a.subarray(0, n * n));
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let total = 0;
  for (let i = 0; i < n * n; i++) total += m[i] * m[i];
  // Off-diagonal mass below eps^2 of the whole: the diagonal holds the eigenvalues to working precision.
  const tolerance = total * 1e-32;
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += m[p * n + q] * m[p * n + q];
    if (!(off > tolerance)) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q];
        if (apq === 0) continue;
        const theta = (m[q * n + q] - m[p * n + p]) / (2 * apq);
        // The smaller root of t^2 + 2 theta t - 1 = 0 (rotation angle at most pi/4): stable.
        const t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        // A <- J^T A J with J the rotation in the (p, q) plane: columns, then rows.
        for (let k = 0; k < n; k++) {
          const kp = m[k * n + p];
          const kq = m[k * n + q];
          m[k * n + p] = c * kp - s * kq;
          m[k * n + q] = s * kp + c * kq;
        }
        for (let k = 0; k < n; k++) {
          const pk = m[p * n + k];
          const qk = m[q * n + k];
          m[p * n + k] = c * pk - s * qk;
          m[q * n + k] = s * pk + c * qk;
        }
        m[p * n + q] = 0;
        m[q * n + p] = 0;
        for (let k = 0; k < n; k++) {
          const kp = v[k * n + p];
          const kq = v[k * n + q];
          v[k * n + p] = c * kp - s * kq;
          v[k * n + q] = s * kp + c * kq;
        }
      }
    }
  }
  // Descending eigenvalues; equal ones keep their index order (a stable sort), so the result is deterministic.
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => m[j * n + j] - m[i * n + i] || i - j);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((src, dst) => {
    values[dst] = m[src * n + src];
    for (let k = 0; k < n; k++) vectors[k * n + dst] = v[k * n + src];
  });
  return { values, vectors };
}
