/**
 * Reading one input row as tokens, with the categorical column conventions
 * (src/core/categories.ts): a row is one value or an array (or typed array) of values;
 * values are strings, numbers or booleans of ONE type per column; null, undefined and
 * NaN are missing; -0 is 0; a lone UTF-16 surrogate cannot be fitted (it has no UTF-8
 * form to store) but at transform simply has no row (OOV).
 *
 * Missing values and the mask token are dropped from the row — or, with
 * missing: "error", a missing value is a typed error at transform (fit always skips
 * missing values, as scikit-learn's fits do). What is left is what the table looks up
 * and pools.
 */
import {
  type CategoricalValue,
  type CategoryValue,
  type ValueType,
  categoryKey,
  isMissing,
  mixedTypes,
  requireWellFormed,
  valueType,
} from "../../core/categories.js";
import { InvalidInputError, describeValue } from "../../core/errors.js";

/** One input row: a token, or a list of tokens (pooled). */
export type EmbeddingRow = CategoricalValue | ArrayLike<CategoricalValue>;
/** One batch: a column of rows. */
export type EmbeddingInput = ArrayLike<EmbeddingRow>;

export interface RowContext {
  readonly who: string;
  /** The column's value type: learned from the first token in fit, fixed at transform. */
  type: ValueType | null;
  readonly mask: CategoryValue | null;
  readonly missing: "mask" | "error";
  /** Fit: tokens must be storable (well-formed strings). */
  readonly fit: boolean;
}

export function isArrayRow(v: unknown): v is ArrayLike<unknown> {
  return Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
}

function missingValue(ctx: RowContext, row: number, v: unknown): InvalidInputError {
  return new InvalidInputError(
    `${ctx.who}: row ${row} is or holds a missing value (${describeValue(v)}) and missing is "error"; fill it (e.g. with the mask token) or use missing: "mask" to skip it`,
    { column: ctx.who, row, value: describeValue(v) },
  );
}

function token(ctx: RowContext, row: number, v: unknown): CategoryValue {
  const t = valueType(v, ctx.who, row);
  if (ctx.type === null) ctx.type = t;
  else if (t !== ctx.type) throw mixedTypes(ctx.who, row, v, t, ctx.type);
  if (ctx.fit && t === "string") requireWellFormed(v as string, ctx.who, row);
  return categoryKey(v as CategoryValue);
}

/**
 * Writes the tokens of row `row` (value `v`) into `out` from index 0 and returns how
 * many there are; masked and missing entries are skipped (or rejected, see module doc).
 */
export function readRow(ctx: RowContext, row: number, v: unknown, out: CategoryValue[]): number {
  let n = 0;
  if (isArrayRow(v)) {
    for (let j = 0; j < v.length; j++) {
      const x = v[j];
      if (isMissing(x)) {
        if (ctx.missing === "error" && !ctx.fit) throw missingValue(ctx, row, x);
        continue;
      }
      const t = token(ctx, row, x);
      if (t !== ctx.mask) out[n++] = t;
    }
    return n;
  }
  if (isMissing(v)) {
    if (ctx.missing === "error" && !ctx.fit) throw missingValue(ctx, row, v);
    return 0;
  }
  const t = token(ctx, row, v);
  if (t !== ctx.mask) out[n++] = t;
  return n;
}
