/**
 * Scratch typed arrays reused from one fit to the next (within a job), for the large
 * temporaries of the text vectorizers' fits: the per-term counters of the counting
 * pass, the buffers of the vocabulary sort, the column-major copy of the rows.
 *
 * Why: each fit of a large corpus otherwise allocates tens of MB of short-lived
 * ArrayBuffers, and the engine answers that much external memory with extra young
 * generation collections, which copy (and promote) whatever else is young and live —
 * the previous fit's vocabulary strings, say — at a cost comparable to whole passes of
 * the fit. The buffers are held through WeakRefs, so they last while fits follow each
 * other and are freed once the program moves on.
 *
 * A slot serves one temporary at a time: callers use distinct slots for temporaries
 * that are alive together. Contents are whatever the last user left: callers
 * initialize what they read.
 */

const slots: (WeakRef<ArrayBuffer> | null)[] = [];

/** Slots of the vectorizers' fits (see the callers): the counting pass's per-term record, then the sort's buffers, then the transposition's. */
export const SLOT_COUNTS = 0;
export const SLOT_A = 1;
export const SLOT_B = 2;
export const SLOT_C = 3;
export const SLOT_D = 4;

/** Below this many bytes a fresh buffer is cheap: no reuse. */
const REUSE_FROM = 1 << 16;

function buffer(slot: number, bytes: number): ArrayBuffer {
  if (bytes < REUSE_FROM) return new ArrayBuffer(bytes);
  const held = slots[slot]?.deref();
  if (held !== undefined && held.byteLength >= bytes) return held;
  const fresh = new ArrayBuffer(held === undefined ? bytes : Math.max(bytes, Math.floor(held.byteLength * 1.25)));
  slots[slot] = new WeakRef(fresh);
  return fresh;
}

/** An Int32Array of `length` (contents undefined) from scratch slot `slot`. */
export function scratchInt32(slot: number, length: number): Int32Array<ArrayBuffer> {
  return new Int32Array(buffer(slot, 4 * length), 0, length);
}

/** A Float64Array of `length` (contents undefined) from scratch slot `slot`. */
export function scratchFloat64(slot: number, length: number): Float64Array<ArrayBuffer> {
  return new Float64Array(buffer(slot, 8 * length), 0, length);
}

/** A Uint32Array of `length` (contents undefined) from scratch slot `slot`. */
export function scratchUint32(slot: number, length: number): Uint32Array<ArrayBuffer> {
  return new Uint32Array(buffer(slot, 4 * length), 0, length);
}
