/**
 * The encode fast paths against the general path they shortcut, on random text built from
 * the characters that make tokenizers differ: ASCII, accents precomposed and combining
 * (marks that need canonical reordering), CJK ideographs (BMP, astral, compatibility),
 * emoji and ZWJ sequences, Thai, controls and format characters (removed by BERT's
 * clean_text), every kind of whitespace and runs of it, GPT-2 contractions, special-token
 * text, and lone surrogates.
 *
 *  - word scanners (pre_tokenizers/word-ranges.ts) vs the general pre-tokenizers and the
 *    GPT-2 regex itself;
 *  - whole pipelines (pipeline.ts with and without the word fast path, fused BERT
 *    normalization, framed post-processing): identical Encodings (ids, tokens, offsets in
 *    both units, masks, type/word/sequence ids), transform ids, pairs, batches;
 *  - the word cache (word-cache.ts) against a Map, including when it is full.
 */
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { PipelineConfig, Vocabulary } from "../../src/transforms/text/tokenizers/config.js";
import type { Encoding } from "../../src/transforms/text/tokenizers/encoding.js";
import { NormalizedString } from "../../src/transforms/text/tokenizers/normalized-string.js";
import { compilePattern, findMatches } from "../../src/transforms/text/tokenizers/pattern.js";
import { type EncodeInput, TokenizerPipeline } from "../../src/transforms/text/tokenizers/pipeline.js";
import { gpt2Split } from "../../src/transforms/text/tokenizers/pre_tokenizers/byte_level.js";
import { compilePreTokenizer } from "../../src/transforms/text/tokenizers/pre_tokenizers/index.js";
import { bertWordRanges, gpt2WordRanges } from "../../src/transforms/text/tokenizers/pre_tokenizers/word-ranges.js";
import { parseTokenizerJson } from "../../src/transforms/text/tokenizers/tokenizer-json.js";
import { WordRangeCache, hashUnits, rangeHash } from "../../src/transforms/text/tokenizers/word-cache.js";

const RUNS = 300;

const PIECES = [
  // ASCII words, digits, punctuation, contractions
  "Hello", "world", "DON'T", "it's", "we'll", "they're", "I'm", "'ve", "'d", "'x", "'", "abc", "XyZ", "42", "3.14", "a-b", "(x)", "#", "$", "...", "!", "?", "`", "~",
  // whitespace of every kind, runs
  " ", "  ", "   ", "\t", "\n", "\r\n", "\u000b", "\u000c", "\u00a0", "\u1680", "\u2003", "\u2028", "\u3000", "\u0085",
  // accents: precomposed, combining, marks needing canonical reordering, non-BMP marks
  "é", "É", "ñ", "ǖ", "ΐ", "İ", "ß", "ẞ", "ﬁ", "Å", "e\u0301", "a\u0316\u0301", "a\u0301\u0316", "\u0301", "\u0345", "o\u0308\u0304", "\u{1D165}", "ǅ", "Ⅻ", "①",
  // non-starters that survive accent stripping (Mc with a combining class), Tibetan vowel signs
  "\u302e", "\u302f", "a\u0301\u302e", "\u0f73", "\u0f71\u0f72", "\u0f75",
  // scripts
  "Привет", "Ωμέγα", "مرحبا", "שלום", "नमस्ते", "ภาษาไทย", "한국어", "カタカナ", "ひらがな",
  // CJK (BMP, extension A, astral, compatibility ideographs)
  "人", "人人生而自由", "㐀", "\u{20000}", "\u{2A6D6}", "\uF900", "\uFA0E", "\u{2F800}",
  // emoji, ZWJ sequences, flags, variation selectors
  "😀", "👍🏽", "👨‍👩‍👧", "🇫🇷", "❤️", "\u{1F3F3}\uFE0F\u200D\u{1F308}",
  // controls and format characters (clean_text removes them), replacement char, BOM
  "\u0000", "\u0001", "\u007f", "\u200b", "\u200c", "\u200d", "\u00ad", "\ufffd", "\ufeff", "\u{E0001}", "\u{F0000}",
  // added-token text
  "[CLS]", "[SEP]", "[MASK]", "[UNK]", "<|endoftext|>", "[", "<",
  // long word
  "antidisestablishmentarianism",
];
const LONE = ["\ud800", "\udc00", "\udbff\u0041", "a\udfff"];

const text = (lone: boolean): fc.Arbitrary<string> =>
  fc.array(fc.constantFrom(...(lone ? [...PIECES, ...LONE] : PIECES)), { maxLength: 24 }).map((parts) => parts.join(""));

const fixtureJson = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(__dirname, "..", "..", "fixtures", "tokenizers", name), "utf8")) as Record<string, unknown>;

function build(json: Record<string, unknown>): { fast: TokenizerPipeline; general: TokenizerPipeline } {
  const { config, vocabulary } = parseTokenizerJson(JSON.stringify(json)) as { config: PipelineConfig; vocabulary: Vocabulary };
  return { fast: new TokenizerPipeline(config, vocabulary, true), general: new TokenizerPipeline(config, vocabulary, false) };
}

/** The result, or the error's class and message: both paths must agree on either. */
function outcome<T>(f: () => T): T | { error: string } {
  try {
    return f();
  } catch (e) {
    return { error: `${(e as Error).constructor.name}: ${(e as Error).message}` };
  }
}

const wordpiece = fixtureJson("wordpiece-udhr.json");
const bpe = fixtureJson("bpe-udhr.json");
const bertNormalizer = wordpiece.normalizer as Record<string, unknown>;
const byteLevel = bpe.pre_tokenizer as Record<string, unknown>;
const template = wordpiece.post_processor as Record<string, unknown>;

const VARIANTS: [string, Record<string, unknown>][] = [
  ["WordPiece, BERT uncased (fused normalizer)", wordpiece],
  ["WordPiece, BERT cased (no lowercase, no accent stripping)", { ...wordpiece, normalizer: { ...bertNormalizer, lowercase: false, strip_accents: null } }],
  ["WordPiece, BERT lowercase without accent stripping", { ...wordpiece, normalizer: { ...bertNormalizer, strip_accents: false } }],
  ["WordPiece, BERT accent stripping without lowercase", { ...wordpiece, normalizer: { ...bertNormalizer, lowercase: false, strip_accents: true } }],
  ["WordPiece, BERT without clean_text or CJK padding", { ...wordpiece, normalizer: { ...bertNormalizer, clean_text: false, handle_chinese_chars: false } }],
  [
    "WordPiece with a normalized added token (normalizer not fused)",
    { ...wordpiece, added_tokens: [...(wordpiece.added_tokens as object[]), { id: 7783, content: "Hello", single_word: true, lstrip: true, rstrip: false, normalized: true, special: false }] },
  ],
  ["WordPiece, NFD + Lowercase normalizer sequence", { ...wordpiece, normalizer: { type: "Sequence", normalizers: [{ type: "NFD" }, { type: "Lowercase" }, { type: "StripAccents" }] } }],
  ["WordPiece, no pre-tokenizer (whole splits are words)", { ...wordpiece, pre_tokenizer: null }],
  ["WordPiece, BertProcessing", { ...wordpiece, post_processor: { type: "BertProcessing", sep: ["[SEP]", 7781], cls: ["[CLS]", 7780] } }],
  ["WordPiece, no post-processor", { ...wordpiece, post_processor: null }],
  ["WordPiece, truncation and padding (general path)", { ...wordpiece, truncation: { direction: "Left", max_length: 9, strategy: "LongestFirst", stride: 0 }, padding: { strategy: "BatchLongest", direction: "Right", pad_to_multiple_of: 4, pad_id: 7778, pad_type_id: 0, pad_token: "[PAD]" } }],
  ["byte-level BPE (GPT-2)", bpe],
  ["byte-level BPE, add_prefix_space", { ...bpe, pre_tokenizer: { ...byteLevel, add_prefix_space: true }, post_processor: { ...byteLevel, add_prefix_space: true } }],
  ["byte-level BPE, use_regex false", { ...bpe, pre_tokenizer: { ...byteLevel, use_regex: false } }],
  ["byte-level BPE, trim_offsets false", { ...bpe, post_processor: { ...byteLevel, trim_offsets: false } }],
  ["byte-level BPE, RobertaProcessing", { ...bpe, post_processor: { type: "RobertaProcessing", sep: ["<|endoftext|>", 8302], cls: ["<|endoftext|>", 8302], trim_offsets: true, add_prefix_space: true } }],
  ["byte-level BPE, template", { ...bpe, post_processor: { ...template, special_tokens: { "[CLS]": { id: "[CLS]", ids: [8302], tokens: ["<|endoftext|>"] }, "[SEP]": { id: "[SEP]", ids: [8302], tokens: ["<|endoftext|>"] } } } }],
  [
    "byte-level BPE, an added token that takes the spaces around it (lstrip, rstrip)",
    { ...bpe, added_tokens: (bpe.added_tokens as object[]).map((t) => ({ ...t, lstrip: true, rstrip: true })), pre_tokenizer: { ...byteLevel, add_prefix_space: true }, post_processor: { ...byteLevel, add_prefix_space: true } },
  ],
  ["byte-level BPE after NFKC + Lowercase", { ...bpe, normalizer: { type: "Sequence", normalizers: [{ type: "NFKC" }, { type: "Lowercase" }] } }],
  ["BPE with BertPreTokenizer and BertNormalizer", { ...bpe, normalizer: bertNormalizer, pre_tokenizer: { type: "BertPreTokenizer" } }],
];

describe("tokenizer fast paths give the general path's output", () => {
  for (const [name, json] of VARIANTS) {
    describe(name, () => {
      const { fast, general } = build(json);

      it("encode: identical Encodings (char and UTF-16 offsets, with and without special tokens), cold and warm cache", () => {
        fc.assert(
          fc.property(text(false), fc.boolean(), fc.constantFrom("char" as const, "utf16" as const), (s, addSpecialTokens, offsets) => {
            const want = outcome(() => general.encode(s, { addSpecialTokens, offsets }));
            expect(outcome(() => fast.encode(s, { addSpecialTokens, offsets }))).toEqual(want);
            expect(outcome(() => fast.encode(s, { addSpecialTokens, offsets }))).toEqual(want);
          }),
          { numRuns: RUNS },
        );
      });

      it("encodeIds (transform) and pairs / batches: identical, lone surrogates included", () => {
        fc.assert(
          fc.property(text(true), text(false), fc.integer({ min: 1, max: 40 }), (a, b, max) => {
            expect(outcome(() => fast.encodeIds(a, max))).toEqual(outcome(() => general.encodeIds(a, max)));
            expect(outcome(() => fast.encodeIds(a, Number.MAX_SAFE_INTEGER, false))).toEqual(outcome(() => general.encodeIds(a, Number.MAX_SAFE_INTEGER, false)));
            const batch: EncodeInput[] = [a, [b, a], b];
            expect(outcome(() => fast.encodeBatch(batch))).toEqual(outcome(() => general.encodeBatch(batch)));
          }),
          { numRuns: RUNS },
        );
      });
    });
  }

  it("the fused BERT path cuts long splits into pieces and falls back per piece: same Encoding as the general path", () => {
    // Documents longer than the fused path's 4096-unit pieces, with marks to reorder and lone
    // surrogates scattered through them, so some pieces take the fast path and some fall back.
    const long = fc
      // No added-token text: it would cut the document into short raw splits.
      .array(fc.constantFrom(...PIECES.filter((p) => !/[[<]/.test(p)), ...LONE, "a\u0316\u0301", "\n", " "), { minLength: 1500, maxLength: 4000 })
      .map((parts) => parts.join(""));
    const bertVariants = [wordpiece, ...VARIANTS.filter(([name]) => name.includes("BertNormalizer")).map(([, json]) => json)];
    for (const json of bertVariants) {
      const { fast, general } = build(json);
      fc.assert(
        fc.property(long, fc.constantFrom("char" as const, "utf16" as const), (s, offsets) => {
          expect(outcome(() => fast.encode(s, { addSpecialTokens: false, offsets }))).toEqual(outcome(() => general.encode(s, { addSpecialTokens: false, offsets })));
          expect(outcome(() => fast.encodeIds(s, Number.MAX_SAFE_INTEGER, false))).toEqual(outcome(() => general.encodeIds(s, Number.MAX_SAFE_INTEGER, false)));
        }),
        { numRuns: 25 },
      );
    }
  });

  it("the fused BERT path falls back exactly when marks need reordering across characters", () => {
    const { fast, general } = build(wordpiece);
    for (const s of ["a\u0316\u0301b", "e\u0301\u0316 x", "ΐ\u0316", "x\u0301\u0345\u0316", "人\u0316", "a\u{1D165}\u0316"]) {
      const want: Encoding = general.encode(s);
      expect(fast.encode(s)).toEqual(want);
      expect(fast.encodeIds(s, 64)).toEqual(general.encodeIds(s, 64));
    }
  });
});

interface RefEncoding {
  getIds(): number[];
  getOffsets(): [number, number][];
}
type RefLoader = { fromString(s: string): { encode(text: string): Promise<RefEncoding> } };
function loadReference(): RefLoader | null {
  try {
    return (createRequire(import.meta.url)("tokenizers") as { Tokenizer: RefLoader }).Tokenizer;
  } catch {
    return null;
  }
}
const REF = loadReference();

describe.skipIf(REF === null)("the same random text against Hugging Face's native binding (when installed)", () => {
  for (const [name, json] of VARIANTS) {
    it(name, async () => {
      const { fast } = build(json);
      const ref = REF!.fromString(JSON.stringify(json));
      await fc.assert(
        fc.asyncProperty(text(false), async (s) => {
          const want = await ref.encode(s);
          const got = fast.encode(s);
          expect(got.ids).toEqual(want.getIds());
          expect(got.offsets).toEqual(want.getOffsets());
        }),
        { numRuns: RUNS },
      );
    });
  }
});

describe("word scanners give the general pre-tokenizers' pieces", () => {
  const ranges = (f: (t: string, out: Int32Array) => number, t: string): [number, number][] => {
    const out = new Int32Array(2 * t.length + 2);
    const n = f(t, out);
    const r: [number, number][] = [];
    for (let k = 0; k < n; k += 2) r.push([out[k], out[k + 1]]);
    return r;
  };
  const bert = compilePreTokenizer({ type: "BertPreTokenizer" });
  const gpt2Regex = compilePattern({ Regex: "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+" }, "test");

  it("bertWordRanges = BertPreTokenizer", () => {
    fc.assert(
      fc.property(text(true), (t) => {
        const pieces = bert([{ ns: NormalizedString.of(t), addedId: -1 }]).map((s): [number, number] => [s.ns.origin, s.ns.originEnd]);
        expect(ranges(bertWordRanges, t)).toEqual(pieces);
      }),
      { numRuns: 2 * RUNS },
    );
  });

  it("gpt2WordRanges = gpt2Split = the GPT-2 regex (Oniguruma classes)", () => {
    fc.assert(
      fc.property(text(true), (t) => {
        const split: [number, number][] = [];
        gpt2Split(t, (s, e) => split.push([s, e]));
        expect(ranges(gpt2WordRanges, t)).toEqual(split);
        if (t.isWellFormed()) {
          const segs: number[] = [];
          findMatches(gpt2Regex, t, false, segs);
          const matches: [number, number][] = [];
          for (let k = 0; k < segs.length; k += 3) if (segs[k + 2] && segs[k + 1] > segs[k]) matches.push([segs[k], segs[k + 1]]);
          expect(split).toEqual(matches);
        }
      }),
      { numRuns: 2 * RUNS },
    );
  });
});

describe("WordRangeCache", () => {
  it("finds what was added, by string range or by units, like a Map; stops growing when full", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: "binary", maxLength: 12 }), { maxLength: 400 }), fc.integer({ min: 0, max: 300 }), (words, capacity) => {
        const cache = new WordRangeCache(capacity, 8);
        const map = new Map<string, number[]>();
        for (const [i, w] of words.entries()) {
          const padded = `<${w}>`;
          const units = Uint16Array.from({ length: padded.length }, (_, k) => padded.charCodeAt(k));
          expect(rangeHash(padded, 1, padded.length - 1)).toBe(hashUnits(units, 1, padded.length - 1));
          const p = cache.find(padded, 1, padded.length - 1);
          const q = cache.findUnits(units, 1, padded.length - 1, hashUnits(units, 1, padded.length - 1));
          expect(q).toBe(p);
          const want = map.get(w);
          if (want === undefined) {
            expect(p).toBe(-1);
            const value = Int32Array.of(i, 0, w.length, i + 1, w.length, w.length);
            const at = i % 2 ? cache.add(padded, 1, padded.length - 1, value) : cache.addUnits(units, 1, padded.length - 1, value);
            if (at >= 0) map.set(w, Array.from(value));
            else expect(map.size >= capacity || w.length > 8).toBe(true);
          } else {
            expect(p).toBeGreaterThanOrEqual(0);
            const v = cache.vals;
            expect(Array.from(v.subarray(p + 1, p + 1 + 3 * v[p]))).toEqual(want);
          }
        }
        expect(cache.count).toBe(map.size);
        expect(cache.count).toBeLessThanOrEqual(capacity);
      }),
      { numRuns: 100 },
    );
  });
});
