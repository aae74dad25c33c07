/**
 * Pretrained vectors in memory, as the format parsers produce them and as EmbeddingTable
 * takes them: tokens, and one float32 row per token. Also the growing table the parsers
 * fill (no size is trusted from a file header), and `wordVectors()` for vectors held in
 * a Map (e.g. entity vectors exported from a trained model's embedding layer).
 */
import {
  type CategoryValue,
  type ValueType,
  categoryKey,
  isMissing,
  mixedTypes,
  requireWellFormed,
  valueType,
} from "../../../core/categories.js";
import { InvalidInputError, InvalidOptionError, describeValue } from "../../../core/errors.js";
import { MAX_DIMS } from "../../../artefact/embedding-codec.js";

export interface WordVectors<K extends CategoryValue = string> {
  /** One token per row, all distinct. */
  readonly tokens: readonly K[];
  /** Values per row. */
  readonly dims: number;
  /** tokens.length x dims, row-major. */
  readonly vectors: Float32Array;
}

/** Options shared by the parsers. */
export interface ParseVectorsOptions {
  /** Read at most this many vectors (the first ones in the file, as gensim's `limit`). */
  limit?: number;
  /** Keep only tokens this returns true for (e.g. the words of your corpus), to save memory. */
  keep?: (token: string) => boolean;
  /** A token seen twice: a typed error (default), or keep its first vector. */
  duplicates?: "error" | "first";
}


/** A malformed vectors file: names the format, the line (or byte offset) and the fix. */
export function formatError(format: string, where: string, what: string, fix: string, value?: string): InvalidInputError {
  return new InvalidInputError(`${format}: ${where}: ${what}; ${fix}`, { column: format, value });
}

export function checkParseOptions(format: string, options: ParseVectorsOptions): void {
  const { limit, keep, duplicates } = options;
  if (limit !== undefined && !(Number.isInteger(limit) && limit >= 0)) {
    throw new InvalidOptionError(`${format}: limit must be a non-negative integer (vectors to read), got ${describeValue(limit)}`);
  }
  if (keep !== undefined && typeof keep !== "function") throw new InvalidOptionError(`${format}: keep must be a function (token) => boolean, got ${describeValue(keep)}`);
  if (duplicates !== undefined && duplicates !== "error" && duplicates !== "first") {
    throw new InvalidOptionError(`${format}: duplicates must be "error" or "first", got ${describeValue(duplicates)}`);
  }
}

/** The table a parser fills, row by row, growing by doubling. */
export class VectorTableBuilder {
  readonly tokens: string[] = [];
  private readonly index = new Map<string, number>();
  private data = new Float32Array(0);
  /** Vectors read from the file (kept or not), for `limit`. */
  read = 0;
  dims = 0;

  constructor(
    private readonly format: string,
    private readonly options: ParseVectorsOptions,
  ) {
    checkParseOptions(format, options);
  }

  /** True once `limit` vectors have been read: the caller stops. */
  get done(): boolean {
    return this.options.limit !== undefined && this.read >= this.options.limit;
  }

  setDims(dims: number, where: string): void {
    if (!(Number.isInteger(dims) && dims >= 1 && dims <= MAX_DIMS)) {
      throw formatError(this.format, where, `vectors have ${dims} values`, `dims must be 1 to ${MAX_DIMS}; check the file is in this format`);
    }
    this.dims = dims;
  }

  /**
   * Starts the row of `token` and returns the offset to write its dims values at, or -1
   * when the row is not kept (filtered out, or a duplicate under duplicates: "first").
   */
  begin(token: string, where: string): number {
    this.read++;
    if (!token.isWellFormed()) {
      throw formatError(this.format, where, `token ${describeValue(token)} holds a lone UTF-16 surrogate`, "repair the file's text");
    }
    if (this.options.keep !== undefined && !this.options.keep(token)) return -1;
    if (this.index.has(token)) {
      if (this.options.duplicates === "first") return -1;
      throw formatError(
        this.format,
        where,
        `token ${describeValue(token)} already had a vector (row ${this.index.get(token)! + 1})`,
        'remove the duplicate, or pass duplicates: "first" to keep the first vector',
        describeValue(token),
      );
    }
    const row = this.tokens.length;
    const need = (row + 1) * this.dims;
    if (need > this.data.length) {
      const grown = new Float32Array(Math.max(need, this.data.length * 2, 1024));
      grown.set(this.data);
      this.data = grown;
    }
    this.index.set(token, row);
    this.tokens.push(token);
    return row * this.dims;
  }

  /** Writes one value of the row begun last (value checked finite by the caller). */
  set(offset: number, value: number): void {
    this.data[offset] = value;
  }

  result(): WordVectors<string> {
    return { tokens: this.tokens, dims: this.dims, vectors: this.data.slice(0, this.tokens.length * this.dims) };
  }
}

/**
 * Vectors from a Map (or [key, vector] pairs) keyed by tokens or categories: strings,
 * numbers or booleans of one type, as categorical columns. -0 and 0 are one key.
 */
export function wordVectors<K extends CategoryValue>(entries: Map<K, ArrayLike<number>> | Iterable<readonly [K, ArrayLike<number>]>): WordVectors<K> {
  const who = "wordVectors";
  const tokens: K[] = [];
  const seen = new Set<CategoryValue>();
  const rows: ArrayLike<number>[] = [];
  let type: ValueType | null = null;
  let dims = -1;
  let i = 0;
  for (const [key, vec] of entries) {
    if (isMissing(key)) throw new InvalidInputError(`${who}: key ${i} is ${describeValue(key)}; a vector needs a token or category key`, { column: who, row: i });
    const t = valueType(key, who, i);
    if (t === "string") requireWellFormed(key as string, who, i);
    if (type === null) type = t;
    else if (t !== type) throw mixedTypes(who, i, key, t, type);
    const k = categoryKey(key) as K;
    if (seen.has(k)) throw new InvalidInputError(`${who}: key ${describeValue(key)} appears twice; give each token one vector`, { column: who, row: i, value: describeValue(key) });
    seen.add(k);
    if (vec == null || typeof (vec as { length?: unknown }).length !== "number") {
      throw new InvalidInputError(`${who}: the vector of ${describeValue(key)} is ${describeValue(vec)}; give an array of numbers`, { column: who, row: i });
    }
    if (dims === -1) dims = vec.length;
    if (vec.length !== dims) {
      throw new InvalidInputError(`${who}: the vector of ${describeValue(key)} has ${vec.length} values but the first one had ${dims}; all vectors need the same length`, {
        column: who,
        row: i,
      });
    }
    tokens.push(k);
    rows.push(vec);
    i++;
  }
  if (!(dims >= 1 && dims <= MAX_DIMS)) throw new InvalidInputError(`${who}: ${tokens.length === 0 ? "no vectors given" : `vectors have ${dims} values`}; give 1 to ${MAX_DIMS} values per vector`);
  const vectors = new Float32Array(tokens.length * dims);
  rows.forEach((vec, r) => {
    for (let j = 0; j < dims; j++) {
      const x = vec[j];
      if (typeof x !== "number" || !Number.isFinite(x) || !Number.isFinite(Math.fround(x))) {
        throw new InvalidInputError(`${who}: value ${j} of the vector of ${describeValue(tokens[r])} is ${describeValue(x)}; vectors hold finite float32 numbers`, {
          column: who,
          row: r,
          value: describeValue(x),
        });
      }
      vectors[r * dims + j] = x;
    }
  });
  return { tokens, dims, vectors };
}
