/**
 * Hashing with Keras semantics (keras.layers.Hashing): each value goes to a bucket id in
 * [0, numBins) by a hash, with no vocabulary to learn.
 *
 * - Hash: MurmurHash3 x86 32-bit of the value's UTF-8 bytes with `salt` (a uint32) as
 *   the seed, read as unsigned, modulo the bins. Keras uses FarmHash64 (SipHash64 when
 *   salted), so bucket ids differ from Keras's; the semantics (mask, bins, modes) are
 *   the same, and ids are stable across platforms and versions of this library.
 * - maskValue: that value maps to 0 and every other value to 1..numBins-1
 *   (hash % (numBins - 1) + 1). As in Keras, a mask needs numBins > 1 to take effect.
 * - Values are hashed as text (./hash-key.ts): numbers via their JavaScript decimal
 *   string (String(v)), booleans as "true"/"false". So 3 and "3" share a bucket. Keras
 *   casts floats to int64 before hashing (1.5 -> "1"); here 1.5 hashes as "1.5".
 * - outputMode "int" (one id per row, width 1), "oneHot" (one value per row), and for
 *   rows that are lists of values "multiHot" (1 per bucket hit) and "count" (hits per
 *   bucket); as in Keras, a masked value counts in bucket 0. A single value is accepted
 *   as a row of one in multiHot/count.
 * - `transformIds` returns the ids as an Int32Array (for embedding layers); the
 *   Float32Array of `transform` holds ids exactly only below 2^24.
 * - `transformSparse` gives oneHot/multiHot/count rows as CSR without a dense block.
 * - Stateless: fit only checks the input is a column and learns nothing; transform
 *   works without fit.
 * - Missing values (null, undefined, NaN), ±Infinity, objects and strings with a lone
 *   UTF-16 surrogate (no UTF-8 form) are typed errors: fill missing values first (for
 *   instance with the mask value). NFC and NFD spellings hash differently unless a
 *   normalizer runs first.
 */
import type { ColumnType } from "../../artefact/index.js";
import type { HashOutputMode, HashingState } from "../../artefact/states.js";
import type { CategoricalValue, CategoryValue } from "../../core/categories.js";
import { InvalidInputError, InvalidOptionError, describeValue } from "../../core/errors.js";
import { murmurhash3String } from "../../core/murmurhash3.js";
import { type CsrMatrix } from "../../core/sparse.js";
import type { AccumulatorSpec } from "../../core/transform.js";
import { ColumnTransform, type TransformOptions } from "../base.js";
import { hashKey } from "./hash-key.js";
import { type StatelessAcc, statelessSpec } from "./stateless.js";

/** One value per row, or (multiHot / count) a list of values per row. */
export type HashingInput = ArrayLike<CategoricalValue | ArrayLike<CategoricalValue>>;

export interface HashingOptions extends TransformOptions {
  /** Number of buckets (the mask's bucket 0 included), 1 .. 2^31-1. Required. */
  numBins: number;
  /** Default "int". */
  outputMode?: HashOutputMode;
  /** Seed of the hash, an integer in [0, 2^32). Default 0. */
  salt?: number;
  /** Value mapped to bucket 0 (others to 1..numBins-1). Default: none. */
  maskValue?: CategoryValue | null;
}

interface PreparedValues {
  readonly values: HashingInput;
  readonly rows: number;
}

const MODES: readonly HashOutputMode[] = ["int", "oneHot", "multiHot", "count"];
const MAX_DENSE_VALUES = 2 ** 28;

export class Hashing extends ColumnTransform<HashingInput, "Hashing", StatelessAcc, PreparedValues> {
  readonly kind = "Hashing" as const;
  readonly options: Readonly<{ numBins: number; outputMode: HashOutputMode; salt: number; maskValue: string | null }>;

  constructor(options: HashingOptions) {
    super(options?.name, "x");
    this.who = `Hashing "${this.name}"`;
    const { numBins } = options ?? ({} as HashingOptions);
    if (!(Number.isInteger(numBins) && numBins >= 1 && numBins <= 2 ** 31 - 1)) {
      throw new InvalidOptionError(`Hashing: numBins must be an integer in [1, 2^31-1], got ${describeValue(numBins)}`);
    }
    const outputMode = options.outputMode ?? "int";
    if (!MODES.includes(outputMode)) {
      throw new InvalidOptionError(`Hashing: outputMode must be "int", "oneHot", "multiHot" or "count", got ${describeValue(outputMode)}`);
    }
    const salt = options.salt ?? 0;
    if (!(Number.isInteger(salt) && salt >= 0 && salt <= 0xffffffff)) {
      throw new InvalidOptionError(`Hashing: salt must be an integer in [0, 2^32) (the hash seed), got ${describeValue(salt)}`);
    }
    const mask = options.maskValue ?? null;
    let maskValue: string | null = null;
    if (mask !== null) {
      if (!(typeof mask === "string" || typeof mask === "boolean" || (typeof mask === "number" && Number.isFinite(mask)))) {
        throw new InvalidOptionError(`Hashing: maskValue must be a string, a finite number or a boolean (or null for none), got ${describeValue(mask)}`);
      }
      maskValue = String(mask);
      if (!maskValue.isWellFormed()) throw new InvalidOptionError(`Hashing: maskValue ${describeValue(mask)} contains a lone UTF-16 surrogate; repair it first`);
    }
    this.options = { numBins, outputMode, salt, maskValue };
    // Stateless: usable before fit.
    this.acc = this.accumulatorSpec().init();
  }

  static fromState(state: HashingState, name?: string): Hashing {
    return new Hashing({ name, numBins: state.numBins, outputMode: state.outputMode, salt: state.salt, maskValue: state.maskValue });
  }

  /** Error-message label, built once (not per row in the hot loops). */
  private readonly who: string;

  protected accumulatorSpec(): AccumulatorSpec<HashingInput, StatelessAcc, HashingState> {
    const o = this.options;
    return statelessSpec(
      (batch) => requireValues(batch, this.who),
      () => ({ nFeaturesIn: 1, numBins: o.numBins, outputMode: o.outputMode, salt: o.salt, maskValue: o.maskValue }),
    );
  }

  protected prepare(values: HashingInput): PreparedValues {
    return { values, rows: requireValues(values, this.who) };
  }

  protected inputType(): ColumnType {
    return "categorical";
  }

  protected widthFor(s: HashingState): number {
    return s.outputMode === "int" ? 1 : s.numBins;
  }

  protected namesFor(s: HashingState, inputNames: string[]): string[] {
    if (s.outputMode === "int") return [inputNames[0]];
    return Array.from({ length: s.numBins }, (_, b) => `${inputNames[0]}_${b}`);
  }

  override transform(values: HashingInput, out?: Float32Array): Float32Array {
    if (out === undefined) {
      const w = this.width;
      const rows = requireValues(values, this.who);
      if (rows * w > MAX_DENSE_VALUES) {
        throw new InvalidInputError(`${this.who}: a dense output of ${rows} rows x ${w} columns is too large; use transformSparse (CSR), transformIds, or smaller batches`, {
          column: this.name,
        });
      }
    }
    return super.transform(values, out);
  }

  protected apply(s: HashingState, x: PreparedValues, out: Float32Array): void {
    if (s.outputMode === "int") {
      const ids = this.ids(s, x.values, x.rows);
      for (let i = 0; i < x.rows; i++) out[i] = ids[i];
      return;
    }
    const m = this.sparse(s, x.values, x.rows);
    out.fill(0, 0, x.rows * s.numBins);
    for (let i = 0; i < x.rows; i++) {
      const base = i * s.numBins;
      for (let k = m.indptr[i]; k < m.indptr[i + 1]; k++) out[base + m.indices[k]] = m.data[k];
    }
  }

  /** Bucket id of each row's value, as Int32Array (one value per row, whatever outputMode). */
  transformIds(values: HashingInput): Int32Array {
    const s = this.state();
    return this.ids(s, values, requireValues(values, this.who));
  }

  /** oneHot / multiHot / count rows as CSR (n x numBins, buckets increasing within a row). */
  transformSparse(values: HashingInput): CsrMatrix {
    const s = this.state();
    if (s.outputMode === "int") {
      throw new InvalidOptionError(`${this.who}: transformSparse needs outputMode "oneHot", "multiHot" or "count"; use transformIds for "int"`, { column: this.name });
    }
    return this.sparse(s, values, requireValues(values, this.who));
  }

  /** The bucket of one value. */
  private bucket(s: HashingState, v: unknown, row: number): number {
    return bucketOf(typeof v === "string" ? v : hashKey(v, this.who, row), s, this.who, row);
  }

  private ids(s: HashingState, values: HashingInput, rows: number): Int32Array {
    const ids = new Int32Array(rows);
    const who = this.who;
    for (let i = 0; i < rows; i++) {
      const v = values[i];
      // Strings first: the common case skips the type dispatch of hashKey.
      if (typeof v === "string") ids[i] = bucketOf(v, s, who, i);
      else if (isList(v)) throw oneValuePerRow(who, i, v, 'transformIds and outputMode "int"/"oneHot"');
      else ids[i] = bucketOf(hashKey(v, who, i), s, who, i);
    }
    return ids;
  }

  private sparse(s: HashingState, values: HashingInput, rows: number): CsrMatrix {
    const indptr = new Int32Array(rows + 1);
    let indices = new Int32Array(Math.max(16, rows));
    let data = new Float32Array(indices.length);
    let nnz = 0;
    const multi = s.outputMode === "multiHot" || s.outputMode === "count";
    const rowBins: number[] = [];
    for (let i = 0; i < rows; i++) {
      const v = values[i];
      rowBins.length = 0;
      if (isList(v)) {
        if (!multi) throw oneValuePerRow(this.who, i, v, `outputMode "${s.outputMode}"`);
        for (let t = 0; t < v.length; t++) rowBins.push(this.bucket(s, v[t], i));
        rowBins.sort((a, b) => a - b);
      } else {
        rowBins.push(this.bucket(s, v, i));
      }
      if (nnz + rowBins.length > indices.length) {
        const cap = Math.max(indices.length * 2, nnz + rowBins.length);
        const ni = new Int32Array(cap);
        ni.set(indices);
        indices = ni;
        const nd = new Float32Array(cap);
        nd.set(data);
        data = nd;
      }
      for (let a = 0; a < rowBins.length; ) {
        const b = rowBins[a];
        let c = 0;
        while (a < rowBins.length && rowBins[a] === b) {
          a++;
          c++;
        }
        indices[nnz] = b;
        data[nnz] = s.outputMode === "count" ? c : 1;
        nnz++;
      }
      indptr[i + 1] = nnz;
    }
    return { rows, cols: s.numBins, indptr, indices: indices.slice(0, nnz), data: data.slice(0, nnz) };
  }
}

/** Keras's bucketing: with an effective mask, the mask -> 0 and others -> 1..numBins-1; else 0..numBins-1. */
function bucketOf(key: string, s: HashingState, who: string, row: number): number {
  const masked = s.maskValue !== null && s.numBins > 1;
  if (masked && key === s.maskValue) return 0;
  const h = murmurhash3String(key, s.salt, who, row) >>> 0;
  return masked ? (h % (s.numBins - 1)) + 1 : h % s.numBins;
}

function isList(v: unknown): v is ArrayLike<unknown> {
  return v != null && typeof v === "object" && typeof (v as { length?: unknown }).length === "number";
}

/** Checks the input is a list of rows (not a string, whose characters would become rows). */
export function requireValues(values: unknown, who: string): number {
  if (!isList(values)) {
    throw new InvalidInputError(`${who}: expected a column (an array of values, one per row), got ${describeValue(values)}`, {
      column: who,
      value: describeValue(values),
    });
  }
  return values.length;
}

function oneValuePerRow(who: string, row: number, v: unknown, what: string): InvalidInputError {
  return new InvalidInputError(
    `${who}: row ${row} is a list (${describeValue(v)}) but ${what} takes one value per row; use outputMode "multiHot" or "count" for lists`,
    { column: who, row, value: describeValue(v) },
  );
}
