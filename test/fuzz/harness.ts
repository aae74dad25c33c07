/**
 * One fuzz case: load bytes, and if they load, use the object the way a server would.
 * The only acceptable failures are SkewlessErrors with a known code; anything else is
 * reported with the bytes that caused it. Load time and the sizes of what got built
 * are measured against the limits in force.
 */
import { DEFAULT_LIMITS, type ErrorCode, type LoadLimits, type LoadOptions, SkewlessError, loadArtefact, matrix } from "../../src/index.js";

export const ERROR_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  "NOT_FITTED",
  "INVALID_INPUT",
  "INVALID_OPTION",
  "SCHEMA_MISMATCH",
  "ARTEFACT_MALFORMED",
  "ARTEFACT_LIMIT",
  "VERSION_UNSUPPORTED",
  "INTEGRITY_FAILED",
  "SIGNATURE_INVALID",
  "MERGE_INCOMPATIBLE",
  "STATE_UNAVAILABLE",
  "BUFFER_TOO_SMALL",
]);

/** A failure that is not a typed SkewlessError, or a broken invariant: the fuzzer's finding. */
export class FuzzFinding extends Error {
  constructor(
    readonly stage: string,
    override readonly cause: unknown,
    readonly bytes: Uint8Array,
  ) {
    super(
      `${stage}: ${cause instanceof Error ? `${cause.constructor.name}: ${cause.message}` : String(cause)}\n  artefact (${bytes.length} bytes, first 256 hex): ${Buffer.from(bytes.subarray(0, 256)).toString("hex")}`,
    );
  }
}

export interface Stats {
  cases: number;
  loaded: number;
  errors: Map<string, number>;
  /** Errors while using a loaded object (transform, save), by code. */
  useErrors: Map<string, number>;
  /** Loaded objects whose transform gave a non-finite output without an error. */
  silentNonFinite: number;
  maxMs: number;
  totalMs: number;
  slowest: string;
}

export function newStats(): Stats {
  return { cases: 0, loaded: 0, errors: new Map(), useErrors: new Map(), silentNonFinite: 0, maxMs: 0, totalMs: 0, slowest: "" };
}

function isTyped(e: unknown): e is SkewlessError {
  return e instanceof SkewlessError && typeof e.code === "string" && ERROR_CODES.has(e.code) && e.message.length > 0;
}

interface Loaded {
  width: number;
  nFeaturesIn?: number;
  outputNames(): string[];
  transform(x: unknown): unknown;
  save(): Uint8Array;
  toRecord(): { kind: string; state: unknown; children: unknown[] };
}

/** Runs `op`; a typed error is counted, anything else is a finding. */
function use<T>(stage: string, bytes: Uint8Array, stats: Stats, op: () => T): { ok: true; value: T } | { ok: false } {
  try {
    return { ok: true, value: op() };
  } catch (e) {
    if (!isTyped(e)) throw new FuzzFinding(stage, e, bytes);
    stats.useErrors.set(e.code, (stats.useErrors.get(e.code) ?? 0) + 1);
    return { ok: false };
  }
}

/** Every array in a loaded record is within the limits it was loaded under. */
function checkSizes(root: { kind: string; state: unknown; children: unknown[] }, limits: LoadLimits, bytes: Uint8Array): void {
  let nodes = 0;
  const walk = (node: { kind: string; state: unknown; children: unknown[] }, depth: number) => {
    nodes++;
    if (nodes > limits.maxNodes) throw new FuzzFinding("limits", new Error(`loaded ${nodes} nodes > maxNodes ${limits.maxNodes}`), bytes);
    if (depth > limits.maxDepth) throw new FuzzFinding("limits", new Error(`loaded depth ${depth} > maxDepth ${limits.maxDepth}`), bytes);
    const state = node.state as Record<string, unknown>;
    if (typeof state.nFeaturesIn === "number" && state.nFeaturesIn > limits.maxFeatures) {
      throw new FuzzFinding("limits", new Error(`nFeaturesIn ${state.nFeaturesIn} > maxFeatures ${limits.maxFeatures}`), bytes);
    }
    const sizes = (v: unknown, path: string, level: number): void => {
      if (level > 6 || v === null || typeof v !== "object") return;
      // Typed arrays and lists of any length count; a pair like featureRange is an option, not a tensor.
      const n = ArrayBuffer.isView(v) ? (v as unknown as { length: number }).length : Array.isArray(v) && v.length > 2 ? v.length : -1;
      if (n > limits.maxTensorElements) throw new FuzzFinding("limits", new Error(`${path} has ${n} elements > maxTensorElements ${limits.maxTensorElements}`), bytes);
      if (!ArrayBuffer.isView(v)) for (const [k, x] of Object.entries(v)) sizes(x, `${path}.${k}`, level + 1);
    };
    sizes(state, `${node.kind}.state`, 0);
    for (const c of node.children) walk(c as typeof node, depth + 1);
  };
  walk(root, 0);
}

/**
 * Loads `bytes` with `options`, then (if it loaded) exercises the object: width, output
 * names, a transform of a small probe, save and reload. Throws FuzzFinding on anything
 * that is not a typed error; returns the load error code, or "ok".
 */
export function attempt(bytes: Uint8Array, options: LoadOptions, stats: Stats, label: string): string {
  stats.cases++;
  const t0 = performance.now();
  let loaded: Loaded;
  try {
    loaded = loadArtefact(bytes, options) as unknown as Loaded;
  } catch (e) {
    const ms = performance.now() - t0;
    record(stats, ms, label);
    if (!isTyped(e)) throw new FuzzFinding(`load (${label})`, e, bytes);
    stats.errors.set(e.code, (stats.errors.get(e.code) ?? 0) + 1);
    return e.code;
  }
  record(stats, performance.now() - t0, label);
  stats.loaded++;
  const limits = { ...DEFAULT_LIMITS, ...(options.limits ?? {}) };
  checkSizes(loaded.toRecord(), limits, bytes);
  const width = use("width", bytes, stats, () => loaded.width);
  if (width.ok && width.value <= 4096) use("outputNames", bytes, stats, () => loaded.outputNames());
  const d = loaded.nFeaturesIn;
  if (typeof d === "number" && d >= 1 && d <= 256 && width.ok && width.value <= 4096) {
    const probe = new Float64Array(2 * d).map((_, i) => (i % 3) - 0.75);
    for (const input of [matrix(probe, 2, d), d === 1 ? [0.5, 2] : [Array.from(probe.subarray(0, d))], ["a", null]]) {
      const y = use("transform", bytes, stats, () => loaded.transform(input));
      if (y.ok && (y.value instanceof Float32Array || y.value instanceof Float64Array)) {
        for (let i = 0; i < y.value.length; i++) {
          if (!Number.isFinite(y.value[i])) {
            stats.silentNonFinite++;
            break;
          }
        }
      }
    }
  }
  const again = use("save", bytes, stats, () => loaded.save());
  if (again.ok) {
    // Whatever loads must save to bytes that load again and save to the same bytes.
    let reloaded: Loaded;
    try {
      // re-saving does not sign, so only the limits carry over
      reloaded = loadArtefact(again.value, { limits: options.limits }) as unknown as Loaded;
    } catch (e) {
      throw new FuzzFinding("reload of a re-saved artefact", e, bytes);
    }
    const third = use("re-save", bytes, stats, () => reloaded.save());
    if (third.ok && Buffer.compare(Buffer.from(third.value), Buffer.from(again.value)) !== 0) {
      throw new FuzzFinding("re-save", new Error("save(load(save(load(x)))) differs from save(load(x))"), bytes);
    }
  }
  return "ok";
}

function record(stats: Stats, ms: number, label: string): void {
  stats.totalMs += ms;
  if (ms > stats.maxMs) {
    stats.maxMs = ms;
    stats.slowest = label;
  }
}

export function mergeStats(into: Stats, from: Stats): void {
  into.cases += from.cases;
  into.loaded += from.loaded;
  for (const [k, v] of from.errors) into.errors.set(k, (into.errors.get(k) ?? 0) + v);
  for (const [k, v] of from.useErrors) into.useErrors.set(k, (into.useErrors.get(k) ?? 0) + v);
  into.silentNonFinite += from.silentNonFinite;
  into.totalMs += from.totalMs;
  if (from.maxMs > into.maxMs) {
    into.maxMs = from.maxMs;
    into.slowest = from.slowest;
  }
}

export function summary(stats: Stats): string {
  const codes = [...stats.errors.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => `    ${k.padEnd(22)} ${v}`);
  const use = [...stats.useErrors.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => `    ${k.padEnd(22)} ${v}`);
  return [
    `  cases                    ${stats.cases}`,
    `  loaded (success)         ${stats.loaded}`,
    `  typed load errors        ${stats.cases - stats.loaded}`,
    ...codes,
    `  typed errors using loaded objects`,
    ...(use.length ? use : ["    (none)"]),
    `  silent non-finite output ${stats.silentNonFinite}`,
    `  load time: mean ${(stats.totalMs / Math.max(1, stats.cases)).toFixed(4)} ms, max ${stats.maxMs.toFixed(2)} ms (${stats.slowest})`,
  ].join("\n");
}
