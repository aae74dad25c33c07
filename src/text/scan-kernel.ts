/**
 * The word-run scan and the term table's find-or-add (token-pattern.ts scanBmp,
 * term-table.ts findUnits / addUnits) as WebAssembly (scan-kernel-code.ts), for Node,
 * where a document's code units can be copied natively into wasm memory (Buffer's
 * UTF-16 writer). Same tokens, same hashes, same ids in the same order as the JS loops:
 * the same algorithms without the JS loops' bounds and type checks, and comparing four
 * code units per load. Measured on the UDHR benchmark corpus (5.5 M code units,
 * 840 k tokens, same run): scan JS 45.6 ms, wasm 29.9 ms (the copy included); lookups JS
 * findUnits 38 ms, wasm 21 ms.
 *
 * A kernel serves one TokenRuns at a time (so no two readers share buffers): a reader
 * takes one for a batch (create: the recycled one if any) and gives it back after it
 * (recycle, from TokenRuns.trim), so its grown memory serves the next batch or fit
 * instead of being allocated and faulted in again. Its memory holds the scan tables
 * (copied in per mode), then regions allocated upwards: the document, the tokens
 * (units, ends, hashes: TokenRuns' arrays are views of these), their ids (lookupRow),
 * and for a fit (beginTable) a term table laid out as TermTable's (slots, starts,
 * hashes, pool) with its counts laid out as CorpusCounts' (per-term records, row
 * entries), or for a transform's batch a fitted table copied in (loadTable). A region
 * that must grow is allocated anew above the others and its contents copied (the old
 * space is not reused within a job; a job's memory is at most about twice its data).
 * Growing the memory detaches every view, so views are re-read from the kernel after
 * each call that may grow it. `takeTable` and `counts` copy a fit's results out.
 */
import { wasmAllowed } from "../core/wasm/runtime.js";
import { COUNT_AT, INFO_TABLE, TABLES_END, type TextKernelFns, WORD_TABLE, textKernelBytes } from "./scan-kernel-code.js";
import { type Utf16Target, canCopyUtf16, copyUtf16, nodeUtf16Target } from "./utf16-copy.js";

let compiled: WebAssembly.Module | null | undefined;

function textKernelModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  try {
    const bytes = textKernelBytes();
    compiled = typeof WebAssembly === "object" && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  } catch {
    compiled = null;
  }
  return compiled;
}


/** Tables of one scan mode (token-pattern.ts ScanTables). */
export interface ScanTableArrays {
  word: Uint16Array;
  info: Uint8Array;
}

/** A term table's arrays as TermTable keeps them (term-table.ts). */
export interface TermTableArrays {
  units: Uint16Array<ArrayBuffer>;
  starts: Int32Array<ArrayBuffer>;
  hashes: Int32Array<ArrayBuffer>;
  slots: Int32Array<ArrayBuffer>;
  count: number;
}

/** token-pattern.ts SCAN_HIGH: the info value for which the scan stops and returns -1 (NEEDS_PAIRS). */
const SCAN_HIGH = 2;

/** Bytes readable after the pool and the token units (the 64-bit comparisons read past a term's end). */
const SLACK = 8;

/** Where the table's regions are and how much they hold. */
interface TableLayout {
  slotsAt: number;
  /** Slot count (a power of two). */
  slotCount: number;
  startsAt: number;
  hashesAt: number;
  /** Room for this many terms in starts (+1) and hashes. */
  termRoom: number;
  poolAt: number;
  /** Room in the pool, in code units. */
  poolRoom: number;
  count: number;
  /** The counts (term-counts.ts CorpusCounts' layout): a 16-byte record per term (room: termRoom), and the row entries. */
  perIdAt: number;
  entryIdsAt: number;
  entryCountsAt: number;
  entryRoom: number;
}

export class ScanKernel {
  private readonly memory: WebAssembly.Memory;
  private readonly fns: TextKernelFns;
  private tables: ScanTableArrays | null = null;
  /** First free byte (regions are allocated upwards from here). */
  private top = TABLES_END;
  /** Capacity in code units of a document (and of the token units). */
  private capacity = 0;
  private textAt = 0;
  private unitsAt = 0;
  private endsAt = 0;
  private hashesAt = 0;
  private idsAt = 0;
  private text: Utf16Target | null = null;
  private table: TableLayout | null = null;
  /** The whole memory as int32s (for single reads without a view per call). */
  private words: Int32Array;
  /** The views of the token regions (valid until the memory grows: re-read after each call). */
  units: Uint16Array<ArrayBuffer> = new Uint16Array(0);
  ends: Int32Array<ArrayBuffer> = new Int32Array(0);
  hashes: Int32Array<ArrayBuffer> = new Int32Array(0);
  /** The ids lookupRow gives. */
  ids: Int32Array<ArrayBuffer> = new Int32Array(0);
  /** A table copied in for lookups (loadTable): where its slots, starts and pool are. */
  private lookupTable: { slotsAt: number; slotCount: number; startsAt: number; poolAt: number } | null = null;

  private constructor(memory: WebAssembly.Memory, fns: TextKernelFns) {
    this.memory = memory;
    this.fns = fns;
    this.words = new Int32Array(memory.buffer);
  }

  /**
   * A kernel with its own memory (a recycled one when there is one), or null where it
   * cannot run (no Node Buffer, no WebAssembly, or the "js" backend is forced).
   */
  static create(): ScanKernel | null {
    if (!canCopyUtf16 || !wasmAllowed()) return null;
    const recycled = spare?.deref();
    spare = null;
    if (recycled !== undefined) return recycled;
    const mod = textKernelModule();
    if (mod === null) return null;
    try {
      const memory = new WebAssembly.Memory({ initial: 4 });
      const fns = new WebAssembly.Instance(mod, { env: { mem: memory } }).exports as unknown as TextKernelFns;
      return new ScanKernel(memory, fns);
    } catch {
      return null;
    }
  }

  /** A region of `bytes` (8-aligned) above the others; growing the memory if needed (then the views are renewed). */
  private allocate(bytes: number): number {
    const at = (this.top + 7) & ~7;
    this.top = at + bytes;
    const have = this.memory.buffer.byteLength;
    if (this.top > have) {
      this.memory.grow(Math.ceil((this.top - have) / 65536));
      this.renewViews();
    }
    return at;
  }

  private renewViews(): void {
    const buffer = this.memory.buffer;
    this.words = new Int32Array(buffer);
    const tokens = (this.capacity >> 1) + 1;
    this.text = nodeUtf16Target(buffer, this.textAt, 2 * this.capacity);
    this.units = new Uint16Array(buffer, this.unitsAt, this.capacity);
    this.ends = new Int32Array(buffer, this.endsAt, tokens);
    this.hashes = new Int32Array(buffer, this.hashesAt, tokens);
    this.ids = new Int32Array(buffer, this.idsAt, tokens);
  }

  /**
   * Room for a document of n code units and its tokens (each token and the gap after it
   * take at least 2 units, so n / 2 + 1 tokens). The token regions are new ones when
   * they grow: callers re-read units / ends / hashes after this.
   */
  reserve(n: number): void {
    if (n <= this.capacity) return;
    const capacity = Math.max(4096, 2 * Math.ceil(n / 2), this.capacity * 2);
    const tokens = (capacity >> 1) + 1;
    this.textAt = this.allocate(2 * capacity);
    this.unitsAt = this.allocate(2 * capacity + SLACK);
    this.endsAt = this.allocate(4 * tokens);
    this.hashesAt = this.allocate(4 * tokens);
    this.idsAt = this.allocate(4 * tokens);
    this.capacity = capacity;
    this.renewViews();
  }

  /**
   * Scans `s` (whose length is within the capacity reserved) with `tables`: the token
   * count (tokens in units / ends / hashes), or -1 (NEEDS_PAIRS) / -2 (NEEDS_LOWERCASE).
   */
  scan(s: string, tables: ScanTableArrays, minCodePoints: number, basis: number): number {
    if (this.tables !== tables) {
      const buffer = this.memory.buffer;
      new Uint16Array(buffer, WORD_TABLE, 0x10000).set(tables.word);
      const info = new Uint8Array(buffer, INFO_TABLE, 0x10000);
      info.set(tables.info);
      // Low surrogates too send the scan back to JS (as high ones do), so that a scan that
      // completes here proves its document free of surrogates (TokenRuns.surrogateFree);
      // the JS scan then treats them as before.
      info.fill(SCAN_HIGH, 0xdc00, 0xe000);
      this.tables = tables;
    }
    copyUtf16(this.text!, s);
    return this.fns.scan(this.textAt, this.textAt + 2 * s.length, this.unitsAt, this.endsAt, this.hashesAt, 2 * minCodePoints, basis);
  }

  /**
   * Starts an empty term table in this memory: `slots` (a power of two) slots, room for
   * `terms` terms and `units` pool code units to begin with (TermTable's constructor
   * arguments after its rounding).
   */
  beginTable(slots: number, terms: number, units: number, entries: number): void {
    const slotsAt = this.allocate(4 * slots);
    const startsAt = this.allocate(4 * (terms + 1));
    const hashesAt = this.allocate(4 * terms);
    const poolAt = this.allocate(2 * units + SLACK);
    const perIdAt = this.allocate(16 * terms);
    const entryIdsAt = this.allocate(4 * entries);
    const entryCountsAt = this.allocate(4 * entries);
    // A recycled memory holds the last job's data: the slots start empty, the records zero.
    this.words.fill(-1, slotsAt >> 2, (slotsAt >> 2) + slots);
    this.words.fill(0, perIdAt >> 2, (perIdAt >> 2) + 4 * terms);
    this.words[startsAt >> 2] = 0;
    this.table = { slotsAt, slotCount: slots, startsAt, hashesAt, termRoom: terms, poolAt, poolRoom: units, count: 0, perIdAt, entryIdsAt, entryCountsAt, entryRoom: entries };
  }

  /**
   * Interns and counts the n tokens in the token regions (as the last scan, or a JS
   * scan into the views, left them) as one row whose entries start at `rowStart`, after
   * `nnz` entries in all (CorpusCounts.addRuns' contract); returns the new nnz.
   */
  countRow(n: number, rowStart: number, nnz: number): number {
    const t = this.table!;
    // The tokens' units in all (each new term adds its units to the pool).
    const units = n === 0 ? 0 : this.words[(this.endsAt >> 2) + n - 1];
    this.makeRoom(t, n, units, nnz);
    const end = this.fns.intern(
      n, this.unitsAt, this.endsAt, this.hashesAt, t.slotsAt, t.startsAt, t.poolAt, t.slotCount - 1, Math.log2(t.slotCount),
      t.hashesAt, t.count, t.perIdAt, t.entryIdsAt, t.entryCountsAt, rowStart, nnz,
    );
    t.count = this.words[COUNT_AT >> 2];
    return end;
  }

  /**
   * Grows the regions so that n new terms of `units` code units in all and n more
   * entries after `nnz` fit, the slots staying at most half full.
   */
  private makeRoom(t: TableLayout, n: number, units: number, nnz: number): void {
    const need = t.count + n;
    if (need > t.termRoom) {
      const room = Math.max(need, 2 * t.termRoom);
      const startsAt = this.allocate(4 * (room + 1));
      const hashesAt = this.allocate(4 * room);
      const perIdAt = this.allocate(16 * room);
      this.copy(startsAt, t.startsAt, 4 * (t.count + 1));
      this.copy(hashesAt, t.hashesAt, 4 * t.count);
      this.copy(perIdAt, t.perIdAt, 16 * t.count);
      this.words.fill(0, (perIdAt >> 2) + 4 * t.count, (perIdAt >> 2) + 4 * room);
      t.startsAt = startsAt;
      t.hashesAt = hashesAt;
      t.perIdAt = perIdAt;
      t.termRoom = room;
    }
    if (nnz + n > t.entryRoom) {
      const room = Math.max(nnz + n, 2 * t.entryRoom);
      const entryIdsAt = this.allocate(4 * room);
      const entryCountsAt = this.allocate(4 * room);
      this.copy(entryIdsAt, t.entryIdsAt, 4 * nnz);
      this.copy(entryCountsAt, t.entryCountsAt, 4 * nnz);
      t.entryIdsAt = entryIdsAt;
      t.entryCountsAt = entryCountsAt;
      t.entryRoom = room;
    }
    const used = this.words[(t.startsAt >> 2) + t.count];
    if (used + units > t.poolRoom) {
      const room = Math.max(used + units, Math.ceil(1.5 * t.poolRoom));
      const poolAt = this.allocate(2 * room + SLACK);
      this.copy(poolAt, t.poolAt, 2 * used);
      t.poolAt = poolAt;
      t.poolRoom = room;
    }
    if (2 * need > t.slotCount) {
      let slotCount = 2 * t.slotCount;
      while (2 * need > slotCount) slotCount *= 2;
      this.rehash(t, slotCount);
    }
  }

  private copy(to: number, from: number, bytes: number): void {
    const b = new Uint8Array(this.memory.buffer);
    b.copyWithin(to, from, from + bytes);
  }

  /** New slots for the table's terms (TermTable.rehash: each term at the first empty slot of its probe sequence). */
  private rehash(t: TableLayout, slotCount: number): void {
    const slotsAt = this.allocate(4 * slotCount);
    const buffer = this.memory.buffer;
    const slots = new Int32Array(buffer, slotsAt, slotCount).fill(-1);
    const hashes = new Int32Array(buffer, t.hashesAt, t.count);
    const mask = slotCount - 1;
    const idBits = Math.log2(slotCount);
    for (let id = 0; id < t.count; id++) {
      const h = hashes[id];
      let i = h & mask;
      while (slots[i] >= 0) i = (i + 1) & mask;
      slots[i] = ((h >>> (idBits + 1)) << idBits) | id;
    }
    t.slotsAt = slotsAt;
    t.slotCount = slotCount;
  }

  /**
   * Copies a fitted table (TermTable.layout) in for lookupRow: a transform's batch then
   * looks its tokens up here instead of in JS (worth the copy for batches about as large
   * as the table's terms: the caller decides).
   */
  loadTable(t: { units: Uint16Array; starts: Int32Array; slots: Int32Array; count: number }): void {
    const used = t.starts[t.count];
    const slotsAt = this.allocate(4 * t.slots.length);
    const startsAt = this.allocate(4 * (t.count + 1));
    const poolAt = this.allocate(2 * used + SLACK);
    const buffer = this.memory.buffer;
    new Int32Array(buffer, slotsAt, t.slots.length).set(t.slots);
    new Int32Array(buffer, startsAt, t.count + 1).set(t.starts.subarray(0, t.count + 1));
    new Uint16Array(buffer, poolAt, used).set(t.units.subarray(0, used));
    this.lookupTable = { slotsAt, slotCount: t.slots.length, startsAt, poolAt };
  }

  /** The ids (-1: not in the table) of the n tokens in the token regions, into ids[0, n), in the table of loadTable. */
  lookupRow(n: number): void {
    const t = this.lookupTable!;
    this.fns.lookup(n, this.unitsAt, this.endsAt, this.hashesAt, t.slotsAt, t.startsAt, t.poolAt, t.slotCount - 1, Math.log2(t.slotCount), this.idsAt);
  }

  /** The per-term records (4 int32s per term) and the first nnz entries, as views: read them before anything else runs on the kernel. */
  counts(nnz: number): { perId: Int32Array; ids: Int32Array; counts: Int32Array } {
    const t = this.table!;
    const buffer = this.memory.buffer;
    return { perId: new Int32Array(buffer, t.perIdAt, 4 * t.count), ids: new Int32Array(buffer, t.entryIdsAt, nnz), counts: new Int32Array(buffer, t.entryCountsAt, nnz) };
  }

  /**
   * The table's arrays, copied out of this memory for a TermTable (which grows them as
   * it needs); the table is gone from the kernel afterwards.
   */
  takeTable(): TermTableArrays {
    const t = this.table!;
    const buffer = this.memory.buffer;
    const used = this.words[(t.startsAt >> 2) + t.count];
    this.table = null;
    return {
      units: new Uint16Array(buffer, t.poolAt, used).slice(),
      starts: new Int32Array(buffer, t.startsAt, t.count + 1).slice(),
      hashes: new Int32Array(buffer, t.hashesAt, t.count).slice(),
      slots: new Int32Array(buffer, t.slotsAt, t.slotCount).slice(),
      count: t.count,
    };
  }

  /**
   * Hands the kernel back for a later create() (its memory, grown to the last job's
   * size, is reused instead of allocated and faulted in again): the caller must hold
   * no view of it any more. Kept through a WeakRef, as the scratch buffers (scratch.ts).
   */
  recycle(): void {
    this.table = null;
    this.lookupTable = null;
    this.top = TABLES_END;
    this.capacity = 0;
    spare = new WeakRef(this);
  }
}

let spare: WeakRef<ScanKernel> | null = null;
