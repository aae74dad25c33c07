/**
 * TextVectorizer against Keras' documented TextVectorization semantics: index layout
 * (int: 0 mask, 1 "[UNK]"; bag modes: 0 "[UNK]"), fitted order count descending then
 * token descending, maxTokens counting mask + OOV, standardize / split / ngrams,
 * outputSequenceLength padding and truncation, multi_hot / count / tf_idf. Expected
 * values are worked out by hand in the comments; where a Keras docstring gives the
 * example, the numbers are Keras' own.
 */
import { describe, expect, it } from "vitest";
import { SkewlessError, TextVectorizer, csrToDense, loadArtefact } from "../../src/index.js";

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof SkewlessError) return e.code;
    throw e;
  }
  return "no error";
}

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  return "";
}

describe("TextVectorizer int mode (Keras docstring examples)", () => {
  it("adapt example: vocabulary order and padded ids", () => {
    // Keras docstring: adapt(["foo bar", "bar baz", "baz bada boom"]), max_tokens 5000,
    // output_sequence_length 4; ["foo qux bar", "qux baz"] -> [[4, 1, 3, 0], [1, 2, 0, 0]].
    // Counts: bar 2, baz 2, foo 1, bada 1, boom 1; ties by token descending:
    // baz(2) bar(3) foo(4) boom(5) bada(6).
    const v = new TextVectorizer({ maxTokens: 5000, outputSequenceLength: 4 }).fit(["foo bar", "bar baz", "baz bada boom"]);
    expect(v.getVocabulary()).toEqual(["", "[UNK]", "baz", "bar", "foo", "boom", "bada"]);
    expect(Array.from(v.transformIds(["foo qux bar", "qux baz"]))).toEqual([4, 1, 3, 0, 1, 2, 0, 0]);
    expect(Array.from(v.transform(["foo qux bar", "qux baz"]))).toEqual([4, 1, 3, 0, 1, 2, 0, 0]);
    expect(v.width).toBe(4);
    expect(v.vocabularySize()).toBe(7);
  });

  it("given vocabulary example: get_vocabulary and ids", () => {
    // Keras docstring: vocabulary ["earth", "wind", "and", "fire"] ->
    // get_vocabulary() == ["", "[UNK]", "earth", "wind", "and", "fire"].
    const v = new TextVectorizer({ maxTokens: 5000, outputSequenceLength: 4, vocabulary: ["earth", "wind", "and", "fire"] });
    expect(v.getVocabulary()).toEqual(["", "[UNK]", "earth", "wind", "and", "fire"]);
    // "The earth, WIND and fire!" -> lower + strip -> the earth wind and fire
    // -> [1 (the: OOV), 2, 3, 4] truncated to 4 (fire dropped).
    expect(Array.from(v.transformIds(["The earth, WIND and fire!"]))).toEqual([1, 2, 3, 4]);
    // Special tokens at the start of a given vocabulary are skipped, as Keras does.
    const w = new TextVectorizer({ outputSequenceLength: 2, vocabulary: ["", "[UNK]", "earth", "wind"] });
    expect(w.getVocabulary({ includeSpecialTokens: false })).toEqual(["earth", "wind"]);
  });

  it("maxTokens counts the mask and the OOV index", () => {
    // maxTokens 4 in int mode -> 2 vocabulary tokens: a (3), then b/c tie (2 each) -> c.
    const v = new TextVectorizer({ maxTokens: 4, outputSequenceLength: 3 }).fit(["a a a b b c c"]);
    expect(v.getVocabulary()).toEqual(["", "[UNK]", "a", "c"]);
    expect(Array.from(v.transformIds(["b c a"]))).toEqual([1, 3, 2]);
  });

  it("requires outputSequenceLength in int mode (fixed width) and refuses it elsewhere", () => {
    expect(code(() => new TextVectorizer())).toBe("INVALID_OPTION");
    expect(message(() => new TextVectorizer())).toMatch(/outputSequenceLength/);
    expect(code(() => new TextVectorizer({ outputMode: "count", outputSequenceLength: 3 }))).toBe("INVALID_OPTION");
    expect(code(() => new TextVectorizer({ outputSequenceLength: 0 }))).toBe("INVALID_OPTION");
  });
});

describe("TextVectorizer standardize / split / ngrams", () => {
  it("lower_and_strip_punctuation lowercases ASCII only and strips ASCII punctuation (TensorFlow)", () => {
    const v = new TextVectorizer({ outputMode: "count", vocabulary: ["x"] });
    // tf.strings.lower with encoding "" is ASCII-only: "É" stays; "¿" is not in string.punctuation.
    expect(v.tokenize("Hello, WORLD! Éa ¿qué?")).toEqual(["hello", "world", "Éa", "¿qué"]);
  });

  it("whitespace split uses TensorFlow's ASCII whitespace (NBSP is part of a token)", () => {
    const v = new TextVectorizer({ outputMode: "count", vocabulary: ["x"], standardize: null });
    expect(v.tokenize(" a\tb\n\u000bc\u00a0d  ")).toEqual(["a", "b", "c\u00a0d"]);
  });

  it("character split gives one token per code point; split null gives the document", () => {
    const c = new TextVectorizer({ outputMode: "count", vocabulary: ["x"], split: "character", standardize: null });
    expect(c.tokenize("a b😀")).toEqual(["a", " ", "b", "😀"]);
    const n = new TextVectorizer({ outputMode: "count", vocabulary: ["x"], split: null });
    expect(n.tokenize("Hello, World")).toEqual(["hello world"]);
  });

  it("ngrams: N means 1..N, widths in order, joined by one space", () => {
    const v = new TextVectorizer({ outputMode: "count", vocabulary: ["x"], ngrams: 2 });
    expect(v.tokenize("a b c")).toEqual(["a", "b", "c", "a b", "b c"]);
    const only = new TextVectorizer({ outputMode: "count", vocabulary: ["x"], ngrams: [2, 3] });
    expect(only.tokenize("a b c")).toEqual(["a b", "b c", "a b c"]);
    expect(code(() => new TextVectorizer({ outputMode: "count", ngrams: [3, 2] }))).toBe("INVALID_OPTION");
    expect(code(() => new TextVectorizer({ outputMode: "count", ngrams: 2, split: null }))).toBe("INVALID_OPTION");
  });
});

describe("TextVectorizer bag modes", () => {
  it("multiHot / count with OOV at index 0", () => {
    // Keras docstring-style: vocabulary ["earth", "wind", "and", "fire"], multi_hot:
    // layout [UNK] earth wind and fire; "earth wind and air and" -> OOV(air)=1, earth, wind, and.
    const m = new TextVectorizer({ outputMode: "multiHot", vocabulary: ["earth", "wind", "and", "fire"] });
    expect(Array.from(m.transform(["earth wind and air and"]))).toEqual([1, 1, 1, 1, 0]);
    const c = new TextVectorizer({ outputMode: "count", vocabulary: ["earth", "wind", "and", "fire"] });
    expect(Array.from(c.transform(["earth wind and air and"]))).toEqual([1, 1, 1, 2, 0]);
    expect(csrToDense(c.transformSparse(["earth wind and air and"]))).toEqual(c.transform(["earth wind and air and"]));
  });

  it("padToMaxTokens pads bag rows to maxTokens", () => {
    const m = new TextVectorizer({ outputMode: "multiHot", maxTokens: 6, padToMaxTokens: true }).fit(["b a", "a"]);
    // Vocabulary: a (2), b (1) -> [UNK] a b, then 3 padding columns.
    expect(m.getVocabulary()).toEqual(["[UNK]", "a", "b"]);
    expect(Array.from(m.transform(["a z"]))).toEqual([1, 1, 0, 0, 0, 0]);
    expect(code(() => new TextVectorizer({ outputSequenceLength: 2, maxTokens: 6, padToMaxTokens: true }))).toBe("INVALID_OPTION");
  });

  it("tfIdf: idf = log(1 + docs / (1 + df)) as float32, OOV weight the mean", () => {
    // Docs: "earth wind and fire", "earth and water", "fire" (3 documents).
    // Counts: and 2, earth 2, fire 2, water 1, wind 1 -> order fire, earth, and, wind, water.
    // idf(df=2) = log(1 + 3/3) = ln 2; idf(df=1) = log(1 + 3/2) = ln 2.5; OOV = mean of the five.
    const t = new TextVectorizer({ outputMode: "tfIdf" }).fit(["earth wind and fire", "earth and water", "fire"]);
    expect(t.getVocabulary()).toEqual(["[UNK]", "fire", "earth", "and", "wind", "water"]);
    const ln2 = Math.fround(Math.log(2));
    const ln25 = Math.fround(Math.log(2.5));
    const oov = Math.fround((3 * ln2 + 2 * ln25) / 5);
    expect(Array.from(t.idfWeights)).toEqual([oov, ln2, ln2, ln2, ln25, ln25]);
    // "earth earth wind qux": OOV 1 x oov, earth 2 x ln2, wind 1 x ln2.5.
    expect(Array.from(t.transform(["earth earth wind qux"]))).toEqual([oov, 0, Math.fround(2 * ln2), 0, ln25, 0]);
  });

  it("tfIdf with a given vocabulary needs idfWeights", () => {
    expect(code(() => new TextVectorizer({ outputMode: "tfIdf", vocabulary: ["a"] }))).toBe("INVALID_OPTION");
    const t = new TextVectorizer({ outputMode: "tfIdf", vocabulary: ["a", "b"], idfWeights: [0.5, 0.25] });
    // OOV weight = mean of the given weights = 0.375.
    expect(Array.from(t.transform(["a a b z"]))).toEqual([0.375, 1, 0.25]);
  });
});

describe("TextVectorizer options, streaming and artefact", () => {
  it("bad options name the option and the allowed values", () => {
    expect(message(() => new TextVectorizer({ outputMode: "oneHot" as never }))).toMatch(/outputMode must be one of "int", "multiHot", "count", "tfIdf"/);
    expect(message(() => new TextVectorizer({ standardize: "upper" as never }))).toMatch(/standardize must be one of/);
    expect(message(() => new TextVectorizer({ split: "words" as never }))).toMatch(/split must be one of/);
    expect(code(() => new TextVectorizer({ outputSequenceLength: 3, maxTokens: 2 }))).toBe("INVALID_OPTION");
    expect(code(() => new TextVectorizer({ outputSequenceLength: 3, vocabulary: ["a", "a"] }))).toBe("INVALID_OPTION");
  });

  it("a fit that learns no token is a typed error", () => {
    expect(code(() => new TextVectorizer({ outputSequenceLength: 2 }).fit(["!!!", ""]))).toBe("INVALID_INPUT");
  });

  it("partialFit and merge give the same state as one fit", () => {
    const docs = ["the cat sat", "the dog", "a cat and a dog", "the end"];
    const whole = new TextVectorizer({ outputMode: "tfIdf", ngrams: 2 }).fit(docs);
    const a = new TextVectorizer({ outputMode: "tfIdf", ngrams: 2 }).partialFit(docs.slice(0, 1)).partialFit(docs.slice(1, 2));
    const b = new TextVectorizer({ outputMode: "tfIdf", ngrams: 2 }).partialFit(docs.slice(2));
    a.merge(b);
    expect(a.save()).toEqual(whole.save());
  });

  it("save / load round-trips every mode bit for bit", () => {
    const docs = ["The quick brown fox.", "jumps over the lazy dog", "THE DOG"];
    for (const v of [
      new TextVectorizer({ outputSequenceLength: 5, ngrams: 2 }),
      new TextVectorizer({ outputMode: "multiHot", split: "character", maxTokens: 10, padToMaxTokens: true }),
      new TextVectorizer({ outputMode: "count", standardize: "lower" }),
      new TextVectorizer({ outputMode: "tfIdf", standardize: null, missing: "empty" }),
    ]) {
      v.fit(docs);
      const loaded = loadArtefact(v.save()) as TextVectorizer;
      expect(loaded.kind).toBe("TextVectorizer");
      expect(loaded.transform(docs)).toEqual(v.transform(docs));
      expect(loaded.outputNames()).toEqual(v.outputNames());
    }
  });
});
