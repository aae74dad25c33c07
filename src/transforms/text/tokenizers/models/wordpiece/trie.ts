/**
 * Longest-prefix lookup over the vocabulary for WordPiece: a trie over UTF-16 units, its
 * edges in one open-addressing hash keyed by (node, unit). Two roots: word-initial tokens,
 * and continuation tokens with the prefix ("##") stripped. One walk from a position finds
 * the longest token there — the answer of HF's "longest substring first" search, without
 * building a substring per candidate length.
 */
export class PrefixTrie {
  private keysNode: Int32Array;
  private keysUnit: Uint16Array;
  private values: Int32Array;
  private mask: number;
  private used = 0;
  /** Token id ending at each node, or -1. */
  private terminal: number[] = [];

  constructor(capacityHint: number) {
    let cap = 1024;
    while (cap < capacityHint * 2) cap <<= 1;
    this.keysNode = new Int32Array(cap).fill(-1);
    this.keysUnit = new Uint16Array(cap);
    this.values = new Int32Array(cap);
    this.mask = cap - 1;
  }

  /** A new root. */
  root(): number {
    this.terminal.push(-1);
    return this.terminal.length - 1;
  }

  private slot(node: number, unit: number): number {
    let h = Math.imul(node, 0x9e3779b1) ^ Math.imul(unit + 1, 0x85ebca77);
    h ^= h >>> 16;
    return h & this.mask;
  }

  child(node: number, unit: number): number {
    let i = this.slot(node, unit);
    for (;;) {
      const k = this.keysNode[i];
      if (k === -1) return -1;
      if (k === node && this.keysUnit[i] === unit) return this.values[i];
      i = (i + 1) & this.mask;
    }
  }

  private grow(): void {
    const oldN = this.keysNode;
    const oldU = this.keysUnit;
    const oldV = this.values;
    const cap = oldN.length * 2;
    this.keysNode = new Int32Array(cap).fill(-1);
    this.keysUnit = new Uint16Array(cap);
    this.values = new Int32Array(cap);
    this.mask = cap - 1;
    for (let i = 0; i < oldN.length; i++) {
      if (oldN[i] === -1) continue;
      let j = this.slot(oldN[i], oldU[i]);
      while (this.keysNode[j] !== -1) j = (j + 1) & this.mask;
      this.keysNode[j] = oldN[i];
      this.keysUnit[j] = oldU[i];
      this.values[j] = oldV[i];
    }
  }

  /** Adds s[from..] under `root` with token `id` (an earlier id for the same string wins, as a Map would keep the last: callers add in id order). */
  insert(root: number, s: string, from: number, id: number): void {
    let node = root;
    for (let k = from; k < s.length; k++) {
      const u = s.charCodeAt(k);
      let next = this.child(node, u);
      if (next < 0) {
        if ((this.used + 1) * 2 > this.keysNode.length) this.grow();
        next = this.terminal.length;
        this.terminal.push(-1);
        let i = this.slot(node, u);
        while (this.keysNode[i] !== -1) i = (i + 1) & this.mask;
        this.keysNode[i] = node;
        this.keysUnit[i] = u;
        this.values[i] = next;
        this.used++;
      }
      node = next;
    }
    this.terminal[node] = id;
  }

  /**
   * Longest token under `root` that is a prefix of s[start..end): writes its id and returns
   * its end, or returns -1.
   */
  longest(root: number, s: string, start: number, end: number, idOut: Int32Array): number {
    let node = root;
    let best = -1;
    for (let k = start; k < end; k++) {
      node = this.child(node, s.charCodeAt(k));
      if (node < 0) break;
      const t = this.terminal[node];
      if (t >= 0) {
        best = k + 1;
        idOut[0] = t;
      }
    }
    return best;
  }
}
