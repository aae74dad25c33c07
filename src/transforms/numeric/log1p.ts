/**
 * Log1p: y = ln(1 + x) per cell (Math.log1p, accurate for small |x|), the transform
 * scikit-learn users write as FunctionTransformer(np.log1p).
 *
 * Fit learns nothing: like FunctionTransformer (validate=False) it records only the
 * number of features, so transform can check the width; values are not read at fit.
 *
 * Policies (deviations from sklearn, which returns -inf for x = -1 and NaN for x < -1,
 * and passes NaN and +inf through): a value <= -1 is a typed error at transform naming
 * the value — shift the feature or Clip it to a minimum above -1 first; missing
 * (NaN/null/undefined) or infinite input is a typed error — put a SimpleImputer first.
 * Math.log1p and numpy's log1p may differ in the last float64 bit; the float32 outputs
 * agree to well within 1e-6 relative.
 */
import type { AccumulatorSpec } from "../../core/transform.js";
import type { Log1pState } from "../../artefact/states.js";
import { type Matrix, type NumericInput, cellName, isFloatArray } from "../../core/columns.js";
import { InvalidInputError, describeValue } from "../../core/errors.js";
import { NumericTransform, type TransformOptions } from "../base.js";
import { nonFiniteOutput } from "./errors.js";
import { notANumber } from "./not-a-number.js";
import { type WidthAcc, widthOnlySpec } from "./width-only.js";

export type Log1pOptions = TransformOptions;

export class Log1p extends NumericTransform<"Log1p", WidthAcc> {
  readonly kind = "Log1p" as const;

  constructor(options: Log1pOptions = {}) {
    super(options.name);
  }

  static fromState(state: Log1pState, name?: string): Log1p {
    return new Log1p({ name }).loadState(state);
  }

  protected accumulatorSpec(): AccumulatorSpec<NumericInput, WidthAcc, Log1pState> {
    return widthOnlySpec(`${this.kind} "${this.name}"`, (d) => ({ nFeaturesIn: d }));
  }

  protected widthFor(s: Log1pState): number {
    return s.nFeaturesIn;
  }

  protected namesFor(_s: Log1pState, inputNames: string[]): string[] {
    return inputNames.slice();
  }

  protected apply(s: Log1pState, m: Matrix, out: Float32Array): void {
    const d = s.nFeaturesIn;
    const n = m.rows;
    const data = m.data;
    const typed = isFloatArray(data);
    for (let i = 0, k = 0; i < n; i++) {
      for (let j = 0; j < d; j++, k++) {
        const raw = data[k];
        const x = typed || typeof raw === "number" ? (raw as number) : notANumber(this.kind, this.name, i, j, raw, d);
        // -Infinity falls through to the infinite-input error below.
        if (x <= -1 && x !== -Infinity) throw this.outOfDomain(i, j, x, d);
        const y = Math.fround(Math.log1p(x));
        // NaN or ±Infinity input (log1p of any finite x > -1 is finite and within float32 range).
        if (y - y !== 0) throw nonFiniteOutput(this.kind, this.name, i, j, x, d);
        out[k] = y;
      }
    }
  }

  private outOfDomain(row: number, feature: number, value: number, cols: number): InvalidInputError {
    const shown = describeValue(value);
    return new InvalidInputError(
      `${cellName(`${this.kind} "${this.name}"`, row, feature, cols)} is ${shown}; log1p is defined only for values > -1 (numpy's log1p would return ${value === -1 ? "-inf" : "NaN"}) — shift the feature or Clip it to a minimum above -1 first`,
      { column: this.name, row, value: shown },
    );
  }
}
