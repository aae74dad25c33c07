/**
 * HF's BPE trainer (tokenizers/src/models/bpe/trainer.rs), step for step:
 *
 *  1. ids: the special tokens in order, then the alphabet — every character of the words
 *     weighted by word count, `initialAlphabet` characters always kept, the rarest dropped
 *     beyond `limitAlphabet` — in code point order; then the prefixed/suffixed variants of
 *     characters the words need (continuingSubwordPrefix on non-first characters,
 *     endOfWordSuffix on last ones).
 *  2. pair counts over all words (weighted by word count), in a max-heap keyed by count,
 *     then by the smaller (left id, right id) pair.
 *  3. repeat until the vocabulary has `vocabSize` tokens: pop the top; if its count is
 *     stale, push it back with the current count; stop when the count is below
 *     `minFrequency` (or 0); else add the merged token (left + right without the prefix),
 *     merge the pair in the words the entry lists, update the counts, and push an entry
 *     for every pair that gained occurrences (listing only the words where it did).
 *
 * That last detail is HF's and is kept, because it decides the output: a pair can have
 * several heap entries, each merging only in its own words, so the same pair can be
 * merged again later (HF then keeps the pair at its later rank, as here).
 *
 * Where HF's result depends on hash-map iteration order (it is not deterministic run to
 * run there), this trainer uses a fixed rule instead:
 *  - entries of the same pair with equal counts pop in the order they were pushed;
 *  - `limitAlphabet` drops, among equally rare characters, the higher code points first;
 *  - prefixed/suffixed character variants get their ids in code point order of the
 *    variant string (HF assigns them in hash order of the words).
 * With neither prefix nor suffix (byte-level BPE) the result equals HF's exactly, which
 * the parity tests check against the reference.
 */
import { InvalidInputError } from "../../../../../core/errors.js";

export interface BpeTrainerSettings {
  vocabSize: number;
  minFrequency: number;
  specialTokens: string[];
  limitAlphabet: number | null;
  initialAlphabet: string[];
  continuingSubwordPrefix: string | null;
  endOfWordSuffix: string | null;
  maxTokenLength: number | null;
}

export interface TrainedBpe {
  tokens: string[];
  /** [left, right] ids per merge in rank order, flattened. */
  merges: Uint32Array;
}

const KEY = 0x200000;

interface Entry {
  a: number;
  b: number;
  count: number;
  pos: Set<number>;
  seq: number;
}

/** Max-heap of entries: count desc, pair asc, push order asc. */
class EntryHeap {
  private items: Entry[] = [];
  get size(): number {
    return this.items.length;
  }
  private above(x: Entry, y: Entry): boolean {
    if (x.count !== y.count) return x.count > y.count;
    if (x.a !== y.a) return x.a < y.a;
    if (x.b !== y.b) return x.b < y.b;
    return x.seq < y.seq;
  }
  push(e: Entry): void {
    const h = this.items;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.above(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }
  pop(): Entry | undefined {
    const h = this.items;
    if (h.length === 0) return undefined;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.above(h[l], h[m])) m = l;
        if (r < h.length && this.above(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}

/** Code point order of strings (not UTF-16 order). */
function compareCodePoints(x: string, y: string): number {
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; ) {
    const a = x.codePointAt(i)!;
    const b = y.codePointAt(i)!;
    if (a !== b) return a - b;
    i += a > 0xffff ? 2 : 1;
  }
  return x.length - y.length;
}

export function trainBpe(wordCounts: ReadonlyMap<string, number>, s: BpeTrainerSettings): TrainedBpe {
  const tokens: string[] = [];
  const ids = new Map<string, number>();
  const add = (t: string): number => {
    let id = ids.get(t);
    if (id === undefined) {
      id = tokens.length;
      tokens.push(t);
      ids.set(t, id);
    }
    return id;
  };
  for (const t of s.specialTokens) add(t);

  // Words in a fixed order (the accumulator's Map order depends on how shards merged).
  const words = [...wordCounts.keys()].sort(compareCodePoints);

  // Alphabet.
  const alphabet = new Map<number, number>();
  for (const w of words) {
    const c = wordCounts.get(w)!;
    for (const ch of w) {
      const cp = ch.codePointAt(0)!;
      alphabet.set(cp, (alphabet.get(cp) ?? 0) + c);
    }
  }
  for (const ch of s.initialAlphabet) alphabet.set(ch.codePointAt(0)!, Number.MAX_SAFE_INTEGER);
  let kept = [...alphabet.entries()];
  const toRemove = s.limitAlphabet === null ? 0 : Math.max(0, kept.length - s.limitAlphabet);
  if (toRemove > 0) {
    kept.sort((x, y) => x[1] - y[1] || y[0] - x[0]);
    kept = kept.slice(toRemove);
  }
  kept.sort((x, y) => x[0] - y[0]);
  for (const [cp] of kept) add(String.fromCodePoint(cp));

  // Variants, then each word as symbol ids.
  const prefix = s.continuingSubwordPrefix;
  const suffix = s.endOfWordSuffix;
  const symbolOf = (ch: string, first: boolean, last: boolean): string => {
    let t = ch;
    if (!first && prefix !== null) t = prefix + t;
    if (last && suffix !== null) t = t + suffix;
    return t;
  };
  const variants = new Set<string>();
  const chars: string[][] = words.map((w) => Array.from(w));
  for (const cs of chars) {
    for (let k = 0; k < cs.length; k++) {
      if (!ids.has(cs[k])) continue;
      const v = symbolOf(cs[k], k === 0, k === cs.length - 1);
      if (!ids.has(v)) variants.add(v);
    }
  }
  for (const v of [...variants].sort(compareCodePoints)) add(v);
  const wordSymbols: number[][] = [];
  const wordLens: number[][] = [];
  const counts: number[] = [];
  for (let i = 0; i < words.length; i++) {
    const cs = chars[i];
    const sym: number[] = [];
    for (let k = 0; k < cs.length; k++) {
      if (!ids.has(cs[k])) continue;
      sym.push(ids.get(symbolOf(cs[k], k === 0, k === cs.length - 1))!);
    }
    wordSymbols.push(sym);
    wordLens.push(sym.map(() => 1));
    // HF counts pairs in i32: word counts beyond that would wrap there.
    const c = wordCounts.get(words[i])!;
    if (c > 0x7fffffff) throw new InvalidInputError(`BPE training: the word ${JSON.stringify(words[i].slice(0, 40))} occurs ${c} times, beyond the 2^31 - 1 the pair counts hold`);
    counts.push(c);
  }

  // Pair counts and where each pair occurs.
  const pairCounts = new Map<number, number>();
  let whereToUpdate = new Map<number, Set<number>>();
  for (let i = 0; i < wordSymbols.length; i++) {
    const sym = wordSymbols[i];
    for (let k = 0; k + 1 < sym.length; k++) {
      const key = sym[k] * KEY + sym[k + 1];
      pairCounts.set(key, (pairCounts.get(key) ?? 0) + counts[i]);
      let set = whereToUpdate.get(key);
      if (set === undefined) whereToUpdate.set(key, (set = new Set()));
      set.add(i);
    }
  }
  const heap = new EntryHeap();
  let seq = 0;
  const drain = (): void => {
    for (const [key, pos] of whereToUpdate) {
      const count = pairCounts.get(key)!;
      if (count > 0) heap.push({ a: Math.floor(key / KEY), b: key % KEY, count, pos, seq: seq++ });
    }
    whereToUpdate = new Map();
  };
  drain();

  const maxLen = s.maxTokenLength ?? Number.MAX_SAFE_INTEGER;
  const merges: number[] = [];
  for (;;) {
    if (tokens.length >= s.vocabSize) break;
    const top = heap.pop();
    if (top === undefined) break;
    const key = top.a * KEY + top.b;
    const current = pairCounts.get(key)!;
    if (top.count !== current) {
      top.count = current;
      top.seq = seq++;
      heap.push(top);
      continue;
    }
    if (top.count < 1 || s.minFrequency > top.count) break;
    let right = tokens[top.b];
    if (prefix !== null && right.startsWith(prefix)) right = right.slice(prefix.length);
    const newId = add(tokens[top.a] + right);
    merges.push(top.a, top.b, newId);
    for (const i of top.pos) {
      const changes = mergeInWord(wordSymbols[i], wordLens[i], top.a, top.b, newId, maxLen);
      for (let k = 0; k < changes.length; k += 2) {
        const pk = changes[k];
        const change = changes[k + 1];
        pairCounts.set(pk, (pairCounts.get(pk) ?? 0) + change * counts[i]);
        if (change > 0) {
          let set = whereToUpdate.get(pk);
          if (set === undefined) whereToUpdate.set(pk, (set = new Set()));
          set.add(i);
        }
      }
    }
    drain();
  }

  // A pair merged twice keeps its later rank (HF collects the merges into a map).
  const lastRank = new Map<number, number>();
  for (let r = 0; r < merges.length / 3; r++) lastRank.set(merges[3 * r] * KEY + merges[3 * r + 1], r);
  const out: number[] = [];
  for (let r = 0; r < merges.length / 3; r++) {
    const key = merges[3 * r] * KEY + merges[3 * r + 1];
    if (lastRank.get(key) === r) out.push(merges[3 * r], merges[3 * r + 1]);
  }
  return { tokens, merges: Uint32Array.from(out) };
}

/**
 * HF Word::merge: merges every non-overlapping (a, b) left to right and returns the pair
 * count changes as (pair key, change) pairs — including HF's asymmetries (the merged pair
 * itself is not decremented; pairs reaching maxLength are not counted).
 */
function mergeInWord(sym: number[], lens: number[], a: number, b: number, replacement: number, maxLength: number): number[] {
  const changes: number[] = [];
  let i = 0;
  while (i < sym.length) {
    if (sym[i] === a && i + 1 < sym.length && sym[i + 1] === b) {
      const firstC = sym[i];
      const secondC = sym[i + 1];
      const newLen = lens[i] + lens[i + 1];
      if (i > 0) {
        changes.push(sym[i - 1] * KEY + firstC, -1);
        if (lens[i - 1] + newLen < maxLength) changes.push(sym[i - 1] * KEY + replacement, 1);
      }
      sym.splice(i, 2, replacement);
      lens.splice(i, 2, newLen);
      if (i < sym.length - 1) {
        changes.push(secondC * KEY + sym[i + 1], -1);
        if (lens[i + 1] + newLen < maxLength) changes.push(replacement * KEY + sym[i + 1], 1);
      }
    }
    i++;
  }
  return changes;
}
