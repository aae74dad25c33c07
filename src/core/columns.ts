/**
 * Numeric inputs. A transform accepts one column of scalars or a fixed-width vector
 * column (n rows x d features); both are viewed as a row-major matrix without copying
 * where the caller's data is already flat.
 */
import { InvalidInputError, SchemaError, describeValue } from "./errors.js";

/** One scalar; `null`, `undefined` and NaN mean "missing". */
export type NumericValue = number | null | undefined;

/** A column of scalars: `number[]`, `Float32Array`, `Float64Array`, ... */
export type NumericColumn = ArrayLike<NumericValue>;

/** A row-major n x d matrix over flat storage. */
export interface Matrix {
  readonly data: ArrayLike<NumericValue>;
  readonly rows: number;
  readonly cols: number;
}

/**
 * What numeric transforms accept: a scalar column (d = 1), an array of rows
 * (`number[][]`, each row of length d), or an explicit {@link Matrix}.
 */
export type NumericInput = NumericColumn | ReadonlyArray<ArrayLike<NumericValue>> | Matrix;

/** Builds a {@link Matrix} view; throws when `data.length !== rows * cols`. */
export function matrix(data: ArrayLike<NumericValue>, rows: number, cols: number): Matrix {
  if (!Number.isInteger(rows) || rows < 0 || !Number.isInteger(cols) || cols < 1 || data.length !== rows * cols) {
    throw new SchemaError(
      `matrix(): data has ${data.length} values but rows x cols is ${rows} x ${cols}; pass rows and cols that multiply to data.length`,
    );
  }
  return { data, rows, cols };
}

function isMatrix(v: unknown): v is Matrix {
  return typeof v === "object" && v !== null && !ArrayBuffer.isView(v) && !Array.isArray(v) && "data" in v && "rows" in v && "cols" in v;
}

function isRow(v: unknown): v is ArrayLike<NumericValue> {
  return Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
}

/**
 * Views any {@link NumericInput} as a matrix. Flat inputs are not copied; an array of
 * rows is packed once into a Float64Array (missing values become NaN there).
 * `expectedCols` lets an empty input (0 rows) take the fitted width.
 */
export function asMatrix(input: NumericInput, who: string, expectedCols?: number): Matrix {
  if (isMatrix(input)) {
    const { data, rows, cols } = input;
    if (data == null || typeof data.length !== "number") {
      throw new InvalidInputError(`${who}: matrix.data must be an array or typed array, got ${describeValue(data)}`, { column: who });
    }
    return matrix(data, rows, cols);
  }
  if (input == null || typeof (input as { length?: unknown }).length !== "number" || typeof input === "string") {
    throw new InvalidInputError(
      `${who}: expected a numeric column (number[], Float32Array, Float64Array), an array of rows or a matrix, got ${describeValue(input)}`,
      { column: who, value: describeValue(input) },
    );
  }
  const n = input.length;
  if (n === 0) return { data: input as NumericColumn, rows: 0, cols: expectedCols ?? 1 };
  const first = (input as ArrayLike<unknown>)[0];
  if (!isRow(first)) return { data: input as NumericColumn, rows: n, cols: 1 };
  const rowsIn = input as ReadonlyArray<ArrayLike<NumericValue>>;
  const d = first.length;
  if (d === 0) throw new SchemaError(`${who}: rows have no values; each row needs at least one feature`, { column: who, row: 0 });
  const packed = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const row = rowsIn[i];
    if (!isRow(row) || row.length !== d) {
      throw new SchemaError(
        `${who}: row ${i} has ${isRow(row) ? row.length : describeValue(row)} values but row 0 has ${d}; all rows need the same width`,
        { column: who, row: i },
      );
    }
    for (let j = 0; j < d; j++) {
      const v = row[j];
      if (typeof v === "number") packed[i * d + j] = v;
      else if (v == null) packed[i * d + j] = NaN;
      else throw badType(who, i, j, v, d);
    }
  }
  return { data: packed, rows: n, cols: d };
}

/** Name used in messages for feature j of a d-wide input of transform `who`. */
export function cellName(who: string, row: number, feature: number, cols: number): string {
  return cols === 1 ? `${who}: row ${row}` : `${who}: row ${row}, feature ${feature}`;
}

export function badType(who: string, row: number, feature: number, value: unknown, cols: number): InvalidInputError {
  return new InvalidInputError(
    `${cellName(who, row, feature, cols)} is ${describeValue(value)} (${typeof value}); numeric transforms need numbers — parse the value or encode it with a categorical transform`,
    { column: who, row, value: describeValue(value) },
  );
}

/**
 * Reads one cell as a float64: a number, or NaN for null/undefined.
 * Anything else (strings, objects, booleans) is a typed error, never coerced.
 */
export function readCell(m: Matrix, row: number, feature: number, who: string): number {
  const v = m.data[row * m.cols + feature];
  if (typeof v === "number") return v;
  if (v == null) return NaN;
  throw badType(who, row, feature, v, m.cols);
}

/** True for typed arrays of floats, whose cells are always numbers (no type checks needed). */
export function isFloatArray(data: ArrayLike<unknown>): data is Float32Array | Float64Array {
  return data instanceof Float32Array || data instanceof Float64Array;
}
