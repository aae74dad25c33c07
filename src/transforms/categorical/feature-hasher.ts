/**
 * FeatureHasher with scikit-learn 1.2 semantics (the hashing trick): each row is a list
 * of features, each feature's name hashed with MurmurHash3 x86 32-bit (seed 0) over its
 * UTF-8 bytes, bit-exact with `sklearn.feature_extraction.FeatureHasher`.
 *
 * - inputType "string": a row is a list of string tokens, each counted with value 1.
 * - inputType "pair": a row is a list of [feature, value] pairs. A string value becomes
 *   the token "feature=value" with value 1 (as scikit-learn's dict/pair input does); a
 *   number is the value of the token "feature"; a boolean counts as 1 / 0 (Python's
 *   bool is a number). Zero values are skipped before hashing, as scikit-learn does.
 * - Column = abs(h) % nFeatures, where h is the signed 32-bit hash; for h = -2^31 that is
 *   2^31 % nFeatures (scikit-learn special-cases the C overflow to this value).
 *   With alternateSign the value is negated when h < 0. Values landing in the same
 *   column of a row are summed (scikit-learn's sum_duplicates), in float64, then
 *   rounded once to float32.
 * - Stateless: fit only checks the input is a list of rows and learns nothing;
 *   transform works without fit (scikit-learn: "does not need to be fitted").
 * - `transformSparse` returns the CSR matrix scikit-learn returns (column indices sorted
 *   within a row; a duplicate summing to 0 stays stored, as sum_duplicates keeps it).
 *   `transform` is the dense form, for small nFeatures only.
 *
 * Deviations (typed errors where scikit-learn would return or raise something else):
 * a NaN or ±Infinity pair value, a missing (null) value or row, a non-string token or
 * feature name (scikit-learn: TypeError), a row that is a string rather than a list
 * (scikit-learn checks only the first row), and a token with a lone UTF-16 surrogate
 * (no UTF-8 form; Python raises UnicodeEncodeError), and a column sum outside the
 * float32 range of the output (scikit-learn's float64 output would hold it). Float64
 * sums below float32's range round to float32 (subnormals to 0). An empty batch gives zero rows
 * (scikit-learn raises "Cannot vectorize empty sequence"). Tokens are not
 * Unicode-normalized: NFC and NFD spellings hash differently (as in scikit-learn).
 */
import type { FeatureHasherState } from "../../artefact/states.js";
import type { ColumnType } from "../../artefact/index.js";
import { InvalidInputError, InvalidOptionError, describeValue } from "../../core/errors.js";
import { murmurhash3String } from "../../core/murmurhash3.js";
import { type CsrMatrix } from "../../core/sparse.js";
import type { AccumulatorSpec } from "../../core/transform.js";
import { ColumnTransform, type TransformOptions } from "../base.js";
import { type StatelessAcc, statelessSpec } from "./stateless.js";

/** A feature value in "pair" input. */
export type FeaturePairValue = string | number | boolean;
/** One [feature, value] pair of "pair" input. */
export type FeaturePair = readonly [string, FeaturePairValue];
/** One row: string tokens ("string") or [feature, value] pairs ("pair"). */
export type FeatureHasherRow = ArrayLike<string> | ArrayLike<FeaturePair>;
/** Rows of features, one list per row. */
export type FeatureHasherInput = ArrayLike<FeatureHasherRow>;

export interface FeatureHasherOptions extends TransformOptions {
  /** Output columns, 1 .. 2^31-1. Default 2^20 (use transformSparse at that width). */
  nFeatures?: number;
  /** Default "string" (scikit-learn's default "dict" is "pair" here: pass Object.entries(dict)). */
  inputType?: "string" | "pair";
  /** Negate values whose hash is negative. Default true. */
  alternateSign?: boolean;
}

interface PreparedRows {
  readonly values: FeatureHasherInput;
  readonly rows: number;
}

/** Hashed rows before the float32 rounding: CSR with float64 sums. */
interface HashedRows {
  indptr: Int32Array;
  indices: Int32Array;
  data: Float64Array;
}

/** Dense outputs above this many values (1 GiB of float32) are refused: use transformSparse. */
const MAX_DENSE_VALUES = 2 ** 28;

export class FeatureHasher extends ColumnTransform<FeatureHasherInput, "FeatureHasher", StatelessAcc, PreparedRows> {
  readonly kind = "FeatureHasher" as const;
  readonly options: Readonly<Required<Omit<FeatureHasherOptions, "name">>>;

  constructor(options: FeatureHasherOptions = {}) {
    super(options.name, "x");
    this.who = `FeatureHasher "${this.name}"`;
    const nFeatures = options.nFeatures ?? 2 ** 20;
    if (!(Number.isInteger(nFeatures) && nFeatures >= 1 && nFeatures <= 2 ** 31 - 1)) {
      throw new InvalidOptionError(`FeatureHasher: nFeatures must be an integer in [1, 2^31-1], got ${describeValue(nFeatures)}`);
    }
    const inputType = options.inputType ?? "string";
    if (inputType !== "string" && inputType !== "pair") {
      throw new InvalidOptionError(`FeatureHasher: inputType must be "string" or "pair", got ${describeValue(inputType)}`);
    }
    const alternateSign = options.alternateSign ?? true;
    if (typeof alternateSign !== "boolean") {
      throw new InvalidOptionError(`FeatureHasher: alternateSign must be true or false, got ${describeValue(alternateSign)}`);
    }
    this.options = { nFeatures, inputType, alternateSign };
    // Stateless: usable before fit.
    this.acc = this.accumulatorSpec().init();
  }

  static fromState(state: FeatureHasherState, name?: string): FeatureHasher {
    return new FeatureHasher({ name, nFeatures: state.nFeatures, inputType: state.inputType, alternateSign: state.alternateSign });
  }

  /** Error-message label, built once (not per row in the hot loops). */
  private readonly who: string;

  protected accumulatorSpec(): AccumulatorSpec<FeatureHasherInput, StatelessAcc, FeatureHasherState> {
    return statelessSpec(
      (batch) => requireRows(batch, this.who),
      () => ({ nFeaturesIn: 1, nFeatures: this.options.nFeatures, inputType: this.options.inputType, alternateSign: this.options.alternateSign }),
    );
  }

  protected prepare(values: FeatureHasherInput): PreparedRows {
    return { values, rows: requireRows(values, this.who) };
  }

  protected inputType(): ColumnType {
    return this.options.inputType === "string" ? "text" : "categorical";
  }

  protected widthFor(s: FeatureHasherState): number {
    return s.nFeatures;
  }

  protected namesFor(s: FeatureHasherState, inputNames: string[]): string[] {
    return Array.from({ length: s.nFeatures }, (_, j) => `${inputNames[0]}_${j}`);
  }

  override transform(values: FeatureHasherInput, out?: Float32Array): Float32Array {
    if (out === undefined) {
      const s = this.state();
      const rows = requireRows(values, this.who);
      if (rows * s.nFeatures > MAX_DENSE_VALUES) {
        throw new InvalidInputError(
          `${this.who}: a dense output of ${rows} rows x ${s.nFeatures} columns would need ${rows * s.nFeatures} float32 values; use transformSparse (CSR), a smaller nFeatures, or smaller batches`,
          { column: this.name },
        );
      }
    }
    return super.transform(values, out);
  }

  protected apply(s: FeatureHasherState, x: PreparedRows, out: Float32Array): void {
    const h = this.hashRows(s, x.values, x.rows);
    const w = s.nFeatures;
    out.fill(0, 0, x.rows * w);
    for (let i = 0; i < x.rows; i++) {
      const base = i * w;
      for (let k = h.indptr[i]; k < h.indptr[i + 1]; k++) out[base + h.indices[k]] = Math.fround(h.data[k]);
    }
  }

  /** The rows as scikit-learn's CSR matrix (n x nFeatures, indices sorted within each row, duplicates summed). */
  transformSparse(values: FeatureHasherInput): CsrMatrix {
    const s = this.state();
    const rows = requireRows(values, this.who);
    const h = this.hashRows(s, values, rows);
    const nnz = h.indptr[rows];
    const data = new Float32Array(nnz);
    for (let k = 0; k < nnz; k++) data[k] = Math.fround(h.data[k]);
    return { rows, cols: s.nFeatures, indptr: h.indptr, indices: h.indices.slice(0, nnz), data };
  }

  private hashRows(s: FeatureHasherState, values: FeatureHasherInput, rows: number): HashedRows {
    const who = this.who;
    const n = s.nFeatures;
    const indptr = new Int32Array(rows + 1);
    let indices: Int32Array = new Int32Array(Math.max(16, rows * 4));
    let data: Float64Array = new Float64Array(indices.length);
    let nnz = 0;
    let rowIdx: Int32Array = new Int32Array(64);
    let rowVal: Float64Array = new Float64Array(64);
    for (let i = 0; i < rows; i++) {
      const row = requireRow(values[i], who, i);
      let k = 0;
      for (let t = 0; t < row.length; t++) {
        let name: unknown;
        let value: number;
        if (s.inputType === "string") {
          name = row[t];
          value = 1;
        } else {
          const pair = requirePair(row[t], who, i, t);
          name = pair[0];
          const v = pair[1];
          if (typeof name !== "string") throw badName(who, i, name, "feature name of pair");
          if (typeof v === "string") {
            name = `${name}=${v}`;
            value = 1;
          } else if (typeof v === "number") {
            if (!Number.isFinite(v)) {
              throw new InvalidInputError(
                `${who}: row ${i}, feature ${describeValue(name)} has value ${describeValue(v)}; pair values must be finite numbers (or strings, or booleans) — fill or drop it first`,
                { column: who, row: i, value: describeValue(v) },
              );
            }
            value = v;
          } else if (typeof v === "boolean") {
            value = v ? 1 : 0;
          } else {
            throw new InvalidInputError(
              `${who}: row ${i}, feature ${describeValue(name)} has value ${describeValue(v)} (${v === null ? "null" : typeof v}); pair values must be strings, finite numbers or booleans — fill or drop missing values first`,
              { column: who, row: i, value: describeValue(v) },
            );
          }
          if (value === 0) continue; // scikit-learn skips zero values before hashing
        }
        if (typeof name !== "string") throw badName(who, i, name, "token");
        const h = murmurhash3String(name, 0, who, i);
        // Math.abs of -2^31 is exactly 2^31 in float64, so this equals scikit-learn's special case.
        const col = Math.abs(h) % n;
        if (s.alternateSign && h < 0) value = -value;
        if (k === rowIdx.length) {
          rowIdx = grow32(rowIdx, k * 2);
          rowVal = grow64(rowVal, k * 2);
        }
        rowIdx[k] = col;
        rowVal[k] = value;
        k++;
      }
      sortRow(rowIdx, rowVal, k);
      if (nnz + k > indices.length) {
        const cap = Math.max(indices.length * 2, nnz + k);
        indices = grow32(indices, cap);
        data = grow64(data, cap);
      }
      // Sum duplicates (equal columns are adjacent after the stable sort, in input order).
      for (let a = 0; a < k; ) {
        const col = rowIdx[a];
        let sum = rowVal[a++];
        while (a < k && rowIdx[a] === col) sum += rowVal[a++];
        if (!Number.isFinite(Math.fround(sum))) {
          throw new InvalidInputError(
            `${who}: row ${i}, column ${col} sums to ${sum}, outside the float32 range of the output; rescale the pair values (e.g. divide by a power of ten) first`,
            { column: who, row: i, value: String(sum) },
          );
        }
        indices[nnz] = col;
        data[nnz] = sum;
        nnz++;
      }
      indptr[i + 1] = nnz;
    }
    return { indptr, indices, data };
  }
}

function grow32(a: Int32Array, size: number): Int32Array {
  const b = new Int32Array(size);
  b.set(a);
  return b;
}

function grow64(a: Float64Array, size: number): Float64Array {
  const b = new Float64Array(size);
  b.set(a);
  return b;
}

/** Stable sort of the first k (column, value) pairs by column: insertion sort for short rows, else an index sort. */
function sortRow(idx: Int32Array, val: Float64Array, k: number): void {
  if (k <= 32) {
    for (let a = 1; a < k; a++) {
      const c = idx[a];
      const v = val[a];
      let b = a - 1;
      while (b >= 0 && idx[b] > c) {
        idx[b + 1] = idx[b];
        val[b + 1] = val[b];
        b--;
      }
      idx[b + 1] = c;
      val[b + 1] = v;
    }
    return;
  }
  const order = Array.from({ length: k }, (_, a) => a).sort((a, b) => idx[a] - idx[b] || a - b);
  const ci = Int32Array.from(order, (a) => idx[a]);
  const cv = Float64Array.from(order, (a) => val[a]);
  idx.set(ci);
  val.set(cv);
}

function isList(v: unknown): v is ArrayLike<unknown> {
  return v != null && typeof v === "object" && typeof (v as { length?: unknown }).length === "number";
}

function requireRows(values: unknown, who: string): number {
  if (!isList(values)) {
    throw new InvalidInputError(`${who}: expected a list of rows (each a list of tokens or [feature, value] pairs), got ${describeValue(values)}`, {
      column: who,
      value: describeValue(values),
    });
  }
  return values.length;
}

function requireRow(row: unknown, who: string, i: number): ArrayLike<unknown> {
  if (!isList(row)) {
    throw new InvalidInputError(
      `${who}: row ${i} is ${describeValue(row)}; each row must be a list of tokens (inputType "string") or of [feature, value] pairs ("pair") — wrap a single string as [text] or split it into tokens first`,
      { column: who, row: i, value: describeValue(row) },
    );
  }
  return row;
}

function requirePair(p: unknown, who: string, i: number, t: number): ArrayLike<unknown> {
  if (!isList(p) || p.length !== 2) {
    throw new InvalidInputError(`${who}: row ${i}, item ${t} is ${describeValue(p)}; with inputType "pair" each item must be a [feature, value] pair`, {
      column: who,
      row: i,
      value: describeValue(p),
    });
  }
  return p;
}

function badName(who: string, i: number, name: unknown, what: string): InvalidInputError {
  return new InvalidInputError(
    `${who}: row ${i} has ${what} ${describeValue(name)} (${name === null ? "null" : typeof name}); feature names must be strings (scikit-learn raises TypeError) — convert with String(value) or drop missing tokens first`,
    { column: who, row: i, value: describeValue(name) },
  );
}
