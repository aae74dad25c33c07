/**
 * Python's character classes (re \w, \d, \s; unicodedata.combining) as fast lookups,
 * decoded from the generated tables in unicode-tables.ts.
 *
 * The tables are baked from the reference interpreter (Python 3.11, Unicode 14.0)
 * instead of using JS property escapes: on every character assigned in Unicode 14,
 * `[\p{L}\p{N}_]` equals Python's \w (checked by enumerating all code points), but JS
 * engines follow their own Unicode version (Node 20.20: 17.0), so the ~14,000 code
 * points assigned since would be word characters in one engine and not in another —
 * and not in scikit-learn 1.2 on Python 3.11. `\p{M}` is not Python's "combining"
 * either: it also holds 1,496 marks of combining class 0 (Devanagari vowel signs,
 * U+034F ...), which strip_accents keeps.
 *
 * Lookups: a 64 KiB flag table for the BMP, binary search in the ranges above it.
 */
import { COMBINING_RANGES, DIGIT_RANGES, SPACE_RANGES, WORD_RANGES } from "./unicode-tables.js";

export const WORD = 1;
export const DIGIT = 2;
export const SPACE = 4;
export const COMBINING = 8;

export type ClassName = "word" | "digit" | "space" | "combining";

const SOURCES: Record<ClassName, { flag: number; encoded: string }> = {
  word: { flag: WORD, encoded: WORD_RANGES },
  digit: { flag: DIGIT, encoded: DIGIT_RANGES },
  space: { flag: SPACE, encoded: SPACE_RANGES },
  combining: { flag: COMBINING, encoded: COMBINING_RANGES },
};

/** Inclusive [start, end] pairs, flattened. */
function decode(encoded: string): Uint32Array {
  const parts = encoded.split(",");
  const out = new Uint32Array(parts.length);
  let prev = 0;
  for (let i = 0; i < parts.length; i += 2) {
    const start = prev + parseInt(parts[i], 36);
    const end = start + parseInt(parts[i + 1], 36);
    out[i] = start;
    out[i + 1] = end;
    prev = end;
  }
  return out;
}

let bmp: Uint8Array | null = null;
const ranges = new Map<ClassName, Uint32Array>();

/** The ranges of one class (inclusive pairs, increasing). */
export function classRanges(name: ClassName): Uint32Array {
  let r = ranges.get(name);
  if (r === undefined) {
    r = decode(SOURCES[name].encoded);
    ranges.set(name, r);
  }
  return r;
}

/** Flags (WORD | DIGIT | SPACE | COMBINING) of every BMP code unit; surrogates have none. */
export function bmpFlags(): Uint8Array {
  if (bmp === null) {
    const t = new Uint8Array(0x10000);
    for (const name of Object.keys(SOURCES) as ClassName[]) {
      const r = classRanges(name);
      const flag = SOURCES[name].flag;
      for (let i = 0; i < r.length; i += 2) {
        if (r[i] > 0xffff) break;
        const end = Math.min(r[i + 1], 0xffff);
        for (let c = r[i]; c <= end; c++) t[c] |= flag;
      }
    }
    bmp = t;
  }
  return bmp;
}

function inRanges(r: Uint32Array, cp: number): boolean {
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

/** Flags of any code point (astral ones by binary search). */
export function codePointFlags(cp: number): number {
  if (cp <= 0xffff) return bmpFlags()[cp];
  let f = 0;
  for (const name of Object.keys(SOURCES) as ClassName[]) if (inRanges(classRanges(name), cp)) f |= SOURCES[name].flag;
  return f;
}

/** Python's re \w for one code point. */
export function isWordCodePoint(cp: number): boolean {
  return (codePointFlags(cp) & WORD) !== 0;
}

const hex = (c: number): string => `\\u{${c.toString(16)}}`;

/**
 * The body of a JS regex character class (for the `u` flag, without brackets) holding
 * exactly the class, or its complement when `negate` (surrogate code points included,
 * as Python matches lone surrogates with \W).
 */
export function regexClassBody(name: ClassName, negate = false): string {
  const r = classRanges(name);
  const parts: string[] = [];
  const push = (a: number, b: number): void => {
    if (a > b) return;
    parts.push(a === b ? hex(a) : `${hex(a)}-${hex(b)}`);
  };
  if (!negate) {
    for (let i = 0; i < r.length; i += 2) push(r[i], r[i + 1]);
  } else {
    let next = 0;
    for (let i = 0; i < r.length; i += 2) {
      push(next, r[i] - 1);
      next = r[i + 1] + 1;
    }
    push(next, 0x10ffff);
  }
  return parts.join("");
}
