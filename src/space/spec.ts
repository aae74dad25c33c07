/**
 * FeatureSpace specs as JSON, for the CLI and for config-driven training jobs:
 *
 *   {
 *     "features": {
 *       "mass":   [{ "type": "SimpleImputer", "strategy": "median" }, { "type": "StandardScaler" }],
 *       "island": { "type": "OneHotEncoder", "handleUnknown": "ignore" },
 *       "size":   { "input": ["bill_length", "bill_depth"], "transform": { "type": "StandardScaler" } }
 *     },
 *     "extraColumns": "ignore"
 *   }
 *
 * Every key is checked: an unknown transform type or option name is a typed error that
 * names the feature, the key and the allowed values (a typo never silently becomes a
 * default).
 */
import { InvalidOptionError, describeValue } from "../core/errors.js";
import { HashedCrossing } from "../transforms/categorical/hashed-crossing.js";
import { Hashing } from "../transforms/categorical/hashing.js";
import { IntegerLookup } from "../transforms/categorical/integer-lookup.js";
import { OneHotEncoder } from "../transforms/categorical/one-hot-encoder.js";
import { OrdinalEncoder } from "../transforms/categorical/ordinal-encoder.js";
import { StringLookup } from "../transforms/categorical/string-lookup.js";
import { Clip } from "../transforms/numeric/clip.js";
import { KBinsDiscretizer } from "../transforms/numeric/k-bins-discretizer.js";
import { Log1p } from "../transforms/numeric/log1p.js";
import { MaxAbsScaler } from "../transforms/numeric/max-abs-scaler.js";
import { MinMaxScaler } from "../transforms/numeric/min-max-scaler.js";
import { Normalizer } from "../transforms/numeric/normalizer.js";
import { PowerTransformer } from "../transforms/numeric/power-transformer.js";
import { QuantileTransformer } from "../transforms/numeric/quantile-transformer.js";
import { RobustScaler } from "../transforms/numeric/robust-scaler.js";
import { SimpleImputer } from "../transforms/numeric/simple-imputer.js";
import { StandardScaler } from "../transforms/numeric/standard-scaler.js";
import { CountVectorizer } from "../transforms/text/count-vectorizer.js";
import { TextVectorizer } from "../transforms/text/text-vectorizer.js";
import { TfidfVectorizer } from "../transforms/text/tfidf-vectorizer.js";
import { FeatureSpace, type FeatureSpec, type SpaceTransform } from "./feature-space.js";

type Maker = (options: Record<string, unknown>) => SpaceTransform;

interface KindEntry {
  make: Maker;
  options: readonly string[];
}

const entry = (make: Maker, options: readonly string[]): KindEntry => ({ make, options: ["name", ...options] });

const VECTORIZER_OPTIONS = ["lowercase", "stripAccents", "normalizers", "analyzer", "tokenPattern", "preTokenizer", "ngramRange", "minDf", "maxDf", "maxFeatures", "vocabulary", "binary", "missing"] as const;

/** Transform types a JSON spec may name, with their option names. */
export const SPEC_KINDS: ReadonlyMap<string, KindEntry> = new Map<string, KindEntry>([
  ["StandardScaler", entry((o) => new StandardScaler(o), ["withMean", "withStd"])],
  ["MinMaxScaler", entry((o) => new MinMaxScaler(o), ["featureRange", "clip"])],
  ["MaxAbsScaler", entry((o) => new MaxAbsScaler(o), [])],
  ["RobustScaler", entry((o) => new RobustScaler(o), ["withCentering", "withScaling", "quantileRange", "unitVariance"])],
  ["Normalizer", entry((o) => new Normalizer(o), ["norm"])],
  ["QuantileTransformer", entry((o) => new QuantileTransformer(o), ["nQuantiles", "outputDistribution", "subsample"])],
  ["PowerTransformer", entry((o) => new PowerTransformer(o), ["method", "standardize"])],
  ["KBinsDiscretizer", entry((o) => new KBinsDiscretizer(o), ["nBins", "encode", "strategy"])],
  ["SimpleImputer", entry((o) => new SimpleImputer(o), ["strategy", "fillValue", "addIndicator", "keepEmptyFeatures"])],
  ["Log1p", entry((o) => new Log1p(o), [])],
  ["Clip", entry((o) => new Clip(o), ["min", "max"])],
  ["OneHotEncoder", entry((o) => new OneHotEncoder(o), ["categories", "handleUnknown", "minFrequency", "maxCategories", "drop", "missing"])],
  ["OrdinalEncoder", entry((o) => new OrdinalEncoder(o), ["categories", "handleUnknown", "unknownValue", "encodedMissingValue", "missing"])],
  ["StringLookup", entry((o) => new StringLookup(o as never), ["maxTokens", "numOovIndices", "maskToken", "oovToken", "vocabulary", "idfWeights", "outputMode", "invert", "padToMaxTokens"])],
  ["IntegerLookup", entry((o) => new IntegerLookup(o as never), ["maxTokens", "numOovIndices", "maskToken", "oovToken", "vocabulary", "idfWeights", "outputMode", "invert", "padToMaxTokens"])],
  ["CountVectorizer", entry((o) => new CountVectorizer(o as never), [...VECTORIZER_OPTIONS])],
  ["TfidfVectorizer", entry((o) => new TfidfVectorizer(o as never), [...VECTORIZER_OPTIONS, "norm", "useIdf", "smoothIdf", "sublinearTf"])],
  ["TextVectorizer", entry((o) => new TextVectorizer(o as never), ["maxTokens", "standardize", "split", "ngrams", "outputMode", "outputSequenceLength", "padToMaxTokens", "vocabulary", "idfWeights", "missing"])],
  ["Hashing", entry((o) => new Hashing(o as never), ["numBins", "outputMode", "salt", "maskValue"])],
  ["HashedCrossing", entry((o) => new HashedCrossing(o as never), ["numBins", "outputMode", "nInputs"])],
]);

export interface SpaceSpecJson {
  features: Record<string, unknown>;
  extraColumns?: "ignore" | "error";
  crosses?: { columns: string[]; numBins: number; outputMode?: "int" | "oneHot"; name?: string }[];
}

const own = Object.prototype.hasOwnProperty;

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function makeTransform(feature: string, at: string, json: unknown): SpaceTransform {
  if (!isObject(json)) throw new InvalidOptionError(`spec feature "${feature}" ${at}: expected { "type": ..., options }, got ${describeValue(json)}`);
  const type = json.type;
  if (typeof type !== "string" || !SPEC_KINDS.has(type)) {
    throw new InvalidOptionError(`spec feature "${feature}" ${at}: unknown transform type ${describeValue(type)}; use one of ${[...SPEC_KINDS.keys()].join(", ")}`);
  }
  const kind = SPEC_KINDS.get(type)!;
  const options: Record<string, unknown> = {};
  for (const key of Object.keys(json)) {
    if (key === "type") continue;
    if (!kind.options.includes(key)) {
      throw new InvalidOptionError(`spec feature "${feature}" ${at}: ${type} has no option "${key}"; its options are ${kind.options.join(", ")}`);
    }
    options[key] = json[key];
  }
  try {
    return kind.make(options);
  } catch (e) {
    if (e instanceof InvalidOptionError) e.message = `spec feature "${feature}" ${at}: ${e.message}`;
    throw e;
  }
}

function makeChain(feature: string, json: unknown): SpaceTransform | SpaceTransform[] {
  if (Array.isArray(json)) {
    if (json.length === 0) throw new InvalidOptionError(`spec feature "${feature}": empty chain; give at least one transform`);
    return json.map((t, i) => makeTransform(feature, `step ${i}`, t));
  }
  return makeTransform(feature, "transform", json);
}

/** Builds an unfitted FeatureSpace from a parsed JSON spec (see the module comment for the format). */
export function featureSpaceFromSpec(json: unknown): FeatureSpace {
  if (!isObject(json)) throw new InvalidOptionError(`spec must be a JSON object with "features", got ${describeValue(json)}`);
  for (const key of Object.keys(json)) {
    if (key !== "features" && key !== "extraColumns" && key !== "crosses") {
      throw new InvalidOptionError(`spec has an unknown key "${key}"; allowed keys are "features", "extraColumns" and "crosses"`);
    }
  }
  const features = json.features;
  if (!isObject(features) || Object.keys(features).length === 0) throw new InvalidOptionError(`spec.features must be a non-empty object of feature name -> transform`);
  const spec: Record<string, FeatureSpec> = {};
  for (const name of Object.keys(features)) {
    const f = features[name];
    if (isObject(f) && own.call(f, "input")) {
      for (const key of Object.keys(f)) {
        if (key !== "input" && key !== "transform") throw new InvalidOptionError(`spec feature "${name}": unknown key "${key}"; a feature with "input" takes only "input" and "transform"`);
      }
      const input = f.input;
      if (!(typeof input === "string" || (Array.isArray(input) && input.length > 0 && input.every((c) => typeof c === "string")))) {
        throw new InvalidOptionError(`spec feature "${name}": "input" must be a column name or a non-empty array of names, got ${describeValue(input)}`);
      }
      Object.defineProperty(spec, name, { value: { input, transform: makeChain(name, f.transform) }, enumerable: true, writable: true, configurable: true });
    } else {
      Object.defineProperty(spec, name, { value: makeChain(name, f), enumerable: true, writable: true, configurable: true });
    }
  }
  const extraColumns = json.extraColumns;
  if (extraColumns !== undefined && extraColumns !== "ignore" && extraColumns !== "error") {
    throw new InvalidOptionError(`spec.extraColumns must be "ignore" or "error", got ${describeValue(extraColumns)}`);
  }
  const crosses = json.crosses;
  if (crosses !== undefined && !Array.isArray(crosses)) throw new InvalidOptionError(`spec.crosses must be an array of { columns, numBins, outputMode?, name? }`);
  for (const [i, c] of (crosses ?? []).entries()) {
    if (!isObject(c)) throw new InvalidOptionError(`spec.crosses[${i}] must be an object { columns, numBins, outputMode?, name? }`);
    for (const key of Object.keys(c)) {
      if (!["columns", "numBins", "outputMode", "name"].includes(key)) throw new InvalidOptionError(`spec.crosses[${i}] has an unknown key "${key}"; allowed: columns, numBins, outputMode, name`);
    }
  }
  return new FeatureSpace(spec, { extraColumns: extraColumns as "ignore" | "error" | undefined, crosses: crosses as SpaceSpecJson["crosses"] });
}
