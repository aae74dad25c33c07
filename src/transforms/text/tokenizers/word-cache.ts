/**
 * The model's output per word, looked up by a RANGE of a string: the encode loop finds a
 * word's tokens without cutting the word out of its document. A Map keyed by substrings
 * would allocate one string per word and hash it again on every lookup (and pin the whole
 * document in memory through V8's sliced strings); here the word's UTF-16 units are hashed
 * in place and compared against a copy of the key.
 *
 * Layout, for few memory misses per lookup on a cache of a few hundred thousand words:
 * the slot table holds (hash, entry) pairs side by side, and an entry is one run of the
 * `vals` pool holding its key and its value together:
 *   [keyLength, key units packed two per int32..., count, (id, start, end) * count]
 * (offsets in UTF-16 units of the word). `units` is a Uint16Array view of the same buffer.
 *
 * The cache only memoizes a pure function of the word, so what it holds never changes an
 * output; it stops growing at `capacity` words (later new words are computed every time,
 * as HF's BPE cache does when full).
 */
export class WordRangeCache {
  /** The entry pool; a find() result indexes it (the value's `count`). */
  vals: Int32Array;
  private units: Uint16Array;
  private used = 0;
  private size = 0;
  /** Open addressing, two int32 per slot: hash, entry position + 1 (0 = empty). */
  private slots: Int32Array;
  private mask: number;

  constructor(
    private readonly capacity: number,
    /** Longer words are not cached (they are rare and would bloat the pool). */
    private readonly maxWordLength = 256,
  ) {
    this.slots = new Int32Array(2 * 4096);
    this.mask = 4096 - 1;
    this.vals = new Int32Array(1 << 16);
    this.units = new Uint16Array(this.vals.buffer);
  }

  /** Words cached so far. */
  get count(): number {
    return this.size;
  }

  /** Position in `vals` of the value ([count, (id, start, end)*]) of text[s, e), or -1. */
  find(text: string, s: number, e: number): number {
    const h = rangeHash(text, s, e);
    const len = e - s;
    const slots = this.slots;
    const mask = this.mask;
    let i = h & mask;
    for (;;) {
      const p = slots[2 * i + 1] - 1;
      if (p < 0) return -1;
      if (slots[2 * i] === h && this.vals[p] === len) {
        const units = this.units;
        let u = 2 * (p + 1);
        let j = s;
        while (j < e && units[u] === text.charCodeAt(j)) {
          u++;
          j++;
        }
        if (j === e) return p + 1 + ((len + 1) >> 1);
      }
      i = (i + 1) & mask;
    }
  }

  /** find() for a word given as units[s, e) whose hashUnits() is `h`. */
  findUnits(units16: Uint16Array, s: number, e: number, h: number): number {
    const len = e - s;
    const slots = this.slots;
    const mask = this.mask;
    let i = h & mask;
    for (;;) {
      const p = slots[2 * i + 1] - 1;
      if (p < 0) return -1;
      if (slots[2 * i] === h && this.vals[p] === len) {
        const units = this.units;
        let u = 2 * (p + 1);
        let j = s;
        while (j < e && units[u] === units16[j]) {
          u++;
          j++;
        }
        if (j === e) return p + 1 + ((len + 1) >> 1);
      }
      i = (i + 1) & mask;
    }
  }

  /**
   * Caches `value` ([id, start, end]*) for text[s, e), which find() did not hold. Returns
   * its position in `vals` as find() would, or -1 when it was not cached (full, too long).
   */
  add(text: string, s: number, e: number, value: Int32Array): number {
    const p = this.reserve(e - s, value);
    if (p < 0) return -1;
    const units = this.units;
    const u = 2 * (p + 1);
    for (let j = s; j < e; j++) units[u + j - s] = text.charCodeAt(j);
    return this.commit(p, rangeHash(text, s, e), value);
  }

  /** add() for a word given as units[s, e). */
  addUnits(units16: Uint16Array, s: number, e: number, value: Int32Array): number {
    const p = this.reserve(e - s, value);
    if (p < 0) return -1;
    this.units.set(units16.subarray(s, e), 2 * (p + 1));
    return this.commit(p, hashUnits(units16, s, e), value);
  }

  /** Room for an entry (key length `len`) with its key length written; its position, or -1. */
  private reserve(len: number, value: Int32Array): number {
    if (this.size >= this.capacity || len > this.maxWordLength) return -1;
    const keyInts = (len + 1) >> 1;
    const need = 1 + keyInts + 1 + value.length;
    if (this.used + need > this.vals.length) {
      const b = new Int32Array(Math.max(this.vals.length * 2, this.used + need));
      b.set(this.vals);
      this.vals = b;
      this.units = new Uint16Array(b.buffer);
    }
    const p = this.used;
    this.vals[p] = len;
    // An odd length leaves one unit of padding: keep it zero (the pool may be reused memory).
    if (len & 1) this.units[2 * (p + 1) + len] = 0;
    this.used += need;
    return p;
  }

  /** Writes the value of the entry at p (its key in place) and indexes it under hash h. */
  private commit(p: number, h: number, value: Int32Array): number {
    const at = p + 1 + ((this.vals[p] + 1) >> 1);
    this.vals[at] = value.length / 3;
    this.vals.set(value, at + 1);
    this.size++;
    if (this.size * 2 > this.mask + 1) this.rehash(2 * (this.mask + 1));
    else this.place(h, p);
    return at;
  }

  private place(h: number, p: number): void {
    const slots = this.slots;
    let i = h & this.mask;
    while (slots[2 * i + 1] !== 0) i = (i + 1) & this.mask;
    slots[2 * i] = h;
    slots[2 * i + 1] = p + 1;
  }

  /** Doubles the slot table, re-placing every entry (entries lie back to back in the pool). */
  private rehash(n: number): void {
    this.slots = new Int32Array(2 * n);
    this.mask = n - 1;
    const vals = this.vals;
    const units = this.units;
    for (let p = 0; p < this.used; ) {
      const len = vals[p];
      const u = 2 * (p + 1);
      this.place(hashUnits(units, u, u + len), p);
      const at = p + 1 + ((len + 1) >> 1);
      p = at + 1 + 3 * vals[at];
    }
  }
}

/** Hash start (FNV-1a offset basis); a word's hash is HASH_SEED, hashStep per unit, then hashEnd. */
export const HASH_SEED = 0x811c9dc5 | 0;

/** FNV-1a step: one UTF-16 unit into h. */
export function hashStep(h: number, unit: number): number {
  return Math.imul(h ^ unit, 0x01000193);
}

/** The length, then an avalanche of the low bits (the slot index is taken from them). */
export function hashEnd(h: number, len: number): number {
  h = Math.imul(h ^ len, 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h;
}

/** Hash of text[s, e). */
export function rangeHash(text: string, s: number, e: number): number {
  let h = HASH_SEED;
  for (let i = s; i < e; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return hashEnd(h, e - s);
}

/** Hash of units[s, e) (the same as rangeHash of the same units). */
export function hashUnits(units: Uint16Array, s: number, e: number): number {
  let h = HASH_SEED;
  for (let i = s; i < e; i++) h = Math.imul(h ^ units[i], 0x01000193);
  return hashEnd(h, e - s);
}
