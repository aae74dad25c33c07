/**
 * skewless: fit preprocessing once, save one versioned artefact, get the same numbers
 * wherever it is loaded. Browser-safe entry (no Node built-ins); file helpers live in
 * "skewless/node".
 */
export { VERSION } from "./version.js";
export * from "./core/errors.js";
export { type Matrix, type NumericColumn, type NumericInput, type NumericValue, matrix } from "./core/columns.js";
export type { AccumulatorSpec, FittedTransform } from "./core/transform.js";
export { StateUnavailableError } from "./core/transform.js";
export type { SaveOptions, TransformOptions } from "./transforms/base.js";
export { type KernelBackend, kernelBackend, setKernelBackend } from "./core/wasm/runtime.js";
export { KernelArena, type KernelArenaOptions } from "./core/wasm/arena.js";
export { StandardScaler, type StandardScalerOptions } from "./transforms/numeric/standard-scaler.js";
export { RobustScaler, type RobustScalerOptions } from "./transforms/numeric/robust-scaler.js";
export { QuantileTransformer, type QuantileTransformerOptions, type QuantileOutputDistribution } from "./transforms/numeric/quantile-transformer.js";
export { SimpleImputer, type SimpleImputerOptions, type ImputerStrategy } from "./transforms/numeric/simple-imputer.js";
export { MinMaxScaler, type MinMaxScalerOptions } from "./transforms/numeric/min-max-scaler.js";
export { MaxAbsScaler, type MaxAbsScalerOptions } from "./transforms/numeric/max-abs-scaler.js";
export { Normalizer, type NormalizerOptions } from "./transforms/numeric/normalizer.js";
export { Log1p, type Log1pOptions } from "./transforms/numeric/log1p.js";
export { Clip, type ClipOptions } from "./transforms/numeric/clip.js";
export { PowerTransformer, type PowerTransformerOptions, type PowerMethod } from "./transforms/numeric/power-transformer.js";
export { KBinsDiscretizer, type KBinsDiscretizerOptions, type KBinsEncode, type KBinsStrategy } from "./transforms/numeric/k-bins-discretizer.js";
export { OneHotEncoder, type OneHotEncoderOptions } from "./transforms/categorical/one-hot-encoder.js";
export { OrdinalEncoder, type OrdinalEncoderOptions } from "./transforms/categorical/ordinal-encoder.js";
export {
  TargetEncoder,
  type TargetEncoderOptions,
  type TargetEncoderInput,
  type LabelledColumn,
  type TargetType,
} from "./transforms/categorical/target-encoder.js";
export { StringLookup, type StringLookupOptions } from "./transforms/categorical/string-lookup.js";
export { IntegerLookup, type IntegerLookupOptions } from "./transforms/categorical/integer-lookup.js";
export type { LookupInput, LookupOptions, LookupOutputMode, LookupRow } from "./transforms/categorical/lookup.js";
export {
  FeatureHasher,
  type FeatureHasherOptions,
  type FeatureHasherInput,
  type FeatureHasherRow,
  type FeaturePair,
  type FeaturePairValue,
} from "./transforms/categorical/feature-hasher.js";
export { Hashing, type HashingOptions, type HashingInput } from "./transforms/categorical/hashing.js";
export { HashedCrossing, type HashedCrossingOptions, type HashedCrossingInput } from "./transforms/categorical/hashed-crossing.js";
export { CountVectorizer, type CountVectorizerOptions, type DfOption, type AnalyzerKind } from "./transforms/text/count-vectorizer.js";
export { TfidfVectorizer, type TfidfVectorizerOptions } from "./transforms/text/tfidf-vectorizer.js";
export { TextVectorizer, type TextVectorizerOptions, type TextVectorizerOutputMode } from "./transforms/text/text-vectorizer.js";
export type { TextColumn, TextMissingPolicy } from "./transforms/text/base.js";
export {
  Tokenizer,
  WordPiece,
  BPE,
  UnsupportedComponentError,
  type TokenizerOptions,
  type WordPieceOptions,
  type BpeOptions,
  type Encoding,
  type EncodeInput,
  type EncodeOptions,
  type OffsetUnit,
  type WordCounts,
  type AddedTokenConfig,
  type DecoderConfig,
  type NormalizerConfig,
  type PaddingConfig,
  type PatternConfig,
  type PostProcessorConfig,
  type PreTokenizerConfig,
  type SplitBehavior,
  type TemplatePiece,
  type TruncationConfig,
} from "./transforms/text/tokenizers/index.js";
export { ImageNormalizer, type ImageNormalizerOptions } from "./transforms/image/image-normalizer.js";
export type { DecodedImage, ImageColumn, ImageTensorLike, ImageValue, PixelData } from "./transforms/image/types.js";
export {
  EmbeddingTable,
  type EmbeddingTableOptions,
  type EmbeddingInput,
  type EmbeddingRow,
  type EmbeddingOov,
  type EmbeddingPooling,
  type EmbeddingSource,
  type EmbeddingStorage,
} from "./transforms/embedding/index.js";
export {
  type WordVectors,
  type ParseVectorsOptions,
  wordVectors,
  parseWord2vecText,
  parseWord2vecBinary,
  parseGloveText,
  Word2vecTextReader,
  Word2vecBinaryReader,
  GloveTextReader,
} from "./transforms/embedding/formats/index.js";
export type { TextAnalyzerSpec, TextNormalizerSpec, TextPreTokenizerSpec, DfBound } from "./artefact/states.js";
export type { CategoricalColumn, CategoricalValue, CategoryValue } from "./core/categories.js";
export { type CsrMatrix, csrIntoDense, csrToDense } from "./core/sparse.js";
export {
  FeatureSpace,
  type FeatureSpaceOptions,
  type CrossSpec,
  type FeatureSpec,
  type FitOptions,
  type FitProgress,
  type LayoutColumn,
  type BatchSource,
  type SpaceTransform,
} from "./space/feature-space.js";
export type { ArrowLikeTable, Columnar, DataBatch, Row } from "./space/data.js";
export { checkSkew, type SkewReport } from "./space/check-skew.js";
export { Pipeline, type PipelineOptions, type NumericStep } from "./transforms/pipeline.js";
export type { LoadedTransform } from "./transforms/registry.js";
export { loadArtefact, loadAs, inspectArtefact, type LoadOptions, type Loaded } from "./load.js";
export {
  DEFAULT_LIMITS,
  FORMAT_MAJOR,
  FORMAT_MINOR,
  type ArtefactInfo,
  type LoadLimits,
  type SignatureInfo,
  type SignOptions,
  generateSigningKey,
  publicKeyOf,
} from "./artefact/index.js";
