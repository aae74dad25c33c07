/**
 * Python `re` patterns (str, Python 3.11) translated into JS RegExp source, so that a
 * scikit-learn `token_pattern` finds the same tokens here as in Python.
 *
 * The classes and anchors whose meaning differs between the two are rewritten:
 *   \w \W \d \D \s \S   Python's Unicode sets (src/text/char-classes.ts); JS's are ASCII
 *   \b \B               word boundaries over Python's \w, as lookarounds
 *   .                   any code point but "\n" (JS also stops at \r, U+2028, U+2029)
 *   ^ $ \A \Z           Python's rules: `$` also matches before a final "\n"; with
 *                       (?m) lines end at "\n" only
 *   {,n}                Python's "0 to n" quantifier; a `{` that is not a quantifier
 *                       is a literal, as Python reads it
 *   (?P<n>...) (?P=n)   named groups and references
 *   (?#...)             comments (dropped)
 * Global flags at the start, (?aimsu), become JS flags or rewrites ("a" selects the
 * ASCII classes; "L" and "x" are refused). What JS cannot express the same way is
 * refused with an InvalidOptionError naming the construct: scoped flags (?i:...),
 * conditionals (?(1)...), atomic groups and possessive quantifiers, \N{...}.
 * Case-insensitive matching uses JS's simple case folding (Python's differs for a few
 * characters such as U+0130 and U+017F).
 */
import { InvalidOptionError } from "../core/errors.js";
import { regexClassBody } from "./char-classes.js";

export interface TranslatedPattern {
  /** JS RegExp source (for the `u` flag). */
  readonly source: string;
  /** JS flags ("u", plus "i" for Python's IGNORECASE). */
  readonly flags: string;
  /** Capturing groups in the pattern (Python's `pattern.groups`). */
  readonly groups: number;
}

interface Flags {
  ascii: boolean;
  ignoreCase: boolean;
  multiline: boolean;
  dotAll: boolean;
}

const SYNTAX = new Set([..."^$\\.*+?()[]{}|/"]);

/**
 * Size bounds: each \w or \s expands to Python's explicit class (~10 KB of JS source for
 * \w, four of them for \b), so a pattern from an untrusted artefact could otherwise
 * make a regex of gigabytes. Real token patterns stay far below both.
 */
const MAX_PATTERN = 16_384;
const MAX_SOURCE = 2 * 1024 * 1024;

function refuse(pattern: string, who: string, what: string): InvalidOptionError {
  return new InvalidOptionError(
    `${who}: token pattern ${JSON.stringify(pattern)} uses ${what}, which skewless cannot translate from Python's re to JS with the same meaning; rewrite the pattern without it`,
  );
}

/** Body (no brackets) of \w \d \s or their complements under the given flags. */
function classBody(letter: string, ascii: boolean): string {
  const lower = letter.toLowerCase();
  const negate = letter !== lower;
  if (ascii) {
    const body = lower === "w" ? "A-Za-z0-9_" : lower === "d" ? "0-9" : " \\t\\n\\r\\f\\v";
    if (!negate) return body;
    // Complement of an ASCII set as ranges, so it can sit inside another class.
    const set = lower === "w" ? /[A-Za-z0-9_]/ : lower === "d" ? /[0-9]/ : /[ \t\n\r\f\v]/;
    const parts: string[] = [];
    let start = -1;
    for (let c = 0; c <= 0x80; c++) {
      const inside = c < 0x80 && !set.test(String.fromCharCode(c));
      if (inside && start < 0) start = c;
      if (!inside && start >= 0) {
        parts.push(`\\u{${start.toString(16)}}-\\u{${(c - 1).toString(16)}}`);
        start = -1;
      }
    }
    parts.push("\\u{80}-\\u{10ffff}");
    return parts.join("");
  }
  return regexClassBody(lower === "w" ? "word" : lower === "d" ? "digit" : "space", negate);
}

function literal(ch: string): string {
  return SYNTAX.has(ch) ? `\\${ch}` : ch;
}

/**
 * Reads an escape at pattern[i] === "\\" shared by both contexts; returns the JS text
 * and the index after it, or null when the caller handles the letter itself.
 */
function simpleEscape(pattern: string, i: number, who: string, inClass: boolean): { text: string; next: number } {
  const c = pattern[i + 1];
  if (c === undefined) throw new InvalidOptionError(`${who}: token pattern ${JSON.stringify(pattern)} ends with a lone backslash`);
  const hexRun = (len: number): string => {
    const h = pattern.slice(i + 2, i + 2 + len);
    if (!new RegExp(`^[0-9a-fA-F]{${len}}$`).test(h)) {
      throw new InvalidOptionError(`${who}: token pattern ${JSON.stringify(pattern)} has a bad escape \\${c}${h}`);
    }
    return h;
  };
  switch (c) {
    case "n":
    case "t":
    case "r":
    case "f":
    case "v":
      return { text: `\\${c}`, next: i + 2 };
    case "a":
      return { text: "\\x07", next: i + 2 };
    case "x":
      return { text: `\\u{${hexRun(2)}}`, next: i + 4 };
    case "u":
      return { text: `\\u{${hexRun(4)}}`, next: i + 6 };
    case "U":
      return { text: `\\u{${hexRun(8).replace(/^0+(?=.)/, "")}}`, next: i + 10 };
    case "N":
      throw refuse(pattern, who, "\\N{...} (named characters)");
    case "0": {
      let j = i + 2;
      while (j < i + 4 && /[0-7]/.test(pattern[j] ?? "")) j++;
      return { text: `\\u{${parseInt(pattern.slice(i + 1, j), 8).toString(16)}}`, next: j };
    }
    default:
      break;
  }
  if (/[A-Za-z]/.test(c)) {
    throw new InvalidOptionError(`${who}: token pattern ${JSON.stringify(pattern)} has the escape \\${c}, which Python's re rejects (bad escape)`);
  }
  // Any other escaped character stands for itself. Keep the code point whole.
  const cp = pattern.codePointAt(i + 1)!;
  const ch = String.fromCodePoint(cp);
  const text = inClass ? (ch === "]" || ch === "\\" || ch === "-" || ch === "^" || ch === "[" ? `\\${ch}` : ch) : literal(ch);
  return { text, next: i + 1 + ch.length };
}

/** Translates one Python pattern; throws InvalidOptionError for what it cannot translate. */
export function translatePythonPattern(pattern: string, who: string): TranslatedPattern {
  if (typeof pattern !== "string") throw new InvalidOptionError(`${who}: tokenPattern must be a string (a Python regular expression), got ${typeof pattern}`);
  if (pattern.length > MAX_PATTERN) {
    throw new InvalidOptionError(`${who}: token pattern is ${pattern.length} characters long; patterns up to ${MAX_PATTERN} characters are accepted`);
  }
  const flags: Flags = { ascii: false, ignoreCase: false, multiline: false, dotAll: false };
  let i = 0;
  // Global inline flags, only at the start (Python 3.11 rejects them elsewhere).
  for (;;) {
    const m = /^\(\?([aiLmsux]+)\)/.exec(pattern.slice(i));
    if (m === null) break;
    for (const f of m[1]) {
      if (f === "a") flags.ascii = true;
      else if (f === "i") flags.ignoreCase = true;
      else if (f === "m") flags.multiline = true;
      else if (f === "s") flags.dotAll = true;
      else if (f === "L") throw refuse(pattern, who, "the (?L) locale flag (bytes patterns only in Python 3)");
      else if (f === "x") throw refuse(pattern, who, "the (?x) verbose flag");
    }
    i += m[0].length;
  }
  if (flags.ascii && pattern.slice(0, i).includes("u")) {
    throw new InvalidOptionError(`${who}: token pattern ${JSON.stringify(pattern)} sets both the ASCII and UNICODE flags, which Python rejects`);
  }
  const word = `[${classBody("w", flags.ascii)}]`;
  const boundary = `(?:(?<=${word})(?!${word})|(?<!${word})(?=${word}))`;
  const nonBoundary = `(?:(?<=${word})(?=${word})|(?<!${word})(?!${word}))`;
  let out = "";
  let groups = 0;
  let lastWasQuantifier = false;
  const n = pattern.length;
  while (i < n) {
    if (out.length > MAX_SOURCE) throw tooLarge(pattern, who);
    const c = pattern[i];
    let quantifier = false;
    if (c === "\\") {
      const e = pattern[i + 1];
      if (e === "w" || e === "W" || e === "d" || e === "D" || e === "s" || e === "S") {
        out += `[${classBody(e, flags.ascii)}]`;
        i += 2;
      } else if (e === "b") {
        out += boundary;
        i += 2;
      } else if (e === "B") {
        out += nonBoundary;
        i += 2;
      } else if (e === "A") {
        out += "(?<![\\s\\S])";
        i += 2;
      } else if (e === "Z") {
        out += "(?![\\s\\S])";
        i += 2;
      } else if (e !== undefined && e >= "1" && e <= "9") {
        let j = i + 2;
        while (j < n && j < i + 3 && /[0-9]/.test(pattern[j])) j++;
        out += `\\${pattern.slice(i + 1, j)}`;
        i = j;
      } else {
        const r = simpleEscape(pattern, i, who, false);
        out += r.text;
        i = r.next;
      }
    } else if (c === "[") {
      const r = translateClass(pattern, i, who, flags);
      out += r.text;
      i = r.next;
    } else if (c === "(") {
      if (pattern[i + 1] !== "?") {
        groups++;
        out += "(";
        i++;
      } else {
        const rest = pattern.slice(i + 2);
        let m: RegExpExecArray | null;
        if ((m = /^P<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest)) !== null) {
          groups++;
          out += `(?<${m[1]}>`;
          i += 2 + m[0].length;
        } else if ((m = /^P=([A-Za-z_][A-Za-z0-9_]*)\)/.exec(rest)) !== null) {
          out += `\\k<${m[1]}>`;
          i += 2 + m[0].length;
        } else if (rest.startsWith("#")) {
          const close = pattern.indexOf(")", i);
          if (close < 0) throw new InvalidOptionError(`${who}: token pattern ${JSON.stringify(pattern)} has an unterminated comment`);
          i = close + 1;
          continue;
        } else if (/^(:|=|!|<=|<!)/.test(rest)) {
          const len = rest.startsWith("<") ? 3 : 2;
          out += pattern.slice(i, i + 1 + len);
          i += 1 + len;
        } else if (rest.startsWith(">")) {
          throw refuse(pattern, who, "an atomic group (?>...)");
        } else if (rest.startsWith("(")) {
          throw refuse(pattern, who, "a conditional group (?(...)...)");
        } else if (/^[aiLmsux-]+[:)]/.test(rest)) {
          throw refuse(pattern, who, "inline flags that are not at the start of the pattern, or scoped flags (?flags:...)");
        } else {
          throw new InvalidOptionError(`${who}: token pattern ${JSON.stringify(pattern)} has an unknown extension (?${rest.slice(0, 3)} at position ${i}`);
        }
      }
    } else if (c === ".") {
      out += flags.dotAll ? "[\\s\\S]" : "[^\\n]";
      i++;
    } else if (c === "^") {
      out += flags.multiline ? "(?:(?<![\\s\\S])|(?<=\\n))" : "(?<![\\s\\S])";
      i++;
    } else if (c === "$") {
      out += flags.multiline ? "(?=\\n|(?![\\s\\S]))" : "(?=\\n?(?![\\s\\S]))";
      i++;
    } else if (c === "{") {
      const m = /^\{(\d*)(,?)(\d*)\}/.exec(pattern.slice(i));
      if (m !== null && (m[1] !== "" || (m[2] === "," && m[3] !== ""))) {
        out += m[2] === "" ? `{${m[1]}}` : `{${m[1] === "" ? "0" : m[1]},${m[3]}}`;
        i += m[0].length;
        quantifier = true;
      } else {
        out += "\\{";
        i++;
      }
    } else if (c === "}" || c === "]") {
      out += `\\${c}`;
      i++;
    } else if (c === "*" || c === "+" || c === "?") {
      if (c === "+" && lastWasQuantifier) throw refuse(pattern, who, "a possessive quantifier (*+, ++, ?+, {m,n}+)");
      out += c;
      i++;
      // "?" after a quantifier makes it lazy and ends it.
      quantifier = !(c === "?" && lastWasQuantifier);
    } else {
      const cp = pattern.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      out += ch === "/" ? "\\/" : ch;
      i += ch.length;
    }
    lastWasQuantifier = quantifier;
  }
  const jsFlags = flags.ignoreCase ? "iu" : "u";
  try {
    new RegExp(out, jsFlags);
  } catch (e) {
    throw new InvalidOptionError(`${who}: token pattern ${JSON.stringify(pattern)} is not a valid regular expression: ${(e as Error).message}`);
  }
  return { source: out, flags: jsFlags, groups };
}

function tooLarge(pattern: string, who: string): InvalidOptionError {
  return new InvalidOptionError(
    `${who}: token pattern ${JSON.stringify(pattern.slice(0, 60))}... translates to more than ${MAX_SOURCE} characters of JS regex (each \\w, \\s, \\d and \\b expands to Python's explicit character class); simplify it`,
  );
}

/** Translates a character class starting at pattern[start] === "[". */
function translateClass(pattern: string, start: number, who: string, flags: Flags): { text: string; next: number } {
  let i = start + 1;
  let out = "[";
  if (pattern[i] === "^") {
    out += "^";
    i++;
  }
  // A "]" right after the opening (or "[^") is a literal in Python.
  if (pattern[i] === "]") {
    out += "\\]";
    i++;
  }
  const n = pattern.length;
  while (i < n && pattern[i] !== "]") {
    if (out.length > MAX_SOURCE) throw tooLarge(pattern, who);
    const c = pattern[i];
    if (c === "\\") {
      const e = pattern[i + 1];
      if (e === "w" || e === "W" || e === "d" || e === "D" || e === "s" || e === "S") {
        out += classBody(e, flags.ascii);
        i += 2;
      } else if (e === "b") {
        out += "\\x08";
        i += 2;
      } else if (e !== undefined && e >= "1" && e <= "7") {
        // Octal escape inside a class (Python reads \1..\7 here as octal).
        let j = i + 1;
        while (j < n && j < i + 4 && /[0-7]/.test(pattern[j])) j++;
        out += `\\u{${parseInt(pattern.slice(i + 1, j), 8).toString(16)}}`;
        i = j;
      } else {
        const r = simpleEscape(pattern, i, who, true);
        out += r.text;
        i = r.next;
      }
    } else if (c === "[") {
      out += "\\[";
      i++;
    } else {
      const cp = pattern.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      out += ch;
      i += ch.length;
    }
  }
  if (i >= n) throw new InvalidOptionError(`${who}: token pattern ${JSON.stringify(pattern)} has an unterminated character set starting at position ${start}`);
  return { text: out + "]", next: i + 1 };
}
