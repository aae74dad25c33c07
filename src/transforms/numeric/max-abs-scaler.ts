/**
 * MaxAbsScaler with scikit-learn 1.2 semantics: y = x / scale_, where
 * max_abs_ = the largest |x| per feature seen in fit (NaN/null skipped) and
 * scale_ = handleZeros(max_abs_) — sklearn's _handle_zeros_in_scale, so a feature whose
 * max |x| is below 10 * eps (all zeros, or subnormal values) is left unchanged.
 * It does not shift data, so zeros stay zeros (sparsity is kept).
 *
 * Arithmetic (recorded in the artefact as F64_SUBTRACT_DIVIDE with no offset): float64
 * division by scale_, as sklearn divides, then one rounding to float32.
 *
 * Policies (deviations from sklearn, which passes NaN through and returns a NaN
 * max_abs_ for an all-missing feature): missing or infinite input at transform is a
 * typed error (put a SimpleImputer first); a feature with only missing values in fit is
 * a typed error; a value far beyond the fitted max |x| whose result exceeds the float32
 * range is a typed error at transform.
 */
import type { AccumulatorSpec } from "../../core/transform.js";
import type { MaxAbsScalerState } from "../../artefact/states.js";
import { type Matrix, type NumericInput, asMatrix, isFloatArray } from "../../core/columns.js";
import { runAffine } from "../../core/wasm/affine-kernel.js";
import { NumericTransform, type TransformOptions } from "../base.js";
import { nonFiniteOutput } from "./errors.js";
import { type ExtremaAcc, batchExtrema, emptyExtrema, mergeExtrema, requireObservedExtrema } from "./extrema.js";
import { handleZerosInScale } from "./handle-zeros.js";
import { notANumber } from "./not-a-number.js";

export type MaxAbsScalerOptions = TransformOptions;

export class MaxAbsScaler extends NumericTransform<"MaxAbsScaler", ExtremaAcc> {
  readonly kind = "MaxAbsScaler" as const;

  constructor(options: MaxAbsScalerOptions = {}) {
    super(options.name);
  }

  static fromState(state: MaxAbsScalerState, name?: string): MaxAbsScaler {
    return new MaxAbsScaler({ name }).loadState(state);
  }

  protected accumulatorSpec(): AccumulatorSpec<NumericInput, ExtremaAcc, MaxAbsScalerState> {
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
        const maxAbs = new Float64Array(d);
        const scale = new Float64Array(d);
        for (let j = 0; j < d; j++) {
          // max |x| = max(|min|, |max|): the same number numpy's nanmax(abs(X)) finds.
          maxAbs[j] = Math.max(Math.abs(acc.min[j]), Math.abs(acc.max[j]));
          scale[j] = handleZerosInScale(maxAbs[j]);
        }
        return { nFeaturesIn: d, maxAbs, scale };
      },
    };
  }

  protected widthFor(s: MaxAbsScalerState): number {
    return s.nFeaturesIn;
  }

  protected namesFor(_s: MaxAbsScalerState, inputNames: string[]): string[] {
    return inputNames.slice();
  }

  protected apply(s: MaxAbsScalerState, m: Matrix, out: Float32Array): void {
    const d = s.nFeaturesIn;
    const n = m.rows;
    const data = m.data;
    const typed = isFloatArray(data);
    const scale = s.scale;
    // WebAssembly SIMD kernel: (x - 0) / scale is x / scale bit for bit (x - +0 === x, -0
    // included). On a flagged result the loop below recomputes and throws for the first cell.
    if (typed && runAffine({ op: "subdiv", a: new Float64Array(d), b: scale }, data, n, d, out) === "done") return;
    for (let i = 0, k = 0; i < n; i++) {
      for (let j = 0; j < d; j++, k++) {
        const raw = data[k];
        const x = typed || typeof raw === "number" ? (raw as number) : notANumber(this.kind, this.name, i, j, raw, d);
        const y = Math.fround(x / scale[j]);
        // NaN, ±Infinity, or a result past the float32 range.
        if (y - y !== 0) throw nonFiniteOutput(this.kind, this.name, i, j, x, d);
        out[k] = y;
      }
    }
  }
}
