import { describe, expect, it } from "vitest";
import { CountVectorizer, SkewlessError, TfidfVectorizer, csrToDense, loadArtefact } from "../../src/index.js";

function codeOf(fn: () => unknown): string {
  try {
    fn();
    return "ok";
  } catch (e) {
    if (e instanceof SkewlessError) return e.code;
    throw e;
  }
}

function messageOf(fn: () => unknown): string {
  try {
    fn();
    return "";
  } catch (e) {
    return (e as Error).message;
  }
}

const DOCS = ["the cat sat", "the dog sat", "a cat and a dog", "the end"];

describe("CountVectorizer options", () => {
  const bad: [string, object, RegExp][] = [
    ["analyzer", { analyzer: "chars" }, /analyzer must be "word", "char" or "charWb"/],
    ["stripAccents", { stripAccents: "latin" }, /stripAccents must be "unicode", "ascii" or null/],
    ["ngramRange order", { ngramRange: [2, 1] }, /ngramRange must be \[min, max\]/],
    ["ngramRange zero", { ngramRange: [0, 1] }, /ngramRange/],
    ["minDf negative", { minDf: -1 }, /minDf must be a fraction/],
    ["minDf 1.5", { minDf: 1.5 }, /minDf must be/],
    ["maxDf count 0", { maxDf: { count: 0 } }, /maxDf must be/],
    ["maxDf both", { maxDf: { count: 2, fraction: 0.5 } }, /maxDf must be/],
    ["maxFeatures 0", { maxFeatures: 0 }, /maxFeatures must be a positive integer/],
    ["maxFeatures 1.5", { maxFeatures: 1.5 }, /maxFeatures/],
    ["vocabulary duplicate", { vocabulary: ["a", "a"] }, /duplicate term "a"/],
    ["vocabulary empty", { vocabulary: [] }, /vocabulary is empty/],
    ["vocabulary map index", { vocabulary: new Map([["a", 0], ["b", 5]]) }, /columns 0..1/],
    ["vocabulary map repeated index", { vocabulary: new Map([["a", 0], ["b", 0]]) }, /repeated index 0/],
    ["vocabulary lone surrogate", { vocabulary: ["\ud800"] }, /lone UTF-16 surrogate/],
    ["normalizers with lowercase", { normalizers: [], lowercase: false }, /either normalizers or lowercase/],
    ["unknown normalizer", { normalizers: [{ type: "upper" }] }, /unknown type "upper"/],
    ["preTokenizer with tokenPattern", { preTokenizer: { type: "whitespace" }, tokenPattern: "\\w+" }, /either preTokenizer or tokenPattern/],
    ["two groups", { tokenPattern: "(a)(b)" }, /at most one group/],
    ["bad regex", { tokenPattern: "(" }, /not a valid regular expression/],
    ["missing", { missing: "skip" }, /missing must be "error" or "empty"/],
    ["binary", { binary: 1 }, /binary must be true or false/],
  ];
  for (const [what, options, message] of bad) {
    it(`refuses ${what} with INVALID_OPTION naming it`, () => {
      expect(codeOf(() => new CountVectorizer(options as never))).toBe("INVALID_OPTION");
      expect(messageOf(() => new CountVectorizer(options as never))).toMatch(message);
    });
  }
  it("refuses a bad norm in TfidfVectorizer", () => {
    expect(messageOf(() => new TfidfVectorizer({ norm: "l3" as never }))).toMatch(/norm must be "l2", "l1" or "none"/);
  });
});

describe("CountVectorizer semantics", () => {
  it("counts terms of two or more word characters, vocabulary in code point order", () => {
    const v = new CountVectorizer().fit(["b a B c", "\uff01x \u{1f600}x ab"]);
    // "😀x" (U+1F600) sorts after "！x" (U+FF01) by code point; UTF-16 order would reverse them.
    expect(v.vocabulary).toEqual(["ab"]);
    const w = new CountVectorizer({ tokenPattern: "\\S+" }).fit(["\uff01x \u{1f600}x"]);
    expect(w.vocabulary).toEqual(["\uff01x", "\u{1f600}x"]);
    expect(Array.from(v.transform(["ab AB x"]))).toEqual([2]);
    expect(v.outputNames()).toEqual(["text_ab"]);
  });

  it("minDf / maxDf: 1 keeps everything, { count: 1 } and fractions as scikit-learn", () => {
    const all = new CountVectorizer({ minDf: 1, maxDf: 1 }).fit(DOCS).vocabulary;
    expect(all).toEqual(["and", "cat", "dog", "end", "sat", "the"]);
    expect(new CountVectorizer({ maxDf: { count: 1 } }).fit(DOCS).vocabulary).toEqual(["and", "end"]);
    expect(new CountVectorizer({ minDf: 2 }).fit(DOCS).vocabulary).toEqual(["cat", "dog", "sat", "the"]);
    expect(new CountVectorizer({ maxDf: 0.5 }).fit(DOCS).vocabulary).toEqual(["and", "cat", "dog", "end", "sat"]);
    expect(new CountVectorizer({ minDf: { fraction: 0.75 } }).fit(DOCS).vocabulary).toEqual(["the"]);
    expect(codeOf(() => new CountVectorizer({ minDf: 3, maxDf: 2 }).fit(DOCS).width)).toBe("INVALID_OPTION");
    expect(messageOf(() => new CountVectorizer({ minDf: 4 }).fit(DOCS).width)).toMatch(/no terms remain/);
  });

  it("maxFeatures keeps the most frequent, ties by code point order; binary ranks by documents", () => {
    const docs = ["zz zz yy", "yy xx", "ww"];
    // Totals zz 2, yy 2, xx 1, ww 1: the third place is a tie, won by ww (first in code point order).
    expect(new CountVectorizer({ maxFeatures: 3 }).fit(docs).vocabulary).toEqual(["ww", "yy", "zz"]);
    // binary: df zz 1, yy 2, xx 1, ww 1 -> yy, then ww and xx by code point.
    expect(new CountVectorizer({ maxFeatures: 3, binary: true }).fit(docs).vocabulary).toEqual(["ww", "xx", "yy"]);
  });

  it("typed errors: no documents, empty vocabulary, non-strings, lone surrogates, missing", () => {
    expect(codeOf(() => new CountVectorizer().fit([]).width)).toBe("INVALID_INPUT");
    expect(messageOf(() => new CountVectorizer().fit(["a b c", ""]).width)).toMatch(/empty vocabulary/);
    expect(codeOf(() => new CountVectorizer().fit(["ok", 5 as never]))).toBe("INVALID_INPUT");
    expect(messageOf(() => new CountVectorizer().fit(["ok", "x\ud800y"]))).toMatch(/row 1 contains a lone UTF-16 surrogate.*toWellFormed/);
    expect(messageOf(() => new CountVectorizer().fit(["ok", null]))).toMatch(/row 1 is null.*missing: "empty"/);
    const v = new CountVectorizer({ missing: "empty" }).fit(["aa bb", null, undefined]);
    expect(Array.from(v.transform([null, "aa"]))).toEqual([0, 0, 1, 0]);
    expect(codeOf(() => v.transform(["\udc00"]))).toBe("INVALID_INPUT");
  });

  it("fits in batches and merges exactly; the accumulator is plain data", () => {
    const docs = [...DOCS, "the cat and the hat", "sat sat sat"];
    const whole = new CountVectorizer({ ngramRange: [1, 2] }).fit(docs);
    const a = new CountVectorizer({ ngramRange: [1, 2] }).partialFit(docs.slice(0, 2)).partialFit(docs.slice(2, 3));
    const b = new CountVectorizer({ ngramRange: [1, 2] }).partialFit(docs.slice(3));
    const c = new CountVectorizer({ ngramRange: [1, 2] }).mergeAccumulator(structuredClone(b.accumulator()));
    a.merge(c);
    expect(a.vocabulary).toEqual(whole.vocabulary);
    expect(a.save()).toEqual(whole.save());
  });

  it("fitTransform equals fit then transform, dense and sparse", () => {
    const x = new CountVectorizer({ ngramRange: [1, 3], maxDf: 0.9 }).fitTransform(DOCS);
    const v = new CountVectorizer({ ngramRange: [1, 3], maxDf: 0.9 }).fit(DOCS);
    expect(x).toEqual(v.transform(DOCS));
    expect(csrToDense(new CountVectorizer({ ngramRange: [1, 3], maxDf: 0.9 }).fitTransformSparse(DOCS))).toEqual(x);
  });

  it("takes a given vocabulary (array or Map) and fits without data", () => {
    const v = new CountVectorizer({ vocabulary: new Map([["sat", 1], ["cat", 0]]) }).fit([]);
    expect(v.vocabulary).toEqual(["cat", "sat"]);
    expect(Array.from(v.transform(["cat sat sat dog"]))).toEqual([1, 2]);
  });

  it("saves and loads the stages; a loaded vectorizer cannot be refitted", () => {
    const v = new CountVectorizer({ normalizers: [{ type: "unicodeNormalize", form: "NFKC" }, { type: "lowercase" }, { type: "replace", pattern: "\\d+", replacement: " NUM " }], preTokenizer: { type: "whitespace" } }).fit([
      "Ｆｕｌｌ 123 width",
      "full 4 width",
    ]);
    // Stages run in order: the replacement comes after lowercasing, so it stays upper case.
    expect(v.vocabulary).toEqual(["NUM", "full", "width"]);
    const loaded = loadArtefact(v.save()) as CountVectorizer;
    expect(loaded.transform(["FULL 9"])).toEqual(v.transform(["FULL 9"]));
    expect(codeOf(() => loaded.partialFit(["x"]))).toBe("STATE_UNAVAILABLE");
  });

  it("handles a 10 MB document", () => {
    const big = "lorem ipsum dolor sit amet, consectetur adipiscing elit ".repeat(180_000);
    expect(big.length).toBeGreaterThan(10_000_000);
    const t0 = performance.now();
    const v = new CountVectorizer({ ngramRange: [1, 2] }).fit([big, "lorem"]);
    const row = v.transform([big]);
    expect(v.vocabulary.length).toBe(16); // 8 words, 8 bigrams ("elit lorem" included)
    expect(row[v.vocabulary.indexOf("lorem")]).toBe(180_000);
    expect(performance.now() - t0).toBeLessThan(60_000);
  });
});
