/** Kind name -> how to rebuild a fitted transform from its artefact state. */
import type { Kind, StateByKind } from "../artefact/states.js";
import { ArtefactError } from "../core/errors.js";
import { StandardScaler } from "./numeric/standard-scaler.js";
import { RobustScaler } from "./numeric/robust-scaler.js";
import { QuantileTransformer } from "./numeric/quantile-transformer.js";
import { SimpleImputer } from "./numeric/simple-imputer.js";
import { Clip } from "./numeric/clip.js";
import { Log1p } from "./numeric/log1p.js";
import { MaxAbsScaler } from "./numeric/max-abs-scaler.js";
import { MinMaxScaler } from "./numeric/min-max-scaler.js";
import { Normalizer } from "./numeric/normalizer.js";
import { PowerTransformer } from "./numeric/power-transformer.js";
import { KBinsDiscretizer } from "./numeric/k-bins-discretizer.js";
import { type NumericStep, Pipeline } from "./pipeline.js";
import { OneHotEncoder } from "./categorical/one-hot-encoder.js";
import { OrdinalEncoder } from "./categorical/ordinal-encoder.js";
import { TargetEncoder } from "./categorical/target-encoder.js";
import { FeatureHasher } from "./categorical/feature-hasher.js";
import { Hashing } from "./categorical/hashing.js";
import { HashedCrossing } from "./categorical/hashed-crossing.js";
import { CountVectorizer } from "./text/count-vectorizer.js";
import { TfidfVectorizer } from "./text/tfidf-vectorizer.js";
import { TextVectorizer } from "./text/text-vectorizer.js";
import { loadTextState } from "./text/load-state.js";
import { Tokenizer } from "./text/tokenizers/index.js";
import { StringLookup } from "./categorical/string-lookup.js";
import { IntegerLookup } from "./categorical/integer-lookup.js";
import { ImageNormalizer } from "./image/image-normalizer.js";
import { EmbeddingTable } from "./embedding/embedding-table.js";

/** Every class loadArtefact can return. */
export type LoadedTransform = TextVectorizer | Tokenizer | EmbeddingTable | ImageNormalizer | Pipeline | CountVectorizer | TfidfVectorizer | OneHotEncoder | OrdinalEncoder | TargetEncoder | StringLookup | IntegerLookup | FeatureHasher | Hashing | HashedCrossing | StandardScaler | MinMaxScaler | MaxAbsScaler | Normalizer | Log1p | Clip | PowerTransformer | KBinsDiscretizer | RobustScaler | QuantileTransformer | SimpleImputer;

type Factory<K extends Kind> = (state: StateByKind[K], name: string, children: LoadedTransform[]) => LoadedTransform;

export const FACTORIES: { [K in Kind]?: Factory<K> } = {
  Tokenizer: (s, name) => loadTextState("Tokenizer", () => Tokenizer.fromState(s, name)),
  Pipeline: (_s, name, children) => {
    if (children.some((c) => c instanceof Pipeline)) throw new ArtefactError("artefact nests a Pipeline inside a Pipeline, which skewless does not write");
    if (children.length === 0) throw new ArtefactError("artefact has a Pipeline without steps");
    return Pipeline.fromSteps(children as unknown as [NumericStep, ...NumericStep[]], name);
  },
  StandardScaler: (s, name) => StandardScaler.fromState(s, name),
  RobustScaler: (s, name) => RobustScaler.fromState(s, name),
  QuantileTransformer: (s, name) => QuantileTransformer.fromState(s, name),
  SimpleImputer: (s, name) => SimpleImputer.fromState(s, name),
  OneHotEncoder: (s, name) => OneHotEncoder.fromState(s, name),
  OrdinalEncoder: (s, name) => OrdinalEncoder.fromState(s, name),
  TargetEncoder: (s, name) => TargetEncoder.fromState(s, name),
  FeatureHasher: (s, name) => FeatureHasher.fromState(s, name),
  Hashing: (s, name) => Hashing.fromState(s, name),
  HashedCrossing: (s, name) => HashedCrossing.fromState(s, name),
  CountVectorizer: (s, name) => loadTextState("CountVectorizer", () => CountVectorizer.fromState(s, name)),
  TfidfVectorizer: (s, name) => loadTextState("TfidfVectorizer", () => TfidfVectorizer.fromState(s, name)),
  TextVectorizer: (s, name) => TextVectorizer.fromState(s, name),
  StringLookup: (s, name) => StringLookup.fromState(s, name),
  IntegerLookup: (s, name) => IntegerLookup.fromState(s, name),
  MinMaxScaler: (s, name) => MinMaxScaler.fromState(s, name),
  MaxAbsScaler: (s, name) => MaxAbsScaler.fromState(s, name),
  Normalizer: (s, name) => Normalizer.fromState(s, name),
  Log1p: (s, name) => Log1p.fromState(s, name),
  Clip: (s, name) => Clip.fromState(s, name),
  PowerTransformer: (s, name) => PowerTransformer.fromState(s, name),
  KBinsDiscretizer: (s, name) => KBinsDiscretizer.fromState(s, name),
  ImageNormalizer: (s, name) => ImageNormalizer.fromState(s, name),
  EmbeddingTable: (s, name) => EmbeddingTable.fromState(s, name),
};
