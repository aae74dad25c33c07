/**
 * PowerTransformer with scikit-learn 1.2.1 semantics: a per-feature Yeo-Johnson
 * (default) or Box-Cox power transform whose lambda maximises the Gaussian
 * log-likelihood, followed (standardize, default true) by a standard scaler fitted on
 * the transformed training data.
 *
 * Lambda estimation reproduces sklearn/scipy step for step:
 *  - yeo-johnson: sklearn's `_yeo_johnson_optimize` — minimise
 *    `n/2 * log(var(x_trans)) - (lambda - 1) * sum(sign(x) * log1p(|x|))` (+Infinity when
 *    var < float64 tiny) with scipy's `optimize.brent(brack=(-2, 2))`;
 *  - box-cox: `scipy.stats.boxcox` -> `boxcox_normmax(method="mle")` — minimise
 *    `-((lambda - 1) * sum(log x) - n/2 * log(var(x**lambda / lambda)))` (var(log x) at
 *    lambda == 0) with `optimize.brent(brack=(-2.0, 2.0))`.
 * The minimiser is a faithful port of scipy 1.10's bracket + Brent (src/core/brent.ts) and
 * sums use numpy's pairwise algorithm, so lambdas agree with sklearn to ~1e-8 relative; the
 * remaining difference comes from summing the values in ascending order (the exact sorted
 * store makes partialFit + merge equal fit bit for bit) instead of row order, and from
 * libm vs V8 `pow`/`log1p` in the last ulp.
 *
 * Beyond exactValuesLimit values per feature (default 2^24) the feature is kept in the
 * bounded quantile sketch (core/quantile-sketch.ts) and lambda and the standardization
 * statistics are fitted on 65,536 values read from it at evenly spaced ranks — the data's
 * distribution to within the sketch's certified rank error (`quantileRankError`) plus half
 * a step — instead of on every value.
 *
 * Transform (float64, rounded once to float32):
 *  - yeo-johnson, x >= 0: ((x + 1)^l - 1) / l, or log1p(x) when |l| < eps;
 *    x < 0: -((1 - x)^(2 - l) - 1) / (2 - l), or -log1p(-x) when |l - 2| <= eps
 *    (eps = np.spacing(1.0), the tests sklearn uses);
 *  - box-cox: scipy.special.boxcox: expm1(l * log x) / l, or log x when |l| < 1e-19;
 *  - then (t - mean) / scale when standardize.
 *
 * Policies and deviations from sklearn (documented on purpose):
 *  - Missing values (NaN/null) are skipped in fit, as sklearn does. At transform they are a
 *    typed error (sklearn passes NaN through); put a SimpleImputer first.
 *  - box-cox needs strictly positive data: a value <= 0 is an InvalidInputError at fit and
 *    at transform (sklearn raises ValueError); so is a constant feature at fit (scipy raises
 *    "Data must not be constant").
 *  - A feature with only missing values is a typed error at fit (sklearn would give NaN).
 *  - Where sklearn would produce NaN or ±Infinity (values so large that the transform
 *    overflows float64, e.g. |x| near 1e308), fit raises a typed error when the fitted
 *    statistics overflow and transform raises a typed error for the offending cell:
 *    never a NaN in the output. If scipy's bracket search fails (it raises RuntimeError
 *    after 1000 steps) fit raises InvalidInputError naming the feature.
 */
import type { AccumulatorSpec } from "../../core/transform.js";
import type { PowerTransformerState } from "../../artefact/states.js";
import { type Matrix, type NumericInput, asMatrix, badType, cellName, isFloatArray } from "../../core/columns.js";
import { InvalidInputError, InvalidOptionError, describeValue } from "../../core/errors.js";
import { batchMoments } from "../../core/moments.js";
import {
  type SortedValuesAcc,
  type StreamingQuantileOptions,
  batchSortedValues,
  emptySortedValues,
  sortedSampleOf,
  sortedValuesOf,
} from "../../core/sorted-values.js";
import { BracketNotFound, brentMinimize } from "../../core/brent.js";
import { pairwiseSum } from "../../core/pairwise-sum.js";
import type { TransformOptions } from "../base.js";
import { SortedValuesTransform } from "./sorted-values-transform.js";
import { nonFiniteOutput, requireFiniteStatistics } from "./errors.js";

export type PowerMethod = "yeo-johnson" | "box-cox";

export interface PowerTransformerOptions extends TransformOptions, StreamingQuantileOptions {
  /** "yeo-johnson" (default; any real values) or "box-cox" (strictly positive values). */
  method?: PowerMethod;
  /** Standardize the transformed data to zero mean, unit variance. Default true. */
  standardize?: boolean;
}

const METHODS: readonly PowerMethod[] = ["yeo-johnson", "box-cox"];
const EPS = 2.220446049250313e-16; // np.spacing(1.0) == np.finfo(np.float64).eps
const TINY = 2.2250738585072014e-308; // np.finfo(np.float64).tiny

/** sklearn's _yeo_johnson_transform for one value. */
export function yeoJohnson(x: number, lambda: number): number {
  if (x >= 0) {
    if (Math.abs(lambda) < EPS) return Math.log1p(x);
    return (Math.pow(x + 1, lambda) - 1) / lambda;
  }
  if (Math.abs(lambda - 2) > EPS) return -(Math.pow(-x + 1, 2 - lambda) - 1) / (2 - lambda);
  return -Math.log1p(-x);
}

/** scipy.special.boxcox (scipy 1.10) for one value. */
export function boxCox(x: number, lambda: number): number {
  if (Math.abs(lambda) < 1e-19) return Math.log(x);
  return Math.expm1(lambda * Math.log(x)) / lambda;
}

/** np.var of `t[0..n)` with numpy's pairwise sums; `sq` is scratch space. */
function varianceOf(t: Float64Array, sq: Float64Array): number {
  const n = t.length;
  const mean = pairwiseSum(t) / n;
  for (let i = 0; i < n; i++) {
    const d = t[i] - mean;
    sq[i] = d * d;
  }
  return pairwiseSum(sq) / n;
}

/** The negative log-likelihood sklearn's _yeo_johnson_optimize minimises, over the non-missing values x. */
export function yeoJohnsonObjective(x: Float64Array): (lambda: number) => number {
  const n = x.length;
  const t = new Float64Array(n);
  const sq = new Float64Array(n);
  const terms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = x[i];
    // np.sign(x) * np.log1p(np.abs(x)); np.sign(±0) is 0.
    terms[i] = (v > 0 ? 1 : v < 0 ? -1 : 0) * Math.log1p(Math.abs(v));
  }
  const signedLogSum = pairwiseSum(terms);
  return (lambda: number): number => {
    const lamZero = Math.abs(lambda) < EPS;
    const lamTwo = !(Math.abs(lambda - 2) > EPS);
    for (let i = 0; i < n; i++) {
      const v = x[i];
      if (v >= 0) t[i] = lamZero ? Math.log1p(v) : (Math.pow(v + 1, lambda) - 1) / lambda;
      else t[i] = lamTwo ? -Math.log1p(-v) : -(Math.pow(-v + 1, 2 - lambda) - 1) / (2 - lambda);
    }
    const variance = varianceOf(t, sq);
    // sklearn rejects transformed data whose variance would make np.log warn.
    if (variance < TINY) return Infinity;
    let loglike = (-n / 2) * Math.log(variance);
    loglike += (lambda - 1) * signedLogSum;
    return -loglike;
  };
}

/** -scipy.stats.boxcox_llf(lambda, x) (scipy 1.10), over strictly positive values x. */
export function boxCoxObjective(x: Float64Array): (lambda: number) => number {
  const n = x.length;
  const logs = new Float64Array(n);
  for (let i = 0; i < n; i++) logs[i] = Math.log(x[i]);
  const logSum = pairwiseSum(logs);
  const t = new Float64Array(n);
  const sq = new Float64Array(n);
  return (lambda: number): number => {
    let variance: number;
    if (lambda === 0) variance = varianceOf(logs, sq);
    else {
      // scipy drops the -1/lambda offset: it does not change the variance.
      for (let i = 0; i < n; i++) t[i] = Math.pow(x[i], lambda) / lambda;
      variance = varianceOf(t, sq);
    }
    const llf = (lambda - 1) * logSum - (n / 2) * Math.log(variance);
    return -llf;
  };
}

export class PowerTransformer extends SortedValuesTransform<"PowerTransformer"> {
  readonly kind = "PowerTransformer" as const;
  readonly method: PowerMethod;
  readonly standardize: boolean;

  constructor(options: PowerTransformerOptions = {}) {
    super(options.name, options, "PowerTransformer");
    const method = options.method ?? "yeo-johnson";
    if (!METHODS.includes(method)) {
      throw new InvalidOptionError(
        `PowerTransformer "${this.name}": option method is ${describeValue(method)}; allowed values are "yeo-johnson" (any real data) and "box-cox" (strictly positive data)`,
        { column: this.name, value: describeValue(method) },
      );
    }
    const standardize = options.standardize ?? true;
    if (typeof standardize !== "boolean") {
      throw new InvalidOptionError(`PowerTransformer "${this.name}": option standardize is ${describeValue(standardize)}; pass true or false`, {
        column: this.name,
        value: describeValue(standardize),
      });
    }
    this.method = method;
    this.standardize = standardize;
  }

  static fromState(state: PowerTransformerState, name?: string): PowerTransformer {
    return new PowerTransformer({ name, method: state.method, standardize: state.standardize }).loadState(state);
  }

  private get who(): string {
    return `${this.kind} "${this.name}"`;
  }

  protected accumulatorSpec(): AccumulatorSpec<NumericInput, SortedValuesAcc, PowerTransformerState> {
    const who = this.who;
    return {
      init: emptySortedValues,
      update: (acc, batch) => {
        const m = asMatrix(batch, who, acc.d || undefined);
        if (m.rows === 0) return acc;
        const b = batchSortedValues(m, who);
        if (this.method === "box-cox") this.requirePositive(m, b);
        return this.mergeValues(acc, b, who);
      },
      merge: (a, b) => this.mergeValues(a, b, who),
      finalize: (acc) => this.finalize(acc),
    };
  }

  /** Box-Cox is defined for x > 0 only: name the first offending cell of the batch. */
  private requirePositive(m: Matrix, b: SortedValuesAcc): void {
    for (let j = 0; j < b.d; j++) {
      const vals = sortedValuesOf(b, j);
      if (vals.length === 0 || vals[0] > 0) continue;
      for (let i = 0; i < m.rows; i++) {
        const v = m.data[i * m.cols + j];
        if (typeof v === "number" && v <= 0) throw this.notPositive(i, j, v, m.cols);
      }
    }
  }

  private notPositive(row: number, feature: number, value: number, cols: number): InvalidInputError {
    return new InvalidInputError(
      `${cellName(this.who, row, feature, cols)} is ${describeValue(value)}; the Box-Cox transform needs strictly positive values — use method "yeo-johnson" for data with zeros or negatives, or shift the feature`,
      { column: this.name, row, value: describeValue(value) },
    );
  }

  private finalize(acc: SortedValuesAcc): PowerTransformerState {
    const who = this.who;
    if (acc.d === 0) {
      throw new InvalidInputError(`${who}: fit saw no rows; pass at least one row with a non-missing value per feature`, { column: this.name });
    }
    const d = acc.d;
    this.recordRankErrors(acc);
    const lambdas = new Float64Array(d);
    const mean = new Float64Array(this.standardize ? d : 0);
    const scale = new Float64Array(this.standardize ? d : 0);
    for (let j = 0; j < d; j++) {
      const x = sortedSampleOf(acc, j);
      if (x.length === 0) {
        throw new InvalidInputError(
          `${who}: feature ${j} has only missing values in the fitted data, so its lambda is undefined; impute it (SimpleImputer with strategy "constant") or drop the feature`,
          { column: this.name },
        );
      }
      if (this.method === "box-cox" && x[0] === x[x.length - 1]) {
        throw new InvalidInputError(
          `${who}: feature ${j} is constant (${x[0]}) in the fitted data, and the Box-Cox lambda of constant data is undefined (scipy: "Data must not be constant"); drop the feature or use method "yeo-johnson"`,
          { column: this.name, value: String(x[0]) },
        );
      }
      const objective = this.method === "box-cox" ? boxCoxObjective(x) : yeoJohnsonObjective(x);
      let lambda: number;
      try {
        lambda = brentMinimize(objective, -2, 2).x;
      } catch (e) {
        if (!(e instanceof BracketNotFound)) throw e;
        throw new InvalidInputError(
          `${who}: the likelihood of feature ${j} has no minimum the bracket search can reach (scipy raises "Too many iterations"); the values are probably too large or too spread out — rescale the feature first`,
          { column: this.name },
        );
      }
      if (!Number.isFinite(lambda)) {
        throw new InvalidInputError(`${who}: the fitted lambda of feature ${j} is ${lambda}; rescale the feature before fitting`, { column: this.name });
      }
      lambdas[j] = lambda;
      if (!this.standardize) continue;
      // The inner StandardScaler sees the transformed training values (missing skipped).
      const t = new Float64Array(x.length);
      for (let i = 0; i < x.length; i++) t[i] = this.method === "box-cox" ? boxCox(x[i], lambda) : yeoJohnson(x[i], lambda);
      const mom = batchMoments({ data: t, rows: t.length, cols: 1 }, who);
      const n = mom.count[0];
      const mu = mom.sum[0] / n;
      const v = Math.max(0, mom.m2[0] / n);
      if (!Number.isFinite(mu) || !Number.isFinite(v)) {
        throw new InvalidInputError(
          `${who}: the ${this.method} transform of feature ${j} overflows float64 at lambda ${lambda} (mean ${mu}, variance ${v}); the values are too large — rescale the feature (e.g. divide by a power of ten) first`,
          { column: this.name },
        );
      }
      mean[j] = mu;
      // sklearn.preprocessing._data._is_constant_feature
      const bound = n * EPS * v + (n * mu * EPS) ** 2;
      scale[j] = v <= bound ? 1 : Math.sqrt(v);
    }
    requireFiniteStatistics(who, lambdas, mean, scale);
    return { nFeaturesIn: d, method: this.method, standardize: this.standardize, lambdas, mean, scale };
  }

  protected widthFor(s: PowerTransformerState): number {
    return s.nFeaturesIn;
  }

  protected namesFor(_s: PowerTransformerState, inputNames: string[]): string[] {
    return inputNames.slice();
  }

  protected apply(s: PowerTransformerState, m: Matrix, out: Float32Array): void {
    const d = s.nFeaturesIn;
    const n = m.rows;
    const data = m.data;
    const typed = isFloatArray(data);
    const boxcox = s.method === "box-cox";
    const offset = s.standardize ? s.mean : new Float64Array(d);
    const scale = s.standardize ? s.scale : new Float64Array(d).fill(1);
    const lambdas = s.lambdas;
    for (let i = 0, k = 0; i < n; i++) {
      for (let j = 0; j < d; j++, k++) {
        const raw = data[k];
        if (!typed && typeof raw !== "number") {
          if (raw == null) throw nonFiniteOutput(this.kind, this.name, i, j, raw, d);
          throw badType(this.who, i, j, raw, d);
        }
        const x = raw as number;
        // Missing and ±Infinity are rejected up front: with lambda < 0 the transform maps
        // +Infinity to a finite value, which would hide the bad input.
        if (x - x !== 0) throw nonFiniteOutput(this.kind, this.name, i, j, x, d);
        let t: number;
        if (boxcox) {
          if (x <= 0) throw this.notPositive(i, j, x, d);
          t = boxCox(x, lambdas[j]);
        } else t = yeoJohnson(x, lambdas[j]);
        const y = Math.fround((t - offset[j]) / scale[j]);
        if (y - y !== 0) throw nonFiniteOutput(this.kind, this.name, i, j, x, d);
        out[k] = y;
      }
    }
  }
}
