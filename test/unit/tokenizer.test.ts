/**
 * Subword tokenizers: options validation, documented policies, edge cases. Parity with the
 * reference is test/parity/tokenizers.test.ts; the contract is test/conformance.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BPE, InvalidInputError, InvalidOptionError, Tokenizer, UnsupportedComponentError, WordPiece, loadArtefact, loadAs } from "../../src/index.js";

const docs = [
  "All human beings are born free and equal in dignity and rights.",
  "They are endowed with reason and conscience and should act towards one another in a spirit of brotherhood.",
  "Tous les êtres humains naissent libres et égaux en dignité et en droits.",
  "人人生而自由，在尊严和权利上一律平等。",
  "Все люди рождаются свободными и равными в своем достоинстве и правах.",
];

const fixture = (name: string): string => readFileSync(join(__dirname, "..", "..", "fixtures", "tokenizers", name), "utf8");

describe("Tokenizer options", () => {
  const bad: [string, object][] = [
    ["model", { model: "Unigram" }],
    ["vocabSize", { model: "BPE", vocabSize: 0 }],
    ["minFrequency", { model: "BPE", minFrequency: -1 }],
    ["specialTokens", { model: "BPE", specialTokens: [""] }],
    ["initialAlphabet", { model: "BPE", initialAlphabet: ["ab"] }],
    ["outputSequenceLength", { model: "BPE", outputSequenceLength: 0 }],
    ["missing", { model: "BPE", missing: "drop" }],
    ["unknownOption", { model: "BPE", unknownOption: 1 }],
    ["endOfWordSuffix", { model: "WordPiece", endOfWordSuffix: "</w>" }],
    ["template", { model: "BPE", template: { single: "$A" }, postProcessor: { type: "ByteLevel" } }],
  ];
  for (const [option, o] of bad) {
    it(`rejects a bad ${option} naming it`, () => {
      expect(() => new Tokenizer(o as never)).toThrow(InvalidOptionError);
      expect(() => new Tokenizer(o as never)).toThrow(option);
    });
  }

  it("refuses unsupported components with an UnsupportedComponentError naming them", () => {
    try {
      new Tokenizer({ model: "BPE", preTokenizer: { type: "Metaspace" } as never });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(UnsupportedComponentError);
      expect((e as UnsupportedComponentError).component).toBe("preTokenizer.Metaspace");
    }
    const json = JSON.parse(fixture("bpe-udhr.json"));
    for (const [field, value, component] of [
      ["model", { type: "Unigram", vocab: [] }, "model.Unigram"],
      ["normalizer", { type: "Precompiled", precompiled_charsmap: "" }, "normalizer.Precompiled"],
      ["decoder", { type: "CTC" }, "decoder.CTC"],
      ["post_processor", { type: "Nope" }, "post_processor.Nope"],
    ] as const) {
      try {
        Tokenizer.fromTokenizerJson(JSON.stringify({ ...json, [field]: value }));
        expect.unreachable();
      } catch (e) {
        expect(e).toBeInstanceOf(UnsupportedComponentError);
        expect((e as UnsupportedComponentError).component).toBe(component);
      }
    }
    // Dropout is random at encode time: refused.
    expect(() => Tokenizer.fromTokenizerJson(JSON.stringify({ ...json, model: { ...json.model, dropout: 0.1 } }))).toThrow(UnsupportedComponentError);
  });

  it("reports malformed tokenizer.json fields by path", () => {
    const json = JSON.parse(fixture("wordpiece-udhr.json"));
    expect(() => Tokenizer.fromTokenizerJson("{")).toThrow(InvalidOptionError);
    expect(() => Tokenizer.fromTokenizerJson(JSON.stringify({ ...json, version: "2.0" }))).toThrow("version");
    expect(() => Tokenizer.fromTokenizerJson(JSON.stringify({ ...json, model: { ...json.model, vocab: { a: 0, b: 0 } } }))).toThrow("model.vocab");
    expect(() => Tokenizer.fromTokenizerJson(JSON.stringify({ ...json, truncation: { max_length: -1 } }))).toThrow("truncation.max_length");
    expect(() => Tokenizer.fromTokenizerJson("x".repeat(100), { maxLength: 10 })).toThrow("limit");
  });
});

describe("Tokenizer behaviour", () => {
  it("a template's special tokens come from the trained vocabulary; outputSequenceLength too short for them is refused", () => {
    const t = new WordPiece({ vocabSize: 300, minFrequency: 1, outputSequenceLength: 8 }).fit(docs);
    const e = t.encode("human rights", "droits");
    expect(e.tokens[0]).toBe("[CLS]");
    expect(e.typeIds.at(-1)).toBe(1);
    expect(e.specialTokensMask.filter((x) => x === 1).length).toBe(3);
    expect(() => new WordPiece({ vocabSize: 300, outputSequenceLength: 1 }).fit(docs)).toThrow(InvalidOptionError);
    expect(() => new Tokenizer({ model: "WordPiece", template: { single: "[X] $A" } }).fit(docs)).toThrow("[X]");
  });

  it("transform truncates keeping the special tokens and pads with the pad token", () => {
    const t = new WordPiece({ vocabSize: 300, minFrequency: 1, outputSequenceLength: 6 }).fit(docs);
    const pad = t.tokenToId("[PAD]")!;
    const [long, short] = [docs[0], "free"];
    const y = t.transformIds([long, short]);
    expect(y.length).toBe(12);
    expect(y[0]).toBe(t.tokenToId("[CLS]"));
    expect(y[5]).toBe(t.tokenToId("[SEP]"));
    expect(Array.from(y.subarray(6))).toEqual([...t.encode(short).ids, ...new Array(6 - t.encode(short).ids.length).fill(pad)]);
    expect(Array.from(t.transform([long, short]))).toEqual(Array.from(y));
  });

  const byteLevel = new BPE({ vocabSize: 600, minFrequency: 1 }).fit(docs);

  it("offsets are code points by default (HF's) and UTF-16 units on request", () => {
    const text = "😀 free";
    const e = byteLevel.encode(text);
    const u = byteLevel.encode(text, null, { offsets: "utf16" });
    // The tokens of the last word ("free"), whatever their number.
    const last = e.wordIds.at(-1);
    const span = (o: [number, number][]): [number, number] => {
      const mine = o.filter((_, i) => e.wordIds[i] === last);
      return [Math.min(...mine.map((x) => x[0])), Math.max(...mine.map((x) => x[1]))];
    };
    const [a, b] = span(e.offsets);
    expect(Array.from(text).slice(a, b).join("")).toBe("free");
    const [c, d] = span(u.offsets);
    expect(text.slice(c, d)).toBe("free");
    expect(c).toBe(a + 1);
  });

  it("decode inverts byte-level encode exactly, emoji and all scripts included", () => {
    const t = byteLevel;
    for (const s of [...docs, "👩‍👩‍👧 🇫🇷 שָׁלוֹם", "  spaces\n\tand tabs  "]) expect(t.decode(t.encode(s).ids)).toBe(s);
  });

  it("fit needs a document; missing documents follow the missing policy", () => {
    expect(() => new BPE().fit([])).toThrow(InvalidInputError);
    const strict = new BPE({ vocabSize: 400 }).fit(docs);
    expect(() => strict.transform(["a", null])).toThrow(InvalidInputError);
    const lax = new BPE({ vocabSize: 400, missing: "empty" }).fit([...docs, null]);
    expect(Array.from(lax.transform([null]))).toEqual(Array.from(lax.transform([""])));
  });

  it("partialFit + merge trains exactly what fit trains", () => {
    const all = new BPE({ vocabSize: 500, minFrequency: 1 }).fit(docs);
    const a = new BPE({ vocabSize: 500, minFrequency: 1 }).partialFit(docs.slice(0, 2));
    const b = new BPE({ vocabSize: 500, minFrequency: 1 }).partialFit(docs.slice(2));
    a.merge(b);
    expect(a.toTokenizerJson()).toBe(all.toTokenizerJson());
  });

  it("a loaded artefact comes back as its class and encodes identically; tokenizer.json round-trips", () => {
    const t = new WordPiece({ vocabSize: 400, minFrequency: 1 }).fit(docs);
    const loaded = loadAs(WordPiece, t.save());
    expect(loaded.encode(docs[2])).toEqual(t.encode(docs[2]));
    const again = Tokenizer.fromTokenizerJson(t.toTokenizerJson());
    expect(again.toTokenizerJson()).toBe(t.toTokenizerJson());
    expect(loadArtefact(again.save())).toBeInstanceOf(Tokenizer);
  });

  it("refuses lone surrogates and non-strings with typed errors", () => {
    const t = Tokenizer.fromTokenizerJson(fixture("wordpiece-udhr.json"));
    expect(() => t.encode("a\ud800")).toThrow(InvalidInputError);
    expect(() => t.encodeBatch([5 as never])).toThrow(InvalidInputError);
    expect(() => t.decode([1.5])).toThrow(InvalidInputError);
  });

  it("a 10 MB document encodes (ids only) in bounded time", () => {
    const t = Tokenizer.fromTokenizerJson(fixture("wordpiece-udhr.json"));
    const big = "The right to life, liberty and security of person. ".repeat(200_000);
    const t0 = performance.now();
    const ids = t.encodeBatchIds([big])[0];
    expect(ids.length).toBeGreaterThan(1_000_000);
    expect(performance.now() - t0).toBeLessThan(30_000);
  });

  it("Split and Replace regexes use Oniguruma's Unicode classes, not JS's ASCII ones", () => {
    const json = JSON.parse(fixture("wordpiece-udhr.json"));
    const t = Tokenizer.fromTokenizerJson(JSON.stringify({ ...json, normalizer: null, pre_tokenizer: { type: "Split", pattern: { Regex: "\\w+" }, behavior: "Isolated", invert: true } }));
    // One \w+ run in Oniguruma (Hangul is a word character), so one word.
    expect(new Set(t.encode("한a").wordIds.filter((w) => w !== null)).size).toBe(1);
  });
});
