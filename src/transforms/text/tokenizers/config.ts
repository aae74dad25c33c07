/**
 * The tokenizer.json shapes this library reads and writes, as plain data: exactly Hugging
 * Face's JSON keys (snake_case), so a configuration copied from a tokenizer.json is also a
 * valid option value here and `toTokenizerJson` is a faithful re-serialization.
 *
 * Only the components listed here are supported; any other `type` is refused with an
 * UnsupportedComponentError naming it (errors.ts).
 */

/** HF Split/Replace pattern: a literal string or an Oniguruma regex (run as a JS `u` regex). */
export type PatternConfig = { String: string } | { Regex: string };

export type NormalizerConfig =
  | { type: "BertNormalizer"; clean_text: boolean; handle_chinese_chars: boolean; strip_accents: boolean | null; lowercase: boolean }
  | { type: "Lowercase" }
  | { type: "NFC" }
  | { type: "NFD" }
  | { type: "NFKC" }
  | { type: "NFKD" }
  | { type: "StripAccents" }
  | { type: "Strip"; strip_left: boolean; strip_right: boolean }
  | { type: "Prepend"; prepend: string }
  | { type: "Replace"; pattern: PatternConfig; content: string }
  | { type: "Sequence"; normalizers: NormalizerConfig[] };

export type SplitBehavior = "Removed" | "Isolated" | "MergedWithPrevious" | "MergedWithNext" | "Contiguous";

export type PreTokenizerConfig =
  | { type: "BertPreTokenizer" }
  | { type: "Whitespace" }
  | { type: "WhitespaceSplit" }
  | { type: "ByteLevel"; add_prefix_space: boolean; trim_offsets: boolean; use_regex: boolean }
  | { type: "Punctuation"; behavior: SplitBehavior }
  | { type: "Digits"; individual_digits: boolean }
  | { type: "Split"; pattern: PatternConfig; behavior: SplitBehavior; invert: boolean }
  | { type: "Sequence"; pretokenizers: PreTokenizerConfig[] };

export type TemplatePiece = { SpecialToken: { id: string; type_id: number } } | { Sequence: { id: "A" | "B"; type_id: number } };

export interface TemplateSpecialToken {
  id: string;
  ids: number[];
  tokens: string[];
}

export type PostProcessorConfig =
  | { type: "TemplateProcessing"; single: TemplatePiece[]; pair: TemplatePiece[]; special_tokens: Record<string, TemplateSpecialToken> }
  | { type: "BertProcessing"; sep: [string, number]; cls: [string, number] }
  | { type: "RobertaProcessing"; sep: [string, number]; cls: [string, number]; trim_offsets: boolean; add_prefix_space: boolean }
  | { type: "ByteLevel"; add_prefix_space: boolean; trim_offsets: boolean; use_regex: boolean }
  | { type: "Sequence"; processors: PostProcessorConfig[] };

export type DecoderConfig =
  | { type: "WordPiece"; prefix: string; cleanup: boolean }
  | { type: "ByteLevel"; add_prefix_space: boolean; trim_offsets: boolean; use_regex: boolean }
  | { type: "BPEDecoder"; suffix: string }
  | { type: "Replace"; pattern: PatternConfig; content: string }
  | { type: "Strip"; content: string; start: number; stop: number }
  | { type: "Fuse" }
  | { type: "ByteFallback" }
  | { type: "Sequence"; decoders: DecoderConfig[] };

export interface WordPieceModelConfig {
  type: "WordPiece";
  unk_token: string;
  continuing_subword_prefix: string;
  max_input_chars_per_word: number;
}

export interface BpeModelConfig {
  type: "BPE";
  dropout: number | null;
  unk_token: string | null;
  continuing_subword_prefix: string | null;
  end_of_word_suffix: string | null;
  fuse_unk: boolean;
  byte_fallback: boolean;
  ignore_merges: boolean;
}

/** Model settings without the (large) vocabulary and merges, which travel separately. */
export type ModelSettings = WordPieceModelConfig | BpeModelConfig;

export interface AddedTokenConfig {
  id: number;
  content: string;
  single_word: boolean;
  lstrip: boolean;
  rstrip: boolean;
  normalized: boolean;
  special: boolean;
}

export interface TruncationConfig {
  direction: "Left" | "Right";
  max_length: number;
  strategy: "LongestFirst" | "OnlyFirst" | "OnlySecond";
  stride: number;
}

export interface PaddingConfig {
  strategy: "BatchLongest" | { Fixed: number };
  direction: "Left" | "Right";
  pad_to_multiple_of: number | null;
  pad_id: number;
  pad_type_id: number;
  pad_token: string;
}

/** Everything of a tokenizer.json except the vocabulary and merges. */
export interface PipelineConfig {
  truncation: TruncationConfig | null;
  padding: PaddingConfig | null;
  added_tokens: AddedTokenConfig[];
  normalizer: NormalizerConfig | null;
  pre_tokenizer: PreTokenizerConfig | null;
  post_processor: PostProcessorConfig | null;
  decoder: DecoderConfig | null;
  model: ModelSettings;
}

/** The learned tables: tokens by id (no holes), and BPE merges as pairs of ids in rank order. */
export interface Vocabulary {
  tokens: string[];
  /** BPE only: [left id, right id] per merge, flattened; empty for WordPiece. */
  merges: Uint32Array;
}
