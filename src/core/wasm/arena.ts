/**
 * KernelArena: Float32Array buffers that live inside the kernels' WebAssembly memory,
 * so a transform whose input and output both come from the same arena runs with no
 * copies (a plain Float32Array must be copied into wasm memory and back in chunks,
 * because wasm code can only address its own memory).
 *
 * Views stay valid: an arena reserves its whole capacity when it is created and never
 * grows (WebAssembly.Memory.grow would detach every view handed out). Create one arena
 * sized for the batches you transform, allocate input and output from it, and reuse
 * them. Where WebAssembly is unavailable the arena is a plain ArrayBuffer: the same code
 * runs, on the JS loops.
 */
import { InvalidInputError, InvalidOptionError, SkewlessError, describeValue } from "../errors.js";
import { type KernelFns, instantiateKernels, kernelModule, sharedKernelModule } from "./runtime.js";

const PAGE = 65536;
/** Bytes at the start of an arena for a call's per-feature statistics or accumulators. */
export const ARENA_HEADER_BYTES = 65536;
/** Bytes kept free after the last allocatable byte: the fit kernels may read up to 12 bytes past a row. */
export const ARENA_SLACK_BYTES = 16;
/** Largest capacity in float32 values (wasm32 memories stop short of 4 GiB). */
const MAX_CAPACITY = Math.floor((65535 * PAGE - ARENA_HEADER_BYTES - ARENA_SLACK_BYTES) / 4);

const arenas = new WeakMap<ArrayBufferLike, KernelArena>();

export interface KernelArenaOptions {
  /**
   * Back the arena with a shared WebAssembly memory (a SharedArrayBuffer), so that helper
   * threads (`startKernelThreads` in skewless/node) can run parts of a transform over it.
   * Default false. Where shared memory is unavailable (no SharedArrayBuffer, e.g. a page
   * that is not cross-origin isolated) the arena is not shared: check `arena.shared`.
   */
  shared?: boolean;
}

/** The arena whose memory `buffer` is, if any. */
export function arenaOf(buffer: ArrayBufferLike): KernelArena | undefined {
  return arenas.get(buffer);
}

export class KernelArena {
  /** The float32 values the arena can hold. */
  readonly capacity: number;
  /** The memory every view of this arena shares (a WebAssembly.Memory's buffer when wasm is available). */
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
  /** @internal The kernels instantiated over this memory, or null on the JS fallback. */
  readonly kernels: KernelFns | null;
  /** @internal The WebAssembly memory and compiled module, for helper threads (shared arenas only). */
  readonly wasm: { memory: WebAssembly.Memory; module: WebAssembly.Module } | null = null;
  /** @internal Mailboxes of the helper threads working on this arena (kernel-threads.ts). */
  readonly helperMailboxes: Int32Array[] = [];
  /** Free blocks [byte offset, byte length], sorted by offset, never adjacent. */
  private freeBlocks: [number, number][];
  /** Live allocations: byte offset -> byte length. */
  private readonly live = new Map<number, number>();
  /** Bytes past this offset were never handed out, so they are still zero. */
  private dirtyEnd = ARENA_HEADER_BYTES;

  /**
   * Reserves room for `capacity` float32 values. Allocations are rounded up to a
   * multiple of 4 values (16 bytes, the SIMD vector), so many tiny ones hold less.
   */
  constructor(capacity: number, options: KernelArenaOptions = {}) {
    if (!Number.isInteger(capacity) || capacity < 0 || capacity > MAX_CAPACITY) {
      throw new InvalidOptionError(`KernelArena capacity must be an integer number of float32 values from 0 to ${MAX_CAPACITY}, got ${describeValue(capacity)}`, {
        value: describeValue(capacity),
      });
    }
    this.capacity = capacity;
    const usable = Math.ceil(capacity / 4) * 16;
    const bytes = ARENA_HEADER_BYTES + usable + ARENA_SLACK_BYTES;
    if (options.shared !== undefined && typeof options.shared !== "boolean") {
      throw new InvalidOptionError(`KernelArena option shared must be true or false, got ${describeValue(options.shared)}`, { value: describeValue(options.shared) });
    }
    let buffer: ArrayBuffer | SharedArrayBuffer | undefined;
    let kernels: KernelFns | null = null;
    const module = options.shared === true ? sharedKernelModule() : kernelModule();
    if (module !== null) {
      try {
        const pages = Math.ceil(bytes / PAGE);
        const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: options.shared === true });
        kernels = instantiateKernels(memory, module);
        buffer = memory.buffer;
        if (options.shared === true && kernels !== null) this.wasm = { memory, module };
      } catch {
        kernels = null; // e.g. the engine refuses a memory this large: use a plain buffer
      }
    }
    if (buffer === undefined || kernels === null) buffer = new ArrayBuffer(bytes);
    this.buffer = buffer;
    this.kernels = kernels;
    this.freeBlocks = usable > 0 ? [[ARENA_HEADER_BYTES, usable]] : [];
    arenas.set(buffer, this);
  }

  /** Whether the memory is shared (a SharedArrayBuffer), so helper threads may work on it. */
  get shared(): boolean {
    return this.wasm !== null;
  }

  /** Whether transforms on this arena's buffers run the WebAssembly kernels without copies. */
  get zeroCopy(): boolean {
    return this.kernels !== null;
  }

  /** Float32 values still free (the largest single allocation may be smaller after frees). */
  get available(): number {
    let bytes = 0;
    for (const [, len] of this.freeBlocks) bytes += len;
    return bytes / 4;
  }

  /** A zero-filled Float32Array of `length` values inside the arena. Throws BUFFER_TOO_SMALL when no free block is large enough. */
  allocateFloat32(length: number): Float32Array {
    if (!Number.isInteger(length) || length < 0) {
      throw new InvalidOptionError(`KernelArena.allocateFloat32: length must be a non-negative integer, got ${describeValue(length)}`, { value: describeValue(length) });
    }
    // An empty view takes no room (and free() accepts it back as a no-op).
    if (length === 0) return new Float32Array(this.buffer, ARENA_HEADER_BYTES, 0);
    const need = Math.ceil(length / 4) * 16;
    const i = this.freeBlocks.findIndex(([, len]) => len >= need);
    if (i < 0) {
      throw new SkewlessError(
        "BUFFER_TOO_SMALL",
        `KernelArena.allocateFloat32(${length}): no free block of ${need} bytes (arena of ${this.capacity} values, ${this.available} free); create a larger KernelArena or free buffers first`,
      );
    }
    const [offset, len] = this.freeBlocks[i];
    if (len === need) this.freeBlocks.splice(i, 1);
    else this.freeBlocks[i] = [offset + need, len - need];
    this.live.set(offset, need);
    const view = new Float32Array(this.buffer, offset, length);
    // Fresh memory is zero already; only reused bytes need clearing.
    if (offset < this.dirtyEnd) view.fill(0, 0, Math.min(length, Math.ceil((this.dirtyEnd - offset) / 4)));
    this.dirtyEnd = Math.max(this.dirtyEnd, offset + need);
    return view;
  }

  /** Returns a buffer from allocateFloat32 to the arena. The view must not be used afterwards. */
  free(view: Float32Array): void {
    if (view instanceof Float32Array && view.buffer === this.buffer && view.length === 0) return;
    const size = view instanceof Float32Array && view.buffer === this.buffer ? this.live.get(view.byteOffset) : undefined;
    if (size === undefined) {
      throw new InvalidInputError("KernelArena.free: the array was not allocated by this arena (or was already freed); pass the exact Float32Array allocateFloat32 returned");
    }
    this.live.delete(view.byteOffset);
    this.release(view.byteOffset, size);
  }

  /** Frees every allocation at once. Views handed out before must not be used afterwards. */
  reset(): void {
    this.live.clear();
    const usable = Math.ceil(this.capacity / 4) * 16;
    this.freeBlocks = usable > 0 ? [[ARENA_HEADER_BYTES, usable]] : [];
  }

  private release(offset: number, size: number): void {
    const blocks = this.freeBlocks;
    let i = 0;
    while (i < blocks.length && blocks[i][0] < offset) i++;
    blocks.splice(i, 0, [offset, size]);
    // Coalesce with the next block, then with the previous one.
    if (i + 1 < blocks.length && blocks[i][0] + blocks[i][1] === blocks[i + 1][0]) {
      blocks[i][1] += blocks[i + 1][1];
      blocks.splice(i + 1, 1);
    }
    if (i > 0 && blocks[i - 1][0] + blocks[i - 1][1] === blocks[i][0]) {
      blocks[i - 1][1] += blocks[i][1];
      blocks.splice(i, 1);
    }
  }
}
