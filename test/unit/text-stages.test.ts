/**
 * Text stages against Python's own primitives (fixtures/parity/TextStages.json, written
 * by gen_text_stages.py with Python 3.11 / scikit-learn 1.2.1): str.lower, str.split,
 * strip_accents_*, scikit-learn's whitespace collapsing and analyzers, re.findall of
 * token patterns, and Keras's punctuation regex — on crafted edge cases and real UDHR
 * paragraphs. Plus the character tables and the regex translator's refusals.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CountVectorizer, InvalidOptionError } from "../../src/index.js";
import { compileNormalizer } from "../../src/text/normalizer.js";
import { collapseWhitespaceRuns } from "../../src/text/ngrams.js";
import { compilePreTokenizer, pythonSplit } from "../../src/text/pre-tokenizer.js";
import { translatePythonPattern } from "../../src/text/python-regex.js";
import { stripAccentsAscii, stripAccentsUnicode } from "../../src/text/strip-accents.js";
import { stripPunctuation } from "../../src/text/strip-punctuation.js";
import { tokenPatternSplitter } from "../../src/text/token-pattern.js";
import { sortCodePoints } from "../../src/text/sort-terms.js";
import { compareCodePoints } from "../../src/core/code-point-order.js";
import { COMBINING, WORD, classRanges, codePointFlags } from "../../src/text/char-classes.js";

interface StageCase {
  text: string;
  lower: string;
  split: string[];
  stripAccentsUnicode: string;
  stripAccentsAscii: string;
  collapseWhitespace: string;
  kerasStrip: string;
  findall: Record<string, string[]>;
  analyzers: Record<string, string[]>;
}

const file = JSON.parse(readFileSync(join(__dirname, "..", "..", "fixtures", "parity", "TextStages.json"), "utf8")) as { sklearn: string; cases: StageCase[] };

function spans(split: (s: string, emit: (s: string, a: number, b: number) => void) => void, text: string): string[] {
  const out: string[] = [];
  split(text, (s, a, b) => out.push(s.slice(a, b)));
  return out;
}

const label = (t: string): string => JSON.stringify(t.length > 40 ? `${t.slice(0, 40)}…` : t);

describe("text stages match Python 3.11 / scikit-learn 1.2.1", () => {
  it("uses the pinned scikit-learn", () => expect(file.sklearn).toBe("1.2.1"));
  for (const c of file.cases) {
    it(`normalizers and splitting on ${label(c.text)}`, () => {
      expect(compileNormalizer({ type: "lowercase" }, "t")(c.text)).toBe(c.lower);
      expect(stripAccentsUnicode(c.text)).toBe(c.stripAccentsUnicode);
      expect(stripAccentsAscii(c.text)).toBe(c.stripAccentsAscii);
      expect(collapseWhitespaceRuns(c.text)).toBe(c.collapseWhitespace);
      expect(stripPunctuation(c.text, "ascii")).toBe(c.kerasStrip);
      expect(spans(pythonSplit, c.text)).toEqual(c.split);
    });
    it(`re.findall of ${Object.keys(c.findall).length} patterns on ${label(c.text)}`, () => {
      for (const [pattern, expected] of Object.entries(c.findall)) {
        // Documented difference (python-regex.ts): Python's IGNORECASE also matches
        // U+0130 İ, U+0131 ı, U+017F ſ, U+212A K ... through their simple lowercase
        // mappings; JS's "i" flag uses simple case folding, which does not.
        if (pattern.startsWith("(?i)") && /[\u0130\u0131\u017f\u212a\u2126]/u.test(c.text)) continue;
        expect(spans(tokenPatternSplitter(pattern, "t"), c.text), pattern).toEqual(expected);
        // The general regex path must agree with the fast word-run scan too.
        if (pattern === "(?u)\\b\\w\\w+\\b") {
          const t = translatePythonPattern(pattern, "t");
          const re = new RegExp(t.source, `${t.flags}g`);
          expect([...c.text.matchAll(re)].map((m) => m[0])).toEqual(expected);
        }
      }
    });
    if (Object.keys(c.analyzers).length > 0) {
      it(`scikit-learn analyzers on ${label(c.text)}`, () => {
        const build = {
          word: new CountVectorizer(),
          word12: new CountVectorizer({ ngramRange: [1, 2] }),
          char13: new CountVectorizer({ analyzer: "char", ngramRange: [1, 3] }),
          charwb25: new CountVectorizer({ analyzer: "char_wb", ngramRange: [2, 5] }),
        } as const;
        for (const [k, expected] of Object.entries(c.analyzers)) {
          expect(build[k as keyof typeof build].analyze(c.text), k).toEqual(expected);
        }
      });
    }
  }
});

describe("character tables", () => {
  it("are Python's \\w: a subset of JS [\\p{L}\\p{N}_], with no combining marks", () => {
    const js = /^[\p{L}\p{N}_]$/u;
    const r = classRanges("word");
    for (let i = 0; i < r.length; i += 2) {
      for (let c = r[i]; c <= r[i + 1]; c++) if (!js.test(String.fromCodePoint(c))) throw new Error(`U+${c.toString(16)} is \\w in Python but not a JS letter/number`);
    }
    // Combining marks are not word characters in Python (unlike the \p{M} of some engines' \w).
    expect(codePointFlags(0x0301) & WORD).toBe(0);
    expect(codePointFlags(0x094d) & WORD).toBe(0);
    expect(codePointFlags(0x00b2) & WORD).toBe(WORD); // superscript two (No)
    expect(codePointFlags(0x2169) & WORD).toBe(WORD); // Roman numeral ten (Nl)
    expect(codePointFlags(0x1d518) & WORD).toBe(WORD); // astral letter
    expect(codePointFlags(0x20000) & WORD).toBe(WORD); // CJK Ext B
  });
  it("combining class != 0 is narrower than \\p{M}", () => {
    expect(codePointFlags(0x0301) & COMBINING).toBe(COMBINING);
    expect(codePointFlags(0x093e) & COMBINING).toBe(0); // Devanagari vowel sign AA: Mc, class 0
    expect(codePointFlags(0x034f) & COMBINING).toBe(0); // combining grapheme joiner: class 0
    expect(stripAccentsUnicode("का")).toBe("का");
  });
});

describe("Python regex translation", () => {
  const refused = ["(?x)a b", "(?L)a", "a(?i)b", "(?i:a)", "(?>a)", "a*+", "(?(1)a|b)", "\\N{DASH}", "\\q", "(?<n>a)"];
  for (const p of refused) {
    it(`refuses ${p} with INVALID_OPTION`, () => {
      expect(() => translatePythonPattern(p, "t")).toThrow(InvalidOptionError);
    });
  }
  it("refuses more than one capturing group, as scikit-learn does", () => {
    expect(() => tokenPatternSplitter("(a)(b)", "t")).toThrow(/capturing groups/);
  });
  it("keeps surrogate pairs whole in character n-grams and characters", () => {
    expect(spans(compilePreTokenizer({ type: "characters" }, "t"), "a😀b")).toEqual(["a", "😀", "b"]);
    expect(new CountVectorizer({ analyzer: "char", ngramRange: [2, 2] }).analyze("a😀b")).toEqual(["a😀", "😀b"]);
  });
  it("splits on regexSplit pieces and Unicode punctuation", () => {
    expect(spans(compilePreTokenizer({ type: "regexSplit", pattern: "[,;]\\s*" }, "t"), "a, b;c,,d")).toEqual(["a", "b", "c", "d"]);
    expect(stripPunctuation("¿Qué? «Sí» 。done!", "unicode")).toBe("Qué Sí done");
    expect(stripPunctuation("¿Qué? «Sí»!", "ascii")).toBe("¿Qué «Sí»");
  });
});

describe("sortCodePoints", () => {
  it("orders by code point (astral after U+E000..U+FFFF), prefixes first, on small and radix-sized inputs", () => {
    const alphabet = ["a", "b", "\uffff", "\ue000", "\u{1f600}", "\u{10000}", "\ud7ff", "é", "e\u0301", ""];
    let seed = 7;
    const rand = (n: number): number => ((seed = (seed * 1103515245 + 12345) >>> 0) % n);
    for (const size of [5, 63, 64, 500, 5000]) {
      const terms = Array.from({ length: size }, () => Array.from({ length: 1 + rand(6) }, () => alphabet[rand(alphabet.length)]).join(""));
      const expected = terms.slice().sort(compareCodePoints);
      expect(sortCodePoints(terms)).toEqual(expected);
    }
    expect(sortCodePoints(["\u{1f600}", "\uff01", "a"])).toEqual(["a", "\uff01", "\u{1f600}"]);
  });
});

describe("hostile patterns", () => {
  it("refuses patterns whose translation would be huge (untrusted artefacts)", () => {
    expect(() => translatePythonPattern("\\b".repeat(5000), "t")).toThrow(/translates to more than/);
    expect(() => translatePythonPattern(`[${"\\w".repeat(5000)}]`, "t")).toThrow(/translates to more than/);
    expect(() => translatePythonPattern("a".repeat(20_000), "t")).toThrow(/characters long/);
  });
});
