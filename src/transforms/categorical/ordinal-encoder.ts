/**
 * OrdinalEncoder with scikit-learn 1.2 semantics for one categorical column: each value
 * becomes the index of its category, as one float32 output column.
 *
 * - categories "auto" (sorted as scikit-learn sorts: strings by code point, numbers
 *   ascending, false < true; the missing category last) or given (in the given order;
 *   null, if given, must be last).
 * - handleUnknown "error" | "useEncodedValue" (unknowns become `unknownValue`).
 * - Missing values (null, undefined, NaN): with `missing: "category"` (default) a fit
 *   that saw them gets a missing category, and missing values are encoded as
 *   `encodedMissingValue`; a missing value at transform when fit saw none is an unknown
 *   (scikit-learn does the same: NaN is then not among categories_). `missing: "error"`
 *   makes any missing value a typed error.
 *
 * Deviations from scikit-learn, and why:
 * - `encodedMissingValue` defaults to -1, not NaN: skewless never emits a silent NaN.
 * - `unknownValue` and `encodedMissingValue` must be integers exactly representable in
 *   float32 (|v| <= 2^24); scikit-learn also accepts np.nan, which is refused for the
 *   same reason. As in scikit-learn they may not collide with a category index
 *   (0 <= v < number of categories, the missing category included) — a typed error at fit.
 * - scikit-learn 1.2.1 treats only NaN as missing here: None in an object column is an
 *   ordinary category that gets its own index. skewless treats null, undefined and NaN
 *   alike as missing (as its OneHotEncoder does).
 * - A value of another type than the fitted column (5 in a string column) is a typed
 *   error whatever handleUnknown says: it is a data bug, not a new category.
 * - Indices are exact in float32 only below 2^24, so a fit with more categories than
 *   that is a typed error.
 */
import type { CategoryList, OrdinalEncoderState } from "../../artefact/states.js";
import {
  type CategoricalColumn,
  type CategoryCounts,
  type CategoryValue,
  categoryKey,
  categoryList,
  categoryValues,
  compareCategories,
  countColumn,
  emptyCounts,
  indexCategories,
  isMissing,
  mergeCounts,
  mixedTypes,
  requireColumn,
  valueType,
} from "../../core/categories.js";
import { InvalidInputError, InvalidOptionError, describeValue } from "../../core/errors.js";
import type { AccumulatorSpec } from "../../core/transform.js";
import type { TransformOptions } from "../base.js";
import { CategoricalTransform, type PreparedColumn } from "./base.js";
import { givenCategories } from "./given-categories.js";
import { missingError, requireNoMissing } from "./missing.js";

export interface OrdinalEncoderOptions extends TransformOptions {
  /** "auto" (learn from data) or the categories in index order; null (last) for a missing category. Default "auto". */
  categories?: "auto" | (CategoryValue | null)[];
  /** Default "error". */
  handleUnknown?: "error" | "useEncodedValue";
  /** Output for unknown values; required with handleUnknown "useEncodedValue", not allowed otherwise. */
  unknownValue?: number;
  /** Output for missing values when missing is a category. Default -1 (scikit-learn: NaN). */
  encodedMissingValue?: number;
  /** "category" (default): missing values are encoded as encodedMissingValue; "error": a typed error. */
  missing?: "category" | "error";
}

/** Largest integer magnitude float32 holds exactly (every smaller integer too). */
const F32_EXACT = 2 ** 24;

export class OrdinalEncoder extends CategoricalTransform<"OrdinalEncoder", CategoryCounts> {
  readonly kind = "OrdinalEncoder" as const;
  readonly options: Readonly<{
    categories: "auto" | (CategoryValue | null)[];
    handleUnknown: "error" | "useEncodedValue";
    unknownValue: number | null;
    encodedMissingValue: number;
    missing: "category" | "error";
  }>;
  /** Per-state lookup tables, built once per fitted state. */
  private tables: WeakMap<OrdinalEncoderState, Map<CategoryValue, number>> = new WeakMap();

  constructor(options: OrdinalEncoderOptions = {}) {
    super(options.name);
    const handleUnknown = options.handleUnknown ?? "error";
    if (handleUnknown !== "error" && handleUnknown !== "useEncodedValue") {
      throw new InvalidOptionError(`OrdinalEncoder: handleUnknown must be "error" or "useEncodedValue", got ${describeValue(handleUnknown)}`);
    }
    let unknownValue: number | null = null;
    if (handleUnknown === "useEncodedValue") {
      if (options.unknownValue === undefined) {
        throw new InvalidOptionError(`OrdinalEncoder: handleUnknown "useEncodedValue" needs unknownValue (an integer such as -1, distinct from the category indices)`);
      }
      unknownValue = encodedValue(options.unknownValue, "unknownValue");
    } else if (options.unknownValue !== undefined) {
      throw new InvalidOptionError(`OrdinalEncoder: unknownValue is only used with handleUnknown "useEncodedValue"; set that or remove unknownValue (got ${describeValue(options.unknownValue)})`);
    }
    const encodedMissingValue = encodedValue(options.encodedMissingValue ?? -1, "encodedMissingValue");
    const missing = options.missing ?? "category";
    if (missing !== "category" && missing !== "error") throw new InvalidOptionError(`OrdinalEncoder: missing must be "category" or "error", got ${describeValue(missing)}`);
    const categories = options.categories ?? "auto";
    if (categories !== "auto" && !Array.isArray(categories)) {
      throw new InvalidOptionError(`OrdinalEncoder: categories must be "auto" or an array of values, got ${describeValue(categories)}`);
    }
    this.options = { categories, handleUnknown, unknownValue, encodedMissingValue, missing };
  }

  static fromState(state: OrdinalEncoderState, name?: string): OrdinalEncoder {
    return new OrdinalEncoder({
      name,
      handleUnknown: state.handleUnknown,
      unknownValue: state.handleUnknown === "useEncodedValue" ? state.unknownValue : undefined,
      encodedMissingValue: state.encodedMissingValue,
      missing: state.missing,
    }).loadState(state);
  }

  protected accumulatorSpec(): AccumulatorSpec<CategoricalColumn, CategoryCounts, OrdinalEncoderState> {
    return {
      init: emptyCounts,
      update: (acc, batch) => {
        const column = requireColumn(batch, this.who);
        if (this.options.missing === "error") requireNoMissing(column, this.who);
        return countColumn(acc, column, this.who);
      },
      merge: (a, b) => mergeCounts(a, b, this.who),
      finalize: (acc) => this.finalize(acc),
    };
  }

  private finalize(acc: CategoryCounts): OrdinalEncoderState {
    const o = this.options;
    let list: CategoryList;
    if (o.categories === "auto") {
      if (acc.counts.size === 0 && acc.missing === 0) {
        throw new InvalidInputError(`${this.who}: fit saw no values; pass at least one row (or give categories explicitly)`, { column: this.name });
      }
      list = categoryList(acc.type, [...acc.counts.keys()].sort(compareCategories), acc.missing > 0 && o.missing === "category");
    } else {
      list = givenCategories(o.categories, this.who);
      if (acc.type !== null && list.values.length > 0 && list.type !== acc.type) {
        throw new InvalidInputError(`${this.who}: the given categories are ${list.type}s but the data holds ${acc.type}s`, { column: this.name });
      }
      if (o.handleUnknown === "error") this.requireKnown(acc, list);
    }
    const n = list.values.length + (list.includesMissing ? 1 : 0);
    if (n > F32_EXACT) {
      throw new InvalidInputError(`${this.who}: ${n} categories, but float32 holds indices exactly only up to ${F32_EXACT}; hash the column (FeatureHasher/Hashing) or group rare values first`, {
        column: this.name,
      });
    }
    // scikit-learn's checks: an index in [0, n) would make a code ambiguous (the missing slot counts).
    if (o.unknownValue !== null && o.unknownValue >= 0 && o.unknownValue < n) {
      throw new InvalidOptionError(`${this.who}: unknownValue ${o.unknownValue} is already the index of category ${o.unknownValue} (of ${n}); use a negative value such as -1, or >= ${n}`);
    }
    if (list.includesMissing && o.encodedMissingValue >= 0 && o.encodedMissingValue < n) {
      throw new InvalidOptionError(
        `${this.who}: encodedMissingValue ${o.encodedMissingValue} is already the index of category ${o.encodedMissingValue} (of ${n}); use a negative value such as -1, or >= ${n}`,
      );
    }
    return {
      nFeaturesIn: 1,
      categories: list,
      handleUnknown: o.handleUnknown,
      unknownValue: o.unknownValue ?? 0,
      encodedMissingValue: o.encodedMissingValue,
      missing: o.missing,
    };
  }

  /** With handleUnknown "error", every fitted value must be among the given categories (scikit-learn checks in fit). */
  private requireKnown(acc: CategoryCounts, list: CategoryList): void {
    const known = indexCategories(list);
    for (const k of acc.counts.keys()) {
      if (!known.has(k)) {
        throw new InvalidInputError(`${this.who}: found unknown category ${describeValue(k)} during fit; add it to categories or use handleUnknown: "useEncodedValue"`, {
          column: this.name,
          value: describeValue(k),
        });
      }
    }
    if (acc.missing > 0 && !list.includesMissing) {
      throw new InvalidInputError(`${this.who}: found missing values during fit but null is not among the given categories; add null (last) to categories or use handleUnknown: "useEncodedValue"`, {
        column: this.name,
      });
    }
  }

  /** Fitted categories (missing as null), in index order (scikit-learn's categories_). */
  get categories(): (CategoryValue | null)[] {
    const list = this.state().categories;
    return [...categoryValues(list), ...(list.includesMissing ? [null] : [])];
  }

  protected widthFor(): number {
    return 1;
  }

  protected namesFor(_s: OrdinalEncoderState, inputNames: string[]): string[] {
    return [inputNames[0]];
  }

  protected apply(s: OrdinalEncoderState, x: PreparedColumn, out: Float32Array): void {
    const index = this.tableFor(s);
    const values = x.values;
    const type = s.categories.type;
    const typed = s.categories.values.length > 0;
    const who = this.who; // a getter building a string: once per batch, not per row
    for (let i = 0; i < x.rows; i++) {
      const v = values[i];
      let code: number | undefined;
      if (isMissing(v)) {
        if (s.missing === "error") throw missingError(who, i, v);
        if (s.categories.includesMissing) code = s.encodedMissingValue;
      } else {
        const vt = valueType(v, who, i);
        if (typed && vt !== type) throw mixedTypes(who, i, v, vt, type);
        code = index.get(categoryKey(v as CategoryValue));
      }
      if (code === undefined) {
        if (s.handleUnknown === "error") {
          throw new InvalidInputError(
            `${this.who}: row ${i} is ${describeValue(v)}, a category not seen in fit; refit with it, or set handleUnknown: "useEncodedValue" with an unknownValue`,
            { column: this.name, row: i, value: describeValue(v) },
          );
        }
        code = s.unknownValue;
      }
      // Codes are integers below 2^24 in magnitude: exact in float32.
      out[i] = code;
    }
  }

  private tableFor(s: OrdinalEncoderState): Map<CategoryValue, number> {
    let t = this.tables.get(s);
    if (!t) {
      t = indexCategories(s.categories);
      this.tables.set(s, t);
    }
    return t;
  }
}

/** An output code: an integer float32 holds exactly (|v| <= 2^24); -0 is stored as 0 (one code, one artefact). */
function encodedValue(v: unknown, option: string): number {
  if (typeof v !== "number" || !Number.isInteger(v) || Math.abs(v) > F32_EXACT) {
    throw new InvalidOptionError(
      `OrdinalEncoder: ${option} must be an integer with |value| <= ${F32_EXACT} (exact in float32), got ${describeValue(v)}; NaN is not allowed because skewless never outputs NaN`,
    );
  }
  return v === 0 ? 0 : v;
}
