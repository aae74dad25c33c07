/**
 * Pre-tokenizer stages: how a normalized document becomes tokens, each a plain
 * serializable spec (TextPreTokenizerSpec), emitting tokens as spans of a string.
 *
 *  - tokenPattern: Python `re` findall (scikit-learn's token_pattern; token-pattern.ts).
 *  - whitespace: Python's str.split() — maximal runs of non-whitespace, where
 *    whitespace is Python's str.isspace() (Unicode White_Space-like: includes U+001C..
 *    U+001F and U+0085, not U+200B or U+FEFF).
 *  - regexSplit: the non-empty pieces between matches of a Python `re` pattern
 *    (re.split with empty pieces dropped); capturing groups are refused, since
 *    re.split would return their text as tokens too.
 *  - characters: one token per code point (an emoji ZWJ sequence is several tokens;
 *    a surrogate pair is one).
 *  - wordBoundaries: the segments between Unicode word boundaries (UAX #29, word-break.ts;
 *    Unicode 15.0 tables, the same in every JS engine) that hold at least one word-like
 *    code point: a letter or number (General_Category L* / N*, or Word_Break ALetter,
 *    Hebrew_Letter, Numeric, Katakana) or an emoji (Extended_Pictographic, Regional_
 *    Indicator, Emoji_Modifier, the keycap U+20E3). Segments of only whitespace,
 *    punctuation, symbols (other than emoji) or marks are dropped.
 *    "don't", "3.14", "e.g", "foo_bar", "צה\"ל" stay one token; an emoji ZWJ sequence or a
 *    flag is one token; combining marks stay with their letter.
 * None of these segments scripts without spaces (Thai, Khmer, CJK) into words: tokenPattern
 * and whitespace give a whole run of letters up to a space or punctuation as one token,
 * characters gives one per code point, and wordBoundaries (no dictionary, by the rules)
 * one per Thai/Lao/Khmer/Myanmar letter with its marks, one per Han ideograph and per
 * Hiragana; Katakana runs and Hangul words stay whole.
 */
import type { TextPreTokenizerSpec } from "../artefact/states.js";
import { InvalidOptionError, describeValue } from "../core/errors.js";
import { SPACE as SPACE_FLAG, bmpFlags } from "./char-classes.js";
import { translatePythonPattern } from "./python-regex.js";
import { type Splitter, tokenPatternSplitter } from "./token-pattern.js";
import { wordSegments } from "./word-break.js";

export type { SpanSink, Splitter } from "./token-pattern.js";

/** Module-local copy for the hot loops (see token-pattern.ts). */
const SPACE = SPACE_FLAG;

export function validatePreTokenizer(spec: unknown, who: string): TextPreTokenizerSpec {
  const s = spec as Record<string, unknown> | null;
  const bad = (what: string): InvalidOptionError =>
    new InvalidOptionError(
      `${who}: pre-tokenizer ${describeValue(spec)} ${what}; use { type: "tokenPattern", pattern }, { type: "whitespace" }, { type: "regexSplit", pattern }, { type: "characters" } or { type: "wordBoundaries" }`,
    );
  if (s === null || typeof s !== "object") throw bad("is not an object");
  switch (s.type) {
    case "whitespace":
    case "characters":
    case "wordBoundaries":
      return { type: s.type };
    case "tokenPattern":
    case "regexSplit": {
      if (typeof s.pattern !== "string") throw bad("needs a string pattern (Python re syntax)");
      const spec2 = { type: s.type, pattern: s.pattern };
      compilePreTokenizer(spec2, who);
      return spec2;
    }
    default:
      throw bad(`has unknown type ${describeValue(s.type)}`);
  }
}

/** Python str.split(): runs of non-whitespace. */
export function pythonSplit(s: string, emit: (s: string, start: number, end: number) => void): void {
  const flags = bmpFlags();
  const n = s.length;
  let i = 0;
  while (i < n) {
    while (i < n && (flags[s.charCodeAt(i)] & SPACE) !== 0) i++;
    if (i >= n) return;
    const start = i;
    while (i < n && (flags[s.charCodeAt(i)] & SPACE) === 0) i++;
    emit(s, start, i);
  }
}

function regexSplit(pattern: string, who: string): Splitter {
  const t = translatePythonPattern(pattern, who);
  if (t.groups > 0) {
    throw new InvalidOptionError(`${who}: regexSplit pattern ${JSON.stringify(pattern)} has capturing groups; use non-capturing groups (?:...)`);
  }
  const re = new RegExp(t.source, `${t.flags}g`);
  return (s, emit) => {
    re.lastIndex = 0;
    let from = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(s)) !== null) {
      if (m.index > from) emit(s, from, m.index);
      from = Math.max(from, m.index + m[0].length);
      if (m[0].length === 0) {
        if (m.index >= s.length) break;
        re.lastIndex = m.index + (s.codePointAt(m.index)! > 0xffff ? 2 : 1);
      }
    }
    if (from < s.length) emit(s, from, s.length);
  };
}

function characters(s: string, emit: (s: string, start: number, end: number) => void): void {
  const n = s.length;
  for (let i = 0; i < n; ) {
    const c = s.charCodeAt(i);
    const w = c >= 0xd800 && c <= 0xdbff && i + 1 < n && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
    emit(s, i, i + w);
    i += w;
  }
}

/** UAX #29 word segments that hold a word-like code point (see the module doc). */
function wordBoundaries(s: string, emit: (s: string, start: number, end: number) => void): void {
  wordSegments(s, (start, end, wordLike) => {
    if (wordLike) emit(s, start, end);
  });
}

export function compilePreTokenizer(spec: TextPreTokenizerSpec, who: string): Splitter {
  switch (spec.type) {
    case "tokenPattern":
      return tokenPatternSplitter(spec.pattern, who);
    case "whitespace":
      return pythonSplit;
    case "regexSplit":
      return regexSplit(spec.pattern, who);
    case "characters":
      return characters;
    case "wordBoundaries":
      return wordBoundaries;
  }
}
