/**
 * MinMaxScaler with scikit-learn 1.2 semantics: scales each feature to featureRange
 * using the minimum and maximum seen in fit (NaN/null skipped).
 *
 *   scale_ = (rangeMax - rangeMin) / handleZeros(dataMax - dataMin)
 *   min_   = rangeMin - dataMin * scale_
 *   y      = x * scale_ + min_            (then clamped to featureRange when clip)
 *
 * handleZeros is sklearn's _handle_zeros_in_scale: a data range below 10 * eps
 * (a constant feature) counts as 1, so such a feature maps to
 * rangeMin + (x - dataMin) * (rangeMax - rangeMin): its fitted value lands on rangeMin.
 *
 * Arithmetic (recorded in the artefact as F64_MULTIPLY_ADD): float64 multiply then add,
 * in sklearn's order, then one rounding to float32. The textbook form
 * (x - min) / (max - min) rounds differently.
 *
 * Policies (deviations from sklearn, which passes NaN through and returns NaN
 * statistics for an all-missing feature):
 *  - missing (NaN/null/undefined) or infinite input at transform is a typed error — put
 *    a SimpleImputer before the scaler; infinity is rejected even with clip, as sklearn does;
 *  - a feature with only missing values in fit, or whose range overflows float64
 *    (e.g. -1e308 and 1e308), is a typed error at fit;
 *  - without clip, a value far outside the fitted range whose result exceeds the float32
 *    range is a typed error at transform (with clip it is clamped, as in sklearn).
 */
import type { AccumulatorSpec } from "../../core/transform.js";
import type { MinMaxScalerState } from "../../artefact/states.js";
import { type Matrix, type NumericInput, asMatrix, isFloatArray } from "../../core/columns.js";
import { ArtefactError, InvalidOptionError, describeValue } from "../../core/errors.js";
import { runAffine } from "../../core/wasm/affine-kernel.js";
import { NumericTransform, type TransformOptions } from "../base.js";
import { nonFiniteOutput, requireFiniteStatistics } from "./errors.js";
import { type ExtremaAcc, batchExtrema, emptyExtrema, mergeExtrema, requireObservedExtrema } from "./extrema.js";
import { handleZerosInScale } from "./handle-zeros.js";
import { notANumber } from "./not-a-number.js";

export interface MinMaxScalerOptions extends TransformOptions {
  /** Desired range [min, max] of the transformed data; finite, min < max. Default [0, 1]. */
  featureRange?: readonly [number, number];
  /** Clamp transformed values to featureRange (for inputs outside the fitted range). Default false. */
  clip?: boolean;
}

function checkFeatureRange(range: unknown): [number, number] {
  const ok =
    Array.isArray(range) &&
    range.length === 2 &&
    typeof range[0] === "number" &&
    typeof range[1] === "number" &&
    Number.isFinite(range[1] - range[0]) &&
    range[0] < range[1];
  if (!ok) {
    const shown = Array.isArray(range) ? `[${range.map(describeValue).join(", ")}]` : describeValue(range);
    throw new InvalidOptionError(
      `MinMaxScaler option featureRange must be [min, max] with finite numbers and min < max (e.g. [0, 1] or [-1, 1]), got ${shown}`,
      { value: shown },
    );
  }
  return [range[0], range[1]];
}

export class MinMaxScaler extends NumericTransform<"MinMaxScaler", ExtremaAcc> {
  readonly kind = "MinMaxScaler" as const;
  readonly featureRange: readonly [number, number];
  readonly clip: boolean;

  constructor(options: MinMaxScalerOptions = {}) {
    super(options.name);
    this.featureRange = checkFeatureRange(options.featureRange ?? [0, 1]);
    const clip = options.clip ?? false;
    if (typeof clip !== "boolean") {
      throw new InvalidOptionError(`MinMaxScaler option clip must be true or false, got ${describeValue(clip)}`, { value: describeValue(clip) });
    }
    this.clip = clip;
  }

  static fromState(state: MinMaxScalerState, name?: string): MinMaxScaler {
    let t: MinMaxScaler;
    try {
      t = new MinMaxScaler({ name, featureRange: state.featureRange, clip: state.clip });
    } catch (e) {
      // A hostile or corrupted artefact is an artefact error, not a caller's option error.
      if (e instanceof InvalidOptionError) throw new ArtefactError(`artefact MinMaxScaler state is invalid: ${e.message}`);
      throw e;
    }
    return t.loadState(state);
  }

  protected accumulatorSpec(): AccumulatorSpec<NumericInput, ExtremaAcc, MinMaxScalerState> {
    const who = `${this.kind} "${this.name}"`;
    return {
      init: emptyExtrema,
      update: (acc, batch) => {
        const m = asMatrix(batch, who, acc.d || undefined);
        // An empty batch is the identity, whatever width it claims.
        return m.rows === 0 ? acc : mergeExtrema(acc, batchExtrema(m, who), who);
      },
      merge: (a, b) => mergeExtrema(a, b, who),
      finalize: (acc) => {
        requireObservedExtrema(acc, who);
        const d = acc.d;
        const [lo, hi] = this.featureRange;
        const dataRange = new Float64Array(d);
        const scale = new Float64Array(d);
        const min = new Float64Array(d);
        for (let j = 0; j < d; j++) {
          dataRange[j] = acc.max[j] - acc.min[j];
          scale[j] = (hi - lo) / handleZerosInScale(dataRange[j]);
          min[j] = lo - acc.min[j] * scale[j];
        }
        requireFiniteStatistics(who, dataRange, scale, min);
        return { nFeaturesIn: d, featureRange: [lo, hi], clip: this.clip, dataMin: acc.min.slice(), dataMax: acc.max.slice(), scale, min };
      },
    };
  }

  protected widthFor(s: MinMaxScalerState): number {
    return s.nFeaturesIn;
  }

  protected namesFor(_s: MinMaxScalerState, inputNames: string[]): string[] {
    return inputNames.slice();
  }

  protected apply(s: MinMaxScalerState, m: Matrix, out: Float32Array): void {
    const d = s.nFeaturesIn;
    const n = m.rows;
    const data = m.data;
    const typed = isFloatArray(data);
    const { scale, min: offset, clip } = s;
    const [lo, hi] = s.featureRange;
    // WebAssembly SIMD kernel (same bits; it flags non-finite inputs and outputs, and the
    // loop below then recomputes and throws for the first such cell).
    if (typed && runAffine({ op: "muladd", a: scale, b: offset, clip: clip ? s.featureRange : undefined }, data, n, d, out) === "done") return;
    for (let i = 0, k = 0; i < n; i++) {
      for (let j = 0; j < d; j++, k++) {
        const raw = data[k];
        const x = typed || typeof raw === "number" ? (raw as number) : notANumber(this.kind, this.name, i, j, raw, d);
        // Checked on the input, not the output: clip would otherwise turn ±Infinity into a bound.
        if (x - x !== 0) throw nonFiniteOutput(this.kind, this.name, i, j, x, d);
        let y = x * scale[j] + offset[j];
        // np.clip: minimum(maximum(y, lo), hi), in float64 before the float32 rounding.
        if (clip) y = Math.min(Math.max(y, lo), hi);
        const f = Math.fround(y);
        if (f - f !== 0) throw nonFiniteOutput(this.kind, this.name, i, j, x, d);
        out[k] = f;
      }
    }
  }
}
