/**
 * A tiny WebAssembly binary assembler: LEB128, sections, and the handful of core and
 * SIMD opcodes the kernels use. The kernels are written as byte arrays with these
 * helpers, so the library ships no compiled binary and needs no toolchain; the module
 * (under 3 KB) is assembled once, on first use.
 * Opcode numbers: WebAssembly core spec 2.0, section 5.4 (SIMD: the 0xfd prefix table).
 */

export type Bytes = number[];

export function uleb(n: number): Bytes {
  const out: Bytes = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

export function sleb(n: number): Bytes {
  const out: Bytes = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) return [...out, b];
    out.push(b | 0x80);
  }
}

export const vec = (items: Bytes[]): Bytes => [...uleb(items.length), ...items.flat()];
export const name = (s: string): Bytes => vec([...s].map((c) => [c.charCodeAt(0)]));
export const section = (id: number, body: Bytes): Bytes => [id, ...uleb(body.length), ...body];

export const I32 = 0x7f;
export const F64 = 0x7c;
export const V128 = 0x7b;

/** Immediate of a v128 (or f64) constant: two float64 lanes. */
export function f64x2Const(v: number): Bytes {
  const b = new Uint8Array(16);
  const view = new DataView(b.buffer);
  view.setFloat64(0, v, true);
  view.setFloat64(8, v, true);
  return [0xfd, ...uleb(12), ...b];
}

const simd = (code: number): Bytes => [0xfd, ...uleb(code)];

/** Core instructions and SIMD instructions; v128 loads/stores carry an alignment hint of 16 and a constant offset. */
export const op = {
  get: (i: number): Bytes => [0x20, ...uleb(i)],
  set: (i: number): Bytes => [0x21, ...uleb(i)],
  tee: (i: number): Bytes => [0x22, ...uleb(i)],
  i32: (v: number): Bytes => [0x41, ...sleb(v)],
  i32Eqz: [0x45],
  i32Add: [0x6a],
  i32Sub: [0x6b],
  i32Mul: [0x6c],
  i32Or: [0x72],
  i32GeU: [0x4f],
  i32LtU: [0x49],
  i32GtU: [0x4b],
  i32GeS: [0x4e],
  i32Eq: [0x46],
  i32Xor: [0x73],
  i32Shl: [0x74],
  i32ShrU: [0x76],
  select: [0x1b],
  return: [0x0f],
  /** Scalar memory access: alignment hint (log2 bytes), then the constant offset. */
  i32Load8U: (offset = 0): Bytes => [0x2d, 0, ...uleb(offset)],
  i32Load16U: (offset = 0): Bytes => [0x2f, 1, ...uleb(offset)],
  i32Store16: (offset = 0): Bytes => [0x3b, 1, ...uleb(offset)],
  i32Store: (offset = 0): Bytes => [0x36, 2, ...uleb(offset)],
  i32Load: (offset = 0): Bytes => [0x28, 2, ...uleb(offset)],
  i32And: [0x71],
  i32LtS: [0x48],
  /** i64.load with alignment hint 1 byte (the text kernels read unaligned). */
  i64Load: (offset = 0): Bytes => [0x29, 0, ...uleb(offset)],
  i64Ne: [0x52],
  i64Xor: [0x85],
  i64Shl: [0x86],
  i64Eqz: [0x50],
  i64ExtendI32U: [0xad],
  /** memory.copy (bulk memory): dst, src, bytes on the stack. */
  memoryCopy: [0xfc, 0x0a, 0x00, 0x00],
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  if: [0x04, 0x40],
  else: [0x05],
  end: [0x0b],
  br: (d: number): Bytes => [0x0c, ...uleb(d)],
  brIf: (d: number): Bytes => [0x0d, ...uleb(d)],
  load: (offset = 0): Bytes => [...simd(0x00), 4, ...uleb(offset)],
  store: (offset = 0): Bytes => [...simd(0x0b), 4, ...uleb(offset)],
  shuffle: (lanes: number[]): Bytes => [...simd(0x0d), ...lanes],
  f64x2Splat: simd(0x14),
  f64x2Eq: simd(0x47),
  and: simd(0x4e),
  or: simd(0x50),
  bitselect: simd(0x52),
  anyTrue: simd(0x53),
  demote: simd(0x5e),
  promote: simd(0x5f),
  f32x4Sub: simd(0xe5),
  f64x2Add: simd(0xf0),
  f64x2Sub: simd(0xf1),
  f64x2Mul: simd(0xf2),
  f64x2Div: simd(0xf3),
  f64x2Min: simd(0xf4),
  f64x2Max: simd(0xf5),
  f64x2Pmin: simd(0xf6),
  f64x2Pmax: simd(0xf7),
};

/** i8x16.shuffle lanes: the high 8 bytes of the first operand moved to the low half. */
export const HIGH_TO_LOW = [8, 9, 10, 11, 12, 13, 14, 15, 0, 1, 2, 3, 4, 5, 6, 7];
/** i8x16.shuffle lanes: low half of the first operand, then low half of the second. */
export const JOIN_LOW_HALVES = [0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23];

export interface FunctionDef {
  exportName: string;
  params: number[];
  results: number[];
  /** Local declarations beyond the parameters: [count, type] runs. */
  locals: [number, number][];
  /** Instructions, without the final `end`. */
  code: Bytes;
}

/** Pages in the largest wasm32 memory (4 GiB). */
const MAX_PAGES = 65536;

/**
 * A module importing its memory as env.mem (so one compiled module serves every memory) and
 * exporting `fns`. With `sharedMemory` the import is a shared memory (threads proposal: limits
 * flag 3, so a maximum must be declared — the wasm32 ceiling, which any memory satisfies);
 * only such a module may run over a SharedArrayBuffer-backed WebAssembly.Memory.
 */
export function assembleModule(fns: FunctionDef[], sharedMemory = false): Uint8Array<ArrayBuffer> {
  const types = fns.map((f) => [0x60, ...vec(f.params.map((t) => [t])), ...vec(f.results.map((t) => [t]))]);
  const bodies = fns.map((f) => {
    const body = [...vec(f.locals.map(([n, t]) => [...uleb(n), t])), ...f.code, ...op.end];
    return [...uleb(body.length), ...body];
  });
  const bytes = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(types)),
    // import "env" "mem": limits flag 0 = minimum 1 page only; flag 3 = shared, minimum and maximum.
    ...section(2, vec([[...name("env"), ...name("mem"), 0x02, ...(sharedMemory ? [0x03, ...uleb(1), ...uleb(MAX_PAGES)] : [0x00, ...uleb(1)])]])),
    ...section(3, vec(fns.map((_, i) => uleb(i)))),
    ...section(7, vec(fns.map((f, i) => [...name(f.exportName), 0x00, ...uleb(i)]))),
    ...section(10, vec(bodies)),
  ];
  return Uint8Array.from(bytes);
}
