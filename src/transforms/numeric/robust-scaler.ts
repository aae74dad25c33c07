/**
 * RobustScaler with scikit-learn 1.2 semantics: y = (x - center_) / scale_, where
 * center_ is the median and scale_ the spread between the quantileRange percentiles
 * (numpy's linear method), both ignoring NaN/null in fit. A spread below 10·eps becomes 1
 * (sklearn's _handle_zeros_in_scale); unitVariance divides the spread by
 * Φ⁻¹(high/100) - Φ⁻¹(low/100) so normally distributed data gets unit variance.
 *
 * Fitting keeps every non-missing value in the exact sorted store
 * (core/sorted-values.ts, 8 bytes per value): partialFit + merge over any split equals
 * fit bit for bit. Beyond exactValuesLimit values per feature the feature is summarized
 * by the bounded quantile sketch, and the percentiles are then within the sketch's
 * certified rank error (`quantileRankError`). Arithmetic (recorded in the artefact): float64 subtract then divide,
 * one rounding to float32.
 *
 * Deviations from scikit-learn, each to avoid a silent NaN/Inf:
 *  - quantileRange needs low < high (sklearn accepts low == high, whose spread is 0 -> 1,
 *    and whose unitVariance factor divides by zero);
 *  - with unitVariance, 0 < low and high < 100 (Φ⁻¹(0) = -∞ would make every scale 0);
 *  - a feature with no non-missing value in fit is a typed error (sklearn: NaN statistics),
 *    and so is a spread that overflows float64 (sklearn's -inf spread would become 1);
 *  - a median of two values whose sum overflows is taken as a/2 + b/2 (numpy: Infinity),
 *    and an odd count's median is the middle value even near ±1.8e308 (numpy's masked
 *    median doubles and halves it, overflowing);
 *  - missing (NaN/null/undefined) or infinite input at transform is a typed error
 *    (sklearn passes NaN through); put a SimpleImputer before the scaler.
 */
import type { RobustScalerState } from "../../artefact/states.js";
import { type Matrix, type NumericInput, asMatrix, badType, isFloatArray } from "../../core/columns.js";
import { InvalidInputError, InvalidOptionError } from "../../core/errors.js";
import { ndtri } from "../../core/normal.js";
import { runAffine } from "../../core/wasm/affine-kernel.js";
import {
  type SortedValuesAcc,
  type StreamingQuantileOptions,
  batchSortedValues,
  emptySortedValues,
  finiteMedianOf,
  percentileOf,
  valueCount,
} from "../../core/sorted-values.js";
import type { AccumulatorSpec } from "../../core/transform.js";
import type { TransformOptions } from "../base.js";
import { SortedValuesTransform } from "./sorted-values-transform.js";
import { nonFiniteOutput, requireFiniteStatistics } from "./errors.js";
import { handleZerosInScale } from "./handle-zeros.js";

export interface RobustScalerOptions extends TransformOptions, StreamingQuantileOptions {
  /** Subtract the median. Default true. */
  withCentering?: boolean;
  /** Divide by the quantile spread. Default true. */
  withScaling?: boolean;
  /** Percentiles [low, high] of the spread, 0 <= low < high <= 100. Default [25, 75] (the IQR). */
  quantileRange?: readonly [number, number];
  /** Scale so that normal data gets unit variance. Default false. */
  unitVariance?: boolean;
}

function boolOption(value: unknown, option: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean") {
    throw new InvalidOptionError(`RobustScaler: option ${option} must be true or false, got ${String(value)}`);
  }
  return value;
}

export class RobustScaler extends SortedValuesTransform<"RobustScaler"> {
  readonly kind = "RobustScaler" as const;
  readonly withCentering: boolean;
  readonly withScaling: boolean;
  readonly quantileRange: readonly [number, number];
  readonly unitVariance: boolean;

  constructor(options: RobustScalerOptions = {}) {
    super(options.name, options, "RobustScaler");
    this.withCentering = boolOption(options.withCentering, "withCentering", true);
    this.withScaling = boolOption(options.withScaling, "withScaling", true);
    this.unitVariance = boolOption(options.unitVariance, "unitVariance", false);
    const range = options.quantileRange ?? [25, 75];
    const [low, high] = Array.isArray(range) && range.length === 2 ? range : [NaN, NaN];
    if (!(typeof low === "number" && typeof high === "number" && low >= 0 && low < high && high <= 100)) {
      throw new InvalidOptionError(
        `RobustScaler: option quantileRange must be two percentiles [low, high] with 0 <= low < high <= 100 (default [25, 75]), got ${JSON.stringify(range)}`,
      );
    }
    if (this.unitVariance && !(low > 0 && high < 100)) {
      throw new InvalidOptionError(
        `RobustScaler: option quantileRange must lie strictly inside (0, 100) when unitVariance is true, because the normal quantile of 0% or 100% is infinite; got [${low}, ${high}]`,
      );
    }
    this.quantileRange = [low, high];
  }

  static fromState(state: RobustScalerState, name?: string): RobustScaler {
    return new RobustScaler({
      name,
      withCentering: state.withCentering,
      withScaling: state.withScaling,
      quantileRange: state.quantileRange,
      unitVariance: state.unitVariance,
    }).loadState(state);
  }

  protected accumulatorSpec(): AccumulatorSpec<NumericInput, SortedValuesAcc, RobustScalerState> {
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
        const [low, high] = this.quantileRange;
        const center = new Float64Array(this.withCentering ? d : 0);
        const scale = new Float64Array(this.withScaling ? d : 0);
        // sklearn: stats.norm.ppf(q_max / 100) - stats.norm.ppf(q_min / 100).
        const adjust = this.unitVariance ? ndtri(high / 100) - ndtri(low / 100) : 1;
        for (let j = 0; j < d; j++) {
          if (this.withCentering) center[j] = finiteMedianOf(acc, j);
          if (this.withScaling) {
            const spread = percentileOf(acc, j, high) - percentileOf(acc, j, low);
            // An overflowed spread (±Inf/NaN) must reach requireFiniteStatistics, not become 1 as sklearn lets it.
            const s = Number.isFinite(spread) ? handleZerosInScale(spread) : spread;
            scale[j] = this.unitVariance ? s / adjust : s;
          }
        }
        requireFiniteStatistics(who, center, scale);
        return {
          nFeaturesIn: d,
          withCentering: this.withCentering,
          withScaling: this.withScaling,
          quantileRange: [low, high],
          unitVariance: this.unitVariance,
          center,
          scale,
        };
      },
    };
  }

  protected widthFor(s: RobustScalerState): number {
    return s.nFeaturesIn;
  }

  protected namesFor(_s: RobustScalerState, inputNames: string[]): string[] {
    return inputNames.slice();
  }

  protected apply(s: RobustScalerState, m: Matrix, out: Float32Array): void {
    const d = s.nFeaturesIn;
    const n = m.rows;
    const data = m.data;
    // Offset 0 and scale 1 reproduce x exactly, so one loop covers all option combinations.
    const offset = s.withCentering ? s.center : new Float64Array(d);
    const scale = s.withScaling ? s.scale : new Float64Array(d).fill(1);
    if (isFloatArray(data)) {
      // The WebAssembly SIMD kernel computes the same f32((x - offset) / scale); anything it flags
      // (or where it is unavailable) runs the loop below, which names the bad cell.
      if (runAffine({ op: "subdiv", a: offset, b: scale }, data, n, d, out) === "done") return;
      for (let i = 0, k = 0; i < n; i++) {
        for (let j = 0; j < d; j++, k++) {
          const y = Math.fround((data[k] - offset[j]) / scale[j]);
          if (y - y !== 0) throw nonFiniteOutput(this.kind, this.name, i, j, data[k], d);
          out[k] = y;
        }
      }
      return;
    }
    for (let i = 0, k = 0; i < n; i++) {
      for (let j = 0; j < d; j++, k++) {
        const v = data[k];
        if (typeof v !== "number") {
          if (v == null) throw nonFiniteOutput(this.kind, this.name, i, j, v, d);
          throw badType(`${this.kind} "${this.name}"`, i, j, v, d);
        }
        const y = Math.fround((v - offset[j]) / scale[j]);
        if (y - y !== 0) throw nonFiniteOutput(this.kind, this.name, i, j, v, d);
        out[k] = y;
      }
    }
  }
}

/** Every feature needs at least one non-missing value, or its median and percentiles are undefined. */
function requireValues(acc: SortedValuesAcc, who: string): void {
  if (acc.d === 0) {
    throw new InvalidInputError(`${who}: fit saw no rows; pass at least one row with a non-missing value per feature`, { column: who });
  }
  for (let j = 0; j < acc.d; j++) {
    if (valueCount(acc, j) === 0) {
      throw new InvalidInputError(
        `${who}: feature ${j} has only missing values in the fitted data, so its median and percentiles are undefined; impute it (SimpleImputer with strategy "constant") or drop the feature`,
        { column: who },
      );
    }
  }
}
