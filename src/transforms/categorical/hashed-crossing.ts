/**
 * HashedCrossing with Keras semantics (keras.layers.HashedCrossing): crosses 2 or more
 * categorical columns into one feature by hashing each row's tuple of values to a bucket
 * in [0, numBins), with no vocabulary to learn.
 *
 * - Input: an array of `nInputs` columns of equal length (as Keras takes a tuple of
 *   tensors), e.g. `transform([species, island])`; row i crosses species[i] x island[i].
 * - Cross key: each value's text (./hash-key.ts: strings as they are, numbers via
 *   String(v), booleans "true"/"false") written as `<length in UTF-16 units>:<text>`,
 *   concatenated in column order. The length prefix makes the key unambiguous: no
 *   separator inside a value can make two different tuples collide textually
 *   (["a:b", "c"] -> "3:a:b1:c", ["a", "b1:c"] -> "1:a4:b1:c"). Column order matters.
 * - Hash: MurmurHash3 x86 32-bit (seed 0) of the key's UTF-8 bytes, read unsigned,
 *   modulo numBins. Keras uses FarmHash64 fingerprints, so bucket ids differ from
 *   Keras's; the semantics are the same.
 * - outputMode "int" (width 1; `transformIds` gives an Int32Array, exact at any numBins,
 *   the Float32Array of `transform` only below 2^24) or "oneHot" (width numBins;
 *   `transformSparse` gives CSR).
 * - Stateless: fit only checks the input shape and learns nothing; transform works
 *   without fit.
 * - Missing values, ±Infinity, objects and lone surrogates are typed errors.
 */
import type { ColumnType } from "../../artefact/index.js";
import type { HashedCrossingState } from "../../artefact/states.js";
import type { CategoricalColumn } from "../../core/categories.js";
import { InvalidInputError, InvalidOptionError, SchemaError, describeValue } from "../../core/errors.js";
import { murmurhash3String } from "../../core/murmurhash3.js";
import { type CsrMatrix } from "../../core/sparse.js";
import type { AccumulatorSpec } from "../../core/transform.js";
import { ColumnTransform, type TransformOptions } from "../base.js";
import { hashKey } from "./hash-key.js";
import { type StatelessAcc, statelessSpec } from "./stateless.js";

/** The columns to cross, each with one value per row. */
export type HashedCrossingInput = ArrayLike<CategoricalColumn>;

export interface HashedCrossingOptions extends TransformOptions {
  /** Number of buckets, 1 .. 2^31-1. Required. */
  numBins: number;
  /** Default "int". */
  outputMode?: "int" | "oneHot";
  /** Number of columns crossed, 2 .. 1024. Default 2. */
  nInputs?: number;
}

interface PreparedColumns {
  readonly columns: ArrayLike<CategoricalColumn>;
  readonly rows: number;
}

const MAX_INPUTS = 1024;
const MAX_DENSE_VALUES = 2 ** 28;

export class HashedCrossing extends ColumnTransform<HashedCrossingInput, "HashedCrossing", StatelessAcc, PreparedColumns> {
  readonly kind = "HashedCrossing" as const;
  readonly options: Readonly<{ numBins: number; outputMode: "int" | "oneHot"; nInputs: number }>;

  constructor(options: HashedCrossingOptions) {
    super(options?.name, "cross");
    this.who = `HashedCrossing "${this.name}"`;
    const { numBins } = options ?? ({} as HashedCrossingOptions);
    if (!(Number.isInteger(numBins) && numBins >= 1 && numBins <= 2 ** 31 - 1)) {
      throw new InvalidOptionError(`HashedCrossing: numBins must be an integer in [1, 2^31-1], got ${describeValue(numBins)}`);
    }
    const outputMode = options.outputMode ?? "int";
    if (outputMode !== "int" && outputMode !== "oneHot") {
      throw new InvalidOptionError(`HashedCrossing: outputMode must be "int" or "oneHot", got ${describeValue(outputMode)}`);
    }
    const nInputs = options.nInputs ?? 2;
    if (!(Number.isInteger(nInputs) && nInputs >= 2 && nInputs <= MAX_INPUTS)) {
      throw new InvalidOptionError(`HashedCrossing: nInputs must be an integer in [2, ${MAX_INPUTS}] (a cross needs at least two columns), got ${describeValue(nInputs)}`);
    }
    this.options = { numBins, outputMode, nInputs };
    // Stateless: usable before fit.
    this.acc = this.accumulatorSpec().init();
  }

  static fromState(state: HashedCrossingState, name?: string): HashedCrossing {
    return new HashedCrossing({ name, numBins: state.numBins, outputMode: state.outputMode, nInputs: state.nInputs });
  }

  /** Error-message label, built once (not per row in the hot loops). */
  private readonly who: string;

  protected accumulatorSpec(): AccumulatorSpec<HashedCrossingInput, StatelessAcc, HashedCrossingState> {
    const o = this.options;
    return statelessSpec(
      (batch) => this.view(batch).rows,
      () => ({ nFeaturesIn: o.nInputs, numBins: o.numBins, outputMode: o.outputMode, nInputs: o.nInputs }),
    );
  }

  protected prepare(values: HashedCrossingInput): PreparedColumns {
    return this.view(values);
  }

  protected inputType(): ColumnType {
    return "categorical";
  }

  protected widthFor(s: HashedCrossingState): number {
    return s.outputMode === "int" ? 1 : s.numBins;
  }

  protected namesFor(s: HashedCrossingState, inputNames: string[]): string[] {
    // Standalone, inputNames are the defaults `${name}_0..` and the output is named after the
    // cross itself; given real column names (e.g. by FeatureSpace) it is named col1_x_col2.
    const defaults = inputNames.every((n, j) => n === `${this.name}_${j}`);
    const prefix = defaults ? this.name : inputNames.join("_x_");
    if (s.outputMode === "int") return [prefix];
    return Array.from({ length: s.numBins }, (_, b) => `${prefix}_${b}`);
  }

  override transform(values: HashedCrossingInput, out?: Float32Array): Float32Array {
    if (out === undefined) {
      const w = this.width;
      const rows = this.view(values).rows;
      if (rows * w > MAX_DENSE_VALUES) {
        throw new InvalidInputError(`${this.who}: a dense output of ${rows} rows x ${w} columns is too large; use transformSparse (CSR), transformIds, or smaller batches`, {
          column: this.name,
        });
      }
    }
    return super.transform(values, out);
  }

  protected apply(s: HashedCrossingState, x: PreparedColumns, out: Float32Array): void {
    const ids = this.ids(s, x);
    if (s.outputMode === "int") {
      for (let i = 0; i < x.rows; i++) out[i] = ids[i];
      return;
    }
    out.fill(0, 0, x.rows * s.numBins);
    for (let i = 0; i < x.rows; i++) out[i * s.numBins + ids[i]] = 1;
  }

  /** Bucket id of each row's cross, as Int32Array. */
  transformIds(values: HashedCrossingInput): Int32Array {
    return this.ids(this.state(), this.view(values));
  }

  /** The one-hot rows as CSR (n x numBins, one stored 1 per row), whatever outputMode. */
  transformSparse(values: HashedCrossingInput): CsrMatrix {
    const s = this.state();
    const x = this.view(values);
    const ids = this.ids(s, x);
    return { rows: x.rows, cols: s.numBins, indptr: Int32Array.from({ length: x.rows + 1 }, (_, i) => i), indices: ids, data: new Float32Array(x.rows).fill(1) };
  }

  private ids(s: HashedCrossingState, x: PreparedColumns): Int32Array {
    const ids = new Int32Array(x.rows);
    const d = x.columns.length;
    for (let i = 0; i < x.rows; i++) {
      let key = "";
      for (let j = 0; j < d; j++) {
        const text = hashKey(x.columns[j][i], this.who, i);
        key += `${text.length}:${text}`;
      }
      ids[i] = (murmurhash3String(key, 0, this.who, i) >>> 0) % s.numBins;
    }
    return ids;
  }

  /** Checks the input is nInputs columns of one length. */
  private view(values: unknown): PreparedColumns {
    const who = this.who;
    const n = this.options.nInputs;
    if (!isList(values)) {
      throw new InvalidInputError(`${who}: expected an array of ${n} columns (one array of values per crossed feature), got ${describeValue(values)}`, {
        column: who,
        value: describeValue(values),
      });
    }
    if (values.length !== n) {
      throw new SchemaError(`${who} crosses ${n} columns but got ${values.length}; pass [column1, column2, ...] with ${n} columns (or set nInputs)`, { column: who });
    }
    let rows = -1;
    for (let j = 0; j < n; j++) {
      const col = values[j];
      if (!isList(col)) {
        throw new InvalidInputError(`${who}: input ${j} is ${describeValue(col)}, not a column; pass an array of values per crossed feature`, {
          column: who,
          value: describeValue(col),
        });
      }
      if (rows < 0) rows = col.length;
      else if (col.length !== rows) {
        throw new InvalidInputError(`${who}: column ${j} has ${col.length} rows but column 0 has ${rows}; crossed columns must have the same rows`, { column: who });
      }
    }
    return { columns: values as ArrayLike<CategoricalColumn>, rows: Math.max(0, rows) };
  }
}

function isList(v: unknown): v is ArrayLike<unknown> {
  return v != null && typeof v === "object" && typeof (v as { length?: unknown }).length === "number";
}
