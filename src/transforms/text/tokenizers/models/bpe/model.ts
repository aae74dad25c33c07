/**
 * HF BPE: a word starts as its characters (continuing_subword_prefix on all but the
 * first, end_of_word_suffix on the last; unknown characters become byte-fallback tokens
 * `<0xXX>` or the unknown token, fused when fuse_unk), then the adjacent pair of lowest
 * merge rank is merged, leftmost first, until no pair has a merge. With ignore_merges a
 * word that is itself in the vocabulary is one token.
 *
 * Symbol lengths are kept in UTF-8 bytes like HF (byte-fallback pieces are one byte of a
 * character); offsets are turned into UTF-16 units of the word at the end: a byte inside a
 * character stands for the whole character, which is what HF's byte alignments give.
 * Dropout is refused (it is random, so no artefact could reproduce it).
 */
import { InvalidInputError } from "../../../../../core/errors.js";
import type { BpeModelConfig } from "../../config.js";
import { badField } from "../../errors.js";
import { VocabTable, WORD_CACHE_CAPACITY, WordCache, utf8Length } from "../vocab.js";
import { MergeTable } from "./merge-table.js";

export class BpeModel {
  readonly config: BpeModelConfig;
  readonly vocab: VocabTable;
  /** (left, right) -> merge rank; the merged id is mergeIds[rank]. */
  readonly pairs: MergeTable;
  readonly mergeIds: Int32Array;
  /** The merges as given (left, right ids, flattened), for serialization. */
  readonly merges: Uint32Array;
  private readonly cache = new WordCache(WORD_CACHE_CAPACITY);
  private readonly unkId: number;
  private readonly byteIds: Int32Array;
  /** Id of each single-UTF-16-unit token (-1: none), for words without prefix/suffix. */
  private readonly unitIds: Int32Array;
  private readonly utf8 = new TextEncoder();
  /** Scratch symbol ids and lengths of the word being merged (grown on demand). */
  private symbols = new Int32Array(256);
  private lens = new Int32Array(256);

  constructor(config: BpeModelConfig, vocab: VocabTable, merges: Uint32Array) {
    this.config = config;
    this.vocab = vocab;
    this.merges = merges;
    const n = merges.length / 2;
    this.pairs = new MergeTable(n);
    this.mergeIds = new Int32Array(n);
    const prefix = config.continuing_subword_prefix ?? "";
    const size = vocab.size;
    for (let r = 0; r < n; r++) {
      const a = merges[2 * r];
      const b = merges[2 * r + 1];
      if (a >= size || b >= size) throw badField(`model.merges[${r}]`, `ids ${a} ${b}`, `token ids below the vocabulary size ${size}`);
      const right = vocab.tokens[b];
      const merged = vocab.tokens[a] + (prefix && right.startsWith(prefix) ? right.slice(prefix.length) : right);
      const id = vocab.ids.get(merged);
      if (id === undefined) throw badField(`model.merges[${r}]`, `${vocab.tokens[a]} ${right}`, `a merge whose result ${JSON.stringify(merged)} is in the vocabulary`);
      this.mergeIds[r] = id;
      this.pairs.set(a, b, r);
    }
    this.unkId = config.unk_token === null ? -1 : (vocab.ids.get(config.unk_token) ?? -2);
    this.unitIds = new Int32Array(0x10000).fill(-1);
    for (let i = 0; i < vocab.size; i++) {
      const t = vocab.tokens[i];
      if (t.length === 1) this.unitIds[t.charCodeAt(0)] = vocab.ids.get(t)!;
    }
    this.byteIds = new Int32Array(256).fill(-1);
    if (config.byte_fallback) {
      for (let b = 0; b < 256; b++) this.byteIds[b] = vocab.ids.get(`<0x${b.toString(16).toUpperCase().padStart(2, "0")}>`) ?? -1;
    }
  }

  /** [id, start, end]* of one word (offsets in UTF-16 units of `word`). */
  tokenize(word: string): Int32Array {
    if (word.length === 0) return new Int32Array(0);
    const hit = this.cache.get(word);
    if (hit !== undefined) return hit;
    const r = this.computeWord(word);
    this.cache.set(word, r);
    return r;
  }

  /** tokenize() without the cache: a fresh array (the encode fast path caches by itself). */
  computeWord(word: string): Int32Array {
    if (word.length === 0) return new Int32Array(0);
    const direct = this.config.ignore_merges ? this.vocab.ids.get(word) : undefined;
    if (direct !== undefined) return Int32Array.of(direct, 0, word.length);
    return this.mergeWord(word);
  }

  private unkIdOrThrow(word: string): number {
    if (this.unkId === -2) {
      throw new InvalidInputError(`BPE: the unknown token ${JSON.stringify(this.config.unk_token)} is not in the vocabulary (needed for ${JSON.stringify(word.slice(0, 40))})`);
    }
    return this.unkId;
  }

  /**
   * Symbol lengths are UTF-16 units, or UTF-8 bytes for byte-fallback models (whose
   * pieces can be parts of a character); offsets are units either way (toOffsets).
   */
  private mergeWord(word: string, byteLens = this.config.byte_fallback): Int32Array {
    const ids = this.vocab.ids;
    const prefix = this.config.continuing_subword_prefix;
    const suffix = this.config.end_of_word_suffix;
    const plain = prefix === null && suffix === null;
    const fuse = this.config.fuse_unk;
    const bytes = this.config.byte_fallback;
    const n = word.length;
    // At most one symbol per byte of each character with its prefix/suffix (byte fallback).
    const room = n * (4 + 3 * ((prefix?.length ?? 0) + (suffix?.length ?? 0))) + 8;
    if (this.symbols.length < room) {
      this.symbols = new Int32Array(room);
      this.lens = new Int32Array(room);
    }
    const symbols = this.symbols;
    const lens = this.lens;
    let count = 0;
    let unkLen = -1;
    for (let i = 0; i < n; ) {
      const c = word.charCodeAt(i);
      const w = c >= 0xd800 && c <= 0xdbff && i + 1 < n && (word.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
      const isFirst = i === 0;
      i += w;
      const isLast = i >= n;
      const len = byteLens ? (w === 2 ? 4 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3) : w;
      let id: number | undefined;
      let s = "";
      if (plain && w === 1) {
        const u = this.unitIds[c];
        id = u >= 0 ? u : undefined;
        if (id === undefined && (bytes || this.config.unk_token !== null)) s = word[i - 1];
      } else {
        s = w === 1 ? word[i - 1] : word.slice(i - 2, i);
        if (!isFirst && prefix !== null) s = prefix + s;
        if (isLast && suffix !== null) s = s + suffix;
        id = ids.get(s);
      }
      if (id !== undefined) {
        if (unkLen >= 0) {
          symbols[count] = this.unkId;
          lens[count++] = unkLen;
          unkLen = -1;
        }
        symbols[count] = id;
        lens[count++] = len;
        continue;
      }
      if (bytes) {
        const enc = this.utf8.encode(s);
        let ok = true;
        for (const b of enc) if (this.byteIds[b] < 0) ok = false;
        if (ok) {
          for (const b of enc) {
            symbols[count] = this.byteIds[b];
            lens[count++] = 1;
          }
          continue;
        }
      }
      if (this.config.unk_token === null) {
        // Dropped: HF's positions then move on by byte lengths, not characters, which
        // shifts the offsets after it by bytes: recompute in bytes to give the same.
        if (!byteLens) return this.mergeWord(word, true);
      } else {
        const unk = this.unkIdOrThrow(word);
        if (unkLen >= 0 && fuse) {
          unkLen += len;
        } else {
          if (unkLen >= 0) {
            symbols[count] = unk;
            lens[count++] = unkLen;
          }
          unkLen = len;
        }
      }
    }
    if (unkLen >= 0) {
      symbols[count] = this.unkId;
      lens[count++] = unkLen;
    }
    count = this.mergeAll(symbols, lens, count);
    if (!byteLens) {
      const out = new Int32Array(count * 3);
      let pos = 0;
      for (let k = 0; k < count; k++) {
        out[3 * k] = symbols[k];
        out[3 * k + 1] = pos;
        pos += lens[k];
        out[3 * k + 2] = pos;
      }
      return out;
    }
    return this.toOffsets(word, Array.from(symbols.subarray(0, count)), Array.from(lens.subarray(0, count)));
  }

  /** HF merge_all without dropout: lowest rank first, leftmost among equal ranks. Returns the new count. */
  private mergeAll(symbols: Int32Array, lens: Int32Array, count: number): number {
    if (count > 64) return this.mergeLong(symbols, lens, count);
    const pairs = this.pairs;
    const mergeIds = this.mergeIds;
    // Short words: rescan for the best pair (the common case, no allocations).
    for (;;) {
      let best = -1;
      let bestRank = 0x7fffffff;
      for (let k = 0; k + 1 < count; k++) {
        const r = pairs.get(symbols[k], symbols[k + 1]);
        if (r >= 0 && r < bestRank) {
          bestRank = r;
          best = k;
        }
      }
      if (best < 0) return count;
      symbols[best] = mergeIds[bestRank];
      lens[best] += lens[best + 1];
      symbols.copyWithin(best + 1, best + 2, count);
      lens.copyWithin(best + 1, best + 2, count);
      count--;
    }
  }

  /** Long words: a linked list and a binary heap of (rank, position), as HF's merge_all. */
  private mergeLong(symbols: Int32Array, lens: Int32Array, n: number): number {
    const prev = new Int32Array(n);
    const next = new Int32Array(n);
    for (let k = 0; k < n; k++) {
      prev[k] = k - 1;
      next[k] = k + 1 < n ? k + 1 : -1;
    }
    const heapRank: number[] = [];
    const heapPos: number[] = [];
    const less = (i: number, j: number): boolean => heapRank[i] < heapRank[j] || (heapRank[i] === heapRank[j] && heapPos[i] < heapPos[j]);
    const swap = (i: number, j: number): void => {
      const r = heapRank[i];
      heapRank[i] = heapRank[j];
      heapRank[j] = r;
      const p = heapPos[i];
      heapPos[i] = heapPos[j];
      heapPos[j] = p;
    };
    const push = (rank: number, pos: number): void => {
      heapRank.push(rank);
      heapPos.push(pos);
      let i = heapRank.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!less(i, parent)) break;
        swap(i, parent);
        i = parent;
      }
    };
    const pop = (): void => {
      const last = heapRank.length - 1;
      swap(0, last);
      heapRank.pop();
      heapPos.pop();
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heapRank.length && less(l, m)) m = l;
        if (r < heapRank.length && less(r, m)) m = r;
        if (m === i) break;
        swap(i, m);
        i = m;
      }
    };
    for (let k = 0; k + 1 < n; k++) {
      const r = this.pairs.get(symbols[k], symbols[k + 1]);
      if (r >= 0) push(r, k);
    }
    while (heapRank.length > 0) {
      const rank = heapRank[0];
      const pos = heapPos[0];
      pop();
      if (lens[pos] === 0) continue;
      const nx = next[pos];
      if (nx < 0) continue;
      const newId = this.mergeIds[rank];
      const r0 = this.pairs.get(symbols[pos], symbols[nx]);
      if (r0 < 0 || this.mergeIds[r0] !== newId) continue;
      symbols[pos] = newId;
      lens[pos] += lens[nx];
      lens[nx] = 0;
      next[pos] = next[nx];
      if (next[nx] >= 0) prev[next[nx]] = pos;
      const pv = prev[pos];
      if (pv >= 0) {
        const r = this.pairs.get(symbols[pv], symbols[pos]);
        if (r >= 0) push(r, pv);
      }
      const nn = next[pos];
      if (nn >= 0) {
        const r = this.pairs.get(symbols[pos], symbols[nn]);
        if (r >= 0) push(r, pos);
      }
    }
    let w = 0;
    for (let k = 0; k < n; k++) {
      if (lens[k] === 0) continue;
      symbols[w] = symbols[k];
      lens[w] = lens[k];
      w++;
    }
    return w;
  }

  /** [id, start, end] in UTF-16 units from byte lengths. */
  private toOffsets(word: string, symbols: number[], lens: number[]): Int32Array {
    const out = new Int32Array(symbols.length * 3);
    const ascii = utf8Length(word) === word.length;
    if (ascii) {
      let pos = 0;
      for (let k = 0; k < symbols.length; k++) {
        out[3 * k] = symbols[k];
        out[3 * k + 1] = pos;
        pos += lens[k];
        out[3 * k + 2] = pos;
      }
      return out;
    }
    // byte index -> (unit start, unit end) of the character holding it.
    const total = utf8Length(word);
    const charStart = new Int32Array(total + 1);
    const charEnd = new Int32Array(total + 1);
    let b = 0;
    for (let i = 0; i < word.length; ) {
      const c = word.charCodeAt(i);
      const w = c >= 0xd800 && c <= 0xdbff && i + 1 < word.length && (word.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
      const bl = w === 2 ? 4 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
      for (let k = 0; k < bl; k++) {
        charStart[b + k] = i;
        charEnd[b + k] = i + w;
      }
      b += bl;
      i += w;
    }
    let pos = 0;
    for (let k = 0; k < symbols.length; k++) {
      out[3 * k] = symbols[k];
      out[3 * k + 1] = pos < total ? charStart[pos] : word.length;
      const end = pos + lens[k];
      out[3 * k + 2] = end > 0 ? charEnd[Math.min(end, total) - 1] : 0;
      pos = end;
    }
    return out;
  }
}
