/** Subword tokenizers (WordPiece, BPE) with Hugging Face tokenizer.json interop. */
export { Tokenizer, type WordCounts } from "./tokenizer.js";
export { WordPiece, BPE, type WordPieceOptions, type BpeOptions } from "./presets.js";
export type { TokenizerOptions } from "./options.js";
export type { Encoding } from "./encoding.js";
export type { EncodeInput, EncodeOptions, OffsetUnit } from "./pipeline.js";
export { UnsupportedComponentError } from "./errors.js";
export type {
  AddedTokenConfig,
  DecoderConfig,
  NormalizerConfig,
  PaddingConfig,
  PatternConfig,
  PostProcessorConfig,
  PreTokenizerConfig,
  SplitBehavior,
  TemplatePiece,
  TruncationConfig,
} from "./config.js";
