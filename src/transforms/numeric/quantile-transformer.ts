/**
 * QuantileTransformer with scikit-learn 1.2 semantics: each feature is mapped through its
 * empirical CDF to [0, 1] ("uniform") or on to a standard normal ("normal").
 *
 * Fit: n_quantiles_ = max(1, min(nQuantiles, rows seen)) — rows, missing cells included,
 * as sklearn counts X.shape[0]; references_ = numpy.linspace(0, 1, n_quantiles_);
 * quantiles_ = numpy.nanpercentile(column, references_ * 100) made non-decreasing by a
 * running maximum (np.maximum.accumulate). The state stores them feature-major as raw
 * float64 bytes.
 *
 * Transform (sklearn's _transform_col, forward): y = 0.5 * (interp(x, q, r) -
 * interp(-x, -q[::-1], -r[::-1])) with numpy.interp's exact arithmetic (core/interp.ts),
 * averaging both directions so repeated quantiles map to the middle of their references.
 * Then the bounds: uniform output sets y = 1 where x == q[last] and y = 0 where x == q[0];
 * normal output uses x + 1e-7 > q[last] and x - 1e-7 < q[0] (BOUNDS_THRESHOLD), applies
 * Φ⁻¹ (core/normal.ts) and clips to ±Φ⁻¹(1e-7 - eps) ≈ ±5.1993. One rounding to float32.
 *
 * Fitting keeps every non-missing value in the exact sorted store (core/sorted-values.ts,
 * 8 bytes per value): partialFit + merge over any split equals fit bit for bit. Beyond
 * exactValuesLimit values per feature the feature is summarized by the bounded quantile
 * sketch, and each quantile is then within its certified rank error (`quantileRankError`).
 *
 * Deviations from scikit-learn:
 *  - subsample: when there are more rows than `subsample`, sklearn computes the quantiles of
 *    a random subsample of that many rows; skewless always uses all values, exactly and
 *    without a random generator, so the fit is deterministic and mergeable. The option is
 *    kept (and checked: nQuantiles <= subsample, as sklearn does) but changes no output.
 *    Results agree with sklearn whenever rows <= subsample.
 *  - missing (NaN/null/undefined) or infinite input at transform is a typed error (sklearn
 *    passes NaN through); put a SimpleImputer before the transformer.
 *  - a feature with no non-missing value in fit is a typed error (sklearn: NaN quantiles).
 *  - quantiles that overflow float64 (a column holding both ~-1e308 and ~1e308) are a typed
 *    fit error, and where numpy.interp's slope overflows (neighbouring quantiles closer than
 *    ~1e-308) the NaN/Infinity sklearn would output is a typed error instead.
 *  - inputs are computed in float64 even when given as Float32Array (sklearn keeps float32).
 */
import type { QuantileTransformerState } from "../../artefact/states.js";
import { type Matrix, type NumericInput, asMatrix, badType, isFloatArray } from "../../core/columns.js";
import { InvalidInputError, InvalidOptionError } from "../../core/errors.js";
import { countBelow, interpAt, searchRight } from "../../core/interp.js";
import { ndtri } from "../../core/normal.js";
import {
  type SortedValuesAcc,
  type StreamingQuantileOptions,
  batchSortedValues,
  emptySortedValues,
  percentileOf,
  valueCount,
} from "../../core/sorted-values.js";
import type { AccumulatorSpec } from "../../core/transform.js";
import type { TransformOptions } from "../base.js";
import { SortedValuesTransform } from "./sorted-values-transform.js";
import { nonFiniteOutput, requireFiniteStatistics } from "./errors.js";

export type QuantileOutputDistribution = "uniform" | "normal";

export interface QuantileTransformerOptions extends TransformOptions, StreamingQuantileOptions {
  /** Number of quantiles (landmarks of the CDF), at least 1. Default 1000; fewer when fit sees fewer rows. */
  nQuantiles?: number;
  /** "uniform" (default) or "normal". */
  outputDistribution?: QuantileOutputDistribution;
  /**
   * sklearn's subsample size (default 10000, as in scikit-learn 1.2.1). skewless never
   * subsamples — it uses every value — so this only bounds nQuantiles, as in sklearn.
   */
  subsample?: number;
}

/** sklearn.preprocessing._data.BOUNDS_THRESHOLD */
const BOUNDS_THRESHOLD = 1e-7;
const SPACING_1 = 2.220446049250313e-16; // np.spacing(1)
/** stats.norm.ppf(BOUNDS_THRESHOLD - np.spacing(1)) and its mirror: the normal output's clip range. */
const CLIP_MIN = ndtri(BOUNDS_THRESHOLD - SPACING_1);
const CLIP_MAX = ndtri(1 - (BOUNDS_THRESHOLD - SPACING_1));

/** numpy.linspace(0, 1, n) for n >= 1: i * (1 / (n - 1)), last element exactly 1. */
export function linspace01(n: number): Float64Array {
  const out = new Float64Array(n);
  if (n === 1) return out;
  const step = 1 / (n - 1);
  for (let i = 0; i < n; i++) out[i] = i * step;
  out[n - 1] = 1;
  return out;
}

function positiveInteger(value: unknown, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 1 || value > 0xffffffff) {
    throw new InvalidOptionError(`QuantileTransformer: option ${option} must be an integer from 1 to 4294967295, got ${String(value)}`);
  }
  return value;
}

/** The mirrored grid of sklearn's second interp: -q[::-1] and -r[::-1], per feature, feature-major. */
interface Mirror {
  quantiles: Float64Array;
  references: Float64Array;
}

const mirrors = new WeakMap<QuantileTransformerState, Mirror>();

function mirrorOf(s: QuantileTransformerState): Mirror {
  let m = mirrors.get(s);
  if (m === undefined) {
    const nq = s.nQuantiles;
    const quantiles = new Float64Array(s.quantiles.length);
    for (let j = 0; j < s.nFeaturesIn; j++) {
      for (let k = 0; k < nq; k++) quantiles[j * nq + k] = -s.quantiles[j * nq + (nq - 1 - k)];
    }
    const references = new Float64Array(nq);
    for (let k = 0; k < nq; k++) references[k] = -s.references[nq - 1 - k];
    m = { quantiles, references };
    mirrors.set(s, m);
  }
  return m;
}

export class QuantileTransformer extends SortedValuesTransform<"QuantileTransformer"> {
  readonly kind = "QuantileTransformer" as const;
  readonly nQuantiles: number;
  readonly outputDistribution: QuantileOutputDistribution;
  readonly subsample: number;

  constructor(options: QuantileTransformerOptions = {}) {
    super(options.name, options, "QuantileTransformer");
    this.nQuantiles = positiveInteger(options.nQuantiles, "nQuantiles", 1000);
    this.subsample = positiveInteger(options.subsample, "subsample", 10_000);
    const dist = options.outputDistribution ?? "uniform";
    if (dist !== "uniform" && dist !== "normal") {
      throw new InvalidOptionError(`QuantileTransformer: option outputDistribution must be "uniform" or "normal", got ${JSON.stringify(dist)}`);
    }
    this.outputDistribution = dist;
    if (this.nQuantiles > this.subsample) {
      throw new InvalidOptionError(
        `QuantileTransformer: option nQuantiles (${this.nQuantiles}) cannot be greater than option subsample (${this.subsample}); lower nQuantiles or raise subsample`,
      );
    }
  }

  /** Rebuilds a fitted transformer; its nQuantiles is the fitted count n_quantiles_. */
  static fromState(state: QuantileTransformerState, name?: string): QuantileTransformer {
    return new QuantileTransformer({
      name,
      nQuantiles: state.nQuantiles,
      outputDistribution: state.outputDistribution,
      subsample: state.subsample,
    }).loadState(state);
  }

  protected accumulatorSpec(): AccumulatorSpec<NumericInput, SortedValuesAcc, QuantileTransformerState> {
    const who = `${this.kind} "${this.name}"`;
    return {
      init: emptySortedValues,
      update: (acc, batch) => {
        const m = asMatrix(batch, who, acc.d || undefined);
        // An empty batch is the identity, whatever width it claims.
        return m.rows === 0 ? acc : this.mergeValues(acc, batchSortedValues(m, who), who);
      },
      merge: (a, b) => this.mergeValues(a, b, who),
      finalize: (acc) => {
        requireValues(acc, who);
        this.recordRankErrors(acc);
        const d = acc.d;
        const nq = Math.max(1, Math.min(this.nQuantiles, acc.rows));
        const references = linspace01(nq);
        const quantiles = new Float64Array(nq * d);
        for (let j = 0; j < d; j++) {
          const base = j * nq;
          for (let k = 0; k < nq; k++) {
            // nanpercentile takes q = references * 100 and divides by 100 again: keep both roundings.
            const q = percentileOf(acc, j, references[k] * 100);
            // np.maximum.accumulate: numpy's linear percentile can dip by an ulp (numpy #14685).
            quantiles[base + k] = k > 0 && quantiles[base + k - 1] > q ? quantiles[base + k - 1] : q;
          }
        }
        requireFiniteStatistics(who, quantiles);
        return { nFeaturesIn: d, nQuantiles: nq, outputDistribution: this.outputDistribution, subsample: this.subsample, quantiles, references };
      },
    };
  }

  protected widthFor(s: QuantileTransformerState): number {
    return s.nFeaturesIn;
  }

  protected namesFor(_s: QuantileTransformerState, inputNames: string[]): string[] {
    return inputNames.slice();
  }

  protected apply(s: QuantileTransformerState, m: Matrix, out: Float32Array): void {
    const d = s.nFeaturesIn;
    const n = m.rows;
    const nq = s.nQuantiles;
    const data = m.data;
    const typed = isFloatArray(data);
    const normal = s.outputDistribution === "normal";
    const { quantiles: mq, references: mr } = mirrorOf(s);
    const q = s.quantiles;
    const r = s.references;
    for (let i = 0, k = 0; i < n; i++) {
      for (let j = 0; j < d; j++, k++) {
        const raw = data[k];
        let x: number;
        if (typed || typeof raw === "number") x = raw as number;
        else if (raw == null) throw nonFiniteOutput(this.kind, this.name, i, j, raw, d);
        else throw badType(`${this.kind} "${this.name}"`, i, j, raw, d);
        if (x - x !== 0) throw nonFiniteOutput(this.kind, this.name, i, j, x, d);
        const qo = j * nq;
        const lowX = q[qo];
        const highX = q[qo + nq - 1];
        const j1 = searchRight(x, q, qo, nq);
        // The mirrored search of -x in -q[::-1], derived from j1: count(-q <= -x) = count(q >= x).
        let j2: number;
        if (j1 === nq) j2 = -1;
        else if (j1 === -1) j2 = nq;
        else j2 = nq - 1 - (q[qo + j1] < x ? j1 + 1 : countBelow(x, q, qo, nq));
        let y = 0.5 * (interpAt(x, j1, q, qo, r, 0, nq) - interpAt(-x, j2, mq, qo, mr, 0, nq));
        if (normal) {
          if (x + BOUNDS_THRESHOLD > highX) y = 1;
          if (x - BOUNDS_THRESHOLD < lowX) y = 0;
          y = ndtri(y);
          // np.clip; a NaN (only from an overflowed slope) stays NaN and is reported below.
          if (y < CLIP_MIN) y = CLIP_MIN;
          else if (y > CLIP_MAX) y = CLIP_MAX;
        } else {
          if (x === highX) y = 1;
          if (x === lowX) y = 0;
        }
        const f = Math.fround(y);
        if (f - f !== 0) throw nonFiniteOutput(this.kind, this.name, i, j, x, d);
        out[k] = f;
      }
    }
  }
}

/** Every feature needs at least one non-missing value, or its quantiles are undefined. */
function requireValues(acc: SortedValuesAcc, who: string): void {
  if (acc.d === 0) {
    throw new InvalidInputError(`${who}: fit saw no rows; pass at least one row with a non-missing value per feature`, { column: who });
  }
  for (let j = 0; j < acc.d; j++) {
    if (valueCount(acc, j) === 0) {
      throw new InvalidInputError(
        `${who}: feature ${j} has only missing values in the fitted data, so its quantiles are undefined; impute it (SimpleImputer with strategy "constant") or drop the feature`,
        { column: who },
      );
    }
  }
}
