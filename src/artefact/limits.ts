/**
 * Load limits for untrusted artefact bytes. Each is checked before anything proportional
 * to a declared size is allocated: the framing and the wire pre-scan (wire-scan.ts) run
 * before protobufjs builds a single object, and array lengths are checked before a typed
 * array is made. Raise one with `loadArtefact(bytes, { limits: { ... } })`.
 */
import { ArtefactError, InvalidOptionError } from "../core/errors.js";

export interface LoadLimits {
  /** Largest artefact accepted, in bytes. */
  maxBytes: number;
  /** Most nodes (transforms, pipeline steps) in one artefact. */
  maxNodes: number;
  /** Deepest nesting of composite nodes (at most {@link MAX_DEPTH_CAP}). */
  maxDepth: number;
  /** Most features (n_features_in) any node may declare. */
  maxFeatures: number;
  /**
   * Most elements in any one array of fitted state: a numeric array (`*_f64`, `*_u32`
   * bytes), a repeated field (vocabulary, categories, layout columns, statistics), or a
   * size a codec derives from declared counts (n_quantiles x n_features).
   */
  maxTensorElements: number;
}

/**
 * Nesting beyond this is refused whatever the limits say: protobufjs stops at 100 nested
 * messages (protoc's default), and a node is two messages deep per level at most.
 */
export const MAX_DEPTH_CAP = 40;

export const DEFAULT_LIMITS: Readonly<LoadLimits> = Object.freeze({
  maxBytes: 1 << 30,
  maxNodes: 10_000,
  maxDepth: 32,
  maxFeatures: 1 << 24,
  // 64 Mi elements = 512 MiB as float64, half of maxBytes.
  maxTensorElements: 1 << 26,
});

const NAMES = Object.keys(DEFAULT_LIMITS) as (keyof LoadLimits)[];

export function resolveLimits(partial: Partial<LoadLimits> | undefined): LoadLimits {
  if (partial !== undefined && (partial === null || typeof partial !== "object")) {
    throw new InvalidOptionError(`loadArtefact option limits must be an object such as { maxBytes: 1e6 }, got ${String(partial)}`);
  }
  const limits: LoadLimits = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(partial ?? {})) {
    if (!(NAMES as string[]).includes(key)) {
      throw new InvalidOptionError(`unknown load limit ${JSON.stringify(key)}; the limits are ${NAMES.join(", ")}`);
    }
    const v = (partial as Record<string, unknown>)[key];
    if (v === undefined) continue;
    if (typeof v !== "number" || !(v >= 0) || (Number.isFinite(v) && !Number.isInteger(v))) {
      throw new InvalidOptionError(`load limit ${key} must be a non-negative integer (or Infinity), got ${String(v)}`);
    }
    limits[key as keyof LoadLimits] = v;
  }
  if (limits.maxDepth > MAX_DEPTH_CAP) {
    throw new InvalidOptionError(`load limit maxDepth is at most ${MAX_DEPTH_CAP} (the protobuf reader's nesting limit), got ${limits.maxDepth}`);
  }
  return limits;
}

/** The ARTEFACT_LIMIT error: names the limit, what exceeded it, and how to raise it. */
export function exceeded(limit: keyof LoadLimits, actual: number, max: number, what?: string): ArtefactError {
  const raiseTo = Number.isSafeInteger(actual) ? actual : "Infinity";
  return new ArtefactError(
    `artefact exceeds load limit ${limit}: ${what ? `${what} is ` : ""}${actual} > ${max}; if you trust this artefact, raise it with loadArtefact(bytes, { limits: { ${limit}: ${raiseTo} } })` +
      (limit === "maxDepth" && actual > MAX_DEPTH_CAP ? ` (maxDepth cannot exceed ${MAX_DEPTH_CAP})` : ""),
    "ARTEFACT_LIMIT",
  );
}
