/**
 * The first prototype (bench only, superseded by the shipped kernels in src/core/wasm/):
 * StandardScaler's transform kernel in WebAssembly SIMD, bit-identical to
 * f32((x - mean) / scale) computed in float64. Kept so that the bench re-measures its
 * reciprocal-checked variant, which the shipped kernel does not use.
 *
 * Two kernels over 4 float32 cells at a time (promoted to 2 x f64x2):
 *  - "div": subtract the mean, f64x2.div by the scale, demote — the scalar formula, two
 *    lanes at a time.
 *  - "recip": multiply by a precomputed 1/scale instead (q'), and round q' * (1 + 2^-50)
 *    and q' * (1 - 2^-50) to float32. The correctly rounded quotient q = fl(d / s) lies
 *    within 1.5 * 2^-52 |q'| of q', inside that window, and rounding is monotone, so when
 *    both ends round to the same float32, q does too. A difference (a float32 rounding
 *    boundary within ~2^-50 relative: about one cell in 2^25) or a NaN/Inf sets the
 *    returned flag, and the caller recomputes that chunk with "div".
 * Wasm float arithmetic is IEEE round-to-nearest-even like JS, so both give the scalar
 * loop's bits. The flag is the OR of the bits of y - y ("div") or y_up - y_down
 * ("recip"): +0 for every good cell, and an OR cannot cancel the way a sum could.
 *
 * The module is assembled below from opcodes (no toolchain). Wasm code sees only its own
 * memory, so the driver copies chunks of the caller's Float32Array in and the results out.
 */

// ---- the library's tiny assembler (src/core/wasm/assembler.ts), with this prototype's own opcode table
import { HIGH_TO_LOW, I32, JOIN_LOW_HALVES, V128, f64x2Const, name, section, sleb, uleb, vec } from "../src/core/wasm/assembler.js";

const op = {
  localGet: (i: number) => [0x20, ...uleb(i)],
  localSet: (i: number) => [0x21, ...uleb(i)],
  localTee: (i: number) => [0x22, ...uleb(i)],
  i32: (v: number) => [0x41, ...sleb(v)],
  i32Add: [0x6a],
  i32Mul: [0x6c],
  i32GeU: [0x4f],
  i32LtU: [0x49],
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  end: [0x0b],
  brIf: (d: number) => [0x0d, ...uleb(d)],
  simd: (code: number) => [0xfd, ...uleb(code)],
  load: (offset: number) => [0xfd, ...uleb(0), 4, ...uleb(offset)],
  store: (offset: number) => [0xfd, ...uleb(11), 4, ...uleb(offset)],
  shuffle: (lanes: number[]) => [0xfd, ...uleb(13), ...lanes],
};
const S = {
  anyTrue: 0x53,
  or: 0x50,
  demote: 0x5e,
  promote: 0x5f,
  f32x4Sub: 0xe5,
  f64x2Sub: 0xf1,
  f64x2Mul: 0xf2,
  f64x2Div: 0xf3,
};

/**
 * One kernel function (in, out, cells, stats, period) -> i32. Cells is a whole number of
 * periods; a period (a multiple of 4 cells) has its offsets at stats, 1/scale at
 * stats + 8 * period and scale at stats + 16 * period (float64 each).
 * "recip": y = f32(q' * (1 + 2^-50)) and the flag is set when that differs from
 * f32(q' * (1 - 2^-50)) or is non-finite (the caller then redoes the chunk with "div").
 * "div": y = f32((x - mean) / scale) with a true division; the flag is set on non-finite y.
 */
function kernelBody(mode: "recip" | "div"): number[] {
  // params: 0 in, 1 out, 2 cells, 3 stats, 4 period
  // i32 locals: 5 end, 6 pb, 7 rbase, 8 sbase, 9 j; v128 locals: 10 acc, 11 v, 12 dlo, 13 dhi, 14 qlo, 15 qhi, 16 y, 17 up, 18 down
  const [pin, pout, cells, stats, period, end, pb, rbase, sbase, j, acc, v, dlo, dhi, qlo, qhi, y, up, down] = Array.from({ length: 19 }, (_, i) => i);
  const g = op.localGet;
  const statAt = (base: number, off: number) => [...g(base), ...g(j), ...op.i32Add, ...op.load(off)];
  const pairs = (lo: number[], hi: number[]) => [...lo, ...op.simd(S.demote), ...hi, ...op.simd(S.demote), ...op.shuffle(JOIN_LOW_HALVES)];
  const compute =
    mode === "div"
      ? [
          ...pairs([...g(dlo), ...statAt(sbase, 0), ...op.simd(S.f64x2Div)], [...g(dhi), ...statAt(sbase, 16), ...op.simd(S.f64x2Div)]),
          ...op.localTee(y),
          // flag: bits of y - y are all zero for every finite y, NaN otherwise
          ...g(y), ...op.simd(S.f32x4Sub), ...g(acc), ...op.simd(S.or), ...op.localSet(acc),
        ]
      : [
          ...g(dlo), ...statAt(rbase, 0), ...op.simd(S.f64x2Mul), ...op.localSet(qlo),
          ...g(dhi), ...statAt(rbase, 16), ...op.simd(S.f64x2Mul), ...op.localSet(qhi),
          ...pairs([...g(qlo), ...g(up), ...op.simd(S.f64x2Mul)], [...g(qhi), ...g(up), ...op.simd(S.f64x2Mul)]),
          ...op.localTee(y),
          ...pairs([...g(qlo), ...g(down), ...op.simd(S.f64x2Mul)], [...g(qhi), ...g(down), ...op.simd(S.f64x2Mul)]),
          // y_up - y_down is +0 exactly when both ends round alike to a finite float32;
          // OR-ing the bits (not adding) means two differences can never cancel.
          ...op.simd(S.f32x4Sub), ...g(acc), ...op.simd(S.or), ...op.localSet(acc),
        ];
  return [
    ...vec([[...uleb(5), I32], [...uleb(9), V128]]),
    ...g(pin), ...g(cells), ...op.i32(4), ...op.i32Mul, ...op.i32Add, ...op.localSet(end),
    ...g(period), ...op.i32(8), ...op.i32Mul, ...op.localSet(pb),
    ...g(stats), ...g(pb), ...op.i32Add, ...op.localSet(rbase),
    ...g(rbase), ...g(pb), ...op.i32Add, ...op.localSet(sbase),
    ...f64x2Const(1 + 2 ** -50), ...op.localSet(up),
    ...f64x2Const(1 - 2 ** -50), ...op.localSet(down),
    ...op.block,
    ...g(pin), ...g(end), ...op.i32GeU, ...op.brIf(0),
    ...op.loop, // one period per round
    ...op.i32(0), ...op.localSet(j),
    ...op.loop, // 4 cells per round
    ...g(pin), ...op.load(0), ...op.localSet(v),
    ...g(v), ...op.simd(S.promote), ...statAt(stats, 0), ...op.simd(S.f64x2Sub), ...op.localSet(dlo),
    ...g(v), ...g(v), ...op.shuffle(HIGH_TO_LOW), ...op.simd(S.promote), ...statAt(stats, 16), ...op.simd(S.f64x2Sub), ...op.localSet(dhi),
    ...g(pout),
    ...compute,
    ...g(y), ...op.store(0),
    ...g(pin), ...op.i32(16), ...op.i32Add, ...op.localSet(pin),
    ...g(pout), ...op.i32(16), ...op.i32Add, ...op.localSet(pout),
    ...g(j), ...op.i32(32), ...op.i32Add, ...op.localTee(j), ...g(pb), ...op.i32LtU, ...op.brIf(0),
    ...op.end,
    ...g(pin), ...g(end), ...op.i32LtU, ...op.brIf(0),
    ...op.end,
    ...op.end,
    ...g(acc), ...op.simd(S.anyTrue),
    ...op.end,
  ];
}

/** Module bytes: memory "mem", functions "recip" and "div" (see kernelBody). */
function moduleBytes(): Uint8Array<ArrayBuffer> {
  const bodies = [kernelBody("recip"), kernelBody("div")];
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec([[0x60, ...vec([[I32], [I32], [I32], [I32], [I32]]), ...vec([[I32]])]])),
    ...section(3, vec([uleb(0), uleb(0)])),
    ...section(5, vec([[0x00, ...uleb(1)]])),
    ...section(7, vec([[...name("mem"), 0x02, 0x00], [...name("recip"), 0x00, 0x00], [...name("div"), 0x00, 0x01]])),
    ...section(10, vec(bodies.map((b) => [...uleb(b.length), ...b]))),
  ];
  return Uint8Array.from(bytes);
}

// ---- the driver ---------------------------------------------------------------------
type KernelFn = (pin: number, pout: number, cells: number, stats: number, period: number) => number;

export interface Kernel {
  mem: WebAssembly.Memory;
  recip: KernelFn;
  div: KernelFn;
}

let kernel: Kernel | null | undefined;

/** The instantiated module, or null where WebAssembly SIMD is unavailable. */
export function wasmKernel(): Kernel | null {
  if (kernel !== undefined) return kernel;
  const bytes = moduleBytes();
  if (typeof WebAssembly === "undefined" || !WebAssembly.validate(bytes)) {
    kernel = null;
    return kernel;
  }
  const e = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports;
  kernel = { mem: e.mem as WebAssembly.Memory, recip: e.recip as KernelFn, div: e.div as KernelFn };
  return kernel;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));
const CHUNK_TARGET = 8192; // cells per copy-in / copy-out round (2 x 32 KB: stays in L1/L2)

export type ScalarKernel = (x: Float32Array, n: number, d: number, offset: Float64Array, scale: Float64Array, out: Float32Array) => boolean;

/**
 * y = f32((x - offset[j]) / scale[j]) over n x d row-major float32 cells into `out`.
 * Returns false when some output is non-finite. `tail` (the scalar JS kernel) handles
 * the last rows that do not fill a whole SIMD period (fewer than 4 rows).
 * `mode` "div" skips the reciprocal path (to measure the division kernel alone).
 */
export function scaleRowsWasm(
  k: Kernel,
  x: Float32Array,
  n: number,
  d: number,
  offset: Float64Array,
  scale: Float64Array,
  out: Float32Array,
  tail: ScalarKernel,
  mode: "recip" | "div" = "recip",
): boolean {
  const reps = 4 / gcd(d, 4); // rows per period, so a period is a whole number of vectors
  const period = reps * d;
  const chunk = Math.max(period, Math.floor(CHUNK_TARGET / period) * period);
  const inOff = (24 * period + 15) & ~15;
  const outOff = inOff + chunk * 4;
  const need = outOff + chunk * 4;
  if (k.mem.buffer.byteLength < need) k.mem.grow(Math.ceil((need - k.mem.buffer.byteLength) / 65536));
  const stats = new Float64Array(k.mem.buffer, 0, 3 * period);
  for (let p = 0; p < period; p++) {
    const jj = p % d;
    stats[p] = offset[jj];
    stats[period + p] = 1 / scale[jj];
    stats[2 * period + p] = scale[jj];
  }
  const src = new Float32Array(k.mem.buffer, inOff, chunk);
  const dst = new Float32Array(k.mem.buffer, outOff, chunk);
  const fullRows = n - (n % reps);
  const cells = fullRows * d;
  let bad = 0;
  for (let c = 0; c < cells; c += chunk) {
    const len = Math.min(chunk, cells - c);
    src.set(len === chunk ? x.subarray(c, c + chunk) : x.subarray(c, c + len));
    // The reciprocal path flags a rounding it cannot vouch for (about one cell in 2^25)
    // or a non-finite value; the chunk is then recomputed with true divisions.
    if (mode === "div" || k.recip(inOff, outOff, len, 0, period) !== 0) bad |= k.div(inOff, outOff, len, 0, period);
    out.set(len === chunk ? dst : dst.subarray(0, len), c);
  }
  const ok = bad === 0;
  if (fullRows === n) return ok;
  return tail(x.subarray(cells), n - fullRows, d, offset, scale, out.subarray(cells)) && ok;
}

/** The driver's copies alone (8192-cell chunks in and out of wasm memory), to show the floor of this design. */
export function wasmCopyOnly(k: Kernel, x: Float32Array, out: Float32Array): void {
  const chunk = CHUNK_TARGET;
  const need = 2 * chunk * 4;
  if (k.mem.buffer.byteLength < need) k.mem.grow(Math.ceil((need - k.mem.buffer.byteLength) / 65536));
  const buf = new Float32Array(k.mem.buffer, 0, chunk);
  for (let c = 0; c < x.length; c += chunk) {
    const len = Math.min(chunk, x.length - c);
    buf.set(x.subarray(c, c + len));
    out.set(len === chunk ? buf : buf.subarray(0, len), c);
  }
}
