/**
 * Driver of the per-feature affine transform kernels (kernel-code.ts) for the scalers:
 *  - "subdiv": y = f32((x - a[j]) / b[j])   StandardScaler, MaxAbsScaler (a = 0), RobustScaler
 *  - "muladd": y = f32(x * a[j] + b[j]), optionally clamped to [lo, hi]   MinMaxScaler
 * over an n x d row-major Float32Array, bit-identical to those JS expressions.
 *
 * Where the data lives decides the copies: input and output both in one KernelArena run
 * in place in wasm memory (no copies); with one of them in an arena, the other side is
 * staged through that arena's header in chunks (one copy); plain buffers are copied into
 * a private wasm memory and back in chunks of ~32K cells (the chunks stay in L2). A kernel
 * round is 16 cells, so the last n mod (16 / gcd(d, 16)) rows (fewer than 16; none when d
 * is a multiple of 16) run in JS with the same expressions.
 */
import { ARENA_HEADER_BYTES, arenaOf } from "./arena.js";
import { TRANSFORM_UNROLL } from "./kernel-code.js";
import { type KernelCall, PARALLEL_MIN_CELLS, runKernel, runSplit } from "./kernel-threads.js";
import { type KernelFns, minKernelCells, scratchKernels } from "./runtime.js";

export interface AffineSpec {
  op: "subdiv" | "muladd";
  /** Per-feature offsets ("subdiv") or multipliers ("muladd"), float64. */
  a: Float64Array;
  /** Per-feature divisors ("subdiv") or addends ("muladd"), float64. */
  b: Float64Array;
  /** "muladd" only: clamp to [lo, hi] in float64 before rounding (np.clip order: max, then min). */
  clip?: readonly [number, number];
}

/**
 * "done": every output cell is written and finite. "flagged": some output (or, for
 * "muladd", some input) is NaN or ±Infinity; `out` is partly written and the caller must
 * run its JS loop, which throws the typed error naming the first such cell. "declined":
 * nothing was done (JS backend, small or Float64Array input, overlapping buffers).
 */
export type KernelOutcome = "done" | "flagged" | "declined";

/** Cells per copy-in / kernel / copy-out round on the copying path. */
const CHUNK_CELLS = 32768;

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
/** Cells per kernel round. */
const GROUP = 4 * TRANSFORM_UNROLL;

export function runAffine(spec: AffineSpec, data: ArrayLike<unknown>, n: number, d: number, out: Float32Array): KernelOutcome {
  const cells = n * d;
  if (!(data instanceof Float32Array) || cells < minKernelCells()) return "declined";
  // Rows per period: the smallest whole number of rows that fills whole kernel rounds.
  const reps = GROUP / gcd(d, GROUP);
  const fullRows = n - (n % reps);
  if (fullRows === 0) return "declined";
  if (data.buffer === out.buffer) {
    const a0 = data.byteOffset;
    const b0 = out.byteOffset;
    // In place or overlapping: the kernel would overwrite input that a flagged chunk's
    // JS rerun must still read.
    if (a0 < b0 + cells * 4 && b0 < a0 + cells * 4) return "declined";
  }
  const period = reps * d;
  const fullCells = fullRows * d;
  const flag = inArena(spec, data, out, fullCells, period, d) ?? halfInArena(spec, data, out, fullCells, period, d) ?? copying(spec, data, out, fullCells, period, d);
  if (flag === null) return "declined";
  if (flag !== 0) return "flagged";
  return tail(spec, data, out, fullCells, cells, d) ? "done" : "flagged";
}

/** Per-cell statistics of one period, interleaved per 4-cell group: a of the 4 cells, then b. */
function writeStats(stats: Float64Array, spec: AffineSpec, period: number, d: number): void {
  for (let p = 0; p < period; p++) {
    const j = p % d;
    const at = (p >> 2) * 8 + (p & 3);
    stats[at] = spec.a[j];
    stats[at + 4] = spec.b[j];
  }
}

function call(fns: KernelFns, spec: AffineSpec, pin: number, pout: number, cells: number, stats: number, period: number): number {
  return runKernel(fns, kernelCall(spec, pin, pout, cells, stats, period));
}

/** The kernel and its arguments for `spec`'s operation. */
function kernelCall(spec: AffineSpec, pin: number, pout: number, cells: number, stats: number, period: number): KernelCall {
  const fn = spec.op === "subdiv" ? "subdiv" : spec.clip === undefined ? "muladd" : "muladdClip";
  const [lo, hi] = spec.clip ?? [0, 0];
  return { fn, pin, pout, cells, stats, period, lo, hi };
}

/**
 * Both buffers in one arena: a single kernel call over them, statistics in the arena's
 * header — split with the arena's helper threads when it has some and the call is large.
 */
function inArena(spec: AffineSpec, data: Float32Array, out: Float32Array, cells: number, period: number, d: number): number | null {
  if (data.buffer !== out.buffer) return null;
  const arena = arenaOf(data.buffer);
  if (arena === undefined || arena.kernels === null || 16 * period > ARENA_HEADER_BYTES) return null;
  writeStats(new Float64Array(arena.buffer, 0, 2 * period), spec, period, d);
  const c = kernelCall(spec, data.byteOffset, out.byteOffset, cells, 0, period);
  return arena.helperMailboxes.length > 0 && cells >= PARALLEL_MIN_CELLS ? runSplit(arena.kernels, arena.helperMailboxes, c) : runKernel(arena.kernels, c);
}

/**
 * One side in an arena: the kernel reads the input in place and writes chunks into the
 * arena's header (copied out), or reads chunks copied into the header and writes the
 * output in place — one copy instead of two.
 */
function halfInArena(spec: AffineSpec, data: Float32Array, out: Float32Array, cells: number, period: number, d: number): number | null {
  const inA = arenaOf(data.buffer);
  const arena = inA?.kernels ? inA : arenaOf(out.buffer);
  if (arena === undefined || arena.kernels === null) return null;
  const statsBytes = 16 * period;
  const chunk = Math.floor((ARENA_HEADER_BYTES - statsBytes) / 4 / period) * period;
  if (chunk === 0) return null;
  writeStats(new Float64Array(arena.buffer, 0, 2 * period), spec, period, d);
  const staging = new Float32Array(arena.buffer, statsBytes, chunk);
  const readInPlace = arena === inA;
  for (let c = 0; c < cells; c += chunk) {
    const len = Math.min(chunk, cells - c);
    if (readInPlace) {
      if (call(arena.kernels, spec, data.byteOffset + c * 4, statsBytes, len, 0, period) !== 0) return 1;
      out.set(len === chunk ? staging : staging.subarray(0, len), c);
    } else {
      staging.set(data.subarray(c, c + len));
      if (call(arena.kernels, spec, statsBytes, out.byteOffset + c * 4, len, 0, period) !== 0) return 1;
    }
  }
  return 0;
}

/** Plain buffers: chunks copied into the private memory, transformed, copied out; stops at the first flagged chunk. */
function copying(spec: AffineSpec, data: Float32Array, out: Float32Array, cells: number, period: number, d: number): number | null {
  const chunk = Math.max(period, Math.floor(CHUNK_CELLS / period) * period);
  const inOff = 16 * period;
  const outOff = inOff + chunk * 4;
  const k = scratchKernels(outOff + chunk * 4);
  if (k === null) return null;
  const buf = k.memory.buffer;
  writeStats(new Float64Array(buf, 0, 2 * period), spec, period, d);
  const src = new Float32Array(buf, inOff, chunk);
  const dst = new Float32Array(buf, outOff, chunk);
  for (let c = 0; c < cells; c += chunk) {
    const len = Math.min(chunk, cells - c);
    src.set(data.subarray(c, c + len));
    if (call(k.fns, spec, inOff, outOff, len, 0, period) !== 0) return 1;
    out.set(len === chunk ? dst : dst.subarray(0, len), c);
  }
  return 0;
}

/** Cells [from, to) in JS, with the kernels' exact expressions; false when one is flagged. */
function tail(spec: AffineSpec, data: Float32Array, out: Float32Array, from: number, to: number, d: number): boolean {
  const { a, b, clip } = spec;
  for (let k = from; k < to; k++) {
    const j = k % d;
    const x = data[k];
    let y: number;
    if (spec.op === "subdiv") y = Math.fround((x - a[j]) / b[j]);
    else {
      if (x - x !== 0) return false;
      const z = x * a[j] + b[j];
      y = Math.fround(clip === undefined ? z : Math.min(Math.max(z, clip[0]), clip[1]));
    }
    if (y - y !== 0) return false;
    out[k] = y;
  }
  return true;
}
