/**
 * The encode fast path for the common pipelines: no pre-tokenizer, BertPreTokenizer, or
 * ByteLevel alone. For each split left after the added tokens and the normalizer, the
 * words are found as ranges of the split's text (pre_tokenizers/word-ranges.ts) and each
 * range is looked up in a word cache (word-cache.ts) that maps the word — as it is BEFORE
 * the byte-level mapping — to the model's tokens with offsets in units of that word.
 *
 * This is the general path (pre-tokenizer -> one NormalizedString per word -> byte-level
 * mapping with its alignment -> model -> originalRange per token) with the per-word
 * objects taken out, not a different algorithm:
 *  - the byte-level mapping is a fixed function of the word, so caching by the unmapped
 *    word is exact;
 *  - a token's offsets in byte-level units are moved to the units of the characters whose
 *    bytes it covers, which is what the general path's per-byte alignment gives (every
 *    byte of a character carries that character's range);
 *  - the split's originalRange of (word start + token start, word start + token end) is
 *    then the general path's range of the token.
 * With BertNormalizer + BertPreTokenizer the normalizer is fused in as well (encodeBert):
 * the words are built from the original text character by character, so no normalized
 * string or alignment array is made.
 *
 * The general path still serves every other pre-tokenizer, and truncation (which counts
 * words first). test/unit/tokenizer-fast-paths.test.ts compares both on random text, and
 * with HF's native binding when it is installed. The word cache holds at most
 * WORD_CACHE_CAPACITY words (a few tens of MB at most); outputs never depend on its state.
 */
import type { NormalizerConfig, PreTokenizerConfig } from "./config.js";
import type { NormalizedString } from "./normalized-string.js";
import { BYTE_TO_CHAR, addPrefixSpace, byteLevelText } from "./pre_tokenizers/byte_level.js";
import { B_PUNCT, B_WORD, bertClassOfFlags, bertClasses, bertWordRanges, gpt2WordRanges } from "./pre_tokenizers/word-ranges.js";
import { type Bert, type CharState, REMOVED, REORDER, UNKNOWN, classify, complexChar, isPadded, markState, tableFor } from "./normalizers/bert.js";
import { bmpFlags, flagsOf } from "./unicode/char-classes.js";
import { WORD_CACHE_CAPACITY } from "./models/vocab.js";
import type { TokenBuffer } from "./token-buffer.js";
import { HASH_SEED, WordRangeCache, hashEnd, hashStep } from "./word-cache.js";

/** What the fast path needs of a model: a word's [id, start, end]* (a fresh array, not cached). */
export interface WordModel {
  computeWord(word: string): Int32Array;
}

/** Scratch arrays larger than this (elements) are dropped after use. */
const KEEP = 1 << 18;

const WHOLE = 0;
const BERT = 1;
const GPT2 = 2;

export class WordEncoder {
  private readonly cache = new WordRangeCache(WORD_CACHE_CAPACITY);
  /** Word ranges of the split being encoded (start, end pairs). */
  private ranges = new Int32Array(1024);
  /** The array the last word() result is in (the cache's values, or `scratch`). */
  private at: Int32Array;
  private scratch = new Int32Array(64);

  /**
   * BertNormalizer fused with BertPreTokenizer (encodeBert), or null: the normalizer then
   * runs on its own before encodeSplit.
   */
  readonly bert: Bert | null = null;
  private readonly strip: boolean = false;
  private readonly bertTable: Int32Array | null = null;
  private readonly bertMarks: Uint16Array | null = null;
  private readonly charState: CharState = { lastClass: 0 };
  /** The word being built by encodeBert: its normalized units and each one's original range. */
  private wordUnits: Uint16Array = new Uint16Array(256);
  private wordStarts: Int32Array = new Int32Array(256);
  private wordEnds: Int32Array = new Int32Array(256);

  private constructor(
    private readonly model: WordModel,
    private readonly split: number,
    private readonly byteLevel: boolean,
    private readonly prefixSpace: boolean,
    normalizer: NormalizerConfig | null = null,
  ) {
    this.at = this.scratch;
    if (normalizer !== null && normalizer.type === "BertNormalizer" && split === BERT) {
      this.bert = normalizer;
      this.strip = normalizer.strip_accents ?? normalizer.lowercase;
      const t = tableFor(normalizer, this.strip);
      this.bertTable = t.map;
      this.bertMarks = t.marks;
    }
  }

  /** The fast path for this pre-tokenizer, or null when only the general path applies. */
  static compile(pre: PreTokenizerConfig | null, model: WordModel, normalizer: NormalizerConfig | null = null): WordEncoder | null {
    if (pre === null) return new WordEncoder(model, WHOLE, false, false);
    if (pre.type === "BertPreTokenizer") return new WordEncoder(model, BERT, false, false, normalizer);
    if (pre.type === "ByteLevel") return new WordEncoder(model, pre.use_regex ? GPT2 : WHOLE, true, pre.add_prefix_space);
    return null;
  }

  /** Finds the words of `t` into `ranges`; returns the number of values (2 per word). */
  private scan(t: string): number {
    const n = t.length;
    if (this.split === WHOLE) {
      this.ranges[0] = 0;
      this.ranges[1] = n;
      return n > 0 ? 2 : 0;
    }
    if (this.ranges.length < 2 * n) this.ranges = new Int32Array(2 * n + 1024);
    return this.split === BERT ? bertWordRanges(t, this.ranges) : gpt2WordRanges(t, this.ranges);
  }

  /** Prepares an untokenized split as the pre-tokenizer would (ByteLevel's prefix space). */
  private prepare(ns: NormalizedString): string {
    if (this.prefixSpace) addPrefixSpace(ns);
    return ns.text;
  }

  /**
   * The tokens of word t[s, e): returns the position of [count, (id, start, end)*] in
   * `this.at` (offsets in units of the word).
   */
  private word(t: string, s: number, e: number): number {
    const cache = this.cache;
    const hit = cache.find(t, s, e);
    if (hit >= 0) {
      this.at = cache.vals;
      return hit;
    }
    const r = this.compute(t.substring(s, e));
    const added = cache.add(t, s, e, r);
    if (added >= 0) {
      this.at = cache.vals;
      return added;
    }
    if (this.scratch.length < r.length + 1) this.scratch = new Int32Array(r.length + 64);
    this.scratch[0] = r.length / 3;
    this.scratch.set(r, 1);
    this.at = this.scratch;
    return 0;
  }

  /** The model's tokens of one (unmapped) word, offsets in units of the word. */
  private compute(w: string): Int32Array {
    if (!this.byteLevel) return this.model.computeWord(w);
    const n = w.length;
    let ascii = true;
    for (let i = 0; i < n; i++) {
      if (w.charCodeAt(i) >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      // One byte per unit: the offsets are already in units of the word.
      let mapped = "";
      for (let i = 0; i < n; i++) mapped += BYTE_TO_CHAR[w.charCodeAt(i)];
      return this.model.computeWord(mapped);
    }
    const mapped = byteLevelText(w);
    const r = this.model.computeWord(mapped).slice();
    // Per mapped unit (one per UTF-8 byte): the unit range of the character it belongs to.
    const m = mapped.length;
    const charStart = new Int32Array(m);
    const charEnd = new Int32Array(m);
    let b = 0;
    for (let i = 0; i < n; ) {
      const c = w.charCodeAt(i);
      const pair = c >= 0xd800 && c <= 0xdbff && i + 1 < n && (w.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      const width = pair ? 2 : 1;
      const bytes = pair ? 4 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
      for (let k = 0; k < bytes; k++) {
        charStart[b + k] = i;
        charEnd[b + k] = i + width;
      }
      b += bytes;
      i += width;
    }
    for (let k = 0; k < r.length; k += 3) {
      const a = r[k + 1];
      const z = r[k + 2];
      // Tokens are never empty (BPE symbols, WordPiece matches); keep any empty range as is.
      if (a >= z) continue;
      r[k + 1] = charStart[a];
      r[k + 2] = charEnd[z - 1];
    }
    return r;
  }

  /**
   * Appends the tokens of an untokenized split to `buf`: ids, and with `details` their
   * offsets (UTF-16 units of the document) and word ids from `word`. Returns the next word index.
   */
  encodeSplit(ns: NormalizedString, buf: TokenBuffer, details: boolean, word: number): number {
    const t = this.prepare(ns);
    const count = this.scan(t);
    const ranges = this.ranges;
    for (let k = 0; k < count; k += 2) {
      const s = ranges[k];
      const p = this.word(t, s, ranges[k + 1]);
      const v = this.at;
      const tokens = v[p];
      let n = buf.reserve(tokens);
      const ids = buf.ids;
      if (!details) {
        for (let j = p + 1, end = p + 1 + 3 * tokens; j < end; j += 3) ids[n++] = v[j];
        buf.count = n;
        continue;
      }
      const starts = buf.starts;
      const ends = buf.ends;
      const words = buf.words;
      for (let j = p + 1, end = p + 1 + 3 * tokens; j < end; j += 3) {
        ids[n] = v[j];
        const a = s + v[j + 1];
        const z = s + v[j + 2];
        // NormalizedString.originalRange without the pair.
        if (a >= z) {
          starts[n] = ns.origin + a;
          ends[n] = ns.origin + z;
        } else {
          starts[n] = ns.startAt(a);
          ends[n] = ns.endAt(z - 1);
        }
        words[n] = word;
        n++;
      }
      buf.count = n;
      word++;
    }
    // A one-off giant split must not pin its scratch arrays.
    if (this.ranges.length > KEEP) this.ranges = new Int32Array(1024);
    return word;
  }

  /**
   * BertNormalizer + BertPreTokenizer + model over an untokenized split of the ORIGINAL
   * text (identity alignment), in one pass: each character's normalized units (the
   * normalizer's per-character table, or complexChar) go straight into the current word,
   * with the character's original range; whitespace ends a word, punctuation is a word of
   * its own. The same units, words and alignments as bertNormalize then bertWordRanges.
   * Returns the next word index, or -1 when the split needs the general path (canonical
   * reordering across characters, lone surrogates); the caller then discards what this
   * call appended to `buf`.
   */
  encodeBert(ns: NormalizedString, buf: TokenBuffer, details: boolean, word: number): number {
    // Original ranges below are read off the identity alignment of an unnormalized split.
    if (ns.starts !== null) return -1;
    const c = this.bert!;
    const strip = this.strip;
    const table = this.bertTable!;
    const marks = this.bertMarks!;
    const cls = bertClasses();
    const t = ns.text;
    const n = t.length;
    const origin = ns.origin;
    let units = this.wordUnits;
    let starts = this.wordStarts;
    let ends = this.wordEnds;
    let wl = 0;
    let h = HASH_SEED;
    let lastClass = 0;
    for (let i = 0; i < n; ) {
      const u = t.charCodeAt(i);
      let m = table[u];
      if (m === UNKNOWN) m = table[u] = classify(c, strip, u, marks);
      if (m >= 0) {
        // One unit to one unit (the common case).
        lastClass = markState(marks[u], lastClass);
        if (lastClass < 0) return -1;
        const k = cls[m];
        if (k === B_WORD) {
          if (wl === units.length) ({ units, starts, ends } = this.growWord());
          units[wl] = m;
          starts[wl] = origin + i;
          ends[wl] = origin + i + 1;
          wl++;
          h = hashStep(h, m);
        } else {
          if (wl > 0) {
            word = this.bertWord(wl, hashEnd(h, wl), buf, details, word);
            wl = 0;
            h = HASH_SEED;
          }
          if (k === B_PUNCT) {
            units[0] = m;
            starts[0] = origin + i;
            ends[0] = origin + i + 1;
            word = this.bertWord(1, hashEnd(hashStep(HASH_SEED, m), 1), buf, details, word);
          }
        }
        i++;
        continue;
      }
      if (m === REMOVED) {
        i++;
        continue;
      }
      let cp = u;
      let w = 1;
      if (u >= 0xd800 && u <= 0xdfff) {
        const lo = i + 1 < n ? t.charCodeAt(i + 1) : 0;
        // A lone surrogate: the general path decides what it is.
        if (u > 0xdbff || lo < 0xdc00 || lo > 0xdfff) return -1;
        cp = ((u - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
        w = 2;
      }
      const fl = w === 1 ? bmpFlags()[cp] : flagsOf(cp);
      this.charState.lastClass = lastClass;
      const out = complexChar(c, strip, cp, fl, this.charState);
      lastClass = this.charState.lastClass;
      if (out === REORDER) return -1;
      if (out !== null) {
        const pad = isPadded(c, fl);
        for (let j = -1; j <= out.length; j++) {
          // j = -1 and out.length: the CJK padding spaces (word boundaries), when padded.
          let o: number;
          if (j < 0 || j === out.length) {
            if (!pad) continue;
            o = 0x20;
          } else o = out[j];
          const k = o > 0xffff ? bertClassOfFlags(flagsOf(o)) : cls[o];
          if (k === B_WORD) {
            if (wl + 2 > units.length) ({ units, starts, ends } = this.growWord());
            const a = origin + i;
            if (o > 0xffff) {
              const hi = 0xd800 + ((o - 0x10000) >> 10);
              const lo = 0xdc00 + ((o - 0x10000) & 0x3ff);
              units[wl] = hi;
              starts[wl] = a;
              ends[wl] = a + w;
              units[wl + 1] = lo;
              starts[wl + 1] = a;
              ends[wl + 1] = a + w;
              wl += 2;
              h = hashStep(hashStep(h, hi), lo);
            } else {
              units[wl] = o;
              starts[wl] = a;
              ends[wl] = a + w;
              wl++;
              h = hashStep(h, o);
            }
            continue;
          }
          if (wl > 0) {
            word = this.bertWord(wl, hashEnd(h, wl), buf, details, word);
            wl = 0;
            h = HASH_SEED;
          }
          if (k === B_PUNCT) {
            let len = 1;
            units[0] = o;
            if (o > 0xffff) {
              units[0] = 0xd800 + ((o - 0x10000) >> 10);
              units[1] = 0xdc00 + ((o - 0x10000) & 0x3ff);
              starts[1] = origin + i;
              ends[1] = origin + i + w;
              len = 2;
            }
            starts[0] = origin + i;
            ends[0] = origin + i + w;
            let hp = hashStep(HASH_SEED, units[0]);
            if (len === 2) hp = hashStep(hp, units[1]);
            word = this.bertWord(len, hashEnd(hp, len), buf, details, word);
          }
        }
      }
      i += w;
    }
    if (wl > 0) word = this.bertWord(wl, hashEnd(h, wl), buf, details, word);
    // A one-off giant word (a long text without spaces) must not pin its scratch arrays.
    if (this.wordUnits.length > KEEP) {
      this.wordUnits = new Uint16Array(256);
      this.wordStarts = new Int32Array(256);
      this.wordEnds = new Int32Array(256);
    }
    return word;
  }

  private growWord(): { units: Uint16Array; starts: Int32Array; ends: Int32Array } {
    const cap = this.wordUnits.length * 2;
    const units = new Uint16Array(cap);
    units.set(this.wordUnits);
    const starts = new Int32Array(cap);
    starts.set(this.wordStarts);
    const ends = new Int32Array(cap);
    ends.set(this.wordEnds);
    this.wordUnits = units;
    this.wordStarts = starts;
    this.wordEnds = ends;
    return { units, starts, ends };
  }

  /** The tokens of the word in wordUnits[0, len) (hash h) appended to buf; returns the next word index. */
  private bertWord(len: number, h: number, buf: TokenBuffer, details: boolean, word: number): number {
    const cache = this.cache;
    const units = this.wordUnits;
    let p = cache.findUnits(units, 0, len, h);
    let v = cache.vals;
    if (p < 0) {
      const r = this.model.computeWord(unitsToString(units, len));
      p = cache.addUnits(units, 0, len, r);
      v = cache.vals;
      if (p < 0) {
        if (this.scratch.length < r.length + 1) this.scratch = new Int32Array(r.length + 64);
        this.scratch[0] = r.length / 3;
        this.scratch.set(r, 1);
        v = this.scratch;
        p = 0;
      }
    }
    const tokens = v[p];
    let n = buf.reserve(tokens);
    const ids = buf.ids;
    if (!details) {
      for (let j = p + 1, end = p + 1 + 3 * tokens; j < end; j += 3) ids[n++] = v[j];
      buf.count = n;
      return word + 1;
    }
    const starts = buf.starts;
    const ends = buf.ends;
    const words = buf.words;
    const ws = this.wordStarts;
    const we = this.wordEnds;
    for (let j = p + 1, end = p + 1 + 3 * tokens; j < end; j += 3) {
      ids[n] = v[j];
      // Tokens are never empty (a WordPiece match, the unknown token for the whole word, a BPE symbol).
      starts[n] = ws[v[j + 1]];
      ends[n] = we[v[j + 2] - 1];
      words[n] = word;
      n++;
    }
    buf.count = n;
    return word + 1;
  }
}

/** String of units[0, len) (in chunks: the argument count of fromCharCode is limited). */
function unitsToString(units: Uint16Array, len: number): string {
  let s = "";
  for (let i = 0; i < len; i += 4096) s += String.fromCharCode(...units.subarray(i, Math.min(len, i + 4096)));
  return s;
}
