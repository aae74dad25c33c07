/**
 * n-grams as scikit-learn 1.2 builds them (sklearn.feature_extraction.text), with
 * lengths counted in code points as Python strings are (a surrogate pair is one
 * character, never split):
 *
 *  - word n-grams: tokens, then every run of n consecutive tokens joined by one space,
 *    for n in ngramRange (unigrams are the tokens themselves);
 *  - char: runs of two or more Python whitespace characters become one space (a single
 *    "\n" or "\t" stays as it is: scikit-learn's `\s\s+`), then every substring of n
 *    characters;
 *  - char_wb: the same whitespace rule, then for each whitespace-separated word padded
 *    with one space on each side, every substring of n characters; a padded word not
 *    longer than n gives itself once and stops the larger n for that word.
 */
import { SPACE as SPACE_FLAG, bmpFlags } from "./char-classes.js";
import { pythonSplit } from "./pre-tokenizer.js";
import type { SpanSink } from "./token-pattern.js";

/** Module-local copy for the hot loops (see token-pattern.ts). */
const SPACE = SPACE_FLAG;

/** scikit-learn's `_white_spaces.sub(" ", doc)`: runs of >= 2 whitespace characters -> " ". */
export function collapseWhitespaceRuns(s: string): string {
  const flags = bmpFlags();
  const n = s.length;
  let out = "";
  let from = 0;
  for (let i = 0; i < n; i++) {
    if ((flags[s.charCodeAt(i)] & SPACE) === 0) continue;
    let j = i + 1;
    while (j < n && (flags[s.charCodeAt(j)] & SPACE) !== 0) j++;
    if (j - i >= 2) {
      out += s.slice(from, i) + " ";
      from = j;
    }
    i = j - 1;
  }
  return from === 0 ? s : out + s.slice(from);
}

let offsets = new Int32Array(256);

/**
 * Code unit offset of each code point of s (and s.length at the end), or null when s
 * has no surrogate pair (offsets are then the indices themselves).
 */
function codePointOffsets(s: string): Int32Array | null {
  const n = s.length;
  let pairs = false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      pairs = true;
      break;
    }
  }
  if (!pairs) return null;
  if (offsets.length < n + 1) offsets = new Int32Array(Math.max(n + 1, offsets.length * 2));
  let k = 0;
  for (let i = 0; i < n; ) {
    offsets[k++] = i;
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < n && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
  }
  offsets[k] = n;
  return offsets.subarray(0, k + 1);
}

/** Every substring of s of minN..maxN code points, shorter n first (scikit-learn's order). */
function substrings(s: string, minN: number, maxN: number, emit: SpanSink): void {
  const off = codePointOffsets(s);
  const len = off === null ? s.length : off.length - 1;
  const top = Math.min(maxN, len);
  if (off === null) {
    for (let n = minN; n <= top; n++) for (let i = 0; i + n <= len; i++) emit(s, i, i + n);
  } else {
    for (let n = minN; n <= top; n++) for (let i = 0; i + n <= len; i++) emit(s, off[i], off[i + n]);
  }
}

export function charNgrams(doc: string, minN: number, maxN: number, emit: SpanSink): void {
  substrings(collapseWhitespaceRuns(doc), minN, maxN, emit);
}

export function charWbNgrams(doc: string, minN: number, maxN: number, emit: SpanSink): void {
  const text = collapseWhitespaceRuns(doc);
  pythonSplit(text, (s, start, end) => {
    const w = ` ${s.slice(start, end)} `;
    const off = codePointOffsets(w);
    const len = off === null ? w.length : off.length - 1;
    const at = (k: number): number => (off === null ? k : off[k]);
    for (let n = minN; n <= maxN; n++) {
      if (len <= n) {
        // The whole padded word, once, and no larger n for this word.
        emit(w, 0, w.length);
        break;
      }
      for (let i = 0; i + n <= len; i++) emit(w, at(i), at(i + n));
    }
  });
}

/**
 * Word n-grams of `tokens` for n in minN..maxN (n >= 2 joined by " "), emitted as
 * whole strings. Unigrams (minN == 1) are left to the caller, which emits them as
 * spans without building strings.
 */
export function wordNgrams(tokens: readonly string[], minN: number, maxN: number, emit: SpanSink): void {
  const count = tokens.length;
  const top = Math.min(maxN, count);
  for (let n = Math.max(minN, 2); n <= top; n++) {
    for (let i = 0; i + n <= count; i++) {
      let g = tokens[i];
      for (let k = 1; k < n; k++) g += " " + tokens[i + k];
      emit(g, 0, g.length);
    }
  }
}
