/**
 * The vectorizers' fast paths against the general ones:
 *  - scanWordRuns (lowercasing on the fly) and wordRuns give exactly the tokens of
 *    Python's re.findall for (?u)\b\w\w+\b / \b\w+\b, run here as the translated JS
 *    regex (regexTokenSplitter) over s.toLowerCase(), with the hashes the term table
 *    relies on;
 *  - TermReader (fast path) gives the tokens of compileAnalyzer;
 *  - TermTable keeps one id per term through growth, by code units or by string;
 *  - sortTermIds orders like compareCodePoints.
 * Random strings mix ASCII, non-ASCII letters with context-dependent or expanding
 * lowercase (Σ, İ), combining marks (not \w in Python), digits of other scripts,
 * underscores, astral letters (some with a lowercase), emoji, and lone surrogates.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TextAnalyzerSpec } from "../../src/artefact/states.js";
import { compareCodePoints } from "../../src/core/code-point-order.js";
import { TermReader, analyzeToList, compileAnalyzer } from "../../src/text/analyzer.js";
import { setKernelBackend } from "../../src/core/wasm/runtime.js";
import { ScanKernel } from "../../src/text/scan-kernel.js";
import { sortTermIds } from "../../src/text/sort-terms.js";
import { HASH_BASIS, HASH_PRIME, TermTable } from "../../src/text/term-table.js";
import { type Splitter, TokenRuns, regexTokenSplitter, scanWordRuns, wordRuns } from "../../src/text/token-pattern.js";

const PIECES = [
  "a", "Z", "q", "7", "_", " ", " ", ",", ".", "-", "\n", "\t", "'",
  "é", "É", "ß", "ẞ", "Ä", "ø", "Ω", "Σ", "σ", "ς", "ΣΑΣ", "İ", "ı", "I", "ǅ", "Ⅻ", "ⅻ",
  "\u0301", "\u0308", "\u034f", "\u0903", // combining marks (not \w), a mark of combining class 0
  "٣", "५", "３", "²", "½", "߀", // digits and numbers of other scripts
  "中", "文", "ภ", "ា", "한", "ㄱ", "ｱ", "Ａ", "ａ",
  "\u{1d400}", "\u{1d7d8}", "\u{10400}", "\u{10428}", "\u{1e900}", "\u{1f600}", "\u{1f1fa}", "\u{20000}", "\u{e0041}",
  "\ud800", "\udc00", "\udbff", "\u00ad", "\u200b", "\ufeff", "\uffff", "\u0000",
];

const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(""));

function spans(split: Splitter, s: string): string[] {
  const out: string[] = [];
  split(s, (t, a, b) => out.push(t.slice(a, b)));
  return out;
}

function fnv(s: string): number {
  let h = HASH_BASIS;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), HASH_PRIME);
  return h;
}

function scanned(s: string, min: number, lowercase: boolean, runs = new TokenRuns()): { tokens: string[]; hashes: number[] } {
  scanWordRuns(s, min, lowercase, runs);
  const tokens: string[] = [];
  const hashes: number[] = [];
  for (let k = 0; k < runs.count; k++) {
    tokens.push(runs.token(k));
    hashes.push(runs.hashes[k]);
  }
  return { tokens, hashes };
}

const PATTERNS: [string, number][] = [
  ["(?u)\\b\\w\\w+\\b", 2],
  ["\\b\\w+\\b", 1],
];

describe("word-run scans equal Python's findall (translated regex)", () => {
  for (const [pattern, min] of PATTERNS) {
    const reference = regexTokenSplitter(pattern, "t");
    const runs = wordRuns(min);

    it(`scanWordRuns, lowercasing on the fly, for ${pattern}`, () => {
      fc.assert(
        fc.property(text, (s) => {
          const expected = spans(reference, s.toLowerCase());
          const got = scanned(s, min, true);
          expect(got.tokens).toEqual(expected);
          expect(got.hashes).toEqual(expected.map(fnv));
        }),
        { numRuns: 2000 },
      );
    });

    it(`scanWordRuns without lowercase, and wordRuns, for ${pattern}`, () => {
      fc.assert(
        fc.property(text, (s) => {
          const expected = spans(reference, s);
          const got = scanned(s, min, false);
          expect(got.tokens).toEqual(expected);
          expect(got.hashes).toEqual(expected.map(fnv));
          expect(spans(runs, s)).toEqual(expected);
        }),
        { numRuns: 2000 },
      );
    });
  }

  it("every BMP code unit, next to word characters and alone, lowercased or not", () => {
    const reference = regexTokenSplitter("(?u)\\b\\w\\w+\\b", "t");
    for (let base = 0; base < 0x10000; base += 0x400) {
      // Each unit between word characters ("a" + c + "b"), then alone between spaces.
      let joined = "";
      let spaced = "";
      for (let c = base; c < base + 0x400; c++) {
        const ch = String.fromCharCode(c);
        joined += `a${ch}b `;
        spaced += ` ${ch}${ch} `;
      }
      for (const s of [joined, spaced]) {
        expect(scanned(s, 2, true).tokens).toEqual(spans(reference, s.toLowerCase()));
        expect(scanned(s, 2, false).tokens).toEqual(spans(reference, s));
      }
    }
  });

  it("final sigma and expanding lowercase take the whole-document path", () => {
    expect(scanned("ΟΔΟΣ ΣΑΣ", 2, true).tokens).toEqual(["οδος", "σας"]);
    expect(scanned("İstanbul İİ", 2, true).tokens).toEqual(spans(regexTokenSplitter("(?u)\\b\\w\\w+\\b", "t"), "İstanbul İİ".toLowerCase()));
    expect(scanned("𐐀𐐁 ab", 2, true).tokens).toEqual(["𐐨𐐩", "ab"]);
  });
});

describe("the WebAssembly scan (scan-kernel.ts) gives the JS scan's tokens", () => {
  // Most documents without surrogates, Σ or İ: those send the scan back to the JS paths.
  const plainPieces = PIECES.filter((p) => !/[\ud800-\udfff\u03a3\u0130]/.test(p));
  const long = fc.oneof(
    { weight: 4, arbitrary: fc.array(fc.constantFrom(...plainPieces), { minLength: 20, maxLength: 400 }) },
    { weight: 1, arbitrary: fc.array(fc.constantFrom(...PIECES), { minLength: 20, maxLength: 400 }) },
  ).map((parts) => parts.join(""));

  /** The tokens and hashes of each document scanned in turn by one TokenRuns under `backend`. */
  function scanAll(docs: string[], min: number, lowercase: boolean, backend: "js" | "auto"): { tokens: string[]; hashes: number[] }[] {
    setKernelBackend(backend);
    try {
      const runs = new TokenRuns();
      return docs.map((s) => scanned(s, min, lowercase, runs));
    } finally {
      setKernelBackend("auto");
    }
  }

  it("runs here (Node)", () => {
    expect(ScanKernel.create()).not.toBeNull();
  });

  it("same tokens and hashes as the JS loop over random documents, both modes, one reader across documents", () => {
    fc.assert(
      fc.property(fc.array(long, { minLength: 1, maxLength: 6 }), fc.constantFrom(1, 2), fc.boolean(), (docs, min, lowercase) => {
        expect(scanAll(docs, min, lowercase, "auto")).toEqual(scanAll(docs, min, lowercase, "js"));
      }),
      { numRuns: 400 },
    );
  });

  it("grows for longer documents and keeps the tokens that end the text", () => {
    const docs = ["word ".repeat(10), "Alpha beta_gamma ".repeat(5000) + "end", "a short tail, then x yz and a z, and q", "Ωμέγα ".repeat(100000) + "τέλος"];
    const wasm = scanAll(docs, 2, true, "auto");
    expect(wasm).toEqual(scanAll(docs, 2, true, "js"));
    expect(wasm[1].tokens.length).toBe(10001);
    expect(wasm[1].tokens.at(-1)).toBe("end");
    expect(wasm[3].tokens.at(-1)).toBe("τέλος");
  });
});

function spec(normalizers: TextAnalyzerSpec["normalizers"], pattern: string, ngramRange: [number, number] = [1, 1]): TextAnalyzerSpec {
  return { normalizers, analyzer: "word", preTokenizer: { type: "tokenPattern", pattern }, ngramRange, unicodeTables: "" };
}

describe("TermReader gives the analyzer's tokens", () => {
  const specs: TextAnalyzerSpec[] = [
    spec([{ type: "lowercase" }], "(?u)\\b\\w\\w+\\b"),
    spec([], "(?u)\\b\\w\\w+\\b"),
    spec([{ type: "lowercase" }], "\\b\\w+\\b"),
    spec([{ type: "lowercase" }], "(?u)\\b\\w\\w+\\b", [1, 2]),
    spec([{ type: "lowercase" }, { type: "stripAccents", mode: "unicode" }], "(?u)\\b\\w\\w+\\b"),
    spec([{ type: "lowercase" }], "[a-z]+"),
  ];
  for (const sp of specs) {
    it(`${JSON.stringify(sp.normalizers)} ${sp.preTokenizer.type === "tokenPattern" ? sp.preTokenizer.pattern : ""} ${JSON.stringify(sp.ngramRange)}`, () => {
      const analyze = compileAnalyzer(sp, "t");
      const reader = new TermReader(sp, "t");
      fc.assert(
        fc.property(fc.array(text.filter((s) => s.isWellFormed()), { maxLength: 5 }), (docs) => {
          const table = new TermTable(4);
          for (const doc of docs) {
            reader.read(doc, table, true);
            const got = Array.from(reader.ids.subarray(0, reader.count), (id) => table.term(id));
            expect(got).toEqual(analyzeToList(analyze, doc));
          }
          // Lookups only: the same ids, and unknown tokens skipped.
          const fixed = TermTable.of(table.terms.slice(0, table.size >> 1));
          for (const doc of docs) {
            reader.read(doc, fixed, false);
            const got = Array.from(reader.ids.subarray(0, reader.count), (id) => fixed.term(id));
            expect(got).toEqual(analyzeToList(analyze, doc).filter((t) => fixed.lookup(t, 0, t.length) >= 0));
          }
        }),
        { numRuns: 300 },
      );
    });
  }
});

describe("TermTable", () => {
  it("keeps one id per term while it grows, by units or by string", () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 3000 }), fc.integer({ min: 1, max: 64 }), (terms, expected) => {
        const table = new TermTable(expected);
        const ids = new Map<string, number>();
        const units = new Uint16Array(64);
        for (const [i, t] of terms.entries()) {
          let id: number;
          if (i % 2 === 0 || t.length > units.length) {
            id = table.intern(t, 0, t.length);
          } else {
            for (let k = 0; k < t.length; k++) units[k] = t.charCodeAt(k);
            id = table.internUnits(units, 0, t.length, fnv(t));
          }
          if (!ids.has(t)) ids.set(t, ids.size);
          expect(id).toBe(ids.get(t));
        }
        expect(table.size).toBe(ids.size);
        expect(table.terms).toEqual([...ids.keys()]);
        for (const [t, id] of ids) expect(table.lookup(t, 0, t.length)).toBe(id);
        expect(table.lookup("\u0000never\u0000", 0, 7)).toBe(-1);
        const order = [...ids.values()].reverse();
        expect(table.termsOf(order)).toEqual(order.map((id) => table.term(id)));
        const sub = table.subset(order);
        for (const [j, id] of order.entries()) expect(sub.lookup(table.term(id), 0, table.termLength(id))).toBe(j);
      }),
      { numRuns: 60 },
    );
  });

  it("gives ids densely through the boundaries where its arrays grow", () => {
    const table = new TermTable(8);
    for (let i = 0; i < 20_000; i++) expect(table.intern(`t${i}`, 0, `t${i}`.length)).toBe(i);
    for (let i = 0; i < 20_000; i++) expect(table.lookup(`t${i}`, 0, `t${i}`.length)).toBe(i);
  });
});

describe("sortTermIds", () => {
  it("orders by code point like compareCodePoints, equal terms kept", () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 400 }), (terms) => {
        const table = new TermTable(4);
        const ids = Uint32Array.from(terms, (t) => table.intern(t, 0, t.length));
        const sorted = Array.from(sortTermIds(table.codeUnits, table.termStarts, ids), (id) => table.term(id));
        expect(sorted).toEqual(terms.slice().sort(compareCodePoints));
      }),
      { numRuns: 200 },
    );
  });

  it("sorts thousands of terms sharing long prefixes and mixing scripts", () => {
    const terms: string[] = [];
    let seed = 11;
    const rand = (n: number): number => ((seed = (seed * 1103515245 + 12345) >>> 0) % n);
    const alphabet = ["a", "b", "é", "\u4e2d", "\uffff", "\ue000", "\u{1f600}", "\u{10000}", ""];
    for (let i = 0; i < 6000; i++) terms.push("prefix".repeat(rand(3)) + Array.from({ length: rand(8) }, () => alphabet[rand(alphabet.length)]).join(""));
    const table = new TermTable(4);
    const ids = Uint32Array.from(terms, (t) => table.intern(t, 0, t.length));
    const sorted = Array.from(sortTermIds(table.codeUnits, table.termStarts, ids), (id) => table.term(id));
    expect(sorted).toEqual(terms.slice().sort(compareCodePoints));
  });
});
