/**
 * Compressed sparse rows, for one-hot / multi-hot / count outputs whose dense form
 * (rows x categories) would not fit in memory. A CSR block joins a dense tensor by
 * scattering into it at a column offset: {@link csrIntoDense}.
 */
export interface CsrMatrix {
  readonly rows: number;
  readonly cols: number;
  /** rows + 1 offsets into indices/data; row i is [indptr[i], indptr[i+1]). */
  readonly indptr: Int32Array;
  /** Column of each stored value, increasing within a row. */
  readonly indices: Int32Array;
  readonly data: Float32Array;
}

/**
 * Writes a CSR block into a row-major dense buffer of `stride` columns, starting at
 * column `offset` (the block's columns must already be zero, e.g. a fresh buffer).
 */
export function csrIntoDense(m: CsrMatrix, out: Float32Array, stride = m.cols, offset = 0): Float32Array {
  for (let i = 0; i < m.rows; i++) {
    const base = i * stride + offset;
    for (let k = m.indptr[i]; k < m.indptr[i + 1]; k++) out[base + m.indices[k]] += m.data[k];
  }
  return out;
}

/** The dense row-major n x cols form of a CSR block. */
export function csrToDense(m: CsrMatrix): Float32Array {
  return csrIntoDense(m, new Float32Array(m.rows * m.cols));
}
