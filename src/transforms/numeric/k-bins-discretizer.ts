/**
 * KBinsDiscretizer with scikit-learn 1.2.1 semantics: each feature is cut into nBins
 * intervals and a value is replaced by its bin index (encode "ordinal") or by a one-hot
 * block of its feature's bins (encode "onehot", the default).
 *
 * Bin edges per feature (min/max over the non-missing values):
 *  - "uniform": np.linspace(min, max, nBins + 1) (numpy's arithmetic, denormal step included);
 *  - "quantile" (default): np.percentile(values, np.linspace(0, 100, nBins + 1)), linear
 *    interpolation, numpy's exact lerp;
 *  - "kmeans": 1-D k-means (sklearn 1.2.1 Lloyd, see kmeans-1d.ts) started at the midpoints
 *    of the uniform bins; edges are the midpoints of the sorted centers, with min and max
 *    as the outer edges.
 * Fitting keeps the values exactly up to exactValuesLimit per feature (partialFit + merge =
 * fit bit for bit); beyond, the bounded quantile sketch of core/quantile-sketch.ts: min
 * and max stay exact ("uniform" is unchanged), quantile edges are within the sketch's
 * certified rank error (`quantileRankError`), and kmeans runs on 65,536 values read from
 * the sketch at evenly spaced ranks.
 * For "quantile" and "kmeans", bins narrower than 1e-8 are removed exactly as sklearn does
 * (`np.ediff1d(edges, to_begin=inf) > 1e-8`, each edge compared with the edge before it
 * in the unpruned list), so a feature can end with fewer bins than requested; the
 * per-feature count is in the state and in the output width. A constant feature gets one
 * bin with edges [-Infinity, +Infinity], as in sklearn (which also warns).
 *
 * Transform: bin = np.searchsorted(edges[1:-1], x, side="right") — the number of inner
 * edges <= x — which is always in [0, bins - 1]; values below the first or above the last
 * fitted edge fall in the outer bins, as in sklearn. Ordinal output is the bin index as a
 * float; one-hot output has one column per bin, named `<feature>_<bin>` (sklearn's
 * OneHotEncoder names).
 *
 * Policies and deviations from sklearn:
 *  - encode "onehot" returns dense columns (sklearn's "onehot" returns a scipy sparse
 *    matrix; its values equal these). sklearn's "onehot-dense" is therefore "onehot" here.
 *  - Missing values (NaN/null) are skipped in fit, like every skewless fit (sklearn's
 *    KBinsDiscretizer rejects NaN in fit); at transform missing and ±Infinity are typed
 *    errors (sklearn rejects both).
 *  - subsample: sklearn 1.2's default ("warn") uses all rows for "quantile"; so does this
 *    (no subsampling, so no random_state). nBins is one integer for all features.
 *  - Where every bin of a non-constant feature is narrower than 1e-8 (values spread over
 *    less than ~1e-8), sklearn keeps a single edge (0 bins: ordinal output 0, and the
 *    one-hot encoder fails to fit); here the feature gets one bin [first edge, last edge],
 *    which gives the same ordinal output and a one-hot column of ones.
 *  - A feature whose range max - min overflows float64 (|values| near 1e308) is a typed
 *    error at fit: sklearn's edges would be NaN/Infinity there. "kmeans" also needs the
 *    squared range to be finite (its distances square the values).
 *  - "kmeans" with fewer non-missing values than nBins is a typed error, as in sklearn
 *    (KMeans: n_samples should be >= n_clusters).
 */
import type { AccumulatorSpec } from "../../core/transform.js";
import type { KBinsDiscretizerState } from "../../artefact/states.js";
import { type Matrix, type NumericInput, asMatrix, badType, isFloatArray } from "../../core/columns.js";
import { InvalidInputError, InvalidOptionError, describeValue } from "../../core/errors.js";
import {
  type SortedValuesAcc,
  type StreamingQuantileOptions,
  batchSortedValues,
  emptySortedValues,
  extremesOf,
  percentileOf,
  sortedSampleOf,
  valueCount,
} from "../../core/sorted-values.js";
import type { TransformOptions } from "../base.js";
import { SortedValuesTransform } from "./sorted-values-transform.js";
import { nonFiniteOutput } from "./errors.js";
import { kmeans1d } from "./kmeans-1d.js";

export type KBinsEncode = "onehot" | "ordinal";
export type KBinsStrategy = "uniform" | "quantile" | "kmeans";

export interface KBinsDiscretizerOptions extends TransformOptions, StreamingQuantileOptions {
  /** Bins per feature, an integer >= 2. Default 5. */
  nBins?: number;
  /** "onehot" (default; dense one-hot columns) or "ordinal" (the bin index). */
  encode?: KBinsEncode;
  /** "quantile" (default), "uniform" or "kmeans". */
  strategy?: KBinsStrategy;
}

const ENCODES: readonly KBinsEncode[] = ["onehot", "ordinal"];
const STRATEGIES: readonly KBinsStrategy[] = ["quantile", "uniform", "kmeans"];
/** Upper bound on nBins: keeps edge arrays and one-hot widths allocatable. */
const MAX_BINS = 1 << 24;
/** sklearn's minimum bin width for "quantile" and "kmeans". */
const MIN_WIDTH = 1e-8;

/** np.linspace(start, stop, num) with endpoint=True, numpy 1.24's arithmetic. */
export function linspace(start: number, stop: number, num: number): Float64Array {
  const y = new Float64Array(num);
  const div = num - 1;
  const delta = stop - start;
  const step = delta / div;
  if (step === 0) {
    // numpy's denormal handling (gh-5437): scale by delta after dividing the index.
    for (let i = 0; i < num; i++) y[i] = (i / div) * delta + start;
  } else {
    for (let i = 0; i < num; i++) y[i] = i * step + start;
  }
  y[num - 1] = stop;
  return y;
}

/** sklearn's pruning: keep edge 0 and every edge more than 1e-8 above the edge before it. */
export function pruneNarrowBins(edges: Float64Array): Float64Array {
  const kept: number[] = [edges[0]];
  for (let i = 1; i < edges.length; i++) if (edges[i] - edges[i - 1] > MIN_WIDTH) kept.push(edges[i]);
  if (kept.length < 2) return Float64Array.of(edges[0], edges[edges.length - 1]);
  return Float64Array.from(kept);
}

export class KBinsDiscretizer extends SortedValuesTransform<"KBinsDiscretizer"> {
  readonly kind = "KBinsDiscretizer" as const;
  readonly nBins: number;
  readonly encode: KBinsEncode;
  readonly strategy: KBinsStrategy;

  constructor(options: KBinsDiscretizerOptions = {}) {
    super(options.name, options, "KBinsDiscretizer");
    const nBins = options.nBins ?? 5;
    if (typeof nBins !== "number" || !Number.isInteger(nBins) || nBins < 2 || nBins > MAX_BINS) {
      throw new InvalidOptionError(
        `KBinsDiscretizer "${this.name}": option nBins is ${describeValue(nBins)}; pass an integer from 2 to ${MAX_BINS}`,
        { column: this.name, value: describeValue(nBins) },
      );
    }
    const encode = options.encode ?? "onehot";
    if (!ENCODES.includes(encode)) {
      throw new InvalidOptionError(
        `KBinsDiscretizer "${this.name}": option encode is ${describeValue(encode)}; allowed values are "onehot" (dense one-hot columns, sklearn's "onehot"/"onehot-dense") and "ordinal"`,
        { column: this.name, value: describeValue(encode) },
      );
    }
    const strategy = options.strategy ?? "quantile";
    if (!STRATEGIES.includes(strategy)) {
      throw new InvalidOptionError(
        `KBinsDiscretizer "${this.name}": option strategy is ${describeValue(strategy)}; allowed values are "quantile", "uniform" and "kmeans"`,
        { column: this.name, value: describeValue(strategy) },
      );
    }
    this.nBins = nBins;
    this.encode = encode;
    this.strategy = strategy;
  }

  static fromState(state: KBinsDiscretizerState, name?: string): KBinsDiscretizer {
    // nBins only matters for fitting, which a loaded object cannot do; keep it valid.
    const nBins = Number.isInteger(state.requestedBins) && state.requestedBins >= 2 && state.requestedBins <= MAX_BINS ? state.requestedBins : 2;
    return new KBinsDiscretizer({ name, nBins, encode: state.encode, strategy: state.strategy }).loadState(state);
  }

  private get who(): string {
    return `${this.kind} "${this.name}"`;
  }

  protected accumulatorSpec(): AccumulatorSpec<NumericInput, SortedValuesAcc, KBinsDiscretizerState> {
    const who = this.who;
    return {
      init: emptySortedValues,
      update: (acc, batch) => {
        const m = asMatrix(batch, who, acc.d || undefined);
        return m.rows === 0 ? acc : this.mergeValues(acc, batchSortedValues(m, who), who);
      },
      merge: (a, b) => this.mergeValues(a, b, who),
      finalize: (acc) => this.finalize(acc),
    };
  }

  private finalize(acc: SortedValuesAcc): KBinsDiscretizerState {
    const who = this.who;
    if (acc.d === 0) {
      throw new InvalidInputError(`${who}: fit saw no rows; pass at least one row with a non-missing value per feature`, { column: this.name });
    }
    const d = acc.d;
    const nBins = new Uint32Array(d);
    const perFeature: Float64Array[] = [];
    for (let j = 0; j < d; j++) {
      const edges = this.featureEdges(acc, j);
      nBins[j] = edges.length - 1;
      perFeature.push(edges);
    }
    this.recordRankErrors(acc);
    const binEdges = new Float64Array(perFeature.reduce((s, e) => s + e.length, 0));
    let off = 0;
    for (const e of perFeature) {
      binEdges.set(e, off);
      off += e.length;
    }
    return { nFeaturesIn: d, encode: this.encode, strategy: this.strategy, requestedBins: this.nBins, nBins, binEdges };
  }

  private featureEdges(acc: SortedValuesAcc, j: number): Float64Array {
    const who = this.who;
    const n = valueCount(acc, j);
    if (n === 0) {
      throw new InvalidInputError(
        `${who}: feature ${j} has only missing values in the fitted data, so it has no bins; impute it (SimpleImputer with strategy "constant") or drop the feature`,
        { column: this.name },
      );
    }
    const [lo, hi] = extremesOf(acc, j);
    // sklearn: "Feature j is constant and will be replaced with 0."
    if (lo === hi) return Float64Array.of(-Infinity, Infinity);
    const range = hi - lo;
    if (!Number.isFinite(range) || (this.strategy === "kmeans" && !Number.isFinite(range * range))) {
      throw new InvalidInputError(
        `${who}: feature ${j} spans ${lo} to ${hi}, a range too large for float64 arithmetic${this.strategy === "kmeans" ? " (kmeans squares distances)" : ""}; rescale the feature (e.g. divide by a power of ten) first`,
        { column: this.name, value: `${lo}..${hi}` },
      );
    }
    const k = this.nBins;
    if (this.strategy === "uniform") return linspace(lo, hi, k + 1);
    let edges: Float64Array;
    if (this.strategy === "quantile") {
      const q = linspace(0, 100, k + 1);
      edges = q.map((p) => percentileOf(acc, j, p));
    } else {
      if (n < k) {
        throw new InvalidInputError(
          `${who}: feature ${j} has ${n} non-missing value(s) but kmeans needs at least nBins = ${k} (sklearn: n_samples should be >= n_clusters); lower nBins or use strategy "quantile"`,
          { column: this.name },
        );
      }
      const uniform = linspace(lo, hi, k + 1);
      const init = new Float64Array(k);
      for (let i = 0; i < k; i++) init[i] = (uniform[i + 1] + uniform[i]) * 0.5;
      const centers = kmeans1d(sortedSampleOf(acc, j), init).sort();
      edges = new Float64Array(k + 1);
      edges[0] = lo;
      for (let i = 1; i < k; i++) edges[i] = (centers[i] + centers[i - 1]) * 0.5;
      edges[k] = hi;
    }
    for (let i = 0; i < edges.length; i++) {
      if (Number.isNaN(edges[i])) {
        throw new InvalidInputError(`${who}: the ${this.strategy} bin edges of feature ${j} are undefined (NaN); rescale the feature first`, { column: this.name });
      }
    }
    return pruneNarrowBins(edges);
  }

  protected widthFor(s: KBinsDiscretizerState): number {
    if (s.encode === "ordinal") return s.nFeaturesIn;
    let w = 0;
    for (let j = 0; j < s.nFeaturesIn; j++) w += s.nBins[j];
    return w;
  }

  protected namesFor(s: KBinsDiscretizerState, inputNames: string[]): string[] {
    if (s.encode === "ordinal") return inputNames.slice();
    const names: string[] = [];
    for (let j = 0; j < s.nFeaturesIn; j++) for (let b = 0; b < s.nBins[j]; b++) names.push(`${inputNames[j]}_${b}`);
    return names;
  }

  protected apply(s: KBinsDiscretizerState, m: Matrix, out: Float32Array): void {
    const d = s.nFeaturesIn;
    const n = m.rows;
    const data = m.data;
    const typed = isFloatArray(data);
    const edges = s.binEdges;
    const bins = s.nBins;
    // Offset of feature j's first edge, and of its first one-hot column.
    const edgeOff = new Uint32Array(d);
    const colOff = new Uint32Array(d);
    for (let j = 1; j < d; j++) {
      edgeOff[j] = edgeOff[j - 1] + bins[j - 1] + 1;
      colOff[j] = colOff[j - 1] + bins[j - 1];
    }
    const onehot = s.encode === "onehot";
    const w = onehot ? colOff[d - 1] + bins[d - 1] : d;
    for (let i = 0; i < n; i++) {
      const rowOut = i * w;
      if (onehot) out.fill(0, rowOut, rowOut + w);
      for (let j = 0; j < d; j++) {
        const raw = data[i * d + j];
        if (!typed && typeof raw !== "number") {
          if (raw == null) throw nonFiniteOutput(this.kind, this.name, i, j, raw, d);
          throw badType(this.who, i, j, raw, d);
        }
        const x = raw as number;
        if (x - x !== 0) throw nonFiniteOutput(this.kind, this.name, i, j, x, d);
        // searchsorted(edges[1:-1], x, side="right"): count of inner edges <= x.
        let lo = 0;
        let hi = bins[j] - 1;
        const base = edgeOff[j] + 1;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (edges[base + mid] <= x) lo = mid + 1;
          else hi = mid;
        }
        if (onehot) out[rowOut + colOff[j] + lo] = 1;
        else out[rowOut + j] = lo;
      }
    }
  }
}
