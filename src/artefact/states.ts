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

export interface PipelineState {
  nFeaturesIn: number;
}

/** Kind name -> state type. A new transform kind adds a line here, a proto oneof member and a codec. */
export interface StateByKind {
  Pipeline: PipelineState;
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
}

export type Kind = keyof StateByKind;

/** One fitted object in an artefact; `children` are the parts of a composite (pipeline steps). */
export type NodeRecord = {
  [K in Kind]: { kind: K; name: string; state: StateByKind[K]; children: NodeRecord[] };
}[Kind];
