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
export { StandardScaler, type StandardScalerOptions } from "./transforms/numeric/standard-scaler.js";
export type { LoadedTransform } from "./transforms/registry.js";
export { loadArtefact, inspectArtefact, type LoadOptions } from "./load.js";
export {
  DEFAULT_LIMITS,
  FORMAT_MAJOR,
  FORMAT_MINOR,
  type ArtefactInfo,
  type LoadLimits,
} from "./artefact/index.js";
