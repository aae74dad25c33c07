/**
 * TargetEncoder with scikit-learn 1.3 semantics for one categorical column: each
 * category becomes a shrunk mean of the target over its rows,
 *   S_i = λ_i · mean_i + (1 - λ_i) · mean,   λ_i = n_i / (m + n_i),
 * with m = `smooth`, or for smooth "auto" the empirical Bayes m = σ_i² / τ² (variance of
 * the category's targets over the variance of all targets; population variances). A
 * category with no rows gets the mean. Categories unseen in fit, and missing values when
 * fit saw none, are encoded as the target mean (target_mean_). Missing values (null,
 * undefined, NaN) seen in fit form their own category, as in scikit-learn.
 *
 * Input. fit/partialFit take a labelled column `{ values, target }` (target: numbers,
 * or booleans as 0/1, one per row); transform takes the column alone (a labelled column
 * is accepted too and its target ignored, so the same batch object can be passed to
 * both). `fitTransform({ values, target })` fits on all rows and returns the
 * cross-fitted encoding of the training rows.
 *
 * fit(X, y).transform(X) differs from fitTransform(X, y), on purpose (as in
 * scikit-learn): transform encodes every row with the encodings learnt on all rows,
 * which leak each row's own target into its feature; fitTransform splits the rows into
 * `cv` folds and encodes each fold with encodings learnt on the other folds only. The
 * fitted state after fitTransform is the one fit would give; later transform calls use
 * it. Folds: KFold (continuous) / StratifiedKFold (binary, multiclass) as in
 * scikit-learn, shuffled by skewless's own seeded generator (see cross-fit-folds.ts), so
 * fitTransform is deterministic.
 *
 * Targets: "continuous" (finite numbers within the float32 range, the output type);
 * "binary" (at most two distinct labels; the encoded target is 1 for the larger label,
 * as scikit-learn's LabelEncoder orders classes); "multiclass" (one output column per
 * label, in ascending order, each encoding the indicator of its label; at most 1024
 * labels). Any bad target (NaN, null, infinite, a third binary label) is a typed error.
 *
 * Deviations from scikit-learn 1.3, and why:
 * - targetType is required (no "auto"): sklearn's inference calls integer targets
 *   multiclass, a guess a pipeline should not depend on.
 * - Folds are shuffled by mulberry32, not numpy's generator, and `randomState` defaults
 *   to 0 (sklearn: None, a fresh random split per call): the same data must give the
 *   same features.
 * - With given categories, rows whose value is not among them count toward the target
 *   mean and variance only, and in fitTransform get their fold's training mean. (Read
 *   from its source, not run: scikit-learn's _BaseEncoder._transform with
 *   handle_unknown="ignore" codes such rows as the first category, so their targets
 *   would enter that category's statistics.)
 * - Statistics are exact sums (see target-statistics.ts) rounded once, not numpy's
 *   pairwise float sums: results agree to ~1e-15 relative, and partialFit + merge equals
 *   fit bit for bit.
 * - Multiclass (added to scikit-learn in 1.4, not in 1.3) gives one column per label
 *   even for two labels, where scikit-learn's LabelBinarizer makes a single column.
 *
 * fitTransform needs at least `cv` rows (stratified: some class with `cv` rows), as
 * scikit-learn's splitters do. Memory: the accumulator keeps exact sums per category,
 * about 200 bytes each (1,000,000 distinct categories: ~200 MB on top of the data).
 */
import type { CategoryList, TargetEncoderState } from "../../artefact/states.js";
import type { ColumnType } from "../../artefact/index.js";
import {
  type CategoricalColumn,
  type CategoryValue,
  type ValueType,
  categoryKey,
  categoryLabel,
  categoryList,
  categoryValues,
  compareCategories,
  indexCategories,
  isMissing,
  mixedTypes,
  requireColumn,
  requireWellFormed,
  valueType,
} from "../../core/categories.js";
import { InvalidInputError, InvalidOptionError, describeValue } from "../../core/errors.js";
import type { AccumulatorSpec } from "../../core/transform.js";
import { ColumnTransform, type TransformOptions } from "../base.js";
import type { PreparedColumn } from "./base.js";
import { kFold, stratifiedKFold } from "./cross-fit-folds.js";
import { givenCategories } from "./given-categories.js";
import { type TargetSums, addSums, addTarget, cloneSums, emptySums, encodeCategory, indicatorSums, moments } from "./target-statistics.js";

export type TargetType = "binary" | "continuous" | "multiclass";

/** A categorical column with its target, one target value per row. */
export interface LabelledColumn {
  values: CategoricalColumn;
  target: ArrayLike<number | boolean>;
}

/** What transform accepts: the column, or a labelled column whose target is ignored. */
export type TargetEncoderInput = LabelledColumn | CategoricalColumn;

export interface TargetEncoderOptions extends TransformOptions {
  /** Required: how the target is read (see the class comment). */
  targetType: TargetType;
  /** "auto" (empirical Bayes, default) or m >= 0: weight of the target mean, in rows. */
  smooth?: "auto" | number;
  /** Folds of fitTransform's cross fitting, an integer >= 2. Default 5. */
  cv?: number;
  /** Shuffle rows before splitting into folds (fitTransform). Default true. */
  shuffle?: boolean;
  /** Seed (uint32) of the fold shuffle. Default 0. */
  randomState?: number;
  /** "auto" (learn from data) or the categories in order; null (last) for a missing category. Default "auto". */
  categories?: "auto" | (CategoryValue | null)[];
}

/** Missing values are the category keyed null. */
type Key = CategoryValue | null;

/** The plain-data accumulator: exact target sums (continuous) or class counts per category. */
export interface TargetAcc {
  type: ValueType | null;
  rows: number;
  sums: Map<Key, TargetSums>;
  classCounts: Map<Key, Map<number, number>>;
  classes: Set<number>;
}

const F32_MAX = 3.4028234663852886e38;
const MAX_CLASSES = 1024;

function emptyAcc(): TargetAcc {
  return { type: null, rows: 0, sums: new Map(), classCounts: new Map(), classes: new Set() };
}

function isLabelled(x: unknown): x is LabelledColumn {
  return typeof x === "object" && x !== null && typeof (x as { length?: unknown }).length !== "number" && Object.prototype.hasOwnProperty.call(x, "values");
}

/** One batch, validated: each row's category key and target value. */
interface Parsed {
  type: ValueType | null;
  keys: Key[];
  y: Float64Array;
}

/** Encodings of every category of `list` learnt from `acc`, and the target mean per output column. */
interface Encodings {
  encodings: Float64Array;
  targetMean: Float64Array;
}

export class TargetEncoder extends ColumnTransform<TargetEncoderInput, "TargetEncoder", TargetAcc, PreparedColumn> {
  readonly kind = "TargetEncoder" as const;
  readonly options: Readonly<{
    targetType: TargetType;
    smooth: "auto" | number;
    cv: number;
    shuffle: boolean;
    randomState: number;
    categories: "auto" | (CategoryValue | null)[];
  }>;
  private tables: WeakMap<TargetEncoderState, Tables> = new WeakMap();

  constructor(options: TargetEncoderOptions) {
    super(options?.name, "x");
    const o = options ?? ({} as TargetEncoderOptions);
    const targetType = o.targetType;
    if (targetType !== "binary" && targetType !== "continuous" && targetType !== "multiclass") {
      throw new InvalidOptionError(`TargetEncoder: targetType must be "binary", "continuous" or "multiclass" (it is required), got ${describeValue(targetType)}`);
    }
    const smooth = o.smooth ?? "auto";
    if (smooth !== "auto" && !(typeof smooth === "number" && smooth >= 0 && Number.isFinite(smooth))) {
      throw new InvalidOptionError(`TargetEncoder: smooth must be "auto" or a finite number >= 0, got ${describeValue(smooth)}`);
    }
    const cv = o.cv ?? 5;
    if (!(Number.isInteger(cv) && cv >= 2 && cv <= 2 ** 31 - 1)) throw new InvalidOptionError(`TargetEncoder: cv must be an integer >= 2, got ${describeValue(cv)}`);
    const shuffle = o.shuffle ?? true;
    if (typeof shuffle !== "boolean") throw new InvalidOptionError(`TargetEncoder: shuffle must be true or false, got ${describeValue(shuffle)}`);
    const randomState = o.randomState ?? 0;
    if (!(Number.isInteger(randomState) && randomState >= 0 && randomState <= 0xffffffff)) {
      throw new InvalidOptionError(`TargetEncoder: randomState must be an integer seed in [0, 2^32 - 1], got ${describeValue(randomState)}`);
    }
    const categories = o.categories ?? "auto";
    if (categories !== "auto" && !Array.isArray(categories)) {
      throw new InvalidOptionError(`TargetEncoder: categories must be "auto" or an array of values, got ${describeValue(categories)}`);
    }
    this.options = { targetType, smooth: smooth === 0 ? 0 : smooth, cv, shuffle, randomState, categories };
  }

  static fromState(state: TargetEncoderState, name?: string): TargetEncoder {
    return new TargetEncoder({
      name,
      targetType: state.targetType,
      smooth: Number.isNaN(state.smooth) ? "auto" : state.smooth,
      cv: state.cv,
      shuffle: state.shuffle,
      randomState: state.randomState,
    }).loadState(state);
  }

  private get who(): string {
    return `TargetEncoder "${this.name}"`;
  }

  /** Learns the encodings from a labelled column `{ values, target }`. */
  override fit(input: LabelledColumn): this {
    return super.fit(input);
  }

  /** Folds one more labelled batch into the fit. */
  override partialFit(batch: LabelledColumn): this {
    return super.partialFit(batch);
  }

  /**
   * Fits on all rows (the state fit would give) and returns the cross-fitted encoding of
   * these rows: row i is encoded with encodings learnt on the folds without row i.
   */
  fitTransform(input: LabelledColumn): Float32Array {
    const o = this.options;
    const parsed = this.parse(input, null);
    const n = parsed.keys.length;
    let folds: Int32Array;
    if (o.targetType === "continuous") folds = kFold(n, o.cv, o.shuffle, o.randomState, this.who);
    else {
      const labels = new Set<number>();
      for (let i = 0; i < n; i++) {
        if (labels.has(parsed.y[i])) continue;
        labels.add(parsed.y[i]);
        checkClasses(labels.size, o.targetType, this.who, i);
      }
      folds = stratifiedKFold(classIds(parsed.y, Float64Array.from(labels)), o.cv, o.shuffle, o.randomState, this.who);
    }
    // One accumulator per fold; exact sums make their merge equal to a fit on all rows.
    const foldAccs = Array.from({ length: o.cv }, emptyAcc);
    for (const acc of foldAccs) acc.type = parsed.type;
    const who = this.who;
    for (let i = 0; i < n; i++) addRow(foldAccs[folds[i]], parsed.keys[i], parsed.y[i], who, o.targetType, i);
    let full = emptyAcc();
    for (const acc of foldAccs) full = this.mergeAcc(full, acc);
    const state = this.finalize(full);
    this.setState(state);
    this.acc = full;
    const t = this.tablesFor(state);
    const w = t.width;
    const learnt: Float32Array[] = [];
    const means: Float32Array[] = [];
    for (let f = 0; f < o.cv; f++) {
      let train = emptyAcc();
      for (let g = 0; g < o.cv; g++) if (g !== f) train = this.mergeAcc(train, foldAccs[g]);
      const e = this.learnEncodings(train, state.categories, state.classes);
      learnt.push(toF32(e.encodings, this.who));
      means.push(toF32(e.targetMean, this.who));
    }
    const out = new Float32Array(n * w);
    for (let i = 0; i < n; i++) {
      const c = this.lookup(state, t, parsed.keys[i]);
      const src = c === undefined ? means[folds[i]] : learnt[folds[i]];
      const from = c === undefined ? 0 : c * w;
      for (let j = 0; j < w; j++) out[i * w + j] = src[from + j];
    }
    return out;
  }

  protected accumulatorSpec(): AccumulatorSpec<TargetEncoderInput, TargetAcc, TargetEncoderState> {
    return {
      init: emptyAcc,
      update: (acc, batch) => addParsed(acc, this.parse(batch, acc.type), this.who, this.options.targetType),
      merge: (a, b) => this.mergeAcc(a, b),
      finalize: (acc) => this.finalize(acc),
    };
  }

  /** Validates a labelled batch: category types, lone surrogates, target values. */
  private parse(batch: TargetEncoderInput, type: ValueType | null): Parsed {
    if (!isLabelled(batch)) {
      throw new InvalidInputError(`${this.who}: fit needs a labelled column { values, target }, got ${describeValue(batch)}; pass the target with the values`, { column: this.name });
    }
    const values = requireColumn(batch.values, this.who);
    const target = batch.target as unknown;
    if (target == null || typeof target === "string" || typeof (target as { length?: unknown }).length !== "number") {
      throw new InvalidInputError(`${this.who}: target must be an array of numbers, one per row, got ${describeValue(target)}`, { column: this.name });
    }
    const tgt = target as ArrayLike<unknown>;
    const n = values.length;
    if (tgt.length !== n) {
      throw new InvalidInputError(`${this.who}: ${n} values but ${tgt.length} targets; pass one target per row`, { column: this.name });
    }
    const keys: Key[] = new Array(n);
    const y = new Float64Array(n);
    const continuous = this.options.targetType === "continuous";
    const who = this.who;
    for (let i = 0; i < n; i++) {
      const v = values[i];
      if (isMissing(v)) keys[i] = null;
      else {
        const t = valueType(v, who, i);
        if (t === "string") requireWellFormed(v as string, who, i);
        if (type === null) type = t;
        else if (t !== type) throw mixedTypes(who, i, v, t, type);
        keys[i] = categoryKey(v as CategoryValue);
      }
      const raw = tgt[i];
      const yi = typeof raw === "boolean" ? (raw ? 1 : 0) : raw;
      if (typeof yi !== "number" || !Number.isFinite(yi) || (continuous && Math.abs(yi) > F32_MAX)) {
        throw new InvalidInputError(
          `${this.who}: target at row ${i} is ${describeValue(raw)}; targets must be finite numbers${continuous ? " within the float32 range (±3.4e38)" : ""} — drop or fix the row first`,
          { column: this.name, row: i, value: describeValue(raw) },
        );
      }
      y[i] = yi === 0 ? 0 : yi;
    }
    return { type, keys, y };
  }

  private mergeAcc(a: TargetAcc, b: TargetAcc): TargetAcc {
    if (a.type !== null && b.type !== null && a.type !== b.type) {
      throw new InvalidInputError(`${this.who}: cannot merge a fit over ${a.type}s with one over ${b.type}s; a column must have one type`, { column: this.name });
    }
    const sums = new Map<Key, TargetSums>();
    for (const [k, s] of a.sums) sums.set(k, cloneSums(s));
    for (const [k, s] of b.sums) {
      const mine = sums.get(k);
      if (mine) addSums(mine, s);
      else sums.set(k, cloneSums(s));
    }
    const classCounts = new Map<Key, Map<number, number>>();
    for (const [k, m] of a.classCounts) classCounts.set(k, new Map(m));
    for (const [k, m] of b.classCounts) {
      const mine = classCounts.get(k) ?? new Map<number, number>();
      for (const [c, count] of m) mine.set(c, (mine.get(c) ?? 0) + count);
      classCounts.set(k, mine);
    }
    const classes = new Set([...a.classes, ...b.classes]);
    checkClasses(classes.size, this.options.targetType, this.who, -1);
    return { type: a.type ?? b.type, rows: a.rows + b.rows, sums, classCounts, classes };
  }

  private finalize(acc: TargetAcc): TargetEncoderState {
    const o = this.options;
    if (acc.rows === 0) {
      throw new InvalidInputError(`${this.who}: fit saw no rows; pass at least one labelled row`, { column: this.name });
    }
    const seen = o.targetType === "continuous" ? acc.sums : acc.classCounts;
    let list: CategoryList;
    if (o.categories === "auto") {
      const values = [...seen.keys()].filter((k): k is CategoryValue => k !== null).sort(compareCategories);
      list = categoryList(acc.type, values, seen.has(null));
    } else {
      list = givenCategories(o.categories, this.who);
      if (acc.type !== null && list.values.length > 0 && list.type !== acc.type) {
        throw new InvalidInputError(`${this.who}: the given categories are ${list.type}s but the data holds ${acc.type}s`, { column: this.name });
      }
    }
    const classes = Float64Array.from([...acc.classes].sort((x, y) => x - y));
    const e = this.learnEncodings(acc, list, classes);
    return {
      nFeaturesIn: 1,
      categories: list,
      targetType: o.targetType,
      classes,
      encodings: e.encodings,
      targetMean: e.targetMean,
      smooth: o.smooth === "auto" ? NaN : o.smooth,
      cv: o.cv,
      shuffle: o.shuffle,
      randomState: o.randomState,
    };
  }

  /**
   * Encodings of `list`'s categories from the rows in `acc`. Output column j encodes the
   * raw target (continuous), the indicator of classes[1] (binary: 0 everywhere if only
   * one class was seen) or the indicator of classes[j] (multiclass).
   */
  private learnEncodings(acc: TargetAcc, list: CategoryList, classes: Float64Array): Encodings {
    const smooth = this.options.smooth === "auto" ? NaN : this.options.smooth;
    const cats: Key[] = [...categoryValues(list), ...(list.includesMissing ? [null] : [])];
    const targetType = this.options.targetType;
    const width = targetType === "multiclass" ? classes.length : 1;
    const encodings = new Float64Array(cats.length * width);
    const targetMean = new Float64Array(width);
    // Per output column: the sums of that column's target over each category and over all rows.
    for (let j = 0; j < width; j++) {
      const perCategory: TargetSums[] = new Array(cats.length);
      let total: TargetSums;
      if (targetType === "continuous") {
        total = emptySums();
        for (const s of acc.sums.values()) addSums(total, s);
        for (let c = 0; c < cats.length; c++) perCategory[c] = acc.sums.get(cats[c]) ?? EMPTY;
      } else {
        const label = targetType === "binary" ? (classes.length === 2 ? classes[1] : NaN) : classes[j];
        let n = 0;
        let k = 0;
        for (const m of acc.classCounts.values()) {
          n += rowsOf(m);
          k += m.get(label) ?? 0;
        }
        total = indicatorSums(n, k);
        for (let c = 0; c < cats.length; c++) {
          const m = acc.classCounts.get(cats[c]);
          perCategory[c] = m === undefined ? EMPTY : indicatorSums(rowsOf(m), m.get(label) ?? 0);
        }
      }
      const all = moments(total);
      const variance = all.ssd / all.n;
      targetMean[j] = all.mean;
      for (let c = 0; c < cats.length; c++) encodings[c * width + j] = encodeCategory(perCategory[c], smooth, all.mean, variance);
    }
    return { encodings, targetMean };
  }

  /** Fitted categories (missing as null), in the order of the encodings. */
  get categories(): (CategoryValue | null)[] {
    const list = this.state().categories;
    return [...categoryValues(list), ...(list.includesMissing ? [null] : [])];
  }

  /** Encoding of each category (rows of width values, in `categories` order), float64 as fitted. */
  get encodings(): Float64Array {
    return this.state().encodings.slice();
  }

  /** The target mean per output column: the encoding of unknown categories. */
  get targetMean(): Float64Array {
    return this.state().targetMean.slice();
  }

  protected prepare(values: TargetEncoderInput): PreparedColumn {
    const column = requireColumn(isLabelled(values) ? values.values : values, this.who);
    return { values: column, rows: column.length };
  }

  protected inputType(): ColumnType {
    return "categorical";
  }

  protected widthFor(s: TargetEncoderState): number {
    return s.targetType === "multiclass" ? s.classes.length : 1;
  }

  protected namesFor(s: TargetEncoderState, inputNames: string[]): string[] {
    if (s.targetType !== "multiclass") return [inputNames[0]];
    return Array.from(s.classes, (c) => `${inputNames[0]}_${categoryLabel(c, "number")}`);
  }

  protected apply(s: TargetEncoderState, x: PreparedColumn, out: Float32Array): void {
    const t = this.tablesFor(s);
    const w = t.width;
    const values = x.values;
    const who = this.who;
    for (let i = 0; i < x.rows; i++) {
      const v = values[i];
      let key: Key;
      if (isMissing(v)) key = null;
      else {
        const vt = valueType(v, who, i);
        if (s.categories.values.length > 0 && vt !== s.categories.type) throw mixedTypes(who, i, v, vt, s.categories.type);
        key = categoryKey(v as CategoryValue);
      }
      const c = this.lookup(s, t, key);
      const src = c === undefined ? t.mean : t.encodings;
      const from = c === undefined ? 0 : c * w;
      for (let j = 0; j < w; j++) out[i * w + j] = src[from + j];
    }
  }

  private lookup(s: TargetEncoderState, t: Tables, key: Key): number | undefined {
    if (key === null) return s.categories.includesMissing ? s.categories.values.length : undefined;
    return t.index.get(key);
  }

  private tablesFor(s: TargetEncoderState): Tables {
    let t = this.tables.get(s);
    if (!t) {
      t = { index: indexCategories(s.categories), encodings: toF32(s.encodings, this.who), mean: toF32(s.targetMean, this.who), width: this.widthFor(s) };
      this.tables.set(s, t);
    }
    return t;
  }
}

interface Tables {
  index: Map<CategoryValue, number>;
  /** Encodings rounded once to float32, categories x width. */
  encodings: Float32Array;
  mean: Float32Array;
  width: number;
}

/** Rounds float64 encodings to the float32 output once; a non-finite value (only from a corrupt artefact) is a typed error. */
function toF32(a: Float64Array, who: string): Float32Array {
  const out = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const v = Math.fround(a[i]);
    if (!Number.isFinite(v)) throw new InvalidInputError(`${who}: encoding ${a[i]} is not finite in float32; the fitted state is corrupt — refit`, { column: who });
    out[i] = v;
  }
  return out;
}

/** Read-only stand-in for a category without rows. */
const EMPTY: TargetSums = Object.freeze({ n: 0, sum: [], squares: [] }) as TargetSums;

function rowsOf(m: Map<number, number>): number {
  let n = 0;
  for (const c of m.values()) n += c;
  return n;
}

function checkClasses(count: number, targetType: TargetType, who: string, row: number): void {
  const at = row >= 0 ? ` (at row ${row})` : "";
  if (targetType === "binary" && count > 2) {
    throw new InvalidInputError(`${who}: a binary target has at most 2 distinct values, found ${count}${at}; use targetType "multiclass" or "continuous"`, { column: who });
  }
  if (targetType === "multiclass" && count > MAX_CLASSES) {
    throw new InvalidInputError(`${who}: more than ${MAX_CLASSES} distinct target values${at}; a target like that is probably continuous — use targetType "continuous"`, { column: who });
  }
}

/** Folds a validated batch into `acc` (mutates and returns it). */
function addParsed(acc: TargetAcc, p: Parsed, who: string, targetType: TargetType): TargetAcc {
  if (p.type !== null) {
    if (acc.type !== null && acc.type !== p.type) {
      throw new InvalidInputError(`${who}: this batch holds ${p.type}s but earlier batches held ${acc.type}s; a column must have one type`, { column: who });
    }
    acc.type = p.type;
  }
  for (let i = 0; i < p.keys.length; i++) addRow(acc, p.keys[i], p.y[i], who, targetType, i);
  return acc;
}

/** Folds one validated row into `acc`. */
function addRow(acc: TargetAcc, key: Key, y: number, who: string, targetType: TargetType, row: number): void {
  acc.rows += 1;
  if (targetType === "continuous") {
    let s = acc.sums.get(key);
    if (!s) {
      s = emptySums();
      acc.sums.set(key, s);
    }
    addTarget(s, y);
    return;
  }
  let m = acc.classCounts.get(key);
  if (!m) {
    m = new Map();
    acc.classCounts.set(key, m);
  }
  m.set(y, (m.get(y) ?? 0) + 1);
  if (!acc.classes.has(y)) {
    acc.classes.add(y);
    checkClasses(acc.classes.size, targetType, who, row);
  }
}

/** Class index (into `classes`, any order) of each row, for stratification. */
function classIds(y: Float64Array, classes: Float64Array): Int32Array {
  const index = new Map<number, number>();
  classes.forEach((c, i) => index.set(c, i));
  return Int32Array.from(y, (v) => index.get(v) ?? -1);
}
