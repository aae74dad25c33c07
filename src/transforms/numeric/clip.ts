/**
 * Clip: y = min(max(x, min), max) per cell, the transform scikit-learn users write as
 * FunctionTransformer(np.clip, kw_args={"a_min": min, "a_max": max}).
 *
 * Fit learns nothing: like FunctionTransformer (validate=False) it records only the
 * number of features, so transform can check the width; values are not read at fit.
 *
 * Policies: clipping is how infinities are tamed, so ±Infinity input is accepted and
 * clamped to a finite bound (np.clip does the same); an infinite result (no bound on
 * that side) or a result beyond the float32 range is a typed error. A missing value
 * (NaN/null/undefined) is a typed error (np.clip would pass NaN through) — put a
 * SimpleImputer first.
 */
import type { AccumulatorSpec } from "../../core/transform.js";
import type { ClipState } from "../../artefact/states.js";
import { type Matrix, type NumericInput, cellName, isFloatArray } from "../../core/columns.js";
import { ArtefactError, InvalidInputError, InvalidOptionError, describeValue } from "../../core/errors.js";
import { NumericTransform, type TransformOptions } from "../base.js";
import { nonFiniteOutput } from "./errors.js";
import { notANumber } from "./not-a-number.js";
import { type WidthAcc, widthOnlySpec } from "./width-only.js";

export interface ClipOptions extends TransformOptions {
  /** Lower bound. Default -Infinity (no lower bound). */
  min?: number;
  /** Upper bound, >= min. Default +Infinity (no upper bound). */
  max?: number;
}

function checkBound(option: "min" | "max", value: unknown): number {
  // A lower bound of +Infinity (or upper of -Infinity) would make every output infinite.
  if (typeof value !== "number" || Number.isNaN(value) || value === (option === "min" ? Infinity : -Infinity)) {
    throw new InvalidOptionError(`Clip option ${option} must be a number (or ${option === "min" ? "-" : "+"}Infinity for no bound), got ${describeValue(value)}`, {
      value: describeValue(value),
    });
  }
  return value;
}

export class Clip extends NumericTransform<"Clip", WidthAcc> {
  readonly kind = "Clip" as const;
  readonly min: number;
  readonly max: number;

  constructor(options: ClipOptions = {}) {
    super(options.name);
    this.min = checkBound("min", options.min ?? -Infinity);
    this.max = checkBound("max", options.max ?? Infinity);
    if (!(this.min <= this.max)) {
      throw new InvalidOptionError(`Clip options need min <= max, got min ${describeValue(this.min)} and max ${describeValue(this.max)}`, {
        value: `[${describeValue(this.min)}, ${describeValue(this.max)}]`,
      });
    }
  }

  static fromState(state: ClipState, name?: string): Clip {
    let t: Clip;
    try {
      t = new Clip({ name, min: state.min, max: state.max });
    } catch (e) {
      // A hostile or corrupted artefact is an artefact error, not a caller's option error.
      if (e instanceof InvalidOptionError) throw new ArtefactError(`artefact Clip state is invalid: ${e.message}`);
      throw e;
    }
    return t.loadState(state);
  }

  protected accumulatorSpec(): AccumulatorSpec<NumericInput, WidthAcc, ClipState> {
    return widthOnlySpec(`${this.kind} "${this.name}"`, (d) => ({ nFeaturesIn: d, min: this.min, max: this.max }));
  }

  protected widthFor(s: ClipState): number {
    return s.nFeaturesIn;
  }

  protected namesFor(_s: ClipState, inputNames: string[]): string[] {
    return inputNames.slice();
  }

  protected apply(s: ClipState, m: Matrix, out: Float32Array): void {
    const d = s.nFeaturesIn;
    const n = m.rows;
    const data = m.data;
    const typed = isFloatArray(data);
    const { min: lo, max: hi } = s;
    for (let i = 0, k = 0; i < n; i++) {
      for (let j = 0; j < d; j++, k++) {
        const raw = data[k];
        const x = typed || typeof raw === "number" ? (raw as number) : notANumber(this.kind, this.name, i, j, raw, d);
        // NaN propagates through min/max, so the check below catches missing values too.
        const y = Math.fround(Math.min(Math.max(x, lo), hi));
        if (y - y !== 0) throw x !== x ? nonFiniteOutput(this.kind, this.name, i, j, x, d) : this.unbounded(i, j, x, d);
        out[k] = y;
      }
    }
  }

  /** x is ±Infinity or beyond float32 on a side this Clip leaves open (or its bound is itself beyond float32). */
  private unbounded(row: number, feature: number, value: number, cols: number): InvalidInputError {
    const shown = describeValue(value);
    const option = value < 0 ? "min" : "max";
    return new InvalidInputError(
      `${cellName(`${this.kind} "${this.name}"`, row, feature, cols)} is ${shown}, and clipping it to ${option} ${describeValue(value < 0 ? this.min : this.max)} leaves a value outside the float32 range (±3.4e38); set Clip's ${option} option to a finite bound within that range`,
      { column: this.name, row, value: shown },
    );
  }
}
