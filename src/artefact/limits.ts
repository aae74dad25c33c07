/**
 * Load limits for untrusted artefact bytes, checked before anything proportional to a
 * declared size is allocated. Raise one with `loadArtefact(bytes, { limits: { ... } })`.
 */
import { ArtefactError } from "../core/errors.js";

export interface LoadLimits {
  /** Largest artefact accepted, in bytes. */
  maxBytes: number;
  /** Most nodes (transforms, pipeline steps) in one artefact. */
  maxNodes: number;
  /** Deepest nesting of composite nodes. */
  maxDepth: number;
  /** Most features (n_features_in) any node may declare. */
  maxFeatures: number;
}

export const DEFAULT_LIMITS: Readonly<LoadLimits> = Object.freeze({
  maxBytes: 1 << 30,
  maxNodes: 10_000,
  maxDepth: 32,
  maxFeatures: 1 << 24,
});

export function resolveLimits(partial: Partial<LoadLimits> | undefined): LoadLimits {
  const limits = { ...DEFAULT_LIMITS, ...(partial ?? {}) };
  for (const [k, v] of Object.entries(limits)) {
    if (typeof v !== "number" || !(v >= 0)) throw new ArtefactError(`load limit ${k} must be a non-negative number, got ${String(v)}`);
  }
  return limits;
}

export function exceeded(limit: keyof LoadLimits, actual: number, max: number): ArtefactError {
  return new ArtefactError(
    `artefact exceeds load limit ${limit}: ${actual} > ${max}; if you trust this artefact, raise it with loadArtefact(bytes, { limits: { ${limit}: ${actual} } })`,
    "ARTEFACT_LIMIT",
  );
}
