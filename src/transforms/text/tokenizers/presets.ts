/**
 * The two classic tokenizers as ready-made transforms, with the defaults of Hugging Face's
 * Python implementations (BertWordPieceTokenizer, ByteLevelBPETokenizer):
 *
 *  - WordPiece (BERT): BertNormalizer (clean text, CJK padding, accents stripped when
 *    lowercasing, lowercase), BertPreTokenizer, WordPiece with "##", template
 *    "[CLS] $A [SEP]" / "[CLS] $A [SEP] $B:1 [SEP]:1", WordPiece decoder; trainer defaults
 *    vocabSize 30000, minFrequency 2, limitAlphabet 1000, special tokens [PAD] [UNK] [CLS]
 *    [SEP] [MASK]; transform pads with [PAD].
 *  - BPE (GPT-2 byte level by default): ByteLevel pre-tokenizer (GPT-2 regex, no prefix
 *    space), byte-level post-processor (offset trimming) and decoder; the 256 byte-level
 *    characters as initial alphabet, so every text encodes without an unknown token;
 *    vocabSize 30000, minFrequency 2. `byteLevel: false` gives a character BPE over
 *    Whitespace pre-tokens instead (unknown characters dropped unless unkToken is set).
 */
import type { TransformOptions } from "../../base.js";
import type { TextMissingPolicy } from "../base.js";
import type { PaddingConfig, TruncationConfig } from "./config.js";
import type { TokenizerOptions } from "./options.js";
import { byteLevelAlphabet } from "./pre_tokenizers/byte_level.js";
import { Tokenizer, registerPreset } from "./tokenizer.js";

interface CommonOptions extends TransformOptions {
  vocabSize?: number;
  minFrequency?: number;
  specialTokens?: string[];
  limitAlphabet?: number | null;
  initialAlphabet?: string[];
  truncation?: Partial<TruncationConfig> | null;
  padding?: Partial<PaddingConfig> | null;
  outputSequenceLength?: number;
  padToken?: string | null;
  missing?: TextMissingPolicy;
}

export interface WordPieceOptions extends CommonOptions {
  continuingSubwordPrefix?: string;
  unkToken?: string;
  lowercase?: boolean;
  /** null: strip when lowercasing (BERT's rule). */
  stripAccents?: boolean | null;
  cleanText?: boolean;
  handleChineseChars?: boolean;
  /** Template of the special tokens around one input and a pair. */
  template?: { single: string; pair?: string } | null;
}

export class WordPiece extends Tokenizer {
  constructor(options: WordPieceOptions = {}) {
    const o = options ?? {};
    const specialTokens = o.specialTokens ?? ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"];
    const t: TokenizerOptions = {
      name: o.name,
      model: "WordPiece",
      vocabSize: o.vocabSize,
      minFrequency: o.minFrequency ?? 2,
      specialTokens,
      limitAlphabet: o.limitAlphabet === undefined ? 1000 : o.limitAlphabet,
      initialAlphabet: o.initialAlphabet,
      continuingSubwordPrefix: o.continuingSubwordPrefix ?? "##",
      unkToken: o.unkToken ?? "[UNK]",
      normalizer: {
        type: "BertNormalizer",
        clean_text: o.cleanText ?? true,
        handle_chinese_chars: o.handleChineseChars ?? true,
        strip_accents: o.stripAccents ?? null,
        lowercase: o.lowercase ?? true,
      },
      preTokenizer: { type: "BertPreTokenizer" },
      template: o.template === undefined ? (specialTokens.includes("[CLS]") && specialTokens.includes("[SEP]") ? { single: "[CLS] $A [SEP]", pair: "[CLS] $A [SEP] $B:1 [SEP]:1" } : null) : o.template,
      decoder: { type: "WordPiece", prefix: o.continuingSubwordPrefix ?? "##", cleanup: true },
      truncation: o.truncation,
      padding: o.padding,
      outputSequenceLength: o.outputSequenceLength,
      padToken: o.padToken === undefined ? (specialTokens.includes("[PAD]") && (o.padding ?? null) === null ? "[PAD]" : null) : o.padToken,
      missing: o.missing,
    };
    super(t, "WordPiece");
  }
}

export interface BpeOptions extends CommonOptions {
  /** GPT-2 byte-level BPE (default true). */
  byteLevel?: boolean;
  /** Byte level: add a space before the first word (RoBERTa-style); default false (GPT-2). */
  addPrefixSpace?: boolean;
  /** Byte level: trim spaces out of token offsets (default true). */
  trimOffsets?: boolean;
  continuingSubwordPrefix?: string | null;
  endOfWordSuffix?: string | null;
  unkToken?: string | null;
  maxTokenLength?: number | null;
}

export class BPE extends Tokenizer {
  constructor(options: BpeOptions = {}) {
    const o = options ?? {};
    const byteLevel = o.byteLevel ?? true;
    const common = {
      name: o.name,
      model: "BPE" as const,
      vocabSize: o.vocabSize,
      minFrequency: o.minFrequency ?? 2,
      specialTokens: o.specialTokens ?? [],
      limitAlphabet: o.limitAlphabet,
      continuingSubwordPrefix: o.continuingSubwordPrefix,
      endOfWordSuffix: o.endOfWordSuffix,
      unkToken: o.unkToken,
      maxTokenLength: o.maxTokenLength,
      truncation: o.truncation,
      padding: o.padding,
      outputSequenceLength: o.outputSequenceLength,
      padToken: o.padToken,
      missing: o.missing,
    };
    if (byteLevel) {
      const bl = { add_prefix_space: o.addPrefixSpace ?? false, trim_offsets: o.trimOffsets ?? true, use_regex: true };
      super(
        {
          ...common,
          initialAlphabet: o.initialAlphabet ?? byteLevelAlphabet(),
          preTokenizer: { type: "ByteLevel", ...bl },
          postProcessor: { type: "ByteLevel", ...bl },
          decoder: { type: "ByteLevel", ...bl },
        },
        "BPE",
      );
    } else {
      super(
        {
          ...common,
          initialAlphabet: o.initialAlphabet,
          preTokenizer: { type: "Whitespace" },
          decoder: o.endOfWordSuffix ? { type: "BPEDecoder", suffix: o.endOfWordSuffix } : null,
        },
        "BPE",
      );
    }
  }
}

registerPreset("WordPiece", WordPiece);
registerPreset("BPE", BPE);
