/**
 * The word-run scan of token-pattern.ts (scanBmpUnits) as a WebAssembly function, for
 * Node, where a document's code units can be copied natively into wasm memory
 * (Buffer's UTF-16 writer). Same tokens, same hashes, same statuses: it is the same
 * loop — one 64K-entry table load per code unit, the FNV-1a state (term-table.ts)
 * updated as the run grows — without the bounds and type checks of the JS loop, which
 * made it about twice as fast on the UDHR benchmark corpus (measured: JS 73 ms, wasm
 * 38 ms for 5.5 M code units, the copy included, same run).
 *
 * Memory of one ScanKernel (one per TokenRuns, so no two readers share buffers):
 *   [0, 0x20000)            word table: the (lowercased) unit if a word character, else 0
 *   [0x20000, 0x30000)      info table: 0, SCAN_WORD 1, SCAN_HIGH 2, SCAN_SPECIAL 4
 *   TEXT                    the document's code units (capacity C)
 *   units, ends, hashes     the tokens (TokenRuns' arrays are views of these)
 *
 * The function scan(p, pend, q, ends, hashes, minBytes, basis) reads the units at
 * [p, pend), writes token units from q, token k's end (in units from q) at ends + 4k
 * and its FNV state at hashes + 4k; it returns the token count, or -1 where the JS scan
 * returns NEEDS_PAIRS (a high surrogate) and -2 for NEEDS_LOWERCASE (a unit whose
 * lowercase needs context): the caller then takes the JS paths, as before.
 */
import { type Bytes, I32, assembleModule, op } from "../core/wasm/assembler.js";
import { wasmAllowed } from "../core/wasm/runtime.js";

const WORD_TABLE = 0;
const INFO_TABLE = 0x20000;
const TEXT = 0x30000;

function scanFunction(): Bytes {
  // params: 0 p, 1 pend, 2 q, 3 ends, 4 hashes, 5 minBytes, 6 basis
  // locals: 7 c, 8 u, 9 h, 10 qstart, 11 k, 12 q0, 13 f
  const [p, pend, q, ends, hashes, minBytes, basis] = [0, 1, 2, 3, 4, 5, 6];
  const [c, u, h, qstart, k, q0, f] = [7, 8, 9, 10, 11, 12, 13];
  const g = op.get;
  const s = op.set;
  // u = word[c = *p]
  const readUnit: Bytes = [...g(p), ...op.i32Load16U(), ...op.tee(c), ...op.i32(1), ...op.i32Shl, ...op.i32Load16U(WORD_TABLE), ...op.tee(u)];
  // if info[c] > 1: return info[c] === 4 ? -2 : -1
  const bailOnSpecial: Bytes = [
    ...g(c), ...op.i32Load8U(INFO_TABLE), ...op.tee(f), ...op.i32(1), ...op.i32GtU,
    ...op.if, ...op.i32(-2), ...op.i32(-1), ...g(f), ...op.i32(4), ...op.i32Eq, ...op.select, ...op.return, ...op.end,
  ];
  const tokenSlot = (base: number): Bytes => [...g(base), ...g(k), ...op.i32(2), ...op.i32Shl, ...op.i32Add];
  return [
    ...g(q), ...s(q0),
    ...op.block, ...op.loop, // runs: br 0 = next, br 1 = done
      ...g(p), ...g(pend), ...op.i32GeU, ...op.brIf(1),
      ...readUnit, ...op.i32Eqz,
      ...op.if, ...bailOnSpecial, ...g(p), ...op.i32(2), ...op.i32Add, ...s(p), ...op.br(1), ...op.end,
      ...g(q), ...s(qstart), ...g(basis), ...s(h),
      ...op.block, ...op.loop, // the run: br 0 = next unit, br 1 = run ended
        ...g(q), ...g(u), ...op.i32Store16(), ...g(q), ...op.i32(2), ...op.i32Add, ...s(q),
        ...g(h), ...g(u), ...op.i32Xor, ...op.i32(0x01000193), ...op.i32Mul, ...s(h),
        ...g(p), ...op.i32(2), ...op.i32Add, ...op.tee(p), ...g(pend), ...op.i32Eq, ...op.brIf(1),
        ...readUnit, ...op.brIf(0),
      ...op.end, ...op.end,
      // The unit that ended the run may be one that continues it after all (u is still
      // nonzero when the text ended inside the run).
      ...g(u), ...op.i32Eqz, ...op.if, ...bailOnSpecial, ...op.end,
      ...g(q), ...g(qstart), ...op.i32Sub, ...g(minBytes), ...op.i32GeS,
      ...op.if,
        ...tokenSlot(ends), ...g(q), ...g(q0), ...op.i32Sub, ...op.i32(1), ...op.i32ShrU, ...op.i32Store(),
        ...tokenSlot(hashes), ...g(h), ...op.i32Store(),
        ...g(k), ...op.i32(1), ...op.i32Add, ...s(k),
      ...op.else, ...g(qstart), ...s(q), ...op.end,
      ...op.br(0),
    ...op.end, ...op.end,
    ...g(k),
  ];
}

type ScanFn = (p: number, pend: number, q: number, ends: number, hashes: number, minBytes: number, basis: number) => number;

let compiled: WebAssembly.Module | null | undefined;

function scanModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  try {
    const bytes = assembleModule([{ exportName: "scan", params: [I32, I32, I32, I32, I32, I32, I32], results: [I32], locals: [[7, I32]], code: scanFunction() }]);
    compiled = typeof WebAssembly === "object" && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  } catch {
    compiled = null;
  }
  return compiled;
}

/** Node's Buffer with its UTF-16 writer (see TokenRuns.textOf), or null outside Node / on a big-endian host. */
type Ucs2Buffer = Buffer & { ucs2Write?: (s: string, offset: number, length: number) => number };
const NodeBuffer: typeof Buffer | null = typeof Buffer === "function" && new Uint8Array(Uint16Array.of(1).buffer)[0] === 1 ? Buffer : null;

/** Tables of one scan mode (token-pattern.ts ScanTables). */
export interface ScanTableArrays {
  word: Uint16Array;
  info: Uint8Array;
}

export class ScanKernel {
  private readonly memory: WebAssembly.Memory;
  private readonly fn: ScanFn;
  private tables: ScanTableArrays | null = null;
  /** Capacity in code units of a document (and of the token units). */
  private capacity = 0;
  private text: Ucs2Buffer | null = null;
  private unitsAt = 0;
  private endsAt = 0;
  private hashesAt = 0;
  units: Uint16Array<ArrayBuffer> = new Uint16Array(0);
  ends: Int32Array<ArrayBuffer> = new Int32Array(0);
  hashes: Int32Array<ArrayBuffer> = new Int32Array(0);

  private constructor(memory: WebAssembly.Memory, fn: ScanFn) {
    this.memory = memory;
    this.fn = fn;
  }

  /** A kernel with its own memory, or null where it cannot run (no Node Buffer, no WebAssembly, or the "js" backend is forced). */
  static create(): ScanKernel | null {
    if (NodeBuffer === null || !wasmAllowed()) return null;
    const mod = scanModule();
    if (mod === null) return null;
    try {
      const memory = new WebAssembly.Memory({ initial: 4 });
      const fn = new WebAssembly.Instance(mod, { env: { mem: memory } }).exports.scan as ScanFn;
      return new ScanKernel(memory, fn);
    } catch {
      return null;
    }
  }

  /**
   * Room for a document of n code units and its tokens (each token and the gap after it
   * take at least 2 units, so n / 2 + 1 tokens). Growing the memory detaches the old
   * views: callers re-read units / ends / hashes after this.
   */
  reserve(n: number): void {
    if (n <= this.capacity) return;
    const capacity = Math.max(4096, 2 * Math.ceil(n / 2), this.capacity * 2);
    const tokens = (capacity >> 1) + 1;
    const unitsAt = TEXT + 2 * capacity;
    const endsAt = unitsAt + 2 * capacity;
    const hashesAt = endsAt + 4 * tokens;
    const end = hashesAt + 4 * tokens;
    const have = this.memory.buffer.byteLength;
    if (end > have) this.memory.grow(Math.ceil((end - have) / 65536));
    const buffer = this.memory.buffer;
    this.capacity = capacity;
    this.unitsAt = unitsAt;
    this.endsAt = endsAt;
    this.hashesAt = hashesAt;
    this.text = NodeBuffer!.from(buffer, TEXT, 2 * capacity);
    this.units = new Uint16Array(buffer, unitsAt, capacity);
    this.ends = new Int32Array(buffer, endsAt, tokens);
    this.hashes = new Int32Array(buffer, hashesAt, tokens);
    // A grown memory is a new buffer: the tables are copied again below.
    this.tables = null;
  }

  /**
   * Scans `s` (whose length is within the capacity reserved) with `tables`: the token
   * count (tokens in units / ends / hashes), or -1 (NEEDS_PAIRS) / -2 (NEEDS_LOWERCASE).
   */
  scan(s: string, tables: ScanTableArrays, minCodePoints: number, basis: number): number {
    if (this.tables !== tables) {
      const buffer = this.memory.buffer;
      new Uint16Array(buffer, WORD_TABLE, 0x10000).set(tables.word);
      new Uint8Array(buffer, INFO_TABLE, 0x10000).set(tables.info);
      this.tables = tables;
    }
    const bytes = 2 * s.length;
    const text = this.text!;
    // Buffer's own UTF-16 writer when present; not a documented API, so its byte count is
    // checked and the documented write is the fallback (as in TokenRuns.textOf).
    if (typeof text.ucs2Write !== "function" || text.ucs2Write(s, 0, bytes) !== bytes) text.write(s, 0, "utf16le");
    return this.fn(TEXT, TEXT + bytes, this.unitsAt, this.endsAt, this.hashesAt, 2 * minCodePoints, basis);
  }
}
