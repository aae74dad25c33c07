/**
 * A string -> dense id table whose terms live as UTF-16 code units in one growing
 * Uint16Array (the pool), so the hot loops of the text vectorizers count tokens without
 * making a JS string per token or per new term: a token is looked up by a range of code
 * units (a scan buffer, or a range of a document), and strings are made only for the
 * terms that end in a vocabulary, in one batch (`termsOf`). Ids are given in insertion
 * order.
 *
 * Open addressing with linear probing over a power-of-two slot array kept at most half
 * full. A slot is one int32: the term's id in the low idBits bits (log2 of the slot
 * count; ids stay below it) under a tag of its hash's top bits, so most probes that do
 * not match stop at the slot, and the slots of a 200,000-term vocabulary take 2 MB (a
 * table that fits the caches better is measurably faster here than a wider slot).
 *
 * The hash is FNV-1a over UTF-16 code units from a random basis drawn once per
 * process, with a final avalanche: ids never depend on it (so output is
 * deterministic), and a random basis keeps crafted documents from forcing every token
 * into one probe chain. A tokenizer that scans the characters anyway computes the FNV
 * state as it goes (HASH_BASIS, HASH_PRIME) and passes it in, saving the table a pass
 * over the token.
 */

/** FNV-1a starting state of this process (random; see the module doc). */
export const HASH_BASIS = (0x811c9dc5 ^ Math.floor(Math.random() * 0x100000000)) | 0;
export const HASH_PRIME = 0x01000193;

/** The table's hash of a range from its FNV-1a state (an avalanche of the state's bits). */
export function finishHash(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

/** Code units per String.fromCharCode call when decoding (well below engines' argument limits). */
const DECODE_CHUNK = 4096;

/** Decodes well-formed UTF-16 natively; throws on a lone surrogate (then the units are decoded one by one). */
const utf16 = typeof TextDecoder === "function" ? tryDecoder() : null;

function tryDecoder(): TextDecoder | null {
  try {
    // ignoreBOM: a leading U+FEFF is part of the text, not a byte order mark.
    return new TextDecoder("utf-16le", { fatal: true, ignoreBOM: true });
  } catch {
    return null;
  }
}

/** The string of units[start, end) (any code units, lone surrogates kept as they are). */
export function decodeUnits(units: Uint16Array, start: number, end: number): string {
  if (utf16 !== null && end - start > 64) {
    try {
      return utf16.decode(units.subarray(start, end));
    } catch {
      // A lone surrogate: TextDecoder cannot keep it; fall through.
    }
  }
  if (end - start <= DECODE_CHUNK) return String.fromCharCode.apply(null, units.subarray(start, end) as unknown as number[]);
  const parts: string[] = [];
  for (let i = start; i < end; i += DECODE_CHUNK) parts.push(String.fromCharCode.apply(null, units.subarray(i, Math.min(end, i + DECODE_CHUNK)) as unknown as number[]));
  return parts.join("");
}

/** Slots of a table expecting `expected` terms: a power of two, at least 16 and twice `expected`. */
export function slotCountFor(expected: number): number {
  let cap = 16;
  while (cap < expected * 2) cap *= 2;
  return cap;
}

export class TermTable {
  /** Code units of every term in id order: term id is units[starts[id], starts[id + 1]). */
  private units: Uint16Array<ArrayBuffer>;
  private starts: Int32Array<ArrayBuffer>;
  /** The finished hash of each id (for rehashing and subsets). */
  private hashes: Int32Array<ArrayBuffer>;
  /** (tag << idBits) | id per slot, -1 when empty. */
  private slots: Int32Array<ArrayBuffer>;
  private mask: number;
  /** log2 of the slot count; the tag of finished hash h is h >>> (idBits + 1). */
  private idBits: number;
  private count = 0;
  private strings: string[] | null = null;

  /**
   * `expected` terms size the slots; `terms` and `units` (capacity hints, defaults from
   * `expected`) size the per-id arrays and the pool, so that a caller with a better
   * guess of the upper end avoids their regrowth without making the slots sparser.
   */
  constructor(expected = 16, terms = expected, units = terms * 8) {
    const cap = slotCountFor(expected);
    this.mask = cap - 1;
    this.idBits = Math.log2(cap);
    this.slots = new Int32Array(cap).fill(-1);
    const ids = Math.max(8, expected, terms);
    this.hashes = new Int32Array(ids);
    this.starts = new Int32Array(ids + 1);
    this.units = new Uint16Array(Math.max(64, units));
  }

  /**
   * A table over arrays filled elsewhere in this layout (the WebAssembly find-or-add of
   * scan-kernel.ts): `count` terms, slots a power of two in length, at most half full.
   */
  static adopt(arrays: { units: Uint16Array<ArrayBuffer>; starts: Int32Array<ArrayBuffer>; hashes: Int32Array<ArrayBuffer>; slots: Int32Array<ArrayBuffer>; count: number }): TermTable {
    const t = new TermTable(1, 1, 1);
    t.units = arrays.units;
    t.starts = arrays.starts;
    t.hashes = arrays.hashes;
    t.slots = arrays.slots;
    t.mask = arrays.slots.length - 1;
    t.idBits = Math.log2(arrays.slots.length);
    t.count = arrays.count;
    return t;
  }

  /** A table holding `terms` with ids 0..n-1; a repeated term keeps its first id. */
  static of(terms: readonly string[]): TermTable {
    const t = new TermTable(terms.length);
    for (const term of terms) t.intern(term, 0, term.length);
    return t;
  }

  get size(): number {
    return this.count;
  }

  /** The pool of code units (valid up to termStarts[size]); a view that changes as terms are added. */
  get codeUnits(): Uint16Array {
    return this.units;
  }

  /** Start of each term in codeUnits, and its end at [id + 1]. */
  get termStarts(): Int32Array {
    return this.starts;
  }

  /**
   * Id of units[start, end) whose finished hash (finishHash) is h, or -1 - the slot
   * where it would be added (addUnits). Small, so callers' loops can inline it.
   */
  findUnits(src: Uint16Array, start: number, end: number, h: number): number {
    const slots = this.slots;
    const units = this.units;
    const starts = this.starts;
    const mask = this.mask;
    const len = end - start;
    const idBits = this.idBits;
    const tag = h >>> (idBits + 1);
    let i = h & mask;
    for (;;) {
      const e = slots[i];
      if (e < 0) return -1 - i;
      if (e >>> idBits === tag) {
        const id = e & mask;
        const a = starts[id];
        if (starts[id + 1] - a === len) {
          let k = 0;
          while (k < len && units[a + k] === src[start + k]) k++;
          if (k === len) return id;
        }
      }
      i = (i + 1) & mask;
    }
  }

  /** Adds units[start, end) (finished hash h) at the empty slot findUnits gave; returns its id. */
  addUnits(src: Uint16Array, start: number, end: number, h: number, slot: number): number {
    const id = this.add(slot, h, end - start);
    const units = this.units;
    // A loop, not units.set(src.subarray(...)): no view object per new term.
    for (let i = start, w = this.starts[id]; i < end; i++, w++) units[w] = src[i];
    this.afterAdd();
    return id;
  }

  /** Id of units[start, end), or -1. `raw`: the FNV state over the range from HASH_BASIS. */
  lookupUnits(src: Uint16Array, start: number, end: number, raw: number): number {
    const id = this.findUnits(src, start, end, finishHash(raw));
    return id < 0 ? -1 : id;
  }

  /** Id of units[start, end), added if new. `raw` as in lookupUnits. */
  internUnits(src: Uint16Array, start: number, end: number, raw: number): number {
    const h = finishHash(raw);
    const id = this.findUnits(src, start, end, h);
    return id >= 0 ? id : this.addUnits(src, start, end, h, -1 - id);
  }

  private hashString(s: string, start: number, end: number, raw: number | undefined): number {
    if (raw !== undefined) return finishHash(raw);
    let h = HASH_BASIS;
    for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), HASH_PRIME);
    return finishHash(h);
  }

  /** Slot of s[start, end) with finished hash h: its id's slot, or -1 - the empty slot where it would go. */
  private probeString(s: string, start: number, end: number, h: number): number {
    const slots = this.slots;
    const units = this.units;
    const starts = this.starts;
    const mask = this.mask;
    const len = end - start;
    const idBits = this.idBits;
    const tag = h >>> (idBits + 1);
    let i = h & mask;
    for (;;) {
      const e = slots[i];
      if (e < 0) return -1 - i;
      if (e >>> idBits === tag) {
        const id = e & mask;
        const a = starts[id];
        if (starts[id + 1] - a === len) {
          let k = 0;
          while (k < len && units[a + k] === s.charCodeAt(start + k)) k++;
          if (k === len) return i;
        }
      }
      i = (i + 1) & mask;
    }
  }

  /** Id of s[start, end), or -1. `raw`: the FNV state over the range, if the caller has it. */
  lookup(s: string, start: number, end: number, raw?: number): number {
    const at = this.probeString(s, start, end, this.hashString(s, start, end, raw));
    return at < 0 ? -1 : this.slots[at] & this.mask;
  }

  /** Id of s[start, end), added if new. `raw` as in lookup. */
  intern(s: string, start: number, end: number, raw?: number): number {
    const h = this.hashString(s, start, end, raw);
    const at = this.probeString(s, start, end, h);
    if (at >= 0) return this.slots[at] & this.mask;
    const id = this.add(-1 - at, h, end - start);
    const units = this.units;
    for (let i = start, w = this.starts[id]; i < end; i++, w++) units[w] = s.charCodeAt(i);
    this.afterAdd();
    return id;
  }

  /** Claims slot `slot` for a new id of `len` units (written by the caller at starts[id]). */
  private add(slot: number, h: number, len: number): number {
    const id = this.count;
    if (id >= this.hashes.length) {
      // Room for ids below cap: hashes[cap], starts[cap + 1].
      const cap = this.hashes.length * 2;
      const starts = new Int32Array(cap + 1);
      starts.set(this.starts);
      this.starts = starts;
      const hashes = new Int32Array(cap);
      hashes.set(this.hashes);
      this.hashes = hashes;
    }
    const at = this.starts[id];
    if (at + len > this.units.length) {
      const units = new Uint16Array(Math.max(Math.ceil(this.units.length * 1.5), at + len));
      units.set(this.units.subarray(0, at));
      this.units = units;
    }
    this.starts[id + 1] = at + len;
    this.hashes[id] = h;
    this.slots[slot] = ((h >>> (this.idBits + 1)) << this.idBits) | id;
    this.count = id + 1;
    this.strings = null;
    return id;
  }

  private afterAdd(): void {
    if (this.count * 2 > this.mask + 1) this.rehash();
  }

  private rehash(): void {
    const cap = (this.mask + 1) * 2;
    this.slots = new Int32Array(cap).fill(-1);
    this.mask = cap - 1;
    this.idBits++;
    for (let id = 0; id < this.count; id++) this.place(id);
  }

  /** Puts id (its hash in hashes[]) in the first empty slot of its probe sequence. */
  private place(id: number): void {
    const h = this.hashes[id];
    const mask = this.mask;
    let i = h & mask;
    while (this.slots[i] >= 0) i = (i + 1) & mask;
    this.slots[i] = ((h >>> (this.idBits + 1)) << this.idBits) | id;
  }

  /** The arrays as they are (read-only use: copying the table elsewhere, as scan-kernel.ts loadTable does). */
  layout(): { units: Uint16Array; starts: Int32Array; slots: Int32Array; count: number } {
    return { units: this.units, starts: this.starts, slots: this.slots, count: this.count };
  }

  /** Length of term `id` in code units. */
  termLength(id: number): number {
    return this.starts[id + 1] - this.starts[id];
  }

  /** Term `id` as a string. */
  term(id: number): string {
    return decodeUnits(this.units, this.starts[id], this.starts[id + 1]);
  }

  /** Every term in id order (made once, then kept until a term is added). */
  get terms(): readonly string[] {
    if (this.strings === null) {
      const ids = new Int32Array(this.count);
      for (let i = 0; i < ids.length; i++) ids[i] = i;
      this.strings = this.termsOf(ids);
    }
    return this.strings;
  }

  /**
   * The terms of `ids` as strings, in that order. They are cut from one decoded string
   * (no per-term decoding): the whole pool when the ids are most of the table, else the
   * concatenation of just their terms, so long terms (which engines keep as views into
   * that string) hold on to little beyond the terms themselves — never to a document.
   * With `into` (length ids.length), the terms are written there.
   */
  termsOf(ids: ArrayLike<number>, into?: string[]): string[] {
    const n = ids.length;
    const out = into ?? new Array<string>(n);
    if (2 * n >= this.count) {
      const all = decodeUnits(this.units, 0, this.starts[this.count]);
      for (let j = 0; j < n; j += CHUNK) slicePool(all, this.starts, ids, j, Math.min(n, j + CHUNK), out);
      return out;
    }
    const ends = new Int32Array(n);
    const total = termEnds(this.starts, ids, ends);
    const joined = new Uint16Array(total);
    for (let j = 0; j < n; j += CHUNK) gatherUnits(this.units, this.starts, ids, j, Math.min(n, j + CHUNK), joined, j === 0 ? 0 : ends[j - 1]);
    const all = decodeUnits(joined, 0, total);
    for (let j = 0; j < n; j += CHUNK) sliceTerms(all, ends, j, Math.min(n, j + CHUNK), out);
    return out;
  }

  /** A new table holding the terms of `ids` with ids 0..n-1 in that order (ids must be distinct). */
  subset(ids: ArrayLike<number>): TermTable {
    const n = ids.length;
    const t = new TermTable(n);
    const total = termEnds(this.starts, ids, t.starts.subarray(1));
    if (t.units.length < total) t.units = new Uint16Array(total);
    gatherUnits(this.units, this.starts, ids, 0, n, t.units, 0);
    for (let j = 0; j < n; j++) {
      const id = ids[j];
      const h = this.hashes[id];
      let i = h & t.mask;
      while (t.slots[i] >= 0) i = (i + 1) & t.mask;
      t.add(i, h, this.starts[id + 1] - this.starts[id]);
    }
    return t;
  }
}

/** Functions called per chunk of terms (small, so the engine optimizes them once). */
const CHUNK = 1024;

/** ends[j] = total length of the terms ids[0..j]; returns the total. */
function termEnds(starts: Int32Array, ids: ArrayLike<number>, ends: Int32Array): number {
  let total = 0;
  for (let j = 0; j < ids.length; j++) {
    total += starts[ids[j] + 1] - starts[ids[j]];
    ends[j] = total;
  }
  return total;
}

/** Copies the units of terms ids[from, to) one after another into `out` from `at`. */
function gatherUnits(units: Uint16Array, starts: Int32Array, ids: ArrayLike<number>, from: number, to: number, out: Uint16Array, at: number): void {
  for (let j = from; j < to; j++) {
    const id = ids[j];
    for (let k = starts[id], end = starts[id + 1]; k < end; k++) out[at++] = units[k];
  }
}

/** out[j] = term ids[j] of the decoded pool `all`. */
function slicePool(all: string, starts: Int32Array, ids: ArrayLike<number>, from: number, to: number, out: string[]): void {
  for (let j = from; j < to; j++) out[j] = all.slice(starts[ids[j]], starts[ids[j] + 1]);
}

/** out[j] = the j-th term of `all`, whose term j ends at ends[j]. */
function sliceTerms(all: string, ends: Int32Array, from: number, to: number, out: string[]): void {
  let start = from === 0 ? 0 : ends[from - 1];
  for (let j = from; j < to; j++) {
    out[j] = all.slice(start, ends[j]);
    start = ends[j];
  }
}
