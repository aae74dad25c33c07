/** Subword tokenizers (WordPiece, BPE) registered with the shared conformance and skew suites. */
import { BPE, Tokenizer, WordPiece, type TextColumn } from "../../src/index.js";
import { textBadInputs, textCase } from "./text-cases.js";
import { type TextRow, kjvDocs, udhrDocs } from "./text-arbitraries.js";
import type { ConformanceCase } from "./subject.js";

// Small vocabularies keep the hundreds of fits of the suites fast; the real-data parity is test/parity/tokenizers.test.ts.
export const TOKENIZER_CASES: ConformanceCase<TextRow, TextColumn>[] = [
  textCase("WordPiece (BERT) vocabSize 1200 outputSequenceLength 32", () => new WordPiece({ name: "doc", vocabSize: 1200, outputSequenceLength: 32 }), {
    realRows: [...udhrDocs(8), ...kjvDocs(16)],
  }),
  textCase("BPE byte level (GPT-2) vocabSize 800 outputSequenceLength 24", () => new BPE({ name: "doc", vocabSize: 800, outputSequenceLength: 24, specialTokens: ["<|endoftext|>"], padToken: "<|endoftext|>" }), {
    realRows: [...udhrDocs(8), ...kjvDocs(16)],
  }),
  textCase(
    "Tokenizer BPE NFKC+Lowercase, Whitespace, </w>, template, truncation left, padding left, missing empty",
    () =>
      new Tokenizer({
        name: "doc",
        model: "BPE",
        vocabSize: 600,
        minFrequency: 2,
        limitAlphabet: 300,
        specialTokens: ["<pad>", "<unk>", "<s>", "</s>"],
        unkToken: "<unk>",
        endOfWordSuffix: "</w>",
        normalizer: { type: "Sequence", normalizers: [{ type: "NFKC" }, { type: "Lowercase" }] },
        preTokenizer: { type: "Whitespace" },
        template: { single: "<s> $A </s>", pair: "<s> $A </s> $B:1 </s>:1" },
        decoder: { type: "BPEDecoder", suffix: "</w>" },
        truncation: { max_length: 12, direction: "Left" },
        padding: { direction: "Left", pad_id: 0, pad_token: "<pad>" },
        outputSequenceLength: 16,
        missing: "empty",
      }),
    { realRows: [...udhrDocs(8), ...kjvDocs(16)], badInputs: textBadInputs() },
  ),
];
