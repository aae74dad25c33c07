/**
 * Bag-of-indices encodings shared by lookups and text vectorizers: each row is a list of
 * output indices (negative = dropped, e.g. a masked value), turned into
 *
 *   multiHot: 1 where an index occurs;  count: occurrences;
 *   tfIdf:    occurrences x idf[index] (Keras: count * idf in float32)
 *
 * either densely (n x width, row-major Float32Array) or as CSR with the indices of each
 * row increasing. Counts are integers in float64; every output value is rounded once.
 */
import type { CsrMatrix } from "../sparse.js";

export type BagMode = "multiHot" | "count" | "tfIdf";

/** Flattened rows: row r holds ids[ptr[r] .. ptr[r+1]). */
export interface Bags {
  readonly rows: number;
  readonly ptr: Int32Array;
  readonly ids: Int32Array;
}

let scratch = new Int32Array(64);

/**
 * Calls `emit(index, value)` once per distinct index of row r, in increasing index
 * order, and returns how many it emitted.
 */
function eachDistinct(b: Bags, r: number, mode: BagMode, idf: Float64Array | null, emit: (index: number, value: number) => void): number {
  const start = b.ptr[r];
  const end = b.ptr[r + 1];
  let n = 0;
  if (scratch.length < end - start) scratch = new Int32Array(Math.max(end - start, scratch.length * 2));
  for (let k = start; k < end; k++) if (b.ids[k] >= 0) scratch[n++] = b.ids[k];
  if (n === 0) return 0;
  const row = scratch.subarray(0, n);
  if (n > 1) row.sort();
  let emitted = 0;
  for (let i = 0; i < n; ) {
    const id = row[i];
    let j = i + 1;
    while (j < n && row[j] === id) j++;
    const count = j - i;
    emit(id, mode === "multiHot" ? 1 : mode === "count" ? count : Math.fround(count * idf![id]));
    emitted++;
    i = j;
  }
  return emitted;
}

/** Writes the dense rows x width block into `out` (length >= rows * width). */
export function bagsToDense(b: Bags, width: number, mode: BagMode, idf: Float64Array | null, out: Float32Array): void {
  out.fill(0, 0, b.rows * width);
  for (let r = 0; r < b.rows; r++) {
    const base = r * width;
    eachDistinct(b, r, mode, idf, (id, v) => {
      out[base + id] = v;
    });
  }
}

/** The same encoding as CSR: no dense rows x width block is built. */
export function bagsToCsr(b: Bags, width: number, mode: BagMode, idf: Float64Array | null): CsrMatrix {
  const indptr = new Int32Array(b.rows + 1);
  // Upper bound on stored values: the non-dropped ids; trimmed at the end.
  let bound = 0;
  for (let k = 0; k < b.ptr[b.rows]; k++) if (b.ids[k] >= 0) bound++;
  let indices = new Int32Array(bound);
  let data = new Float32Array(bound);
  let nnz = 0;
  for (let r = 0; r < b.rows; r++) {
    eachDistinct(b, r, mode, idf, (id, v) => {
      indices[nnz] = id;
      data[nnz] = v;
      nnz++;
    });
    indptr[r + 1] = nnz;
  }
  if (nnz < bound) {
    indices = indices.slice(0, nnz);
    data = data.slice(0, nnz);
  }
  return { rows: b.rows, cols: width, indptr, indices, data };
}
