/**
 * Character classes of Hugging Face tokenizers as flags per code point, decoded once from
 * the tables baked from the reference binding (hf-tables.ts). The hot loops read a 64 Ki
 * entry flag table for the BMP and binary-search the ranges above it.
 *
 * These, not JS property escapes, decide every class test of the tokenizer stages: the
 * Rust crates behind HF carry their own Unicode versions (BERT's punctuation and "other"
 * come from a pre-Unicode-10 table) and a JS engine follows its own, so escapes would
 * make the same tokenizer.json give different ids in different engines.
 */
import {
  BERT_PUNCTUATION,
  BERT_REMOVED,
  COMBINING_MARK,
  NONSPACING_MARK,
  ONIG_LETTER,
  ONIG_NUMBER,
  ONIG_DIGIT,
  ONIG_SPACE,
  ONIG_WORD,
  REGEX_WORD,
  WHITESPACE,
} from "./hf-tables.js";

/** Removed by BertNormalizer's clean_text. */
export const BERT_REMOVED_F = 1;
/** Rust char::is_whitespace. */
export const WHITESPACE_F = 2;
/** BertPreTokenizer / Punctuation punctuation. */
export const PUNCT_F = 4;
/** Nonspacing mark (Mn), removed by BertNormalizer's strip_accents after NFD. */
export const MN_F = 8;
/** Combining mark, removed by the StripAccents normalizer. */
export const MARK_F = 16;
/** Rust regex \w. */
export const WORD_F = 32;
/** Oniguruma \p{L}. */
export const LETTER_F = 64;
/** Oniguruma \p{N}. */
export const NUMBER_F = 128;
/** Oniguruma \s. */
export const SPACE_F = 256;
/** Oniguruma \w (Split/Replace regexes). */
export const ONIG_WORD_F = 1024;
/** Oniguruma \d. */
export const ONIG_DIGIT_F = 2048;
/** BERT's "Chinese character" blocks (CJK ideographs), padded with spaces by BertNormalizer. */
export const CJK_F = 512;

const SOURCES: [number, string][] = [
  [BERT_REMOVED_F, BERT_REMOVED],
  [WHITESPACE_F, WHITESPACE],
  [PUNCT_F, BERT_PUNCTUATION],
  [MN_F, NONSPACING_MARK],
  [MARK_F, COMBINING_MARK],
  [WORD_F, REGEX_WORD],
  [LETTER_F, ONIG_LETTER],
  [NUMBER_F, ONIG_NUMBER],
  [SPACE_F, ONIG_SPACE],
  [ONIG_WORD_F, ONIG_WORD],
  [ONIG_DIGIT_F, ONIG_DIGIT],
];

/** BertNormalizer's is_chinese_char blocks (inclusive). */
const CJK_RANGES = [
  0x4e00, 0x9fff, 0x3400, 0x4dbf, 0x20000, 0x2a6df, 0x2a700, 0x2b73f, 0x2b740, 0x2b81f, 0x2b920, 0x2ceaf, 0xf900, 0xfaff, 0x2f800, 0x2fa1f,
];

function decode(encoded: string): number[] {
  const parts = encoded.split(",");
  const out: number[] = [];
  let prev = 0;
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const start = prev + parseInt(parts[i], 36);
    const end = start + parseInt(parts[i + 1], 36);
    out.push(start, end);
    prev = end;
  }
  return out;
}

let bmp: Uint16Array | null = null;
/** Per flag, the astral ranges as sorted inclusive [start, end] pairs. */
let astral: { flag: number; ranges: Int32Array }[] = [];
/** Flags of astral code points already looked up (emoji repeat a lot). */
const astralCache = new Map<number, number>();

function build(): void {
  const t = new Uint16Array(0x10000);
  const lists: { flag: number; ranges: Int32Array }[] = [];
  const add = (flag: number, r: number[]): void => {
    const high: number[] = [];
    for (let i = 0; i < r.length; i += 2) {
      const lo = r[i];
      const hi = r[i + 1];
      for (let c = lo; c <= Math.min(hi, 0xffff); c++) t[c] |= flag;
      if (hi > 0xffff) high.push(Math.max(lo, 0x10000), hi);
    }
    lists.push({ flag, ranges: Int32Array.from(high) });
  };
  for (const [flag, enc] of SOURCES) add(flag, decode(enc));
  add(CJK_F, CJK_RANGES);
  for (const l of lists) {
    // CJK_RANGES are not sorted; the decoded tables are.
    const pairs: [number, number][] = [];
    for (let i = 0; i < l.ranges.length; i += 2) pairs.push([l.ranges[i], l.ranges[i + 1]]);
    pairs.sort((a, b) => a[0] - b[0]);
    l.ranges = Int32Array.from(pairs.flat());
  }
  astral = lists;
  bmp = t;
}

/** The BMP flag table (index by UTF-16 code unit; surrogates have no flags). */
export function bmpFlags(): Uint16Array {
  if (bmp === null) build();
  return bmp!;
}

/** Inclusive [start, end] code point ranges of one flag (all planes). */
export function classRanges(flag: number): Int32Array {
  for (const [f, enc] of SOURCES) if (f === flag) return Int32Array.from(decode(enc));
  throw new Error(`no table for flag ${flag}`);
}

function inRanges(r: Int32Array, cp: number): boolean {
  let lo = 0;
  let hi = (r.length >> 1) - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < r[2 * mid]) hi = mid - 1;
    else if (cp > r[2 * mid + 1]) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Flags of any code point. */
export function flagsOf(cp: number): number {
  if (cp <= 0xffff) return bmpFlags()[cp];
  const hit = astralCache.get(cp);
  if (hit !== undefined) return hit;
  if (bmp === null) build();
  let f = 0;
  for (const l of astral) if (inRanges(l.ranges, cp)) f |= l.flag;
  if (astralCache.size < 65536) astralCache.set(cp, f);
  return f;
}
