/**
 * (left id, right id) -> merge index, as an open-addressing hash over typed arrays: the
 * encode loop looks a pair up for every adjacent symbol, and a Map keyed by strings or by
 * non-small-integer numbers would dominate its time.
 */
export class MergeTable {
  private readonly left: Int32Array;
  private readonly right: Int32Array;
  private readonly value: Int32Array;
  private readonly mask: number;

  constructor(capacityHint: number) {
    let cap = 16;
    while (cap < capacityHint * 2) cap <<= 1;
    this.left = new Int32Array(cap).fill(-1);
    this.right = new Int32Array(cap);
    this.value = new Int32Array(cap);
    this.mask = cap - 1;
  }

  private slot(a: number, b: number): number {
    let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca77);
    h ^= h >>> 15;
    return h & this.mask;
  }

  /** Sets (a, b) -> v (a later set of the same pair overwrites, as HF's HashMap collect). */
  set(a: number, b: number, v: number): void {
    let i = this.slot(a, b);
    while (this.left[i] !== -1) {
      if (this.left[i] === a && this.right[i] === b) {
        this.value[i] = v;
        return;
      }
      i = (i + 1) & this.mask;
    }
    this.left[i] = a;
    this.right[i] = b;
    this.value[i] = v;
  }

  /** The value of (a, b), or -1. */
  get(a: number, b: number): number {
    let i = this.slot(a, b);
    for (;;) {
      const l = this.left[i];
      if (l === -1) return -1;
      if (l === a && this.right[i] === b) return this.value[i];
      i = (i + 1) & this.mask;
    }
  }
}
