/**
 * OneHotEncoder with scikit-learn 1.2 semantics for one categorical column.
 *
 * - categories "auto": sorted as scikit-learn sorts (strings by code point, numbers
 *   ascending, false < true), the missing category (null/undefined/NaN) last.
 * - handleUnknown "error" | "ignore" (all-zero row) | "infrequentIfExist" (the
 *   infrequent column if there is one, else all zeros).
 * - minFrequency (>= 1: a count; in (0, 1): a fraction of the fitted rows) and
 *   maxCategories (the infrequent column counts toward it); ties broken as scikit-learn:
 *   stable order, so the category that sorts first becomes infrequent first.
 * - drop "first" | "ifBinary" | { category } (scikit-learn 1.2's drop_idx_, which indexes
 *   the grouped columns: an explicitly dropped category may not be infrequent).
 * - Output names `{feature}_{category}` and `{feature}_infrequent` (scikit-learn says
 *   `infrequent_sklearn`; the shorter name is this library's).
 * - A value of another type than the fitted column (e.g. 5 in a string column) is a
 *   typed error whatever handleUnknown says: it is a data bug, not a new category.
 * - NFC and NFD spellings of the same text are different categories unless a text
 *   normalizer runs first (scikit-learn behaves the same).
 */
import type { CategoryList, OneHotEncoderState } from "../../artefact/states.js";
import {
  type CategoricalColumn,
  type CategoryCounts,
  type CategoryValue,
  categoryKey,
  categoryLabel,
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
import { type CsrMatrix } from "../../core/sparse.js";
import type { AccumulatorSpec } from "../../core/transform.js";
import type { TransformOptions } from "../base.js";
import { CategoricalTransform, type PreparedColumn } from "./base.js";
import { givenCategories } from "./given-categories.js";
import { infrequentIndices } from "./infrequent.js";
import { missingError, requireNoMissing } from "./missing.js";

export interface OneHotEncoderOptions extends TransformOptions {
  /** "auto" (learn from data) or the categories in output order; include null for a missing category. Default "auto". */
  categories?: "auto" | (CategoryValue | null)[];
  /** Default "error". */
  handleUnknown?: "error" | "ignore" | "infrequentIfExist";
  /** >= 1: minimum count; in (0, 1): minimum fraction of rows. Default: off. */
  minFrequency?: number;
  /** Maximum output columns before drop, the infrequent column included. Default: no limit. */
  maxCategories?: number;
  /** Default: nothing dropped. */
  drop?: "first" | "ifBinary" | { category: CategoryValue | null };
  /** "category" (default, as scikit-learn 1.2): missing values form their own category; "error": missing is a typed error. */
  missing?: "category" | "error";
}

const UNKNOWN = -1;

export class OneHotEncoder extends CategoricalTransform<"OneHotEncoder", CategoryCounts> {
  readonly kind = "OneHotEncoder" as const;
  readonly options: Readonly<Required<Omit<OneHotEncoderOptions, "name" | "drop">>> & { drop: NonNullable<OneHotEncoderOptions["drop"]> | null };
  /** Per-state lookup tables, built once per fitted state. */
  private tables: WeakMap<OneHotEncoderState, Tables> = new WeakMap();

  constructor(options: OneHotEncoderOptions = {}) {
    super(options.name);
    const handleUnknown = options.handleUnknown ?? "error";
    if (!["error", "ignore", "infrequentIfExist"].includes(handleUnknown)) {
      throw new InvalidOptionError(`OneHotEncoder: handleUnknown must be "error", "ignore" or "infrequentIfExist", got ${describeValue(handleUnknown)}`);
    }
    const minFrequency = options.minFrequency ?? 0;
    if (!(typeof minFrequency === "number" && minFrequency >= 0 && (minFrequency < 1 || Number.isInteger(minFrequency)))) {
      throw new InvalidOptionError(`OneHotEncoder: minFrequency must be an integer count >= 1 or a fraction in (0, 1), got ${describeValue(minFrequency)}`);
    }
    const maxCategories = options.maxCategories ?? 0;
    if (!(Number.isInteger(maxCategories) && maxCategories >= 0)) {
      throw new InvalidOptionError(`OneHotEncoder: maxCategories must be a positive integer, got ${describeValue(maxCategories)}`);
    }
    const drop = options.drop ?? null;
    if (drop !== null && drop !== "first" && drop !== "ifBinary" && !(typeof drop === "object" && "category" in drop)) {
      throw new InvalidOptionError(`OneHotEncoder: drop must be "first", "ifBinary" or { category: value }, got ${describeValue(drop)}`);
    }
    const missing = options.missing ?? "category";
    if (missing !== "category" && missing !== "error") throw new InvalidOptionError(`OneHotEncoder: missing must be "category" or "error", got ${describeValue(missing)}`);
    const categories = options.categories ?? "auto";
    if (categories !== "auto" && !Array.isArray(categories)) {
      throw new InvalidOptionError(`OneHotEncoder: categories must be "auto" or an array of values, got ${describeValue(categories)}`);
    }
    this.options = { categories, handleUnknown, minFrequency, maxCategories, drop, missing };
  }

  static fromState(state: OneHotEncoderState, name?: string): OneHotEncoder {
    return new OneHotEncoder({
      name,
      handleUnknown: state.handleUnknown,
      minFrequency: state.minFrequency,
      maxCategories: state.maxCategories,
      missing: state.missing,
    }).loadState(state);
  }

  protected accumulatorSpec(): AccumulatorSpec<CategoricalColumn, CategoryCounts, OneHotEncoderState> {
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

  private finalize(acc: CategoryCounts): OneHotEncoderState {
    const o = this.options;
    let list: CategoryList;
    if (o.categories === "auto") {
      if (acc.counts.size === 0 && acc.missing === 0) {
        throw new InvalidInputError(`${this.who}: fit saw no values; pass at least one row (or give categories explicitly)`, { column: this.name });
      }
      const values = [...acc.counts.keys()].sort(compareCategories);
      list = categoryList(acc.type, values, acc.missing > 0 && o.missing === "category");
    } else {
      list = givenCategories(o.categories, this.who);
      if (acc.type !== null && list.values.length > 0 && list.type !== acc.type) {
        throw new InvalidInputError(`${this.who}: the given categories are ${list.type}s but the data holds ${acc.type}s`, { column: this.name });
      }
      if (o.handleUnknown === "error") {
        const known = indexCategories(list);
        for (const k of acc.counts.keys()) {
          if (!known.has(k)) {
            throw new InvalidInputError(
              `${this.who}: found unknown category ${describeValue(k)} during fit; add it to categories or use handleUnknown: "ignore"`,
              { column: this.name, value: describeValue(k) },
            );
          }
        }
        if (acc.missing > 0 && !list.includesMissing) {
          throw new InvalidInputError(`${this.who}: found missing values during fit but null is not among the given categories; add null to categories or use handleUnknown: "ignore"`, {
            column: this.name,
          });
        }
      }
    }
    const values = categoryValues(list);
    const counts = values.map((v) => acc.counts.get(categoryKey(v)) ?? 0);
    if (list.includesMissing) counts.push(acc.missing);
    const infrequent = o.minFrequency > 0 || o.maxCategories > 0 ? infrequentIndices(counts, acc.rows, o.minFrequency, o.maxCategories) : [];
    const grouped = counts.length - infrequent.length + (infrequent.length > 0 ? 1 : 0);
    let dropIndex = -1;
    if (o.drop === "first") dropIndex = 0;
    else if (o.drop === "ifBinary") dropIndex = grouped === 2 ? 0 : -1;
    else if (o.drop !== null) {
      const target = o.drop.category;
      const at = target === null || isMissing(target) ? (list.includesMissing ? values.length : -1) : values.findIndex((v) => v === categoryKey(target));
      if (at < 0) {
        throw new InvalidOptionError(`${this.who}: drop category ${describeValue(target)} was not found among the categories; pick one of the fitted categories`);
      }
      if (infrequent.includes(at)) {
        throw new InvalidOptionError(`${this.who}: cannot drop category ${describeValue(target)} because it is infrequent (scikit-learn refuses too)`);
      }
      dropIndex = groupedIndex(at, infrequent);
    }
    return {
      nFeaturesIn: 1,
      categories: list,
      handleUnknown: o.handleUnknown,
      infrequent: Uint32Array.from(infrequent),
      dropIndex,
      missing: o.missing,
      minFrequency: o.minFrequency,
      maxCategories: o.maxCategories,
    };
  }

  /** Fitted categories (missing as null), in scikit-learn's categories_ order. */
  get categories(): (CategoryValue | null)[] {
    const list = this.state().categories;
    return [...categoryValues(list), ...(list.includesMissing ? [null] : [])];
  }

  /** The infrequent categories (scikit-learn's infrequent_categories_), empty when none. */
  get infrequentCategories(): (CategoryValue | null)[] {
    const cats = this.categories;
    return Array.from(this.state().infrequent, (i) => cats[i]);
  }

  protected widthFor(s: OneHotEncoderState): number {
    return this.tablesFor(s).width;
  }

  protected namesFor(s: OneHotEncoderState, inputNames: string[]): string[] {
    const t = this.tablesFor(s);
    const values = [...categoryValues(s.categories), ...(s.categories.includesMissing ? [null] : [])];
    const names: string[] = new Array(t.width);
    values.forEach((v, c) => {
      const col = t.column[c];
      if (col >= 0 && !s.infrequent.includes(c)) names[col] = `${inputNames[0]}_${categoryLabel(v, s.categories.type)}`;
    });
    if (t.infrequentColumn >= 0) names[t.infrequentColumn] = `${inputNames[0]}_infrequent`;
    return names;
  }

  protected apply(s: OneHotEncoderState, x: PreparedColumn, out: Float32Array): void {
    const t = this.tablesFor(s);
    const w = t.width;
    out.fill(0, 0, x.rows * w);
    const cols = this.encode(s, x.values);
    for (let i = 0; i < x.rows; i++) if (cols[i] >= 0) out[i * w + cols[i]] = 1;
  }

  /** One-hot rows as a CSR matrix (at most one stored 1 per row): no dense n x width block. */
  transformSparse(values: CategoricalColumn): CsrMatrix {
    const s = this.state();
    const x = this.prepare(values);
    const cols = this.encode(s, x.values);
    const indptr = new Int32Array(x.rows + 1);
    let nnz = 0;
    for (let i = 0; i < x.rows; i++) {
      if (cols[i] >= 0) nnz++;
      indptr[i + 1] = nnz;
    }
    const indices = new Int32Array(nnz);
    for (let i = 0, k = 0; i < x.rows; i++) if (cols[i] >= 0) indices[k++] = cols[i];
    return { rows: x.rows, cols: this.tablesFor(s).width, indptr, indices, data: new Float32Array(nnz).fill(1) };
  }

  /** Output column of each row's value, or -1 for an all-zero row (ignored unknown or dropped category). */
  private encode(s: OneHotEncoderState, values: CategoricalColumn): Int32Array {
    const t = this.tablesFor(s);
    const n = values.length;
    const cols = new Int32Array(n);
    const type = s.categories.type;
    const who = this.who; // built once per batch, not per row
    for (let i = 0; i < n; i++) {
      const v = values[i];
      let c: number | undefined;
      if (isMissing(v)) {
        if (s.missing === "error") throw missingError(who, i, v);
        c = s.categories.includesMissing ? t.missingIndex : undefined;
      } else {
        const vt = valueType(v, who, i);
        if (vt !== type && !(s.categories.values.length === 0)) throw mixedTypes(who, i, v, vt, type);
        c = t.index.get(categoryKey(v as CategoryValue));
      }
      if (c === undefined) cols[i] = this.unknown(s, t, i, v);
      else cols[i] = t.column[c];
    }
    return cols;
  }

  private unknown(s: OneHotEncoderState, t: Tables, row: number, v: unknown): number {
    if (s.handleUnknown === "error") {
      throw new InvalidInputError(
        `${this.who}: row ${row} is ${describeValue(v)}, a category not seen in fit; refit with it, or set handleUnknown: "ignore" (all-zero row) or "infrequentIfExist"`,
        { column: this.name, row, value: describeValue(v) },
      );
    }
    if (s.handleUnknown === "infrequentIfExist" && t.infrequentColumn >= 0) return t.infrequentColumn;
    // sklearn 1.2 maps an unknown to the infrequent group before dropping: dropped infrequent -> zeros.
    return UNKNOWN;
  }

  private tablesFor(s: OneHotEncoderState): Tables {
    let t = this.tables.get(s);
    if (!t) {
      t = buildTables(s);
      this.tables.set(s, t);
    }
    return t;
  }
}

interface Tables {
  index: Map<CategoryValue, number>;
  missingIndex: number;
  /** Output column per category index (-1 when dropped). */
  column: Int32Array;
  /** Output column of the infrequent group, -1 when none or dropped. */
  infrequentColumn: number;
  width: number;
}

/** Position of category `c` among the grouped columns: frequent ones in order, then the infrequent group. */
function groupedIndex(c: number, infrequent: ArrayLike<number>): number {
  let before = 0;
  let isInfrequent = false;
  for (let k = 0; k < infrequent.length; k++) {
    if (infrequent[k] < c) before++;
    else if (infrequent[k] === c) isInfrequent = true;
  }
  return isInfrequent ? -2 : c - before;
}

function buildTables(s: OneHotEncoderState): Tables {
  const index = indexCategories(s.categories);
  const nCats = s.categories.values.length + (s.categories.includesMissing ? 1 : 0);
  const nInfrequent = s.infrequent.length;
  const nFrequent = nCats - nInfrequent;
  const grouped = nFrequent + (nInfrequent > 0 ? 1 : 0);
  const afterDrop = (g: number) => (s.dropIndex < 0 ? g : g === s.dropIndex ? -1 : g > s.dropIndex ? g - 1 : g);
  const infrequentColumn = nInfrequent > 0 ? afterDrop(nFrequent) : -1;
  const column = new Int32Array(nCats);
  for (let c = 0; c < nCats; c++) {
    const g = groupedIndex(c, s.infrequent);
    column[c] = g === -2 ? infrequentColumn : afterDrop(g);
  }
  return { index, missingIndex: s.categories.values.length, column, infrequentColumn, width: grouped - (s.dropIndex >= 0 ? 1 : 0) };
}
