/**
 * SimpleImputer with scikit-learn 1.2 semantics (missing_values = NaN): missing cells
 * (NaN, null, undefined) are replaced by a per-feature statistic learned in fit.
 *
 *  - "mean": mean of the non-missing values. Computed from the correctly rounded sum
 *    (core/exact-sum.ts), so it is independent of row order and of how the fit was split;
 *    it differs from numpy's left-to-right sum by at most numpy's own rounding (~n·eps).
 *  - "median": numpy's median (mean of the two middle values for an even count).
 *  - "mostFrequent": the most frequent value, the smallest one among ties (scipy.stats.mode).
 *  - "constant": fillValue (default 0) for every feature.
 *
 * A feature with no non-missing value in fit (not "constant") is dropped from the output
 * and its statistic stored as NaN, as sklearn 1.2 does — unless keepEmptyFeatures, which
 * keeps it and fills it with 0. addIndicator appends sklearn's MissingIndicator
 * (features="missing-only") columns after the imputed ones: 1.0 where the cell is missing,
 * else 0.0, for the features that had missing values in fit, named
 * `missingindicator_<feature>`. Missing values in other features at transform are imputed
 * without an indicator (sklearn's error_on_new=False).
 *
 * Accumulator: the exact sorted-values store (core/sorted-values.ts), 8 bytes per
 * non-missing value for "mean", "median" and "mostFrequent"; "constant" keeps only the
 * row and missing counts. Either way partialFit + merge equals fit bit for bit. Beyond
 * exactValuesLimit values per feature (default 2^24) a feature moves to the bounded
 * quantile sketch: "mean" stays exact (the sketch keeps an exact sum), "median" is then
 * within the sketch's certified rank error (`quantileRankError`), and "mostFrequent",
 * which needs exact counts, is a typed error naming the limit to raise.
 *
 * Policies and deviations from scikit-learn:
 *  - ±Infinity (fit or transform) is a typed error, as sklearn rejects it;
 *  - a value, or an imputed statistic, beyond the float32 range is a typed error at transform;
 *  - a fit in which every feature is empty and nothing would be output (no kept feature, no
 *    indicator) is a typed error; sklearn returns an array with zero columns;
 *  - a median of two values whose sum overflows is a/2 + b/2 (numpy: Infinity), and a
 *    mean whose sum overflows is summed at a smaller scale (numpy: Infinity).
 */
import type { SimpleImputerState } from "../../artefact/states.js";
import { type Matrix, type NumericInput, asMatrix, badType, isFloatArray } from "../../core/columns.js";
import { InvalidInputError, InvalidOptionError } from "../../core/errors.js";
import { infinityError } from "../../core/moments.js";
import {
  type SortedValuesAcc,
  type StreamingQuantileOptions,
  batchSortedValues,
  emptySortedValues,
  finiteMedianOf,
  meanOf,
  sortedValuesOf,
  valueCount,
} from "../../core/sorted-values.js";
import type { AccumulatorSpec } from "../../core/transform.js";
import type { TransformOptions } from "../base.js";
import { SortedValuesTransform } from "./sorted-values-transform.js";
import { nonFiniteOutput } from "./errors.js";

export type ImputerStrategy = "mean" | "median" | "mostFrequent" | "constant";

const STRATEGIES: readonly ImputerStrategy[] = ["mean", "median", "mostFrequent", "constant"];

export interface SimpleImputerOptions extends TransformOptions, StreamingQuantileOptions {
  /** "mean" (default), "median", "mostFrequent" or "constant". */
  strategy?: ImputerStrategy;
  /** The fill value of strategy "constant" (a finite number). Default 0. */
  fillValue?: number;
  /** Append a 0/1 missing-indicator column per feature that had missing values in fit. Default false. */
  addIndicator?: boolean;
  /** Keep features that were all missing in fit, filled with 0 (or fillValue for "constant"). Default false. */
  keepEmptyFeatures?: boolean;
}

function boolOption(value: unknown, option: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean") {
    throw new InvalidOptionError(`SimpleImputer: option ${option} must be true or false, got ${String(value)}`);
  }
  return value;
}

function mostFrequent(sorted: Float64Array): number {
  let best = sorted[0];
  let bestCount = 0;
  for (let i = 0; i < sorted.length; ) {
    let k = i + 1;
    while (k < sorted.length && sorted[k] === sorted[i]) k++;
    if (k - i > bestCount) {
      bestCount = k - i;
      best = sorted[i];
    }
    i = k;
  }
  return best;
}

/** Which input features appear in the output, in order. */
function keptFeatures(s: SimpleImputerState): number[] {
  const kept: number[] = [];
  const all = s.strategy === "constant" || s.keepEmptyFeatures;
  for (let j = 0; j < s.nFeaturesIn; j++) if (all || !Number.isNaN(s.statistics[j])) kept.push(j);
  return kept;
}

/** Per-state layout cache: kept features and indicator features, computed once. */
const layouts = new WeakMap<SimpleImputerState, { kept: Uint32Array; indicators: Uint32Array }>();

function layoutOf(s: SimpleImputerState): { kept: Uint32Array; indicators: Uint32Array } {
  let l = layouts.get(s);
  if (l === undefined) {
    l = { kept: Uint32Array.from(keptFeatures(s)), indicators: s.addIndicator ? s.indicatorFeatures : new Uint32Array(0) };
    layouts.set(s, l);
  }
  return l;
}

export class SimpleImputer extends SortedValuesTransform<"SimpleImputer"> {
  readonly kind = "SimpleImputer" as const;
  readonly strategy: ImputerStrategy;
  readonly fillValue: number;
  readonly addIndicator: boolean;
  readonly keepEmptyFeatures: boolean;

  constructor(options: SimpleImputerOptions = {}) {
    super(options.name, options, "SimpleImputer");
    const strategy = options.strategy ?? "mean";
    if (!STRATEGIES.includes(strategy)) {
      throw new InvalidOptionError(`SimpleImputer: option strategy must be one of ${STRATEGIES.map((v) => `"${v}"`).join(", ")}, got ${JSON.stringify(strategy)}`);
    }
    this.strategy = strategy;
    const fill = options.fillValue ?? 0;
    if (typeof fill !== "number" || !Number.isFinite(fill)) {
      throw new InvalidOptionError(`SimpleImputer: option fillValue must be a finite number, got ${String(fill)}`);
    }
    this.fillValue = fill;
    this.addIndicator = boolOption(options.addIndicator, "addIndicator", false);
    this.keepEmptyFeatures = boolOption(options.keepEmptyFeatures, "keepEmptyFeatures", false);
  }

  /** mostFrequent counts equal values, which a sketch cannot: refuse as soon as a feature leaves the exact store. */
  private requireExact(acc: SortedValuesAcc, who: string): SortedValuesAcc {
    if (this.strategy !== "mostFrequent") return acc;
    const j = acc.sketches.findIndex((s) => s !== null);
    if (j >= 0) {
      throw new InvalidInputError(
        `${who}: feature ${j} has more than exactValuesLimit = ${this.policy.exactLimit} non-missing values, and strategy "mostFrequent" needs every value exactly (a quantile sketch cannot count equal values); raise exactValuesLimit (8 bytes per value) or use strategy "median"`,
        { column: who },
      );
    }
    return acc;
  }

  static fromState(state: SimpleImputerState, name?: string): SimpleImputer {
    return new SimpleImputer({
      name,
      strategy: state.strategy,
      fillValue: state.fillValue,
      addIndicator: state.addIndicator,
      keepEmptyFeatures: state.keepEmptyFeatures,
    }).loadState(state);
  }

  protected accumulatorSpec(): AccumulatorSpec<NumericInput, SortedValuesAcc, SimpleImputerState> {
    const who = `${this.kind} "${this.name}"`;
    const countsOnly = this.strategy === "constant";
    return {
      init: emptySortedValues,
      update: (acc, batch) => {
        const m = asMatrix(batch, who, acc.d || undefined);
        // An empty batch is the identity, whatever width it claims.
        if (m.rows === 0) return acc;
        const b = batchSortedValues(m, who);
        // "constant" needs only which cells were missing, not the values.
        if (countsOnly) b.runs = b.runs.map(() => []);
        return this.requireExact(this.mergeValues(acc, b, who), who);
      },
      merge: (a, b) => this.requireExact(this.mergeValues(a, b, who), who),
      finalize: (acc) => {
        if (acc.d === 0) {
          throw new InvalidInputError(`${who}: fit saw no rows; pass at least one row`, { column: who });
        }
        const d = acc.d;
        const statistics = new Float64Array(d);
        this.recordRankErrors(acc);
        for (let j = 0; j < d; j++) {
          if (this.strategy === "constant") statistics[j] = this.fillValue;
          else if (valueCount(acc, j) === 0) statistics[j] = this.keepEmptyFeatures ? 0 : NaN;
          else if (this.strategy === "mean") statistics[j] = meanOf(acc, j);
          else if (this.strategy === "median") statistics[j] = finiteMedianOf(acc, j);
          else statistics[j] = mostFrequent(sortedValuesOf(acc, j));
        }
        const indicators: number[] = [];
        if (this.addIndicator) for (let j = 0; j < d; j++) if (acc.missing[j] > 0) indicators.push(j);
        const state: SimpleImputerState = {
          nFeaturesIn: d,
          strategy: this.strategy,
          fillValue: this.fillValue,
          addIndicator: this.addIndicator,
          keepEmptyFeatures: this.keepEmptyFeatures,
          statistics,
          indicatorFeatures: Uint32Array.from(indicators),
        };
        if (this.widthFor(state) === 0) {
          throw new InvalidInputError(
            `${who}: every feature has only missing values in the fitted data, so there is nothing to impute and no column to output; fit on data with values, or use strategy "constant" or keepEmptyFeatures: true`,
            { column: who },
          );
        }
        return state;
      },
    };
  }

  protected widthFor(s: SimpleImputerState): number {
    const l = layoutOf(s);
    return l.kept.length + l.indicators.length;
  }

  protected namesFor(s: SimpleImputerState, inputNames: string[]): string[] {
    const l = layoutOf(s);
    const names = Array.from(l.kept, (j) => inputNames[j]);
    for (const j of l.indicators) names.push(`missingindicator_${inputNames[j]}`);
    return names;
  }

  protected apply(s: SimpleImputerState, m: Matrix, out: Float32Array): void {
    const d = s.nFeaturesIn;
    const n = m.rows;
    const data = m.data;
    const typed = isFloatArray(data);
    const { kept, indicators } = layoutOf(s);
    const w = kept.length + indicators.length;
    const stats = s.statistics;
    const row = new Float64Array(d);
    for (let i = 0; i < n; i++) {
      // Read and check the whole row first: sklearn rejects ±Infinity in any feature, dropped ones included.
      for (let j = 0; j < d; j++) {
        const raw = data[i * d + j];
        let v: number;
        if (typed || typeof raw === "number") v = raw as number;
        else if (raw == null) v = NaN;
        else throw badType(`${this.kind} "${this.name}"`, i, j, raw, d);
        if (v === Infinity || v === -Infinity) throw infinityError(`${this.kind} "${this.name}"`, i, j, v, d);
        row[j] = v;
      }
      const base = i * w;
      for (let c = 0; c < kept.length; c++) {
        const j = kept[c];
        const v = row[j];
        const y = Math.fround(v === v ? v : stats[j]);
        if (y - y !== 0) throw nonFiniteOutput(this.kind, this.name, i, j, v === v ? v : stats[j], d);
        out[base + c] = y;
      }
      for (let c = 0; c < indicators.length; c++) {
        const v = row[indicators[c]];
        out[base + kept.length + c] = v === v ? 0 : 1;
      }
    }
  }
}
