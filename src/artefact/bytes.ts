/**
 * Raw little-endian arrays in `bytes` fields. Decoding is one memcpy into a fresh,
 * aligned typed array (protobuf slices may start at any offset), instead of one JS
 * number per element as packed repeated doubles would give.
 */
import { ArtefactError } from "../core/errors.js";
import { DEFAULT_LIMITS, exceeded } from "./limits.js";

/**
 * maxTensorElements of the decode in progress. Codecs call bytesToF64/requireElements
 * without a limits argument (every kind's codec gets the check without threading
 * options through it); decodeArtefact sets this for the duration of one synchronous
 * decode with {@link withElementLimit}.
 */
let maxElements: number = DEFAULT_LIMITS.maxTensorElements;

export function withElementLimit<T>(max: number, run: () => T): T {
  const outer = maxElements;
  maxElements = max;
  try {
    return run();
  } finally {
    maxElements = outer;
  }
}

/**
 * Checks a size derived from declared counts (e.g. n_quantiles x n_features, a
 * vocabulary size) against maxTensorElements before anything of that size is built.
 * Codecs call this for every declared size they allocate from.
 */
export function requireElements(count: number, field: string): void {
  if (!(count <= maxElements) || !Number.isSafeInteger(count)) {
    throw exceeded("maxTensorElements", count, maxElements, `artefact field ${field}`);
  }
}

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function swapped(bytes: Uint8Array, width: number): Uint8Array {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i += width) for (let k = 0; k < width; k++) out[i + k] = bytes[i + width - 1 - k];
  return out;
}

export function f64ToBytes(values: Float64Array): Uint8Array {
  const raw = new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));
  return LITTLE_ENDIAN ? raw : swapped(raw, 8);
}

export function u32ToBytes(values: Uint32Array): Uint8Array {
  const raw = new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));
  return LITTLE_ENDIAN ? raw : swapped(raw, 4);
}

function decodeWidth(bytes: Uint8Array | null | undefined, width: number, field: string, expected: number | undefined): Uint8Array {
  const b = bytes ?? new Uint8Array(0);
  if (expected !== undefined) requireElements(expected, field);
  requireElements(Math.floor(b.length / width), field);
  if (b.length % width !== 0) {
    throw new ArtefactError(`artefact field ${field} has ${b.length} bytes, not a multiple of ${width}; the artefact is corrupt`);
  }
  if (expected !== undefined && b.length / width !== expected) {
    throw new ArtefactError(`artefact field ${field} holds ${b.length / width} values, expected ${expected}; the artefact is corrupt`);
  }
  return LITTLE_ENDIAN ? b : swapped(b, width);
}

export function bytesToF64(bytes: Uint8Array | null | undefined, field: string, expected?: number): Float64Array {
  const b = decodeWidth(bytes, 8, field, expected);
  const out = new Float64Array(b.length / 8);
  new Uint8Array(out.buffer).set(b);
  return out;
}

export function bytesToU32(bytes: Uint8Array | null | undefined, field: string, expected?: number): Uint32Array {
  const b = decodeWidth(bytes, 4, field, expected);
  const out = new Uint32Array(b.length / 4);
  new Uint8Array(out.buffer).set(b);
  return out;
}
