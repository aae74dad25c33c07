/**
 * How the table is stored in the artefact, and the float32 table transform reads:
 *
 *   float32  4 bytes/value: each value rounded once to float32.
 *   float16  2 bytes/value: IEEE binary16, rounded once from the float64 value, ties to
 *            even (src/core/float16.ts). |value| >= 65520 has no half: a typed error.
 *   int8     1 byte/value + a float32 scale per row: scale = fround(max|row| / 127),
 *            code = round-half-even(value / scale) clamped to [-127, 127], read back as
 *            fround(code * scale). Error per value <= scale / 2 (plus the rounding of
 *            the scale itself); a zero row has scale 0.
 *
 * Fit and load go through the same {@link decodeTable}, so the fitted object and the
 * loaded one transform with the same float32 values, bit for bit.
 */
import type { EmbeddingStorage, EmbeddingTableState } from "../../artefact/states.js";
import { InvalidInputError } from "../../core/errors.js";
import { halfTable, toHalfBits } from "../../core/float16.js";

export interface StoredTable {
  values: Float32Array | Uint16Array | Int8Array;
  scales: Float32Array;
}

function roundHalfEven(v: number): number {
  const f = Math.floor(v);
  const d = v - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/**
 * Encodes `rows` x `dims` float64 values (row-major) for `storage`. `label(row)` names a
 * row in errors (its token).
 */
export function encodeTable(values: Float64Array, rows: number, dims: number, storage: EmbeddingStorage, who: string, label: (row: number) => string): StoredTable {
  const tooLarge = (row: number, j: number, x: number, limit: string): InvalidInputError =>
    new InvalidInputError(
      `${who}: value ${j} of the vector of ${label(row)} is ${x}, beyond the ${limit} range of storage "${storage}"; use storage "float32"${storage === "float16" ? ' or "int8"' : ""}, or scale the vectors down`,
      { column: who, row, value: String(x) },
    );
  if (storage === "float32") {
    const out = new Float32Array(rows * dims);
    for (let i = 0; i < out.length; i++) {
      out[i] = values[i];
      if (!Number.isFinite(out[i])) throw tooLarge(Math.floor(i / dims), i % dims, values[i], "float32");
    }
    return { values: out, scales: new Float32Array(0) };
  }
  if (storage === "float16") {
    const out = new Uint16Array(rows * dims);
    for (let i = 0; i < out.length; i++) {
      const h = toHalfBits(values[i]);
      if ((h & 0x7c00) === 0x7c00) throw tooLarge(Math.floor(i / dims), i % dims, values[i], "float16 (±65504)");
      out[i] = h;
    }
    return { values: out, scales: new Float32Array(0) };
  }
  const codes = new Int8Array(rows * dims);
  const scales = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    const o = r * dims;
    let max = 0;
    for (let j = 0; j < dims; j++) max = Math.max(max, Math.abs(values[o + j]));
    const scale = Math.fround(max / 127);
    if (!Number.isFinite(scale)) throw tooLarge(r, 0, max, "int8 (scale above float32)");
    scales[r] = scale;
    if (scale === 0) continue; // all zeros (or below the smallest float32 scale): codes stay 0
    for (let j = 0; j < dims; j++) {
      const q = values[o + j] / scale;
      const c = q < 0 ? -roundHalfEven(-q) : roundHalfEven(q);
      codes[o + j] = c > 127 ? 127 : c < -127 ? -127 : c;
    }
  }
  return { values: codes, scales };
}

/** The float32 table transform reads: (oovRows + vocabulary) x dims, row-major. */
export function decodeTable(s: Pick<EmbeddingTableState, "storage" | "values" | "scales" | "dims">): Float32Array {
  const v = s.values;
  if (v instanceof Float32Array) return v;
  const out = new Float32Array(v.length);
  if (v instanceof Uint16Array) {
    const half = halfTable();
    for (let i = 0; i < v.length; i++) out[i] = half[v[i]];
    return out;
  }
  const d = s.dims;
  for (let r = 0; r * d < v.length; r++) {
    const scale = s.scales[r];
    for (let j = r * d; j < (r + 1) * d; j++) out[j] = v[j] * scale;
  }
  return out;
}

/** Bytes per value of each storage (the artefact's table is rows x dims x this). */
export const BYTES_PER_VALUE: Record<EmbeddingStorage, number> = { float32: 4, float16: 2, int8: 1 };
