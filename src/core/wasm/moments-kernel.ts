/**
 * Driver of the fit kernels "sums" and "squares" (kernel-code.ts) for core/moments.ts:
 * the two passes of the corrected two-pass moments over a float32 n x d matrix, four
 * features per SIMD group, bit-identical to the JS loops (per feature the rows are added
 * in order, in float64). Row blocks of ~32K cells (128 KB) keep a block in L2 while every group
 * sweeps it. A matrix inside a KernelArena is read in place; any other Float32Array is
 * copied in block by block.
 */
import { ARENA_HEADER_BYTES, ARENA_SLACK_BYTES, arenaOf } from "./arena.js";
import { type KernelFns, minKernelCells, scratchKernels } from "./runtime.js";

/** Cells per row block. */
const BLOCK_CELLS = 32768;

/** Accumulators the first pass updates in place (core/moments.ts's MomentsAcc fields). */
export interface SumsAcc {
  count: Float64Array;
  sum: Float64Array;
  min: Float64Array;
  max: Float64Array;
}

interface Placement {
  fns: KernelFns;
  buf: ArrayBuffer | SharedArrayBuffer;
  /** Byte offset of the matrix in `buf`, or -1 when blocks are copied to `blockOff`. */
  dataOff: number;
  blockOff: number;
}

/**
 * Where the kernels read the matrix: in place (arena) or copied block by block into the
 * private memory after `headerBytes` of accumulators. Null: run in JS.
 */
function place(data: Float32Array, n: number, d: number, headerBytes: number): Placement | null {
  if (n * d < minKernelCells()) return null;
  const arena = arenaOf(data.buffer);
  // In place needs the arena's header for the accumulators and 16 readable bytes past the data.
  if (arena !== undefined && arena.kernels !== null && headerBytes <= ARENA_HEADER_BYTES && data.byteOffset + data.byteLength + ARENA_SLACK_BYTES <= data.buffer.byteLength) {
    return { fns: arena.kernels, buf: arena.buffer, dataOff: data.byteOffset, blockOff: 0 };
  }
  const blockRows = Math.max(1, Math.floor(BLOCK_CELLS / d));
  const k = scratchKernels(headerBytes + blockRows * d * 4 + ARENA_SLACK_BYTES);
  if (k === null) return null;
  return { fns: k.fns, buf: k.memory.buffer as ArrayBuffer, dataOff: -1, blockOff: headerBytes };
}

/** Runs `kernel(pin, rows)` over row blocks of the matrix. */
function eachBlock(pl: Placement, data: Float32Array, n: number, d: number, kernel: (pin: number, rows: number) => void): void {
  const blockRows = Math.max(1, Math.floor(BLOCK_CELLS / d));
  const rowBytes = d * 4;
  const block = pl.dataOff < 0 ? new Float32Array(pl.buf, pl.blockOff, blockRows * d) : undefined;
  for (let i0 = 0; i0 < n; i0 += blockRows) {
    const rows = Math.min(blockRows, n - i0);
    if (block === undefined) kernel(pl.dataOff + i0 * rowBytes, rows);
    else {
      block.set(data.subarray(i0 * d, (i0 + rows) * d));
      kernel(pl.blockOff, rows);
    }
  }
}

/**
 * count, sum, min and max of each feature (NaN skipped, ±Infinity folded in), continuing
 * from the values in `acc`, as core/moments.ts's floatSums. False: not run (use JS).
 */
export function wasmFloatSums(data: Float32Array, n: number, d: number, acc: SumsAcc): boolean {
  const groups = Math.ceil(d / 4);
  const pl = place(data, n, d, groups * 128);
  if (pl === null) return false;
  const a = new Float64Array(pl.buf, 0, groups * 16);
  for (let j = 0; j < groups * 4; j++) {
    const base = (j >> 2) * 16 + (j & 3);
    const real = j < d;
    a[base] = real ? acc.sum[j] : 0;
    a[base + 4] = real ? acc.min[j] : Infinity;
    a[base + 8] = real ? acc.max[j] : -Infinity;
    a[base + 12] = real ? acc.count[j] : 0;
  }
  const rowBytes = d * 4;
  eachBlock(pl, data, n, d, (pin, rows) => pl.fns.sums(pin, rows, rowBytes, groups, 0));
  const r = new Float64Array(pl.buf, 0, groups * 16);
  for (let j = 0; j < d; j++) {
    const base = (j >> 2) * 16 + (j & 3);
    acc.sum[j] = r[base];
    acc.min[j] = r[base + 4];
    acc.max[j] = r[base + 8];
    acc.count[j] = r[base + 12];
  }
  return true;
}

/**
 * Sums of deviations (corr) and squared deviations (m2) from `mean`, NaN skipped,
 * continuing from the values in corr and m2, as core/moments.ts's floatSquares.
 */
export function wasmFloatSquares(data: Float32Array, n: number, d: number, mean: Float64Array, corr: Float64Array, m2: Float64Array): boolean {
  const groups = Math.ceil(d / 4);
  const meanOff = groups * 64;
  const pl = place(data, n, d, meanOff + groups * 32);
  if (pl === null) return false;
  const a = new Float64Array(pl.buf, 0, groups * 12);
  for (let j = 0; j < groups * 4; j++) {
    const base = (j >> 2) * 8 + (j & 3);
    const real = j < d;
    a[base] = real ? corr[j] : 0;
    a[base + 4] = real ? m2[j] : 0;
    a[groups * 8 + j] = real ? mean[j] : 0;
  }
  const rowBytes = d * 4;
  eachBlock(pl, data, n, d, (pin, rows) => pl.fns.squares(pin, rows, rowBytes, groups, meanOff, 0));
  const r = new Float64Array(pl.buf, 0, groups * 8);
  for (let j = 0; j < d; j++) {
    const base = (j >> 2) * 8 + (j & 3);
    corr[j] = r[base];
    m2[j] = r[base + 4];
  }
  return true;
}
