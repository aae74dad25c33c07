/**
 * Parity of the subword tokenizers with Hugging Face's native `tokenizers` binding.
 *
 * Committed (fixtures/parity/gen_tokenizers.mjs): a BERT-style WordPiece and a GPT-2-style
 * byte-level BPE trained BY THE REFERENCE on UDHR paragraphs (37 languages), and the
 * reference's encodings: a digest of ids + offsets over every UDHR and KJV line, full
 * encodings of a subset, decodes, pairs through templates with truncation and padding.
 *
 * Live (when the reference binding loads here, as it does in CI): our exported
 * tokenizer.json of tokenizers WE trained loads in the reference and encodes the corpus to
 * the same ids and offsets, and random strings encode identically in both.
 */
import fc from "fast-check";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BPE, type Encoding, SkewlessError, Tokenizer, WordPiece } from "../../src/index.js";

const ROOT = join(__dirname, "..", "..");
const fixture = (name: string): string => readFileSync(join(ROOT, "fixtures", "tokenizers", name), "utf8");
const jsonl = (f: string): { lang?: string; text: string }[] =>
  readFileSync(join(ROOT, "fixtures", "data", f), "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
const udhr = jsonl("udhr-sample.jsonl");
const kjv = jsonl("kjv-sample.jsonl").map((r) => r.text);
const texts = [...udhr.map((r) => r.text), ...kjv];

type Lean = Pick<Encoding, "ids" | "offsets" | "attentionMask" | "typeIds" | "specialTokensMask">;
interface Expected {
  reference: string;
  inputs: { subset: string[]; pairs: [string, string][] };
  wordpiece: Cases;
  bpe: Cases;
}
interface Cases {
  corpusDigest: string;
  subset: (Lean & { tokens: string[]; wordIds: (number | null)[] })[];
  subsetNoSpecial: number[][];
  decode: { ids: number[]; skip: string; keep: string }[];
  pairs: Record<string, { truncation: unknown; padding: unknown; encodings: (Lean | { error: string })[]; batch: Lean[] | { error: string } }>;
}
const expected = JSON.parse(readFileSync(join(ROOT, "fixtures", "parity", "Tokenizers.json"), "utf8")) as Expected;

function digest(encs: Encoding[]): string {
  const h = createHash("sha256");
  for (const e of encs) h.update(JSON.stringify([e.ids, e.offsets]) + "\n");
  return h.digest("hex");
}

const lean = (e: Encoding): Lean => ({ ids: e.ids, offsets: e.offsets, attentionMask: e.attentionMask, typeIds: e.typeIds, specialTokensMask: e.specialTokensMask });

const FIXTURES = [
  ["wordpiece", "wordpiece-udhr.json"],
  ["bpe", "bpe-udhr.json"],
] as const;

for (const [key, file] of FIXTURES) {
  describe(`tokenizer parity: ${file} (trained by ${expected.reference})`, () => {
    const json = fixture(file);
    const ours = Tokenizer.fromTokenizerJson(json);
    const cases = expected[key];

    it("gives the reference's ids and offsets on every UDHR (37 languages) and KJV line", () => {
      expect(digest(ours.encodeBatch(texts))).toBe(cases.corpusDigest);
    });

    it("gives the reference's full encodings (tokens, masks, type and word ids) on a multilingual subset", () => {
      const got = ours.encodeBatch(expected.inputs.subset);
      got.forEach((e, i) => {
        const want = cases.subset[i];
        expect({ ...lean(e), tokens: e.tokens, wordIds: e.wordIds }, `subset ${i}: ${JSON.stringify(expected.inputs.subset[i].slice(0, 40))}`).toEqual(want);
      });
      const bare = ours.encodeBatch(expected.inputs.subset, { addSpecialTokens: false }).map((e) => e.ids);
      expect(bare).toEqual(cases.subsetNoSpecial);
    });

    it("decodes as the reference does, with and without special tokens", () => {
      for (const d of cases.decode) {
        expect(ours.decode(d.ids, true)).toBe(d.skip);
        expect(ours.decode(d.ids, false)).toBe(d.keep);
      }
    });

    for (const [variant, v] of Object.entries(cases.pairs)) {
      it(`encodes pairs through the template with ${variant} truncation/padding as the reference`, () => {
        const cfg = { ...JSON.parse(json), truncation: v.truncation, padding: v.padding };
        const t = Tokenizer.fromTokenizerJson(JSON.stringify(cfg));
        expected.inputs.pairs.forEach(([a, b], i) => {
          const want = v.encodings[i];
          if ("error" in want) {
            expect(() => t.encode(a, b), `pair ${i}: the reference fails with ${want.error}`).toThrow(SkewlessError);
          } else {
            expect(lean(t.encode(a, b)), `pair ${i}`).toEqual(want);
          }
        });
        if ("error" in v.batch) expect(() => t.encodeBatch(texts.slice(0, 12))).toThrow(SkewlessError);
        else expect(t.encodeBatch(texts.slice(0, 12)).map(lean)).toEqual(v.batch);
      });
    }

    it("writes tokenizer.json that parses to the same JSON as the reference's file", () => {
      expect(JSON.parse(ours.toTokenizerJson())).toEqual(JSON.parse(json));
    });
  });
}

/** The training corpus of the fixtures: every 5th UDHR paragraph, one per line with its "\n" (the reference reads lines with endings). */
const trainingLines = udhr.filter((_, i) => i % 5 === 0).map((r) => `${r.text}\n`);

describe("tokenizer training parity", () => {
  it("byte-level BPE trains the reference's vocabulary and merges exactly (same corpus, default trainer)", () => {
    const ref = JSON.parse(fixture("bpe-udhr.json"));
    const bl = { add_prefix_space: false, trim_offsets: true, use_regex: true };
    const t = new Tokenizer({ model: "BPE", preTokenizer: { type: "ByteLevel", ...bl }, postProcessor: { type: "ByteLevel", ...bl }, decoder: { type: "ByteLevel", ...bl } });
    t.fit(trainingLines);
    // The fixture has "<|endoftext|>" appended after training.
    const refVocab = Object.entries(ref.model.vocab as Record<string, number>)
      .sort((a, b) => a[1] - b[1])
      .map(([tok]) => tok)
      .filter((tok) => tok !== "<|endoftext|>");
    expect(t.vocab).toEqual(refVocab);
    expect(JSON.parse(t.toTokenizerJson()).model.merges).toEqual(ref.model.merges);
  });

  it("WordPiece trains a vocabulary overlapping the reference's by >= 90% (the reference itself is not deterministic run to run)", () => {
    const ref = JSON.parse(fixture("wordpiece-udhr.json"));
    const t = new Tokenizer({
      model: "WordPiece",
      normalizer: { type: "BertNormalizer", clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
      preTokenizer: { type: "BertPreTokenizer" },
    });
    t.fit(trainingLines);
    const refVocab = new Set(Object.keys(ref.model.vocab));
    const common = t.vocab.filter((tok) => refVocab.has(tok)).length;
    expect(common / (refVocab.size - 5)).toBeGreaterThanOrEqual(0.9);
    // The alphabet (ids before the first merge) is deterministic in both and identical.
    const refById = Object.entries(ref.model.vocab as Record<string, number>).sort((a, b) => a[1] - b[1]).map(([tok]) => tok);
    const alphabet = refById.findIndex((tok) => tok.startsWith("##"));
    expect(t.vocab.slice(0, alphabet)).toEqual(refById.slice(0, alphabet));
  });
});

interface RefEncoding {
  getIds(): number[];
  getOffsets(): number[][];
}
interface RefTokenizer {
  encodeBatch(texts: string[]): Promise<RefEncoding[]>;
  encode(text: string, pair?: string | null): Promise<RefEncoding>;
}
function loadReference(): { fromString(s: string): RefTokenizer } | null {
  try {
    const m = createRequire(import.meta.url)("tokenizers") as { Tokenizer: { fromString(s: string): RefTokenizer } };
    return m.Tokenizer;
  } catch {
    return null;
  }
}
const REF = loadReference();

describe.skipIf(REF === null)("tokenizer parity against the live reference binding", () => {
  const ref = REF!;
  const trained = [
    ["WordPiece preset", () => new WordPiece({ vocabSize: 8000 })],
    ["byte-level BPE preset", () => new BPE({ vocabSize: 8000, specialTokens: ["<|endoftext|>"] })],
    ["character BPE with </w> suffix", () => new BPE({ byteLevel: false, vocabSize: 6000, endOfWordSuffix: "</w>", unkToken: "<unk>", specialTokens: ["<unk>"] })],
  ] as const;
  for (const [label, make] of trained) {
    it(`${label} trained here: its tokenizer.json loads in the reference and encodes UDHR + KJV identically`, async () => {
      const ours = make();
      ours.fit(texts);
      const r = ref.fromString(ours.toTokenizerJson());
      const want = await r.encodeBatch(texts);
      const got = ours.encodeBatch(texts);
      got.forEach((e, i) => {
        expect(e.ids, `line ${i}`).toEqual(want[i].getIds());
        expect(e.offsets, `line ${i}`).toEqual(want[i].getOffsets());
      });
      const pairA = await r.encode(texts[3], texts[900]);
      expect(ours.encode(texts[3], texts[900]).ids).toEqual(pairA.getIds());
    });
  }

  for (const [, file] of FIXTURES) {
    it(`random text encodes identically to the reference (${file})`, async () => {
      const json = fixture(file);
      const ours = Tokenizer.fromTokenizerJson(json);
      const r = ref.fromString(json);
      const pool = ["a", "é", "e\u0301", "İ", "Σ", "ς", "中", "文", "ก", "ข", "😀", "👩‍👩‍👧", "'s", "'ll", " ", "  ", "\n", "\t", "\u00a0", "\u3000", "!", "?", "-", "1", "٣", "[CLS]", "[SEP]", "<|endoftext|>", "ﬁ", "Ⅻ", "\u200b", "\u0000", "\ufffd"];
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.oneof(fc.constantFrom(...pool), fc.string({ unit: "grapheme", maxLength: 4 })), { maxLength: 24 }).map((p) => p.join("")),
          async (s) => {
            const want = await r.encode(s);
            const got = ours.encode(s);
            expect(got.ids).toEqual(want.getIds());
            expect(got.offsets).toEqual(want.getOffsets());
          },
        ),
        { numRuns: 300 },
      );
    });
  }
});
