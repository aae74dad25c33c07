/**
 * Oniguruma patterns (HF's Split pre-tokenizer and Replace) as JS `u` regexes. The syntax
 * the tokenizer patterns use is common to both; the meaning of the Unicode-aware shorthand
 * classes is not: JS \w \d \s \b are ASCII (or engine-versioned), Onig's are Unicode. So
 * \w \W \d \D \s \S \b \B \p{L} \P{L} \p{N} \P{N} are rewritten into explicit code point
 * classes baked from the reference (hf-tables.ts), inside and outside brackets. Other
 * syntax is passed through; what JS cannot compile is refused by the caller.
 */
import { bmpFlags, classRanges, LETTER_F, NUMBER_F, ONIG_DIGIT_F, ONIG_WORD_F, SPACE_F } from "./char-classes.js";

const hex = (c: number): string => `\\u{${c.toString(16)}}`;

const bodies = new Map<string, string>();

/** Class body (no brackets) of a flag's code points, or of their complement. */
function body(flag: number, negate: boolean): string {
  const key = `${flag}:${negate}`;
  let b = bodies.get(key);
  if (b === undefined) {
    void bmpFlags();
    const r = classRanges(flag);
    const parts: string[] = [];
    const push = (a: number, z: number): void => {
      if (a <= z) parts.push(a === z ? hex(a) : `${hex(a)}-${hex(z)}`);
    };
    if (!negate) for (let i = 0; i < r.length; i += 2) push(r[i], r[i + 1]);
    else {
      let next = 0;
      for (let i = 0; i < r.length; i += 2) {
        push(next, r[i] - 1);
        next = r[i + 1] + 1;
      }
      push(next, 0x10ffff);
    }
    b = parts.join("");
    bodies.set(key, b);
  }
  return b;
}

const SHORT: Record<string, [number, boolean]> = {
  w: [ONIG_WORD_F, false],
  W: [ONIG_WORD_F, true],
  d: [ONIG_DIGIT_F, false],
  D: [ONIG_DIGIT_F, true],
  s: [SPACE_F, false],
  S: [SPACE_F, true],
};

const PROPS: Record<string, number> = { L: LETTER_F, Letter: LETTER_F, N: NUMBER_F, Number: NUMBER_F };

export function translateOnig(src: string): string {
  let out = "";
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === "\\" && i + 1 < src.length) {
      const e = src[i + 1];
      if (e in SHORT) {
        const [flag, neg] = SHORT[e];
        out += inClass ? body(flag, neg) : `[${body(flag, neg)}]`;
        i++;
        continue;
      }
      if ((e === "p" || e === "P") && src[i + 2] === "{") {
        const close = src.indexOf("}", i + 3);
        const name = close > 0 ? src.slice(i + 3, close) : "";
        if (name in PROPS) {
          const b = body(PROPS[name], e === "P");
          out += inClass ? b : `[${b}]`;
          i = close;
          continue;
        }
      }
      if ((e === "b" || e === "B") && !inClass) {
        const w = `[${body(ONIG_WORD_F, false)}]`;
        out += e === "b" ? `(?:(?<=${w})(?!${w})|(?<!${w})(?=${w}))` : `(?:(?<=${w})(?=${w})|(?<!${w})(?!${w}))`;
        i++;
        continue;
      }
      out += c + e;
      i++;
      continue;
    }
    if (c === "[" && !inClass) inClass = true;
    else if (c === "]" && inClass) inClass = false;
    out += c;
  }
  return out;
}
