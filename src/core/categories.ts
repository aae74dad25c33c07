/**
 * Categorical columns: one value per row, of one type (strings, numbers or booleans);
 * null, undefined and NaN are "missing". Values are compared with Map semantics
 * (SameValueZero), never through plain-object keys, so "__proto__" and "constructor"
 * are ordinary categories, and "1" and 1 are different values.
 */
import type { CategoryList } from "../artefact/states.js";
import { compareCodePoints } from "./code-point-order.js";
import { InvalidInputError, describeValue } from "./errors.js";

export type CategoryValue = string | number | boolean;
export type CategoricalValue = CategoryValue | null | undefined;
/** One categorical feature: `string[]`, `number[]`, `boolean[]`, typed arrays, with missing values allowed. */
export type CategoricalColumn = ArrayLike<CategoricalValue>;
export type ValueType = "string" | "number" | "boolean";

export function isMissing(v: unknown): v is null | undefined {
  return v == null || (typeof v === "number" && v !== v);
}

/** The type of a non-missing value, or a typed error for anything else (objects, bigint, symbols). */
export function valueType(v: unknown, who: string, row: number): ValueType {
  const t = typeof v;
  if (t === "string" || t === "number" || t === "boolean") {
    if (t === "number" && !Number.isFinite(v as number)) {
      throw new InvalidInputError(`${who}: row ${row} is ${describeValue(v)}; infinite numbers are not categories — map them to a sentinel value first`, {
        column: who,
        row,
        value: describeValue(v),
      });
    }
    return t as ValueType;
  }
  throw new InvalidInputError(
    `${who}: row ${row} is ${describeValue(v)} (${t}); categorical values must be strings, numbers or booleans — convert it (e.g. String(value)) first`,
    { column: who, row, value: describeValue(v) },
  );
}

export function mixedTypes(who: string, row: number, v: unknown, got: ValueType, expected: ValueType): InvalidInputError {
  return new InvalidInputError(
    `${who}: row ${row} is ${describeValue(v)} (${got}) but the column holds ${expected}s; a column must have one type (scikit-learn rejects mixed columns too) — convert every value to one type first`,
    { column: who, row, value: describeValue(v) },
  );
}

/**
 * A fitted category is stored as UTF-8 in the artefact, which cannot hold a lone
 * surrogate (half of a UTF-16 pair): such a value would come back different after
 * loading. Fit rejects it; at transform it simply matches no category.
 */
export function requireWellFormed(v: string, who: string, row: number): void {
  if (!v.isWellFormed()) {
    throw new InvalidInputError(
      `${who}: row ${row} contains a lone UTF-16 surrogate (${describeValue(v)}), which is not valid Unicode and cannot be stored; repair the text (e.g. value.toWellFormed()) first`,
      { column: who, row, value: describeValue(v) },
    );
  }
}

/** Checks a column is array-like (and not a string, whose characters would become rows). */
export function requireColumn(values: unknown, who: string): CategoricalColumn {
  if (values == null || typeof values === "string" || typeof (values as { length?: unknown }).length !== "number") {
    throw new InvalidInputError(`${who}: expected a column (an array of values, one per row), got ${describeValue(values)}`, {
      column: who,
      value: describeValue(values),
    });
  }
  return values as CategoricalColumn;
}

/** Normalizes -0 to 0 so that a number category has one key. */
export function categoryKey(v: CategoryValue): CategoryValue {
  return typeof v === "number" && v === 0 ? 0 : v;
}

/** Counts per category of one column: the mergeable accumulator of categorical fits. */
export interface CategoryCounts {
  /** Value type of the column, or null before any non-missing value. */
  type: ValueType | null;
  counts: Map<CategoryValue, number>;
  missing: number;
  rows: number;
}

export function emptyCounts(): CategoryCounts {
  return { type: null, counts: new Map(), missing: 0, rows: 0 };
}

/** Adds one column batch to `acc` (mutates). */
export function countColumn(acc: CategoryCounts, values: CategoricalColumn, who: string): CategoryCounts {
  const n = values.length;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (isMissing(v)) {
      acc.missing++;
      continue;
    }
    const t = valueType(v, who, i);
    if (t === "string") requireWellFormed(v as string, who, i);
    if (acc.type === null) acc.type = t;
    else if (t !== acc.type) throw mixedTypes(who, i, v, t, acc.type);
    const k = categoryKey(v as CategoryValue);
    acc.counts.set(k, (acc.counts.get(k) ?? 0) + 1);
  }
  acc.rows += n;
  return acc;
}

export function mergeCounts(a: CategoryCounts, b: CategoryCounts, who: string): CategoryCounts {
  if (a.type !== null && b.type !== null && a.type !== b.type) {
    throw new InvalidInputError(`${who}: cannot merge a fit over ${a.type}s with one over ${b.type}s; a column must have one type`, { column: who });
  }
  const counts = new Map(a.counts);
  for (const [k, c] of b.counts) counts.set(k, (counts.get(k) ?? 0) + c);
  return { type: a.type ?? b.type, counts, missing: a.missing + b.missing, rows: a.rows + b.rows };
}

/** Ascending order as scikit-learn sorts categories: code points for strings, numeric for numbers, false < true. */
export function compareCategories(a: CategoryValue, b: CategoryValue): number {
  if (typeof a === "string" && typeof b === "string") return compareCodePoints(a, b);
  const x = Number(a);
  const y = Number(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Builds a CategoryList from sorted values of one type. */
export function categoryList(type: ValueType | null, values: CategoryValue[], includesMissing: boolean): CategoryList {
  if (type === "string" || type === null) return { type: "string", values: values as string[], includesMissing };
  return { type, values: Float64Array.from(values as (number | boolean)[], (v) => Number(v)), includesMissing };
}

/** The values of a CategoryList as JS values (booleans restored). */
export function categoryValues(list: CategoryList): CategoryValue[] {
  if (list.type === "string") return list.values.slice();
  if (list.type === "boolean") return Array.from(list.values, (v) => v === 1);
  return Array.from(list.values);
}

/**
 * Renders a category for output names like scikit-learn's get_feature_names_out
 * (str(value)): booleans as True/False, the missing category as None for string and
 * boolean columns and nan for numeric ones. Numbers use JS formatting (1, not 1.0: JS has one
 * number type and cannot tell an integer column from a float one).
 */
export function categoryLabel(v: CategoryValue | null, type: ValueType): string {
  if (v === null) return type === "number" ? "nan" : "None";
  if (typeof v === "boolean") return v ? "True" : "False";
  return String(v);
}

/**
 * Index of each category for transform-time lookup: a Map from value to position in
 * the category list (missing, if a category, is looked up separately).
 */
export function indexCategories(list: CategoryList): Map<CategoryValue, number> {
  const m = new Map<CategoryValue, number>();
  categoryValues(list).forEach((v, i) => m.set(v, i));
  return m;
}
