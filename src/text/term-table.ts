/**
 * A string -> dense id table keyed by ranges of other strings, so the hot loops of the
 * text vectorizers look a token up without first cutting it out of its document
 * (`s.slice`) — most tokens are already known, and for them nothing is allocated.
 * Ids are given in insertion order; `terms[id]` is the term.
 *
 * Open addressing with linear probing over a power-of-two slot array kept at most half
 * full. The hash is FNV-1a over UTF-16 code units from a random basis drawn once per
 * process, with a final avalanche: ids never depend on it (so output is deterministic),
 * and a random basis keeps crafted documents from forcing every token into one probe
 * chain. A tokenizer that scans the characters anyway may compute the FNV state as it
 * goes (HASH_BASIS, hashStep) and pass it in, saving the table a pass over the token.
 */

/** FNV-1a starting state of this process (random; see the class doc). */
export const HASH_BASIS = (0x811c9dc5 ^ Math.floor(Math.random() * 0x100000000)) | 0;
export const HASH_PRIME = 0x01000193;

function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

export class TermTable {
  readonly terms: string[] = [];
  private slots: Int32Array;
  private hashes: Int32Array;

  constructor(expected = 16) {
    let cap = 16;
    while (cap < expected * 2) cap *= 2;
    this.slots = new Int32Array(cap).fill(-1);
    this.hashes = new Int32Array(Math.max(8, expected));
  }

  /** A table holding `terms` with ids 0..n-1; a repeated term keeps its first id. */
  static of(terms: readonly string[]): TermTable {
    const t = new TermTable(terms.length);
    for (const term of terms) t.intern(term, 0, term.length);
    return t;
  }

  get size(): number {
    return this.terms.length;
  }

  private hash(s: string, start: number, end: number, raw: number | undefined): number {
    if (raw !== undefined) return finish(raw);
    let h = HASH_BASIS;
    for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), HASH_PRIME);
    return finish(h);
  }

  /** Slot of the range: where its id is, or the empty slot where it would go (as -1 - slot). */
  private probe(s: string, start: number, end: number, h: number): number {
    const mask = this.slots.length - 1;
    const len = end - start;
    let i = h & mask;
    for (;;) {
      const id = this.slots[i];
      if (id < 0) return -1 - i;
      if (this.hashes[id] === h) {
        const t = this.terms[id];
        if (t.length === len) {
          let k = 0;
          while (k < len && t.charCodeAt(k) === s.charCodeAt(start + k)) k++;
          if (k === len) return i;
        }
      }
      i = (i + 1) & mask;
    }
  }

  /** Id of s[start, end), or -1. `raw`: the FNV state over the range, if the caller has it. */
  lookup(s: string, start: number, end: number, raw?: number): number {
    const at = this.probe(s, start, end, this.hash(s, start, end, raw));
    return at < 0 ? -1 : this.slots[at];
  }

  /** Id of s[start, end), added if new. `raw` as in lookup. */
  intern(s: string, start: number, end: number, raw?: number): number {
    const h = this.hash(s, start, end, raw);
    const at = this.probe(s, start, end, h);
    if (at >= 0) return this.slots[at];
    const id = this.terms.length;
    let term = start === 0 && end === s.length ? s : s.slice(start, end);
    // V8 keeps a slice of 13+ code units as a view into its parent string; a term must
    // not keep its whole document alive, so it gets its own copy (flattening a one-char
    // prefix + the slice makes a new string; the slice of that points into it instead).
    if (term.length >= 13 && term !== s) term = (" " + term).slice(1);
    this.terms.push(term);
    if (id >= this.hashes.length) {
      const grown = new Int32Array(this.hashes.length * 2);
      grown.set(this.hashes);
      this.hashes = grown;
    }
    this.hashes[id] = h;
    this.slots[-1 - at] = id;
    if (this.terms.length * 2 > this.slots.length) this.rehash();
    return id;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let id = 0; id < this.terms.length; id++) {
      let i = this.hashes[id] & mask;
      while (slots[i] >= 0) i = (i + 1) & mask;
      slots[i] = id;
    }
    this.slots = slots;
  }
}
