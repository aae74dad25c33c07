/**
 * The word boundaries of BertPreTokenizer and of ByteLevel's GPT-2 regex as (start, end)
 * ranges written into an Int32Array: the encode fast path (word-encoder.ts) looks each
 * range up in its word cache without making a NormalizedString or a substring per word.
 *
 * Each scanner gives exactly the pieces of its general counterpart (bertSplit in
 * index.ts, gpt2Split in byte_level.ts), which stay the reference; a property test
 * (test/unit/tokenizer-fast-paths.test.ts) compares them on random text. Both read one
 * per-UTF-16-unit class table built from the same baked flags, so the common case (BMP
 * text) costs one typed-array load per unit; high surrogates fall back to the astral flags.
 */
import { LETTER_F, NUMBER_F, PUNCT_F, SPACE_F, WHITESPACE_F, bmpFlags, flagsOf } from "../unicode/char-classes.js";

/** Bert classes: part of a word, whitespace (dropped), punctuation (alone), high surrogate. */
export const B_WORD = 0;
export const B_SPACE = 1;
export const B_PUNCT = 2;
export const B_HIGH = 3;

/** GPT-2 classes as in byte_level.ts, plus high surrogate. */
const G_OTHER = 0;
const G_LETTER = 1;
const G_NUMBER = 2;
const G_SPACE = 3;
const G_HIGH = 4;

let bertTable: Uint8Array | null = null;
let gpt2Table: Uint8Array | null = null;

export function bertClassOfFlags(fl: number): number {
  if (fl & WHITESPACE_F) return B_SPACE;
  if (fl & PUNCT_F) return B_PUNCT;
  return B_WORD;
}

function gpt2ClassOfFlags(fl: number): number {
  if (fl & LETTER_F) return G_LETTER;
  if (fl & NUMBER_F) return G_NUMBER;
  if (fl & SPACE_F) return G_SPACE;
  return G_OTHER;
}

/** Bert class per UTF-16 unit (B_HIGH for high surrogates). */
export function bertClasses(): Uint8Array {
  if (bertTable === null) {
    const f = bmpFlags();
    const t = new Uint8Array(0x10000);
    for (let c = 0; c < 0x10000; c++) t[c] = c >= 0xd800 && c <= 0xdbff ? B_HIGH : bertClassOfFlags(f[c]);
    bertTable = t;
  }
  return bertTable;
}

function gpt2Classes(): Uint8Array {
  if (gpt2Table === null) {
    const f = bmpFlags();
    const t = new Uint8Array(0x10000);
    for (let c = 0; c < 0x10000; c++) t[c] = c >= 0xd800 && c <= 0xdbff ? G_HIGH : gpt2ClassOfFlags(f[c]);
    gpt2Table = t;
  }
  return gpt2Table;
}

/** Code point of the surrogate pair at i (t[i] is a high surrogate), or -1 when t[i] is alone. */
function pairAt(t: string, i: number): number {
  if (i + 1 >= t.length) return -1;
  const lo = t.charCodeAt(i + 1);
  if (lo < 0xdc00 || lo > 0xdfff) return -1;
  return ((t.charCodeAt(i) - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
}

/**
 * BertPreTokenizer's pieces of `t` (whitespace dropped, each punctuation character alone)
 * as start, end pairs in `out` (length >= 2 * t.length); returns the number of values written.
 */
export function bertWordRanges(t: string, out: Int32Array): number {
  const cls = bertClasses();
  const n = t.length;
  let o = 0;
  let start = -1;
  for (let i = 0; i < n; ) {
    let k = cls[t.charCodeAt(i)];
    let w = 1;
    if (k === B_HIGH) {
      const cp = pairAt(t, i);
      // A lone surrogate has no flags: part of a word, like any unflagged character.
      if (cp < 0) k = B_WORD;
      else {
        k = bertClassOfFlags(flagsOf(cp));
        w = 2;
      }
    }
    if (k === B_WORD) {
      if (start < 0) start = i;
    } else {
      if (start >= 0) {
        out[o++] = start;
        out[o++] = i;
        start = -1;
      }
      if (k === B_PUNCT) {
        out[o++] = i;
        out[o++] = i + w;
      }
    }
    i += w;
  }
  if (start >= 0) {
    out[o++] = start;
    out[o++] = n;
  }
  return o;
}

/** GPT-2 class of the character at i and its width (class * 4 + width). */
function gpt2At(t: string, i: number, cls: Uint8Array): number {
  const k = cls[t.charCodeAt(i)];
  if (k !== G_HIGH) return k * 4 + 1;
  const cp = pairAt(t, i);
  // A lone high surrogate has no flags (byte_level.ts classAt): "other".
  return cp < 0 ? G_OTHER * 4 + 1 : gpt2ClassOfFlags(flagsOf(cp)) * 4 + 2;
}

/** End of the run of GPT-2 class `k` starting at i. */
function gpt2RunEnd(t: string, i: number, k: number, cls: Uint8Array): number {
  const n = t.length;
  while (i < n) {
    const u = cls[t.charCodeAt(i)];
    if (u === k) {
      i++;
      continue;
    }
    if (u !== G_HIGH) return i;
    const x = gpt2At(t, i, cls);
    if (x >> 2 !== k) return i;
    i += x & 3;
  }
  return i;
}

/**
 * The GPT-2 regex matches of `t`
 *   's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
 * as start, end pairs in `out` (length >= 2 * t.length); returns the number of values written.
 */
export function gpt2WordRanges(t: string, out: Int32Array): number {
  const cls = gpt2Classes();
  const n = t.length;
  let o = 0;
  let p = 0;
  while (p < n) {
    const c = t.charCodeAt(p);
    if (c === 0x27 && p + 1 < n) {
      const c1 = t.charCodeAt(p + 1);
      if (c1 === 0x73 || c1 === 0x74 || c1 === 0x6d || c1 === 0x64) {
        out[o++] = p;
        out[o++] = p + 2;
        p += 2;
        continue;
      }
      if (p + 2 < n) {
        const c2 = t.charCodeAt(p + 2);
        if ((c1 === 0x72 && c2 === 0x65) || (c1 === 0x76 && c2 === 0x65) || (c1 === 0x6c && c2 === 0x6c)) {
          out[o++] = p;
          out[o++] = p + 3;
          p += 3;
          continue;
        }
      }
    }
    let q = p;
    if (c === 0x20 && p + 1 < n && gpt2At(t, p + 1, cls) >> 2 !== G_SPACE) q = p + 1;
    const x = gpt2At(t, q, cls);
    const k = x >> 2;
    if (k !== G_SPACE) {
      const e = gpt2RunEnd(t, q + (x & 3), k, cls);
      out[o++] = p;
      out[o++] = e;
      p = e;
      continue;
    }
    // Whitespace run [p, e): \s+(?!\S) leaves its last character to the next match when a
    // non-space follows (whitespace characters are all in the BMP: one unit each).
    const e = gpt2RunEnd(t, p, G_SPACE, cls);
    const end = e === n || e - 1 <= p ? e : e - 1;
    out[o++] = p;
    out[o++] = end;
    p = end;
  }
  return o;
}
