/**
 * The two WebAssembly functions of the text kernel (scan-kernel.ts), as code for the
 * assembler (src/core/wasm/assembler.ts). Both repeat a JS loop exactly:
 *
 * scan(p, pend, q, ends, hashes, minBytes, basis) -> count | -1 | -2
 *   token-pattern.ts scanBmp: the code units at [p, pend) are read through the
 *   64K-entry word table (0 for a non-word unit, else the unit lowercased when the
 *   tables lowercase) at WORD_TABLE and the info table at INFO_TABLE; each maximal run
 *   of word units of at least minBytes / 2 units is written from q (its units), its end
 *   in units from q to ends + 4k and its FNV-1a state (term-table.ts) to hashes + 4k.
 *   Returns the token count, or -1 where the JS scan returns NEEDS_PAIRS (a high
 *   surrogate) and -2 for NEEDS_LOWERCASE (a unit whose lowercase needs context).
 *
 * intern(n, tok, ends, hashes, slots, starts, pool, mask, idBits, termHashes, count, perId, entryIds, entryCounts, rowStart, nnz) -> nnz
 *   term-table.ts TermTable.findUnits + addUnits for each of n tokens (units from tok,
 *   ends and FNV states as scan writes them): the finished hash, the probe of the slots
 *   (one int32 each: (tag << idBits) | id, -1 empty, tag = hash >>> (idBits + 1)), the
 *   comparison with the pool's units of a candidate of the same length, and for a new
 *   term id = count: its units appended to the pool at starts[id], starts[id + 1], its
 *   hash, its slot. Then each token is counted as term-counts.ts CorpusCounts.addRuns
 *   counts it: the row's entries (entryIds, entryCounts) from rowStart, nnz so far; per
 *   id a 16-byte record at perId: its entry in the row being counted (valid only if it
 *   lies in [rowStart, nnz) and holds the id), its documents, its occurrences as low 31
 *   bits and high part. Returns the new nnz; the new term count is stored at COUNT_AT.
 *   The caller guarantees the room (the slots at most half full after all n tokens are
 *   added, the per-term arrays, records, entries and the pool large enough; records of
 *   new ids zero) and 8 readable bytes after the pool and the tokens: units are
 *   compared 4 at a time by unaligned 64-bit loads, the last 1-3 by a shifted XOR.
 *
 * lookup(n, tok, ends, hashes, slots, starts, pool, mask, idBits, out) -> n
 *   TermTable.findUnits for each of n tokens over a table copied in (a transform's):
 *   each token's id, or -1 for a term not in the table, to out + 4k.
 */
import { type Bytes, type FunctionDef, I32, assembleModule, op } from "../core/wasm/assembler.js";

export const WORD_TABLE = 0;
export const INFO_TABLE = 0x20000;
/** Where intern stores the table's term count. */
export const COUNT_AT = 0x30000;
/** First byte after the tables and COUNT_AT. */
export const TABLES_END = 0x30010;

const g = op.get;
const s = op.set;

function scanFunction(): Bytes {
  const [p, pend, q, ends, hashes, minBytes, basis] = [0, 1, 2, 3, 4, 5, 6];
  const [c, u, h, qstart, k, q0, f] = [7, 8, 9, 10, 11, 12, 13];
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

/**
 * intern (find-or-add and count) or lookup (find only, ids to out): one probe and
 * comparison, two ends. Parameters shared by both come first, so they have the same
 * indices in both.
 */
function tableFunction(mode: "intern" | "lookup"): { params: number; code: Bytes } {
  const [n, tok, ends, hashes, slots, starts, pool, mask, idBits] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  // intern: 9 termHashes, 10 count, 11 perId, 12 entryIds, 13 entryCounts, 14 rowStart, 15 nnz; lookup: 9 out.
  const [termHashes, count, perId, entryIds, entryCounts, rowStart, nnz] = [9, 10, 11, 12, 13, 14, 15];
  const out = 9;
  const params = mode === "intern" ? 16 : 10;
  const [k, from, end, h, tag, i, e, id, a, len, pa, pb, rb, res, at] = Array.from({ length: 15 }, (_, j) => params + j);
  const word = (base: number, index: number): Bytes => [...g(base), ...g(index), ...op.i32(2), ...op.i32Shl, ...op.i32Add];
  // term-table.ts finishHash, on the value on the stack, left in h.
  const finish: Bytes = [
    ...op.tee(h), ...g(h), ...op.i32(16), ...op.i32ShrU, ...op.i32Xor, ...op.i32(0x85ebca6b | 0), ...op.i32Mul,
    ...op.tee(h), ...g(h), ...op.i32(13), ...op.i32ShrU, ...op.i32Xor, ...op.i32(0xc2b2ae35 | 0), ...op.i32Mul,
    ...op.tee(h), ...g(h), ...op.i32(16), ...op.i32ShrU, ...op.i32Xor, ...s(h),
  ];
  // Inside the tail's ifs the probe block is 5 levels out: if, if (rb < 8), if (length), if (tag), probe loop, probe block.
  const found = (depth: number): Bytes => [...g(id), ...s(res), ...op.br(depth)];
  // A new term: id = count, its units at the pool's end.
  const addTerm: Bytes = [
    ...g(count), ...s(res),
    ...word(starts, count), ...op.tee(at), ...op.i32Load(), ...s(a),
    ...g(at), ...g(a), ...g(len), ...op.i32Add, ...op.i32Store(4),
    ...word(termHashes, count), ...g(h), ...op.i32Store(),
    ...word(slots, i), ...g(tag), ...g(idBits), ...op.i32Shl, ...g(count), ...op.i32Or, ...op.i32Store(),
    ...g(pool), ...g(a), ...op.i32(1), ...op.i32Shl, ...op.i32Add,
    ...g(tok), ...g(from), ...op.i32(1), ...op.i32Shl, ...op.i32Add,
    ...g(len), ...op.i32(1), ...op.i32Shl, ...op.memoryCopy,
    ...g(count), ...op.i32(1), ...op.i32Add, ...s(count),
  ];
  // Count id res (intern): at = its record; e = its entry in this row, if it has one.
  const countTerm: Bytes = [
    ...g(perId), ...g(res), ...op.i32(4), ...op.i32Shl, ...op.i32Add, ...op.tee(at), ...op.i32Load(), ...op.tee(e),
    ...g(rowStart), ...op.i32GeS, ...g(e), ...g(nnz), ...op.i32LtS, ...op.i32And,
    ...op.if, ...word(entryIds, e), ...op.i32Load(), ...g(res), ...op.i32Eq, ...s(a), ...op.else, ...op.i32(0), ...s(a), ...op.end,
    ...g(a),
    ...op.if,
      ...word(entryCounts, e), ...op.tee(pa), ...g(pa), ...op.i32Load(), ...op.i32(1), ...op.i32Add, ...op.i32Store(),
    ...op.else,
      ...g(at), ...g(nnz), ...op.i32Store(),
      ...g(at), ...g(at), ...op.i32Load(4), ...op.i32(1), ...op.i32Add, ...op.i32Store(4),
      ...word(entryIds, nnz), ...g(res), ...op.i32Store(),
      ...word(entryCounts, nnz), ...op.i32(1), ...op.i32Store(),
      ...g(nnz), ...op.i32(1), ...op.i32Add, ...s(nnz),
    ...op.end,
    // Occurrences: low 31 bits, carried into the high part at 2^31.
    ...g(at), ...op.i32Load(8), ...op.i32(1), ...op.i32Add, ...op.tee(a), ...op.i32(0x80000000 | 0), ...op.i32Eq,
    ...op.if,
      ...g(at), ...op.i32(0), ...op.i32Store(8),
      ...g(at), ...g(at), ...op.i32Load(12), ...op.i32(1), ...op.i32Add, ...op.i32Store(12),
    ...op.else,
      ...g(at), ...g(a), ...op.i32Store(8),
    ...op.end,
  ];
  const code: Bytes = [
    ...op.block, ...op.loop, // tokens: br 1 = done
      ...g(k), ...g(n), ...op.i32GeU, ...op.brIf(1),
      ...word(ends, k), ...op.i32Load(), ...op.tee(end), ...g(from), ...op.i32Sub, ...s(len),
      ...word(hashes, k), ...op.i32Load(), ...finish,
      ...g(h), ...g(idBits), ...op.i32(1), ...op.i32Add, ...op.i32ShrU, ...s(tag),
      ...g(h), ...g(mask), ...op.i32And, ...s(i),
      ...op.block, ...op.loop, // probe: br 0 = next slot; the block's end = res holds the id
        ...word(slots, i), ...op.i32Load(), ...op.tee(e), ...op.i32(0), ...op.i32LtS,
        ...op.if, ...(mode === "intern" ? addTerm : [...op.i32(-1), ...s(res)]), ...op.br(2), ...op.end,
        ...g(e), ...g(idBits), ...op.i32ShrU, ...g(tag), ...op.i32Eq,
        ...op.if,
          ...g(e), ...g(mask), ...op.i32And, ...s(id),
          ...word(starts, id), ...op.tee(at), ...op.i32Load(4), ...g(at), ...op.i32Load(), ...op.tee(a), ...op.i32Sub, ...g(len), ...op.i32Eq,
          ...op.if,
            ...g(pool), ...g(a), ...op.i32(1), ...op.i32Shl, ...op.i32Add, ...s(pa),
            ...g(tok), ...g(from), ...op.i32(1), ...op.i32Shl, ...op.i32Add, ...s(pb),
            ...g(len), ...op.i32(1), ...op.i32Shl, ...s(rb),
            ...op.block, ...op.loop, // 4 units at a time: br 1 = fewer than 4 left, or a difference
              ...g(rb), ...op.i32(8), ...op.i32LtU, ...op.brIf(1),
              ...g(pa), ...op.i64Load(), ...g(pb), ...op.i64Load(), ...op.i64Ne, ...op.brIf(1),
              ...g(pa), ...op.i32(8), ...op.i32Add, ...s(pa),
              ...g(pb), ...op.i32(8), ...op.i32Add, ...s(pb),
              ...g(rb), ...op.i32(8), ...op.i32Sub, ...s(rb),
              ...op.br(0),
            ...op.end, ...op.end,
            ...g(rb), ...op.i32(8), ...op.i32LtU,
            ...op.if,
              ...g(rb), ...op.i32Eqz, ...op.if, ...found(5), ...op.end,
              // The low rb bytes equal: (A ^ B) << (64 - 8 rb) is zero (little-endian units).
              ...g(pa), ...op.i64Load(), ...g(pb), ...op.i64Load(), ...op.i64Xor,
              ...op.i32(64), ...g(rb), ...op.i32(3), ...op.i32Shl, ...op.i32Sub, ...op.i64ExtendI32U, ...op.i64Shl, ...op.i64Eqz,
              ...op.if, ...found(5), ...op.end,
            ...op.end,
          ...op.end,
        ...op.end,
        ...g(i), ...op.i32(1), ...op.i32Add, ...g(mask), ...op.i32And, ...s(i),
        ...op.br(0),
      ...op.end, ...op.end,
      ...(mode === "intern" ? countTerm : [...word(out, k), ...g(res), ...op.i32Store()]),
      ...g(end), ...s(from),
      ...g(k), ...op.i32(1), ...op.i32Add, ...s(k),
      ...op.br(0),
    ...op.end, ...op.end,
    ...(mode === "intern" ? [...op.i32(COUNT_AT), ...g(count), ...op.i32Store(), ...g(nnz)] : g(n)),
  ];
  return { params, code };
}

/** The kernel module's bytes: imports env.mem, exports scan, intern and lookup. */
export function textKernelBytes(): Uint8Array<ArrayBuffer> {
  const table = (mode: "intern" | "lookup"): FunctionDef => {
    const f = tableFunction(mode);
    return { exportName: mode, params: Array<number>(f.params).fill(I32), results: [I32], locals: [[15, I32]], code: f.code };
  };
  return assembleModule([
    { exportName: "scan", params: [I32, I32, I32, I32, I32, I32, I32], results: [I32], locals: [[7, I32]], code: scanFunction() },
    table("intern"),
    table("lookup"),
  ]);
}

export interface TextKernelFns {
  scan: (p: number, pend: number, q: number, ends: number, hashes: number, minBytes: number, basis: number) => number;
  intern: (
    n: number, tok: number, ends: number, hashes: number, slots: number, starts: number, pool: number, mask: number, idBits: number,
    termHashes: number, count: number, perId: number, entryIds: number, entryCounts: number, rowStart: number, nnz: number,
  ) => number;
  lookup: (n: number, tok: number, ends: number, hashes: number, slots: number, starts: number, pool: number, mask: number, idBits: number, out: number) => number;
}
