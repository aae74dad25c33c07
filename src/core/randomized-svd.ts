/**
 * Truncated SVD of a sparse matrix by randomized subspace iteration (Halko, Martinsson &
 * Tropp 2011, algorithms 4.4 and 5.1; the scheme behind scikit-learn's randomized_svd):
 *
 *   Q = orth(A Ω)                                   Ω: cols x l, seeded uniform in [-1, 1)
 *   repeat `iterations` times: Q = orth(A orth(Aᵀ Q))
 *   W = Aᵀ Q  (so B = Qᵀ A = Wᵀ, l x cols)
 *   B Bᵀ = Wᵀ W = E Λ Eᵀ (Jacobi)   ->   σ = √λ,  U = Q E,  V = W E / σ
 *
 * with l = rank + oversample. Everything runs on typed arrays in float64, in a fixed
 * order, so the same matrix and seed give the same bits. orth() is modified Gram-Schmidt
 * run twice ("twice is enough"); a column that vanishes (the matrix has lower rank than
 * l) becomes a zero column, and singular values at or below 1e-12 of the largest are
 * returned as 0 with zero vectors — directions the data does not determine.
 *
 * Sign convention (deterministic, as scikit-learn's svd_flip with u_based_decision):
 * each left singular vector is flipped so that its entry of largest magnitude (the first
 * such entry on ties) is positive; the right vector flips with it.
 */
import { Xoshiro128 } from "./prng.js";
import { symmetricEigen } from "./symmetric-eigen.js";

/** A sparse matrix in CSR form with float64 values; column indices within a row in any order. */
export interface SparseMatrix64 {
  readonly rows: number;
  readonly cols: number;
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly data: Float64Array;
}

export interface RandomizedSvdOptions {
  /** Singular triplets wanted, k >= 1. */
  rank: number;
  /** Extra random directions (l = rank + oversample, capped at min(rows, cols)). Default 10. */
  oversample?: number;
  /** Power (subspace) iterations. Default 7. */
  iterations?: number;
  /** Seed of the random test matrix Ω. Default 0. */
  seed?: number;
}

export interface TruncatedSvd {
  /** k singular values, descending (zero beyond the matrix's numerical rank or min(rows, cols)). */
  values: Float64Array;
  /** rows x k, row-major: left singular vectors as columns. */
  u: Float64Array;
  /** cols x k, row-major: right singular vectors as columns. */
  v: Float64Array;
}

/** Y (a.rows x l, row-major) = A X (a.cols x l, row-major). */
export function multiply(a: SparseMatrix64, x: Float64Array, l: number): Float64Array {
  const y = new Float64Array(a.rows * l);
  for (let r = 0; r < a.rows; r++) {
    const yo = r * l;
    for (let k = a.indptr[r]; k < a.indptr[r + 1]; k++) {
      const w = a.data[k];
      const xo = a.indices[k] * l;
      for (let j = 0; j < l; j++) y[yo + j] += w * x[xo + j];
    }
  }
  return y;
}

/** Z (a.cols x l, row-major) = Aᵀ X (a.rows x l, row-major). */
export function multiplyTransposed(a: SparseMatrix64, x: Float64Array, l: number): Float64Array {
  const z = new Float64Array(a.cols * l);
  for (let r = 0; r < a.rows; r++) {
    const xo = r * l;
    for (let k = a.indptr[r]; k < a.indptr[r + 1]; k++) {
      const w = a.data[k];
      const zo = a.indices[k] * l;
      for (let j = 0; j < l; j++) z[zo + j] += w * x[xo + j];
    }
  }
  return z;
}

/**
 * Orthonormal columns spanning those of the m x l row-major block `y` (returned as a new
 * m x l row-major block). Works on a column-major copy so each column is contiguous.
 */
export function orthonormalize(y: Float64Array, m: number, l: number): Float64Array {
  const cols = new Float64Array(m * l);
  for (let r = 0; r < m; r++) for (let j = 0; j < l; j++) cols[j * m + r] = y[r * l + j];
  const live = new Uint8Array(l);
  for (let j = 0; j < l; j++) {
    const cj = j * m;
    let before = 0;
    for (let r = 0; r < m; r++) before += cols[cj + r] * cols[cj + r];
    for (let pass = 0; pass < 2; pass++) {
      for (let i = 0; i < j; i++) {
        if (!live[i]) continue;
        const ci = i * m;
        let dot = 0;
        for (let r = 0; r < m; r++) dot += cols[ci + r] * cols[cj + r];
        for (let r = 0; r < m; r++) cols[cj + r] -= dot * cols[ci + r];
      }
    }
    let after = 0;
    for (let r = 0; r < m; r++) after += cols[cj + r] * cols[cj + r];
    // What is left after removing the earlier directions is rounding noise: the column adds no direction.
    if (!(after > before * 1e-24) || after === 0) {
      cols.fill(0, cj, cj + m);
      continue;
    }
    live[j] = 1;
    const inv = 1 / Math.sqrt(after);
    for (let r = 0; r < m; r++) cols[cj + r] *= inv;
  }
  const out = new Float64Array(m * l);
  for (let r = 0; r < m; r++) for (let j = 0; j < l; j++) out[r * l + j] = cols[j * m + r];
  return out;
}

/** C (p x q, row-major) = Xᵀ Y for X (n x p) and Y (n x q), both row-major. */
function gram(x: Float64Array, y: Float64Array, n: number, p: number, q: number): Float64Array {
  const c = new Float64Array(p * q);
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < p; i++) {
      const xi = x[r * p + i];
      if (xi === 0) continue;
      const co = i * q;
      const yo = r * q;
      for (let j = 0; j < q; j++) c[co + j] += xi * y[yo + j];
    }
  }
  return c;
}

/** X E: (n x l) times (l x k), keeping the first k columns of E (l x l row-major). */
function times(x: Float64Array, n: number, l: number, e: Float64Array, k: number): Float64Array {
  const out = new Float64Array(n * k);
  for (let r = 0; r < n; r++) {
    for (let i = 0; i < l; i++) {
      const xi = x[r * l + i];
      if (xi === 0) continue;
      for (let j = 0; j < k; j++) out[r * k + j] += xi * e[i * l + j];
    }
  }
  return out;
}

/** The rank-k truncated SVD of `a` (see module doc). */
export function randomizedSvd(a: SparseMatrix64, options: RandomizedSvdOptions): TruncatedSvd {
  const k = options.rank;
  const oversample = options.oversample ?? 10;
  const iterations = options.iterations ?? 7;
  const m = a.rows;
  const n = a.cols;
  const l = Math.min(k + oversample, m, n);
  const values = new Float64Array(k);
  const u = new Float64Array(m * k);
  const v = new Float64Array(n * k);
  if (l === 0) return { values, u, v };

  const rng = new Xoshiro128(options.seed ?? 0);
  const omega = new Float64Array(n * l);
  for (let i = 0; i < omega.length; i++) omega[i] = rng.nextSigned();
  let q = orthonormalize(multiply(a, omega, l), m, l);
  for (let it = 0; it < iterations; it++) {
    const z = orthonormalize(multiplyTransposed(a, q, l), n, l);
    q = orthonormalize(multiply(a, z, l), m, l);
  }
  const w = multiplyTransposed(a, q, l); // n x l
  // Wᵀ W is exactly symmetric: gram() forms both triangles from the same products in the same order.
  const { values: lambda, vectors: e } = symmetricEigen(gram(w, w, n, l, l), l);
  const kk = Math.min(k, l);
  const uk = times(q, m, l, e, kk); // m x kk
  const wk = times(w, n, l, e, kk); // n x kk = V Σ
  const top = Math.sqrt(Math.max(lambda[0], 0));
  for (let j = 0; j < kk; j++) {
    const sigma = Math.sqrt(Math.max(lambda[j], 0));
    if (!(sigma > top * 1e-12)) continue; // zero: vectors stay zero
    values[j] = sigma;
    // Sign: the largest |u| entry (first on ties) positive.
    let best = 0;
    let at = 0;
    for (let r = 0; r < m; r++) {
      const x = Math.abs(uk[r * kk + j]);
      if (x > best) {
        best = x;
        at = r;
      }
    }
    const flip = uk[at * kk + j] < 0 ? -1 : 1;
    for (let r = 0; r < m; r++) u[r * k + j] = flip * uk[r * kk + j];
    const scale = flip / sigma;
    for (let r = 0; r < n; r++) v[r * k + j] = wk[r * kk + j] * scale;
  }
  return { values, u, v };
}

