/** EmbeddingTable options: what a user may pass, defaults, and validation (InvalidOptionError naming the option and the allowed values). */
import { MAX_DIMS, MAX_OOV_BUCKETS } from "../../artefact/embedding-codec.js";
import type { EmbeddingOov, EmbeddingPooling, EmbeddingSource, EmbeddingStorage } from "../../artefact/states.js";
import { type CategoryValue, categoryKey, isMissing, requireWellFormed } from "../../core/categories.js";
import { InvalidOptionError, SkewlessError, describeValue } from "../../core/errors.js";
import type { TransformOptions } from "../base.js";
import { type WordVectors, wordVectors } from "./formats/word-vectors.js";

export type { EmbeddingOov, EmbeddingPooling, EmbeddingSource, EmbeddingStorage } from "../../artefact/states.js";

export interface EmbeddingTableOptions extends TransformOptions {
  /**
   * Where the vectors come from: "pretrained" (the `vectors` option: word2vec / GloVe
   * files parsed with parseWord2vecText, parseWord2vecBinary, parseGloveText, or a Map
   * from wordVectors()), "corpus" (learned from the fit data: PPMI + truncated SVD), or
   * "random" (a seeded random vector per token, e.g. entity embeddings to be trained
   * later). Default: "pretrained" when `vectors` is given, else "corpus".
   */
  source?: EmbeddingSource;
  /** Pretrained vectors (source "pretrained"), keyed by token or category. */
  vectors?: WordVectors<CategoryValue> | Map<CategoryValue, ArrayLike<number>>;
  /** Vector length for "corpus" and "random" (default 100). Pretrained vectors set their own. */
  dims?: number;
  /** "corpus": co-occurrence window, tokens on each side (default 5). */
  window?: number;
  /** Fewest occurrences in fit for a token to get a row (default 5 for "corpus", else 1). */
  minCount?: number;
  /** Most vocabulary rows: the most frequent tokens (ties by token, descending); default no limit. */
  maxTokens?: number | null;
  /** "corpus": context distribution smoothing α of PPMI (default 0.75; 1 = none). */
  contextSmoothing?: number;
  /** "corpus": vectors are U Σ^p; p (default 0.5). */
  eigenWeight?: number;
  /** "corpus": power iterations of the randomized SVD (default 7). */
  iterations?: number;
  /** Scale every vocabulary vector to unit length (default true for "corpus", false otherwise). */
  normalize?: boolean;
  /** Seed of everything random: the SVD's test matrix, random vectors, OOV buckets (default 0). */
  seed?: number;
  /** Vector of unknown tokens: "zero" (default), "mean", "random" or "hashBuckets". */
  oov?: EmbeddingOov;
  /** "hashBuckets": number of OOV rows (default 64). */
  oovBuckets?: number;
  /** How a row's vectors become one: "mean" (default), "sum", "max", "tfIdfMean". */
  pooling?: EmbeddingPooling;
  /** Padding token: skipped when pooling, never a row (e.g. "" or 0). Default null. */
  maskToken?: string | number | null;
  /** Missing values (null, undefined, NaN) at transform: "mask" (default, skipped like padding) or "error". Fit skips them either way. */
  missing?: "mask" | "error";
  /** How the table is stored in the artefact: "float32" (default), "float16" or "int8". */
  storage?: EmbeddingStorage;
}

export interface ResolvedEmbeddingOptions {
  readonly source: EmbeddingSource;
  /** Pretrained vectors with their index; null for other sources. */
  readonly pretrained: IndexedVectors | null;
  readonly dims: number;
  readonly window: number;
  readonly minCount: number;
  readonly maxTokens: number | null;
  readonly contextSmoothing: number;
  readonly eigenWeight: number;
  readonly iterations: number;
  readonly normalize: boolean;
  readonly seed: number;
  readonly oov: EmbeddingOov;
  readonly oovBuckets: number;
  readonly pooling: EmbeddingPooling;
  readonly maskToken: string | number | null;
  readonly missing: "mask" | "error";
  readonly storage: EmbeddingStorage;
}

/** Pretrained vectors checked once, with a token -> row index. */
export interface IndexedVectors {
  readonly vectors: WordVectors<CategoryValue>;
  readonly index: Map<CategoryValue, number>;
}

const K = "EmbeddingTable";

function oneOf<T extends string>(name: string, v: unknown, allowed: readonly T[], fallback: T): T {
  if (v === undefined) return fallback;
  if ((allowed as readonly unknown[]).includes(v)) return v as T;
  throw new InvalidOptionError(`${K}: ${name} must be one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}, got ${describeValue(v)}`);
}

function integer(name: string, v: unknown, min: number, max: number, fallback: number): number {
  if (v === undefined) return fallback;
  if (typeof v === "number" && Number.isInteger(v) && v >= min && v <= max) return v;
  throw new InvalidOptionError(`${K}: ${name} must be an integer from ${min} to ${max}, got ${describeValue(v)}`);
}

function real(name: string, v: unknown, ok: (x: number) => boolean, range: string, fallback: number): number {
  if (v === undefined) return fallback;
  if (typeof v === "number" && Number.isFinite(v) && ok(v)) return v;
  throw new InvalidOptionError(`${K}: ${name} must be a number ${range}, got ${describeValue(v)}`);
}

/** Checks given pretrained vectors (shape, finite float32 values, distinct keys of one type) and indexes them. */
export function indexVectors(given: unknown): IndexedVectors {
  if (given instanceof Map) return indexVectors(wrap(() => wordVectors(given as Map<CategoryValue, ArrayLike<number>>)));
  const v = given as WordVectors<CategoryValue>;
  if (v === null || typeof v !== "object" || !Array.isArray(v.tokens) || !(v.vectors instanceof Float32Array) || typeof v.dims !== "number") {
    throw new InvalidOptionError(
      `${K}: vectors must be { tokens, dims, vectors: Float32Array } (from parseWord2vecText, parseWord2vecBinary, parseGloveText or wordVectors) or a Map from token to vector, got ${describeValue(given)}`,
    );
  }
  if (!(Number.isInteger(v.dims) && v.dims >= 1 && v.dims <= MAX_DIMS)) throw new InvalidOptionError(`${K}: vectors.dims must be an integer from 1 to ${MAX_DIMS}, got ${describeValue(v.dims)}`);
  if (v.vectors.length !== v.tokens.length * v.dims) {
    throw new InvalidOptionError(`${K}: vectors.vectors holds ${v.vectors.length} values, but ${v.tokens.length} tokens x ${v.dims} dims need ${v.tokens.length * v.dims}`);
  }
  if (v.tokens.length === 0) throw new InvalidOptionError(`${K}: vectors holds no token; give at least one vector`);
  for (let i = 0; i < v.vectors.length; i++) {
    if (!Number.isFinite(v.vectors[i])) throw new InvalidOptionError(`${K}: vectors.vectors[${i}] (token ${describeValue(v.tokens[Math.floor(i / v.dims)])}) is ${v.vectors[i]}; vectors must be finite`);
  }
  const index = new Map<CategoryValue, number>();
  let type: string | null = null;
  v.tokens.forEach((t, i) => {
    if (isMissing(t) || !(typeof t === "string" || typeof t === "number" || typeof t === "boolean") || (typeof t === "number" && !Number.isFinite(t))) {
      throw new InvalidOptionError(`${K}: vectors.tokens[${i}] is ${describeValue(t)}; tokens are strings, finite numbers or booleans`);
    }
    if (type !== null && typeof t !== type) throw new InvalidOptionError(`${K}: vectors.tokens mixes ${type}s and ${typeof t}s (token ${i}); give tokens of one type`);
    type = typeof t;
    if (typeof t === "string") wrap(() => requireWellFormed(t, `${K} vectors.tokens`, i));
    const key = categoryKey(t);
    if (index.has(key)) throw new InvalidOptionError(`${K}: vectors.tokens holds ${describeValue(t)} twice (entries ${index.get(key)} and ${i}); give each token once`);
    index.set(key, i);
  });
  return { vectors: v, index };
}

function wrap<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof SkewlessError && !(e instanceof InvalidOptionError)) throw new InvalidOptionError(`${K}: vectors: ${e.message}`);
    throw e;
  }
}

const CORPUS_ONLY = ["window", "contextSmoothing", "eigenWeight", "iterations"] as const;

export function resolveOptions(o: EmbeddingTableOptions): ResolvedEmbeddingOptions {
  if (o === null || typeof o !== "object") throw new InvalidOptionError(`${K}: options must be an object, got ${describeValue(o)}`);
  const source = oneOf("source", o.source, ["pretrained", "corpus", "random"] as const, o.vectors !== undefined ? "pretrained" : "corpus");
  if (source === "pretrained" && o.vectors === undefined) {
    throw new InvalidOptionError(`${K}: source "pretrained" needs vectors (e.g. parseWord2vecText(bytes)); pass vectors, or use source "corpus" to learn them from the fit data`);
  }
  if (source !== "pretrained" && o.vectors !== undefined) throw new InvalidOptionError(`${K}: vectors apply to source "pretrained" only (this table has source ${JSON.stringify(source)}); drop vectors or the source option`);
  if (source !== "corpus") {
    for (const name of CORPUS_ONLY) {
      if (o[name] !== undefined) throw new InvalidOptionError(`${K}: ${name} applies to source "corpus" only (this table has source ${JSON.stringify(source)}); drop ${name}`);
    }
  }
  const pretrained = source === "pretrained" ? indexVectors(o.vectors) : null;
  if (pretrained !== null && o.dims !== undefined && o.dims !== pretrained.vectors.dims) {
    throw new InvalidOptionError(`${K}: dims is ${describeValue(o.dims)} but the pretrained vectors have ${pretrained.vectors.dims} values; drop dims (pretrained vectors set it)`);
  }
  const dims = pretrained !== null ? pretrained.vectors.dims : integer("dims", o.dims, 1, MAX_DIMS, 100);
  const oov = oneOf("oov", o.oov, ["zero", "mean", "random", "hashBuckets"] as const, "zero");
  if (oov !== "hashBuckets" && o.oovBuckets !== undefined) throw new InvalidOptionError(`${K}: oovBuckets applies to oov "hashBuckets" only (this table has oov ${JSON.stringify(oov)}); drop oovBuckets`);
  const mask = o.maskToken ?? null;
  if (mask !== null && !((typeof mask === "string" && mask.isWellFormed()) || (typeof mask === "number" && Number.isFinite(mask)))) {
    throw new InvalidOptionError(`${K}: maskToken must be a string, a finite number or null, got ${describeValue(mask)}`);
  }
  const maxTokens = o.maxTokens ?? null;
  return {
    source,
    pretrained,
    dims,
    window: source === "corpus" ? integer("window", o.window, 1, 1000, 5) : 0,
    minCount: integer("minCount", o.minCount, 1, Number.MAX_SAFE_INTEGER, source === "corpus" ? 5 : 1),
    maxTokens: maxTokens === null ? null : integer("maxTokens", maxTokens, 1, 0x7fffffff, 0),
    contextSmoothing: source === "corpus" ? real("contextSmoothing", o.contextSmoothing, (x) => x > 0 && x <= 1, "in (0, 1]", 0.75) : 0,
    eigenWeight: source === "corpus" ? real("eigenWeight", o.eigenWeight, (x) => x >= 0 && x <= 1, "in [0, 1]", 0.5) : 0,
    iterations: source === "corpus" ? integer("iterations", o.iterations, 0, 100, 7) : 0,
    normalize: o.normalize === undefined ? source === "corpus" : boolOption("normalize", o.normalize),
    seed: integer("seed", o.seed, 0, 0xffffffff, 0),
    oov,
    oovBuckets: oov === "hashBuckets" ? integer("oovBuckets", o.oovBuckets, 1, MAX_OOV_BUCKETS, 64) : 1,
    pooling: oneOf("pooling", o.pooling, ["mean", "sum", "max", "tfIdfMean"] as const, "mean"),
    maskToken: mask === null ? null : (categoryKey(mask) as string | number),
    missing: oneOf("missing", o.missing, ["mask", "error"] as const, "mask"),
    storage: oneOf("storage", o.storage, ["float32", "float16", "int8"] as const, "float32"),
  };
}

function boolOption(name: string, v: unknown): boolean {
  if (typeof v === "boolean") return v;
  throw new InvalidOptionError(`${K}: ${name} must be true or false, got ${describeValue(v)}`);
}
