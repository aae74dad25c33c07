/**
 * State codecs: plain fitted state <-> the generated protobuf messages, one entry per
 * kind. Decoding validates every array length against n_features_in, so a hostile
 * artefact cannot produce a transform that reads out of bounds later.
 */
import { ArtefactError } from "../core/errors.js";
import { bytesToF64, bytesToU32, f64ToBytes, u32ToBytes } from "./bytes.js";
import { skewless } from "./generated/skewless.js";
import { decodeTokenizer, encodeTokenizer } from "./tokenizer-codec.js";
import { IMAGE_NORMALIZER_CODEC } from "./image-codec.js";
import { TEXT_VECTORIZER_CODEC } from "./text-vectorizer-codec.js";
import { decodeEmbeddingTable, encodeEmbeddingTable } from "./embedding-codec.js";
import type {
  CategoryList,
  CountVectorizerState,
  Kind,
  LookupState,
  NodeRecord,
  NormKind,
  StateByKind,
  TextAnalyzerSpec,
  TextNormalizerSpec,
  TextPreTokenizerSpec,
} from "./states.js";

import pb = skewless.v1;

type NodeProps = pb.Node.$Properties;

interface Codec<K extends Kind> {
  /** The oneof member of Node that carries this kind's state. */
  readonly field: keyof NodeProps & string;
  encode(state: StateByKind[K]): object;
  decode(msg: never, d: number, kind: K): StateByKind[K];
}

function arithmetic(got: number | null | undefined, want: pb.Arithmetic, kind: string): void {
  if (got !== want) {
    throw new ArtefactError(
      `${kind} state uses arithmetic ${got ?? 0}, but this reader implements only ${want}; the artefact needs a newer skewless`,
    );
  }
}

function oneOf<T extends string>(value: string | null | undefined, allowed: readonly T[], field: string): T {
  if (value != null && (allowed as readonly string[]).includes(value)) return value as T;
  throw new ArtefactError(`artefact field ${field} is ${JSON.stringify(value)}; expected one of ${allowed.join(", ")}`);
}

const NORMS: Record<NormKind, pb.Norm> = { l2: pb.Norm.NORM_L2, l1: pb.Norm.NORM_L1, max: pb.Norm.NORM_MAX };

const IMPUTER_STRATEGIES = { mean: "mean", median: "median", mostFrequent: "most_frequent", constant: "constant" } as const;

export const CODECS: { [K in Kind]: Codec<K> } = {
  Tokenizer: {
    field: "tokenizer",
    encode: (s) => encodeTokenizer(s),
    decode: (m: pb.TokenizerState, d) => decodeTokenizer(m, d),
  },
  FeatureSpace: {
    field: "featureSpace",
    encode: (s) => ({
      features: s.features.map((f) => ({ name: f.name, columns: f.columns, inputType: f.inputType })),
      extraColumns: s.extraColumns,
    }),
    decode: (m: pb.FeatureSpaceState, d) => ({
      nFeaturesIn: d,
      features: (m.features ?? []).map((f, i) => {
        const columns = (f.columns ?? []).slice();
        if (columns.length === 0) throw new ArtefactError(`artefact feature ${i} (${JSON.stringify(f.name)}) has no input columns`);
        return { name: f.name ?? "", columns, inputType: f.inputType ?? "" };
      }),
      extraColumns: oneOf(m.extraColumns, ["ignore", "error"] as const, "feature_space.extra_columns"),
    }),
  },
  Pipeline: {
    field: "pipeline",
    encode: () => ({}),
    decode: (_m: pb.PipelineState, d) => ({ nFeaturesIn: d }),
  },
  StandardScaler: {
    field: "standardScaler",
    encode: (s) => ({
      withMean: s.withMean,
      withStd: s.withStd,
      meanF64: f64ToBytes(s.mean),
      varF64: f64ToBytes(s.var),
      scaleF64: f64ToBytes(s.scale),
      nSamplesSeenF64: f64ToBytes(s.nSamplesSeen),
      arithmetic: pb.Arithmetic.ARITHMETIC_F64_SUBTRACT_DIVIDE,
    }),
    decode: (m: pb.StandardScalerState, d, kind) => {
      arithmetic(m.arithmetic, pb.Arithmetic.ARITHMETIC_F64_SUBTRACT_DIVIDE, kind);
      const withStd = m.withStd === true;
      return {
        nFeaturesIn: d,
        withMean: m.withMean === true,
        withStd,
        mean: bytesToF64(m.meanF64, "standard_scaler.mean_f64", d),
        var: bytesToF64(m.varF64, "standard_scaler.var_f64", d),
        scale: bytesToF64(m.scaleF64, "standard_scaler.scale_f64", withStd ? d : 0),
        nSamplesSeen: bytesToF64(m.nSamplesSeenF64, "standard_scaler.n_samples_seen_f64", d),
      };
    },
  },
  MinMaxScaler: {
    field: "minMaxScaler",
    encode: (s) => ({
      rangeMin: s.featureRange[0],
      rangeMax: s.featureRange[1],
      clip: s.clip,
      dataMinF64: f64ToBytes(s.dataMin),
      dataMaxF64: f64ToBytes(s.dataMax),
      scaleF64: f64ToBytes(s.scale),
      minF64: f64ToBytes(s.min),
      arithmetic: pb.Arithmetic.ARITHMETIC_F64_MULTIPLY_ADD,
    }),
    decode: (m: pb.MinMaxScalerState, d, kind) => {
      arithmetic(m.arithmetic, pb.Arithmetic.ARITHMETIC_F64_MULTIPLY_ADD, kind);
      return {
        nFeaturesIn: d,
        featureRange: [m.rangeMin ?? 0, m.rangeMax ?? 0],
        clip: m.clip === true,
        dataMin: bytesToF64(m.dataMinF64, "min_max_scaler.data_min_f64", d),
        dataMax: bytesToF64(m.dataMaxF64, "min_max_scaler.data_max_f64", d),
        scale: bytesToF64(m.scaleF64, "min_max_scaler.scale_f64", d),
        min: bytesToF64(m.minF64, "min_max_scaler.min_f64", d),
      };
    },
  },
  MaxAbsScaler: {
    field: "maxAbsScaler",
    encode: (s) => ({
      maxAbsF64: f64ToBytes(s.maxAbs),
      scaleF64: f64ToBytes(s.scale),
      arithmetic: pb.Arithmetic.ARITHMETIC_F64_SUBTRACT_DIVIDE,
    }),
    decode: (m: pb.MaxAbsScalerState, d, kind) => {
      arithmetic(m.arithmetic, pb.Arithmetic.ARITHMETIC_F64_SUBTRACT_DIVIDE, kind);
      return {
        nFeaturesIn: d,
        maxAbs: bytesToF64(m.maxAbsF64, "max_abs_scaler.max_abs_f64", d),
        scale: bytesToF64(m.scaleF64, "max_abs_scaler.scale_f64", d),
      };
    },
  },
  RobustScaler: {
    field: "robustScaler",
    encode: (s) => ({
      withCentering: s.withCentering,
      withScaling: s.withScaling,
      quantileLow: s.quantileRange[0],
      quantileHigh: s.quantileRange[1],
      unitVariance: s.unitVariance,
      centerF64: f64ToBytes(s.center),
      scaleF64: f64ToBytes(s.scale),
      arithmetic: pb.Arithmetic.ARITHMETIC_F64_SUBTRACT_DIVIDE,
    }),
    decode: (m: pb.RobustScalerState, d, kind) => {
      arithmetic(m.arithmetic, pb.Arithmetic.ARITHMETIC_F64_SUBTRACT_DIVIDE, kind);
      const withCentering = m.withCentering === true;
      const withScaling = m.withScaling === true;
      return {
        nFeaturesIn: d,
        withCentering,
        withScaling,
        quantileRange: [m.quantileLow ?? 0, m.quantileHigh ?? 0],
        unitVariance: m.unitVariance === true,
        center: bytesToF64(m.centerF64, "robust_scaler.center_f64", withCentering ? d : 0),
        scale: bytesToF64(m.scaleF64, "robust_scaler.scale_f64", withScaling ? d : 0),
      };
    },
  },
  Normalizer: {
    field: "normalizer",
    encode: (s) => ({ norm: NORMS[s.norm] }),
    decode: (m: pb.NormalizerState, d) => {
      const entry = (Object.entries(NORMS) as [NormKind, pb.Norm][]).find(([, v]) => v === m.norm);
      if (!entry) throw new ArtefactError(`artefact field normalizer.norm is ${m.norm}; expected one of l1, l2, max`);
      return { nFeaturesIn: d, norm: entry[0] };
    },
  },
  QuantileTransformer: {
    field: "quantileTransformer",
    encode: (s) => ({
      nQuantiles: s.nQuantiles,
      outputDistribution: s.outputDistribution,
      subsample: s.subsample,
      quantilesF64: f64ToBytes(s.quantiles),
      referencesF64: f64ToBytes(s.references),
    }),
    decode: (m: pb.QuantileTransformerState, d) => {
      const q = m.nQuantiles ?? 0;
      if (q < 1) throw new ArtefactError("artefact field quantile_transformer.n_quantiles must be at least 1");
      return {
        nFeaturesIn: d,
        nQuantiles: q,
        outputDistribution: oneOf(m.outputDistribution, ["uniform", "normal"] as const, "quantile_transformer.output_distribution"),
        subsample: m.subsample ?? 0,
        quantiles: bytesToF64(m.quantilesF64, "quantile_transformer.quantiles_f64", q * d),
        references: bytesToF64(m.referencesF64, "quantile_transformer.references_f64", q),
      };
    },
  },
  PowerTransformer: {
    field: "powerTransformer",
    encode: (s) => ({
      method: s.method,
      standardize: s.standardize,
      lambdasF64: f64ToBytes(s.lambdas),
      meanF64: f64ToBytes(s.mean),
      scaleF64: f64ToBytes(s.scale),
    }),
    decode: (m: pb.PowerTransformerState, d) => {
      const standardize = m.standardize === true;
      return {
        nFeaturesIn: d,
        method: oneOf(m.method, ["yeo-johnson", "box-cox"] as const, "power_transformer.method"),
        standardize,
        lambdas: bytesToF64(m.lambdasF64, "power_transformer.lambdas_f64", d),
        mean: bytesToF64(m.meanF64, "power_transformer.mean_f64", standardize ? d : 0),
        scale: bytesToF64(m.scaleF64, "power_transformer.scale_f64", standardize ? d : 0),
      };
    },
  },
  KBinsDiscretizer: {
    field: "kBinsDiscretizer",
    encode: (s) => ({
      encode: s.encode,
      strategy: s.strategy,
      nBinsU32: u32ToBytes(s.nBins),
      binEdgesF64: f64ToBytes(s.binEdges),
      requestedBins: s.requestedBins,
    }),
    decode: (m: pb.KBinsDiscretizerState, d) => {
      const nBins = bytesToU32(m.nBinsU32, "k_bins_discretizer.n_bins_u32", d);
      let edges = 0;
      for (let j = 0; j < d; j++) {
        if (nBins[j] < 1) throw new ArtefactError(`artefact field k_bins_discretizer.n_bins_u32[${j}] is 0; every feature needs a bin`);
        edges += nBins[j] + 1;
      }
      return {
        nFeaturesIn: d,
        encode: oneOf(m.encode, ["ordinal", "onehot"] as const, "k_bins_discretizer.encode"),
        strategy: oneOf(m.strategy, ["uniform", "quantile", "kmeans"] as const, "k_bins_discretizer.strategy"),
        requestedBins: m.requestedBins ?? 0,
        nBins,
        binEdges: bytesToF64(m.binEdgesF64, "k_bins_discretizer.bin_edges_f64", edges),
      };
    },
  },
  SimpleImputer: {
    field: "simpleImputer",
    encode: (s) => ({
      strategy: IMPUTER_STRATEGIES[s.strategy],
      fillValue: s.fillValue,
      addIndicator: s.addIndicator,
      keepEmptyFeatures: s.keepEmptyFeatures,
      statisticsF64: f64ToBytes(s.statistics),
      indicatorFeaturesU32: u32ToBytes(s.indicatorFeatures),
    }),
    decode: (m: pb.SimpleImputerState, d) => {
      const wire = oneOf(m.strategy, Object.values(IMPUTER_STRATEGIES), "simple_imputer.strategy");
      const strategy = (Object.keys(IMPUTER_STRATEGIES) as (keyof typeof IMPUTER_STRATEGIES)[]).find((k) => IMPUTER_STRATEGIES[k] === wire)!;
      const indicatorFeatures = bytesToU32(m.indicatorFeaturesU32, "simple_imputer.indicator_features_u32");
      for (let i = 0; i < indicatorFeatures.length; i++) {
        if (indicatorFeatures[i] >= d || (i > 0 && indicatorFeatures[i] <= indicatorFeatures[i - 1])) {
          throw new ArtefactError("artefact field simple_imputer.indicator_features_u32 must be increasing feature indices below n_features_in");
        }
      }
      return {
        nFeaturesIn: d,
        strategy,
        fillValue: m.fillValue ?? 0,
        addIndicator: m.addIndicator === true,
        keepEmptyFeatures: m.keepEmptyFeatures === true,
        statistics: bytesToF64(m.statisticsF64, "simple_imputer.statistics_f64", d),
        indicatorFeatures,
      };
    },
  },
  Log1p: {
    field: "log1p",
    encode: () => ({}),
    decode: (_m: pb.Log1pState, d) => ({ nFeaturesIn: d }),
  },
  Clip: {
    field: "clip",
    encode: (s) => ({ min: s.min, max: s.max }),
    decode: (m: pb.ClipState, d) => ({ nFeaturesIn: d, min: m.min ?? 0, max: m.max ?? 0 }),
  },
  OneHotEncoder: {
    field: "oneHotEncoder",
    encode: (s) => ({
      categories: encodeCategories(s.categories),
      handleUnknown: HANDLE_UNKNOWN_OHE[s.handleUnknown],
      infrequentU32: u32ToBytes(s.infrequent),
      dropIndex: s.dropIndex,
      missing: s.missing,
      minFrequency: s.minFrequency,
      maxCategories: s.maxCategories,
    }),
    decode: (m: pb.OneHotEncoderState, d) => {
      const categories = decodeCategories(m.categories, "one_hot_encoder.categories");
      const n = categoryCount(categories);
      const infrequent = bytesToU32(m.infrequentU32, "one_hot_encoder.infrequent_u32");
      for (let i = 0; i < infrequent.length; i++) {
        if (infrequent[i] >= n || (i > 0 && infrequent[i] <= infrequent[i - 1])) {
          throw new ArtefactError("artefact field one_hot_encoder.infrequent_u32 must be increasing category indices");
        }
      }
      const dropIndex = m.dropIndex ?? -1;
      const grouped = n - infrequent.length + (infrequent.length > 0 ? 1 : 0);
      if (dropIndex < -1 || dropIndex >= grouped) throw new ArtefactError(`artefact field one_hot_encoder.drop_index ${dropIndex} is out of range`);
      return {
        nFeaturesIn: d,
        categories,
        handleUnknown: fromWire(HANDLE_UNKNOWN_OHE, m.handleUnknown, "one_hot_encoder.handle_unknown"),
        infrequent,
        dropIndex,
        missing: oneOf(m.missing, ["category", "error"] as const, "one_hot_encoder.missing"),
        minFrequency: m.minFrequency ?? 0,
        maxCategories: m.maxCategories ?? 0,
      };
    },
  },
  OrdinalEncoder: {
    field: "ordinalEncoder",
    encode: (s) => ({
      categories: encodeCategories(s.categories),
      handleUnknown: HANDLE_UNKNOWN_ORD[s.handleUnknown],
      unknownValue: s.unknownValue,
      encodedMissingValue: s.encodedMissingValue,
      missing: s.missing,
    }),
    decode: (m: pb.OrdinalEncoderState, d) => ({
      nFeaturesIn: d,
      categories: decodeCategories(m.categories, "ordinal_encoder.categories"),
      handleUnknown: fromWire(HANDLE_UNKNOWN_ORD, m.handleUnknown, "ordinal_encoder.handle_unknown"),
      unknownValue: m.unknownValue ?? 0,
      encodedMissingValue: m.encodedMissingValue ?? 0,
      missing: oneOf(m.missing, ["category", "error"] as const, "ordinal_encoder.missing"),
    }),
  },
  StringLookup: { field: "lookup", encode: encodeLookup, decode: (m: pb.LookupState, d) => decodeLookup(m, d) },
  IntegerLookup: { field: "lookup", encode: encodeLookup, decode: (m: pb.LookupState, d) => decodeLookup(m, d) },
  FeatureHasher: {
    field: "featureHasher",
    encode: (s) => ({ nFeatures: s.nFeatures, inputType: s.inputType, alternateSign: s.alternateSign, hash: "murmur3_x86_32" }),
    decode: (m: pb.FeatureHasherState, d) => {
      oneOf(m.hash, ["murmur3_x86_32"] as const, "feature_hasher.hash");
      if (!(m.nFeatures! >= 1)) throw new ArtefactError("artefact field feature_hasher.n_features must be at least 1");
      if (d !== 1) throw new ArtefactError(`artefact node of kind FeatureHasher declares ${d} input features; it reads exactly 1 column`);
      return { nFeaturesIn: d, nFeatures: m.nFeatures!, inputType: oneOf(m.inputType, ["string", "pair"] as const, "feature_hasher.input_type"), alternateSign: m.alternateSign === true };
    },
  },
  Hashing: {
    field: "hashing",
    encode: (s) => ({ numBins: s.numBins, outputMode: HASH_MODES[s.outputMode], salt: s.salt, hasMask: s.maskValue !== null, maskValue: s.maskValue ?? "", hash: "murmur3_x86_32" }),
    decode: (m: pb.HashingState, d) => {
      oneOf(m.hash, ["murmur3_x86_32"] as const, "hashing.hash");
      if (!(m.numBins! >= 1)) throw new ArtefactError("artefact field hashing.num_bins must be at least 1");
      if (d !== 1) throw new ArtefactError(`artefact node of kind Hashing declares ${d} input features; it reads exactly 1 column`);
      return { nFeaturesIn: d, numBins: m.numBins!, outputMode: fromWire(HASH_MODES, m.outputMode, "hashing.output_mode"), salt: m.salt ?? 0, maskValue: m.hasMask ? (m.maskValue ?? "") : null };
    },
  },
  HashedCrossing: {
    field: "hashedCrossing",
    encode: (s) => ({ numBins: s.numBins, outputMode: HASH_MODES[s.outputMode], nInputs: s.nInputs, hash: "murmur3_x86_32" }),
    decode: (m: pb.HashedCrossingState, d) => {
      oneOf(m.hash, ["murmur3_x86_32"] as const, "hashed_crossing.hash");
      if (!(m.numBins! >= 1)) throw new ArtefactError("artefact field hashed_crossing.num_bins must be at least 1");
      const mode = fromWire(HASH_MODES, m.outputMode, "hashed_crossing.output_mode");
      if (mode !== "int" && mode !== "oneHot") throw new ArtefactError(`artefact field hashed_crossing.output_mode ${mode} is not int or one_hot`);
      // The writer records one feature per crossed input; a mismatch would bypass maxFeatures.
      if ((m.nInputs ?? 0) !== d) throw new ArtefactError(`artefact field hashed_crossing.n_inputs is ${m.nInputs ?? 0} but the node has ${d} input features; the artefact is corrupt`);
      return { nFeaturesIn: d, numBins: m.numBins!, outputMode: mode, nInputs: m.nInputs ?? 0 };
    },
  },
  TargetEncoder: {
    field: "targetEncoder",
    encode: (s) => ({
      categories: encodeCategories(s.categories),
      targetType: s.targetType,
      classesF64: f64ToBytes(s.classes),
      encodingsF64: f64ToBytes(s.encodings),
      targetMeanF64: f64ToBytes(s.targetMean),
      smooth: s.smooth,
      cv: s.cv,
      shuffle: s.shuffle,
      randomState: s.randomState,
    }),
    decode: (m: pb.TargetEncoderState, d) => {
      const categories = decodeCategories(m.categories, "target_encoder.categories");
      const targetType = oneOf(m.targetType, ["binary", "continuous", "multiclass"] as const, "target_encoder.target_type");
      const classes = bytesToF64(m.classesF64, "target_encoder.classes_f64");
      const width = targetType === "multiclass" ? classes.length : 1;
      return {
        nFeaturesIn: d,
        categories,
        targetType,
        classes,
        encodings: bytesToF64(m.encodingsF64, "target_encoder.encodings_f64", categoryCount(categories) * width),
        targetMean: bytesToF64(m.targetMeanF64, "target_encoder.target_mean_f64", width),
        smooth: m.smooth ?? NaN,
        cv: m.cv ?? 0,
        shuffle: m.shuffle === true,
        randomState: m.randomState ?? 0,
      };
    },
  },
  CountVectorizer: {
    field: "countVectorizer",
    encode: (s) => encodeCountVectorizer(s),
    decode: (m: pb.CountVectorizerState, d) => decodeCountVectorizer(m, d, "count_vectorizer"),
  },
  TfidfVectorizer: {
    field: "tfidfVectorizer",
    encode: (s) => ({
      counts: encodeCountVectorizer(s),
      norm: s.norm,
      useIdf: s.useIdf,
      smoothIdf: s.smoothIdf,
      sublinearTf: s.sublinearTf,
      idfF64: f64ToBytes(s.idf),
    }),
    decode: (m: pb.TfidfVectorizerState, d) => {
      if (!m.counts) throw new ArtefactError("artefact field tfidf_vectorizer.counts is missing");
      const base = decodeCountVectorizer(m.counts as pb.CountVectorizerState, d, "tfidf_vectorizer.counts");
      const useIdf = m.useIdf === true;
      const idf = bytesToF64(m.idfF64, "tfidf_vectorizer.idf_f64", useIdf ? base.vocabulary.length : 0);
      for (let i = 0; i < idf.length; i++) {
        if (!Number.isFinite(idf[i])) throw new ArtefactError(`artefact field tfidf_vectorizer.idf_f64[${i}] is ${idf[i]}; idf weights are finite`);
      }
      return {
        ...base,
        norm: oneOf(m.norm, ["l2", "l1", "none"] as const, "tfidf_vectorizer.norm"),
        useIdf,
        smoothIdf: m.smoothIdf === true,
        sublinearTf: m.sublinearTf === true,
        idf,
      };
    },
  },
  TextVectorizer: TEXT_VECTORIZER_CODEC,
  ImageNormalizer: IMAGE_NORMALIZER_CODEC,
  EmbeddingTable: {
    field: "embeddingTable",
    encode: (s) => encodeEmbeddingTable(s, CATEGORIES_CODEC),
    decode: (m: pb.EmbeddingTableState, d) => decodeEmbeddingTable(m, d, CATEGORIES_CODEC),
  },
};

/** The category-list codec, for kinds whose codec lives in its own module. */
const CATEGORIES_CODEC = { encode: (c: CategoryList) => encodeCategories(c), decode: (m: pb.Categories.$Properties | null | undefined, field: string) => decodeCategories(m, field) };

function encodeCategories(c: CategoryList): pb.Categories.$Properties {
  const type = { string: pb.ValueType.VALUE_TYPE_STRING, number: pb.ValueType.VALUE_TYPE_NUMBER, boolean: pb.ValueType.VALUE_TYPE_BOOLEAN }[c.type];
  return c.type === "string"
    ? { type, strings: c.values, includesMissing: c.includesMissing }
    : { type, numbersF64: f64ToBytes(c.values), includesMissing: c.includesMissing };
}

function decodeCategories(m: pb.Categories.$Properties | null | undefined, field: string): CategoryList {
  if (!m) throw new ArtefactError(`artefact field ${field} is missing`);
  const includesMissing = m.includesMissing === true;
  switch (m.type) {
    case pb.ValueType.VALUE_TYPE_STRING:
      return { type: "string", values: (m.strings ?? []).slice(), includesMissing };
    case pb.ValueType.VALUE_TYPE_NUMBER:
    case pb.ValueType.VALUE_TYPE_BOOLEAN: {
      const values = bytesToF64(m.numbersF64, `${field}.numbers_f64`);
      for (let i = 0; i < values.length; i++) {
        if (values[i] !== values[i]) throw new ArtefactError(`artefact field ${field} holds NaN as a category; missing is flagged by includes_missing`);
        if (m.type === pb.ValueType.VALUE_TYPE_BOOLEAN && values[i] !== 0 && values[i] !== 1) throw new ArtefactError(`artefact field ${field} holds ${values[i]} as a boolean`);
      }
      return { type: m.type === pb.ValueType.VALUE_TYPE_NUMBER ? "number" : "boolean", values, includesMissing };
    }
    default:
      throw new ArtefactError(`artefact field ${field}.type is ${m.type}; expected string, number or boolean`);
  }
}

/** Number of categories, the missing one included. */
export function categoryCount(c: CategoryList): number {
  return c.values.length + (c.includesMissing ? 1 : 0);
}

const LOOKUP_MODES = { int: "int", oneHot: "one_hot", multiHot: "multi_hot", count: "count", tfIdf: "tf_idf" } as const;
const HASH_MODES = { int: "int", oneHot: "one_hot", multiHot: "multi_hot", count: "count" } as const;
const HANDLE_UNKNOWN_OHE = { error: "error", ignore: "ignore", infrequentIfExist: "infrequent_if_exist" } as const;
const HANDLE_UNKNOWN_ORD = { error: "error", useEncodedValue: "use_encoded_value" } as const;

/** Maps a wire string back to its camelCase TS name through a name table. */
function fromWire<T extends string>(table: Record<T, string>, wire: string | null | undefined, field: string): T {
  const hit = (Object.keys(table) as T[]).find((k) => table[k] === wire);
  if (hit === undefined) throw new ArtefactError(`artefact field ${field} is ${JSON.stringify(wire)}; expected one of ${Object.values(table).join(", ")}`);
  return hit;
}

function encodeLookup(s: LookupState): pb.LookupState.$Properties {
  const mask = s.maskToken;
  return {
    vocabulary: encodeCategories(s.vocabulary),
    numOovIndices: s.numOovIndices,
    hasMask: mask !== null,
    maskTokenString: typeof mask === "string" ? mask : "",
    maskTokenNumber: typeof mask === "number" ? mask : 0,
    oovTokenString: typeof s.oovToken === "string" ? s.oovToken : "",
    oovTokenNumber: typeof s.oovToken === "number" ? s.oovToken : 0,
    outputMode: LOOKUP_MODES[s.outputMode],
    invert: s.invert,
    idfF64: f64ToBytes(s.idf),
    maxTokens: s.maxTokens,
    padToMaxTokens: s.padToMaxTokens,
    flavour: s.flavour,
  };
}

function decodeLookup(m: pb.LookupState, d: number): LookupState {
  const flavour = oneOf(m.flavour, ["string", "integer"] as const, "lookup.flavour");
  const vocabulary = decodeCategories(m.vocabulary, "lookup.vocabulary");
  const strings = flavour === "string";
  const idf = bytesToF64(m.idfF64, "lookup.idf_f64");
  return {
    nFeaturesIn: d,
    flavour,
    vocabulary,
    numOovIndices: m.numOovIndices ?? 0,
    maskToken: m.hasMask ? (strings ? (m.maskTokenString ?? "") : (m.maskTokenNumber ?? 0)) : null,
    oovToken: strings ? (m.oovTokenString ?? "") : (m.oovTokenNumber ?? 0),
    outputMode: fromWire(LOOKUP_MODES, m.outputMode, "lookup.output_mode"),
    invert: m.invert === true,
    idf,
    maxTokens: m.maxTokens ?? 0,
    padToMaxTokens: m.padToMaxTokens === true,
  };
}

// ---- text ----

const NORMALIZER_TYPES = { lowercase: "lowercase", unicodeNormalize: "unicode_normalize", stripAccents: "strip_accents", stripPunctuation: "strip_punctuation", replace: "replace" } as const;
const PRE_TOKENIZER_TYPES = { tokenPattern: "token_pattern", whitespace: "whitespace", regexSplit: "regex_split", characters: "characters", wordBoundaries: "word_boundaries" } as const;
const ANALYZERS = { word: "word", char: "char", charWb: "char_wb" } as const;

function encodeNormalizer(n: TextNormalizerSpec): pb.TextNormalizer.$Properties {
  const type = NORMALIZER_TYPES[n.type];
  switch (n.type) {
    case "unicodeNormalize":
      return { type, mode: n.form };
    case "stripAccents":
      return { type, mode: n.mode };
    case "stripPunctuation":
      return { type, mode: n.scope };
    case "replace":
      return { type, pattern: n.pattern, replacement: n.replacement };
    default:
      return { type };
  }
}

function decodeNormalizer(m: pb.TextNormalizer.$Properties, field: string): TextNormalizerSpec {
  const type = fromWire(NORMALIZER_TYPES, m.type, `${field}.type`);
  switch (type) {
    case "lowercase":
      return { type };
    case "unicodeNormalize":
      return { type, form: oneOf(m.mode, ["NFC", "NFD", "NFKC", "NFKD"] as const, `${field}.mode`) };
    case "stripAccents":
      return { type, mode: oneOf(m.mode, ["unicode", "ascii"] as const, `${field}.mode`) };
    case "stripPunctuation":
      return { type, scope: oneOf(m.mode, ["ascii", "unicode"] as const, `${field}.mode`) };
    case "replace":
      return { type, pattern: m.pattern ?? "", replacement: m.replacement ?? "" };
  }
}

function encodePreTokenizer(p: TextPreTokenizerSpec): pb.TextPreTokenizer.$Properties {
  return p.type === "tokenPattern" || p.type === "regexSplit" ? { type: PRE_TOKENIZER_TYPES[p.type], pattern: p.pattern } : { type: PRE_TOKENIZER_TYPES[p.type] };
}

function decodePreTokenizer(m: pb.TextPreTokenizer.$Properties | null | undefined, field: string): TextPreTokenizerSpec {
  if (!m) throw new ArtefactError(`artefact field ${field} is missing`);
  const type = fromWire(PRE_TOKENIZER_TYPES, m.type, `${field}.type`);
  return type === "tokenPattern" || type === "regexSplit" ? { type, pattern: m.pattern ?? "" } : { type };
}

function encodeAnalyzer(a: TextAnalyzerSpec): pb.TextAnalyzer.$Properties {
  return {
    normalizers: a.normalizers.map(encodeNormalizer),
    analyzer: ANALYZERS[a.analyzer],
    preTokenizer: encodePreTokenizer(a.preTokenizer),
    ngramMin: a.ngramRange[0],
    ngramMax: a.ngramRange[1],
    unicodeTables: a.unicodeTables,
  };
}

function decodeAnalyzer(m: pb.TextAnalyzer.$Properties | null | undefined, field: string): TextAnalyzerSpec {
  if (!m) throw new ArtefactError(`artefact field ${field} is missing`);
  const min = m.ngramMin ?? 0;
  const max = m.ngramMax ?? 0;
  if (!(min >= 1 && max >= min)) throw new ArtefactError(`artefact field ${field} has n-gram range [${min}, ${max}]; it must satisfy 1 <= min <= max`);
  return {
    normalizers: (m.normalizers ?? []).map((n, i) => decodeNormalizer(n, `${field}.normalizers[${i}]`)),
    analyzer: fromWire(ANALYZERS, m.analyzer, `${field}.analyzer`),
    preTokenizer: decodePreTokenizer(m.preTokenizer, `${field}.pre_tokenizer`),
    ngramRange: [min, max],
    unicodeTables: m.unicodeTables ?? "",
  };
}

function encodeCountVectorizer(s: CountVectorizerState): pb.CountVectorizerState.$Properties {
  return {
    analyzer: encodeAnalyzer(s.analysis),
    vocabulary: s.vocabulary,
    binary: s.binary,
    minDf: s.minDf.value,
    minDfFraction: s.minDf.fraction,
    maxDf: s.maxDf.value,
    maxDfFraction: s.maxDf.fraction,
    maxFeatures: s.maxFeatures,
    fixedVocabulary: s.fixedVocabulary,
    missing: s.missing,
    documents: s.documents,
  };
}

function decodeCountVectorizer(m: pb.CountVectorizerState, d: number, field: string): CountVectorizerState {
  if (d !== 1) throw new ArtefactError(`artefact ${field} node has n_features_in ${d}; a text vectorizer reads one column`);
  const vocabulary = (m.vocabulary ?? []).slice();
  if (vocabulary.length === 0) throw new ArtefactError(`artefact field ${field}.vocabulary is empty`);
  if (new Set(vocabulary).size !== vocabulary.length) throw new ArtefactError(`artefact field ${field}.vocabulary repeats a term`);
  return {
    nFeaturesIn: d,
    analysis: decodeAnalyzer(m.analyzer, `${field}.analyzer`),
    vocabulary,
    binary: m.binary === true,
    minDf: { value: m.minDf ?? 0, fraction: m.minDfFraction === true },
    maxDf: { value: m.maxDf ?? 0, fraction: m.maxDfFraction === true },
    maxFeatures: Number(m.maxFeatures ?? 0),
    fixedVocabulary: m.fixedVocabulary === true,
    missing: oneOf(m.missing, ["error", "empty"] as const, `${field}.missing`),
    documents: Number(m.documents ?? 0),
  };
}

const MAX_DEPTH = 64;

export function encodeNode(record: NodeRecord): NodeProps {
  const codec = CODECS[record.kind] as Codec<Kind>;
  return {
    kind: record.kind,
    name: record.name,
    nFeaturesIn: record.state.nFeaturesIn,
    children: record.children.map(encodeNode),
    [codec.field]: codec.encode(record.state as never),
  };
}

export function decodeNode(node: pb.Node, depth = 0): NodeRecord {
  if (depth > MAX_DEPTH) throw new ArtefactError(`artefact nodes are nested deeper than ${MAX_DEPTH} levels`);
  const kind = node.kind;
  if (!Object.prototype.hasOwnProperty.call(CODECS, kind)) {
    throw new ArtefactError(`artefact node kind ${JSON.stringify(kind)} is not known to this reader; it needs a newer skewless`);
  }
  const codec = CODECS[kind as Kind] as Codec<Kind>;
  const msg = (node as unknown as Record<string, unknown>)[codec.field];
  if (msg == null || node.state !== codec.field) {
    throw new ArtefactError(`artefact node of kind ${kind} carries state ${JSON.stringify(node.state)}, expected ${codec.field}`);
  }
  const d = node.nFeaturesIn ?? 0;
  const state = codec.decode(msg as never, d, kind as Kind);
  // encodeNode writes the state's own width as n_features_in, so they can only differ in damaged bytes.
  if (state.nFeaturesIn !== d) {
    throw new ArtefactError(`artefact node ${JSON.stringify(node.name ?? "")} of kind ${kind} declares n_features_in ${d} but its state has ${state.nFeaturesIn} features; the artefact is corrupt`);
  }
  const children = (node.children ?? []).map((c) => decodeNode(c as pb.Node, depth + 1));
  return { kind, name: node.name ?? "", state, children } as NodeRecord;
}
