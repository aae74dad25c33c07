/**
 * scikit-learn's tokenizer: `re.compile(token_pattern).findall(doc)` — every
 * non-overlapping match, left to right; with one capturing group, the group's text
 * ("" when it did not take part); more than one group is an error, as in
 * scikit-learn.
 *
 * The default pattern `(?u)\b\w\w+\b` (and `\b\w+\b`) run as a hand-written scan: a
 * token is a maximal run of Python word characters (re \w: letters and numbers, not
 * combining marks) of at least 2 (or 1) code points. That is exactly what the regex
 * matches — \b only admits a start where a run starts, and the greedy \w+ then ends
 * where it ends — and it is many times faster than the lookaround-based JS regex. Other
 * patterns are translated (python-regex.ts) and run as a JS RegExp; after an empty
 * match the search resumes one code point later (Python 3.7+ may still take a
 * non-empty match at the same position; patterns for tokens do not match empty).
 *
 * Scripts without spaces (Thai, Khmer, Chinese, Japanese): the default pattern gives
 * one token per run of letters, i.e. a whole phrase up to punctuation or a space, as
 * scikit-learn does. Use the char / char_wb analyzers for such text.
 */
import { InvalidOptionError } from "../core/errors.js";
import { WORD as WORD_FLAG, bmpFlags, codePointFlags } from "./char-classes.js";

// A module-local copy: the hot loops below must not read an imported binding per character
// (dev transforms such as tsx and vitest turn those into getter calls).
const WORD = WORD_FLAG;
import { translatePythonPattern } from "./python-regex.js";
import { HASH_BASIS, HASH_PRIME } from "./term-table.js";

/**
 * Receives one token: s[start, end). `raw`, when given, is the FNV-1a state over the
 * token's code units from HASH_BASIS (term-table.ts), computed during the scan.
 */
export type SpanSink = (s: string, start: number, end: number, raw?: number) => void;
export type Splitter = (text: string, emit: SpanSink) => void;

/** Emits maximal runs of Python word characters at least `minCodePoints` long. */
export function wordRuns(minCodePoints: number): Splitter {
  const flags = bmpFlags();
  const basis = HASH_BASIS;
  const prime = HASH_PRIME;
  return (s, emit) => {
    const n = s.length;
    let i = 0;
    while (i < n) {
      // Skip to the start of a run.
      let c = s.charCodeAt(i);
      if ((flags[c] & WORD) === 0) {
        if (c < 0xd800 || c > 0xdbff || i + 1 >= n) {
          i++;
          continue;
        }
        const lo = s.charCodeAt(i + 1);
        if (lo < 0xdc00 || lo > 0xdfff || (codePointFlags(((c - 0xd800) << 10) + (lo - 0xdc00) + 0x10000) & WORD) === 0) {
          i += lo >= 0xdc00 && lo <= 0xdfff ? 2 : 1;
          continue;
        }
      }
      const start = i;
      let length = 0;
      let h = basis;
      while (i < n) {
        c = s.charCodeAt(i);
        if ((flags[c] & WORD) !== 0) {
          h = Math.imul(h ^ c, prime);
          i++;
        } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
          const lo = s.charCodeAt(i + 1);
          if (lo < 0xdc00 || lo > 0xdfff || (codePointFlags(((c - 0xd800) << 10) + (lo - 0xdc00) + 0x10000) & WORD) === 0) break;
          h = Math.imul(Math.imul(h ^ c, prime) ^ lo, prime);
          i += 2;
        } else {
          break;
        }
        length++;
      }
      if (length >= minCodePoints) emit(s, start, i, h);
    }
  };
}

const WORD_RUN_PATTERNS: Record<string, number> = { "\\b\\w\\w+\\b": 2, "\\b\\w+\\b": 1 };

/** The minimum run length if `pattern` is a word-run pattern the fast scan handles, else 0. */
export function wordRunLength(pattern: string): number {
  const body = pattern.startsWith("(?u)") ? pattern.slice(4) : pattern;
  return WORD_RUN_PATTERNS[body] ?? 0;
}

/** Advances past one code point. */
function nextIndex(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const lo = s.charCodeAt(i + 1);
    if (lo >= 0xdc00 && lo <= 0xdfff) return i + 2;
  }
  return i + 1;
}

/** Python findall for `pattern` (Python syntax) as a span splitter. */
export function tokenPatternSplitter(pattern: string, who: string): Splitter {
  const min = wordRunLength(pattern);
  if (min > 0) return wordRuns(min);
  const t = translatePythonPattern(pattern, who);
  if (t.groups > 1) {
    throw new InvalidOptionError(
      `${who}: tokenPattern ${JSON.stringify(pattern)} has ${t.groups} capturing groups; at most one group may be captured (scikit-learn: "More than 1 capturing group in token pattern") — make the others non-capturing with (?:...)`,
    );
  }
  const re = new RegExp(t.source, `${t.flags}g`);
  const grouped = t.groups === 1;
  return (s, emit) => {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(s)) !== null) {
      if (grouped) {
        const g = m[1] ?? "";
        emit(g, 0, g.length);
      } else {
        emit(s, m.index, m.index + m[0].length);
      }
      if (m[0].length === 0) {
        if (m.index >= s.length) break;
        re.lastIndex = nextIndex(s, m.index);
      }
    }
  };
}
