/**
 * State codecs: plain fitted state <-> the generated protobuf messages, one entry per
 * kind. Decoding validates every array length against n_features_in, so a hostile
 * artefact cannot produce a transform that reads out of bounds later.
 */
import { ArtefactError } from "../core/errors.js";
import { bytesToF64, bytesToU32, f64ToBytes, u32ToBytes } from "./bytes.js";
import { skewless } from "./generated/skewless.js";
import type { Kind, NodeRecord, NormKind, StateByKind } from "./states.js";

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
};

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
  const children = (node.children ?? []).map((c) => decodeNode(c as pb.Node, depth + 1));
  return { kind, name: node.name ?? "", state, children } as NodeRecord;
}
