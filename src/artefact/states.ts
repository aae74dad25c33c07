/**
 * Fitted state of every transform kind as plain data: what an artefact stores and what
 * a transform is rebuilt from. Large arrays are Float64Array (stored as raw LE bytes).
 * Every state records `nFeaturesIn`, the width d of the input it was fitted on.
 */

export interface StandardScalerState {
  nFeaturesIn: number;
  withMean: boolean;
  withStd: boolean;
  mean: Float64Array;
  /** Population variance (ddof 0); kept even when withStd is false. */
  var: Float64Array;
  /** sqrt(var) with constant features set to 1; empty when withStd is false. */
  scale: Float64Array;
  /** Non-missing values seen per feature. */
  nSamplesSeen: Float64Array;
}

export interface MinMaxScalerState {
  nFeaturesIn: number;
  featureRange: [number, number];
  clip: boolean;
  dataMin: Float64Array;
  dataMax: Float64Array;
  scale: Float64Array;
  min: Float64Array;
}

export interface MaxAbsScalerState {
  nFeaturesIn: number;
  maxAbs: Float64Array;
  scale: Float64Array;
}

export interface RobustScalerState {
  nFeaturesIn: number;
  withCentering: boolean;
  withScaling: boolean;
  quantileRange: [number, number];
  unitVariance: boolean;
  /** Empty when withCentering is false. */
  center: Float64Array;
  /** Empty when withScaling is false. */
  scale: Float64Array;
}

export type NormKind = "l1" | "l2" | "max";

export interface NormalizerState {
  nFeaturesIn: number;
  norm: NormKind;
}

export interface QuantileTransformerState {
  nFeaturesIn: number;
  nQuantiles: number;
  outputDistribution: "uniform" | "normal";
  subsample: number;
  /** nQuantiles x nFeaturesIn, feature-major: quantiles of feature j at [j*nQuantiles, (j+1)*nQuantiles). */
  quantiles: Float64Array;
  /** The nQuantiles reference points in [0, 1]. */
  references: Float64Array;
}

export interface PowerTransformerState {
  nFeaturesIn: number;
  method: "yeo-johnson" | "box-cox";
  standardize: boolean;
  lambdas: Float64Array;
  /** Inner standard scaler, empty when standardize is false. */
  mean: Float64Array;
  scale: Float64Array;
}

export interface KBinsDiscretizerState {
  nFeaturesIn: number;
  encode: "ordinal" | "onehot";
  strategy: "uniform" | "quantile" | "kmeans";
  /** The nBins option as given (features may end up with fewer bins). */
  requestedBins: number;
  /** Bins per feature after removing too-narrow bins. */
  nBins: Uint32Array;
  /** All features' edges back to back; feature j has nBins[j] + 1 edges. */
  binEdges: Float64Array;
}

export interface SimpleImputerState {
  nFeaturesIn: number;
  strategy: "mean" | "median" | "mostFrequent" | "constant";
  fillValue: number;
  addIndicator: boolean;
  keepEmptyFeatures: boolean;
  /** Per-feature fill value; NaN marks a feature that had no values in fit. */
  statistics: Float64Array;
  /** Features that get a missing-indicator column (those with missing values in fit). */
  indicatorFeatures: Uint32Array;
}

export interface Log1pState {
  nFeaturesIn: number;
}

export interface ClipState {
  nFeaturesIn: number;
  min: number;
  max: number;
}

// ---- categorical ----

/**
 * An ordered list of category values of one type. Booleans are stored as 0/1. Missing
 * (null/undefined/NaN), when it is a category, comes after all others (as sklearn sorts).
 */
export type CategoryList =
  | { type: "string"; values: string[]; includesMissing: boolean }
  | { type: "number"; values: Float64Array; includesMissing: boolean }
  | { type: "boolean"; values: Float64Array; includesMissing: boolean };

/** "category": missing values form their own category (sklearn 1.2); "error": missing is a typed error. */
export type MissingPolicy = "category" | "error";

export interface OneHotEncoderState {
  nFeaturesIn: number;
  categories: CategoryList;
  handleUnknown: "error" | "ignore" | "infrequentIfExist";
  /** Indices into categories grouped into the infrequent column, increasing. */
  infrequent: Uint32Array;
  /**
   * Index of the dropped column in the grouped list (frequent categories in order, then
   * the infrequent column), or -1 — scikit-learn 1.2's drop_idx_.
   */
  dropIndex: number;
  missing: MissingPolicy;
  /** Option as given (0 = off): >= 1 is a count, in (0, 1) a fraction of the rows. */
  minFrequency: number;
  /** Option as given (0 = no limit). */
  maxCategories: number;
}

export interface OrdinalEncoderState {
  nFeaturesIn: number;
  categories: CategoryList;
  handleUnknown: "error" | "useEncodedValue";
  unknownValue: number;
  encodedMissingValue: number;
  missing: MissingPolicy;
}

export type LookupOutputMode = "int" | "oneHot" | "multiHot" | "count" | "tfIdf";

/** Keras StringLookup / IntegerLookup. */
export interface LookupState {
  nFeaturesIn: number;
  flavour: "string" | "integer";
  /** Vocabulary without mask and OOV entries, in index order. */
  vocabulary: CategoryList;
  numOovIndices: number;
  /** The mask token (index 0), or null for none. */
  maskToken: string | number | null;
  oovToken: string | number;
  outputMode: LookupOutputMode;
  invert: boolean;
  /** Inverse document frequency per output index (tfIdf only, else empty). */
  idf: Float64Array;
  maxTokens: number;
  padToMaxTokens: boolean;
}

export interface FeatureHasherState {
  nFeaturesIn: number;
  nFeatures: number;
  inputType: "string" | "pair";
  alternateSign: boolean;
}

export type HashOutputMode = "int" | "oneHot" | "multiHot" | "count";

export interface HashingState {
  nFeaturesIn: number;
  numBins: number;
  outputMode: HashOutputMode;
  salt: number;
  /** Values equal to the mask map to 0 and other values to 1..numBins-1 (Keras), or null. */
  maskValue: string | null;
}

export interface HashedCrossingState {
  nFeaturesIn: number;
  numBins: number;
  outputMode: "int" | "oneHot";
  nInputs: number;
}

export interface TargetEncoderState {
  nFeaturesIn: number;
  categories: CategoryList;
  targetType: "binary" | "continuous" | "multiclass";
  classes: Float64Array;
  /** categories x (1, or classes for multiclass), row-major. */
  encodings: Float64Array;
  /** Per output column: the target mean used for unknown categories. */
  targetMean: Float64Array;
  /** NaN means "auto". */
  smooth: number;
  cv: number;
  shuffle: boolean;
  randomState: number;
}

// ---- text ----

/**
 * One normalizer stage of a text pipeline (src/text/normalizer.ts): string -> string.
 * Regex patterns use Python `re` syntax (translated by src/text/python-regex.ts).
 */
export type TextNormalizerSpec =
  | { type: "lowercase" }
  | { type: "unicodeNormalize"; form: "NFC" | "NFD" | "NFKC" | "NFKD" }
  | { type: "stripAccents"; mode: "unicode" | "ascii" }
  | { type: "stripPunctuation"; scope: "ascii" | "unicode" }
  | { type: "replace"; pattern: string; replacement: string };

/** How a normalized document becomes tokens (src/text/pre-tokenizer.ts). */
export type TextPreTokenizerSpec =
  | { type: "tokenPattern"; pattern: string }
  | { type: "whitespace" }
  | { type: "regexSplit"; pattern: string }
  | { type: "characters" }
  /** UAX #29 word segments holding a letter, number or emoji (src/text/word-break.ts). */
  | { type: "wordBoundaries" };

/** scikit-learn's analyzer as stages: normalize, then word tokens or character n-grams. */
export interface TextAnalyzerSpec {
  normalizers: TextNormalizerSpec[];
  analyzer: "word" | "char" | "charWb";
  /** Used by the word analyzer. */
  preTokenizer: TextPreTokenizerSpec;
  ngramRange: [number, number];
  /** The character tables the stages were built with (src/text/unicode-tables.ts), for inspection. */
  unicodeTables: string;
}

/** A document-frequency bound: a document count, or a fraction of the fitted documents. */
export interface DfBound {
  value: number;
  fraction: boolean;
}

export interface CountVectorizerState {
  nFeaturesIn: number;
  analysis: TextAnalyzerSpec;
  /** Terms in output column order (code point order when learned). */
  vocabulary: string[];
  binary: boolean;
  minDf: DfBound;
  maxDf: DfBound;
  /** 0 = no limit. */
  maxFeatures: number;
  /** The vocabulary was given, not learned. */
  fixedVocabulary: boolean;
  /** null/undefined documents: a typed error, or empty documents. */
  missing: "error" | "empty";
  /** Documents seen in fit. */
  documents: number;
}

export interface TfidfVectorizerState extends CountVectorizerState {
  norm: "l2" | "l1" | "none";
  useIdf: boolean;
  smoothIdf: boolean;
  sublinearTf: boolean;
  /** Inverse document frequency per vocabulary term (empty when useIdf is false). */
  idf: Float64Array;
}

export type TextVectorizerOutputMode = "int" | "multiHot" | "count" | "tfIdf";

/** Keras TextVectorization (src/transforms/text/text-vectorizer.ts). */
export interface TextVectorizerState {
  nFeaturesIn: number;
  standardize: "lower_and_strip_punctuation" | "lower" | "strip_punctuation" | "none";
  split: "whitespace" | "character" | "none";
  /** n-gram sizes, strictly increasing; [1] = the tokens themselves. */
  ngrams: number[];
  outputMode: TextVectorizerOutputMode;
  /** int mode: ids per row; 0 in the bag modes. */
  outputSequenceLength: number;
  /** Indices incl. mask (int mode) and OOV; 0 = no limit. */
  maxTokens: number;
  padToMaxTokens: boolean;
  /** Vocabulary without mask and OOV entries, in index order. */
  vocabulary: string[];
  /** tfIdf: weight per output index (float32 values); empty otherwise. */
  idf: Float64Array;
  fixedVocabulary: boolean;
  missing: "error" | "empty";
  documents: number;
}

// ---- image ----

/** ImageNormalizer (src/transforms/image/image-normalizer.ts). */
export interface ImageNormalizerState {
  /** 1: one image column. */
  nFeaturesIn: number;
  height: number;
  width: number;
  channels: 1 | 3 | 4;
  resize: "bilinear" | "nearest";
  antialias: boolean;
  crop: "center" | "none";
  output: "flatten" | "nhwc";
  alpha: "drop" | "black" | "white";
  /** Full-scale value of float pixel input. */
  floatMax: number;
  /** Largest width x height accepted. */
  maxPixels: number;
  normalize: "fit" | "none" | "given";
  /** Per-channel mean and population variance of the training pixels after resizing and rescaling to [0, 1]. */
  mean: Float64Array;
  var: Float64Array;
  /** Applied per channel as (x - offset) / scale: the fitted mean/std ("fit"), the given ones ("given"); empty for "none". */
  offset: Float64Array;
  scale: Float64Array;
  /** Training pixels seen (images x height x width). */
  pixelsSeen: number;
}

// ---- embedding ----

/** EmbeddingTable (src/transforms/embedding/embedding-table.ts). */
export type EmbeddingStorage = "float32" | "float16" | "int8";
export type EmbeddingOov = "zero" | "mean" | "random" | "hashBuckets";
export type EmbeddingPooling = "mean" | "sum" | "max" | "tfIdfMean";
export type EmbeddingSource = "pretrained" | "corpus" | "random";

export interface EmbeddingTableState {
  /** 1: one column of tokens or token lists. */
  nFeaturesIn: number;
  /** Tokens with a row, in row order (most frequent first); the OOV rows come before them. */
  vocabulary: CategoryList;
  dims: number;
  oov: EmbeddingOov;
  /** Rows for unknown tokens, before the vocabulary: oovBuckets for "hashBuckets", else 1. */
  oovRows: number;
  /** Seed of the OOV bucket hash and of every random vector drawn at fit. */
  seed: number;
  storage: EmbeddingStorage;
  /**
   * (oovRows + vocabulary) x dims, row-major: float32 values, IEEE binary16 bits, or int8
   * codes (value = code x scales[row]).
   */
  values: Float32Array | Uint16Array | Int8Array;
  /** int8: one scale per row; empty otherwise. */
  scales: Float32Array;
  pooling: EmbeddingPooling;
  /** tfIdfMean: the weight of every row (OOV rows first); empty otherwise. */
  idf: Float64Array;
  /** The padding token: skipped when pooling, never a row; null for none. */
  maskToken: string | number | null;
  /** "mask": missing rows and entries are skipped like the mask; "error": a typed error. */
  missing: "mask" | "error";
  /** How the vectors were made (provenance; transform does not depend on it). */
  source: EmbeddingSource;
  /** Fit options kept for inspection (0 where they do not apply). */
  minCount: number;
  maxTokens: number;
  window: number;
  contextSmoothing: number;
  eigenWeight: number;
  iterations: number;
  normalize: boolean;
  /** Rows (documents) seen in fit. */
  documents: number;
}

export interface FeatureInputRecord {
  /** Feature name (prefix of its output names). */
  name: string;
  /** Input columns in stacking order. */
  columns: string[];
  /** "numeric" or "categorical" (more kinds as modalities land). */
  inputType: string;
}

export interface FeatureSpaceState {
  nFeaturesIn: number;
  /** One entry per child node, in output order. */
  features: FeatureInputRecord[];
  extraColumns: "ignore" | "error";
}

export interface PipelineState {
  nFeaturesIn: number;
}

/**
 * A fitted subword tokenizer (WordPiece or BPE, Hugging Face-compatible). `pipeline` is
 * tokenizer.json without model.vocab and model.merges (compact JSON in tokenizer.json's
 * shapes, re-validated whenever a tokenizer is built from it).
 */
export interface TokenizerState {
  nFeaturesIn: number;
  pipeline: string;
  /** Tokens by id. */
  vocab: string[];
  /** BPE merges in rank order as (left id, right id) pairs, flattened; empty for WordPiece. */
  merges: Uint32Array;
  outputSequenceLength: number;
  padId: number;
  missing: "error" | "empty";
  preset: "Tokenizer" | "WordPiece" | "BPE";
}

/** Kind name -> state type. A new transform kind adds a line here, a proto oneof member and a codec. */
export interface StateByKind {
  Pipeline: PipelineState;
  FeatureSpace: FeatureSpaceState;
  StandardScaler: StandardScalerState;
  MinMaxScaler: MinMaxScalerState;
  MaxAbsScaler: MaxAbsScalerState;
  RobustScaler: RobustScalerState;
  Normalizer: NormalizerState;
  QuantileTransformer: QuantileTransformerState;
  PowerTransformer: PowerTransformerState;
  KBinsDiscretizer: KBinsDiscretizerState;
  SimpleImputer: SimpleImputerState;
  Log1p: Log1pState;
  Clip: ClipState;
  OneHotEncoder: OneHotEncoderState;
  OrdinalEncoder: OrdinalEncoderState;
  StringLookup: LookupState;
  IntegerLookup: LookupState;
  FeatureHasher: FeatureHasherState;
  Hashing: HashingState;
  HashedCrossing: HashedCrossingState;
  TargetEncoder: TargetEncoderState;
  CountVectorizer: CountVectorizerState;
  TfidfVectorizer: TfidfVectorizerState;
  TextVectorizer: TextVectorizerState;
  ImageNormalizer: ImageNormalizerState;
  EmbeddingTable: EmbeddingTableState;
  Tokenizer: TokenizerState;
}

export type Kind = keyof StateByKind;

/** One fitted object in an artefact; `children` are the parts of a composite (pipeline steps). */
export type NodeRecord = {
  [K in Kind]: { kind: K; name: string; state: StateByKind[K]; children: NodeRecord[] };
}[Kind];
