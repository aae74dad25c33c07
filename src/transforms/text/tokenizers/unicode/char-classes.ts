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
  ONIG_SPACE,
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
/** Astral ranges: [start, end, flag] triples sorted by start (ranges of different flags may overlap). */
let astral: { starts: Int32Array; ends: Int32Array; flags: Uint16Array } | null = null;

function build(): void {
  const t = new Uint16Array(0x10000);
  const triples: [number, number, number][] = [];
  const add = (flag: number, r: number[]): void => {
    for (let i = 0; i < r.length; i += 2) {
      const lo = r[i];
      const hi = r[i + 1];
      for (let c = lo; c <= Math.min(hi, 0xffff); c++) t[c] |= flag;
      if (hi > 0xffff) triples.push([Math.max(lo, 0x10000), hi, flag]);
    }
  };
  for (const [flag, enc] of SOURCES) add(flag, decode(enc));
  add(CJK_F, CJK_RANGES);
  triples.sort((a, b) => a[0] - b[0]);
  astral = {
    starts: Int32Array.from(triples, (x) => x[0]),
    ends: Int32Array.from(triples, (x) => x[1]),
    flags: Uint16Array.from(triples, (x) => x[2]),
  };
  bmp = t;
}

/** The BMP flag table (index by UTF-16 code unit; surrogates have no flags). */
export function bmpFlags(): Uint16Array {
  if (bmp === null) build();
  return bmp!;
}

/** Flags of any code point. */
export function flagsOf(cp: number): number {
  if (cp <= 0xffff) return bmpFlags()[cp];
  if (astral === null) build();
  const a = astral!;
  let f = 0;
  // Few astral ranges per flag: a linear pass over the (start-sorted) ranges up to cp.
  let lo = 0;
  let hi = a.starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a.starts[mid] <= cp) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1; i >= 0; i--) {
    if (a.ends[i] >= cp) f |= a.flags[i];
    // Ranges are at most ~0x10000 long in these tables except private use; stop once far away.
    if (cp - a.starts[i] > 0x40000) break;
  }
  return f;
}
