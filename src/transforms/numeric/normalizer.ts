/**
 * Normalizer with scikit-learn 1.2 semantics: scales each row of a vector column to
 * unit norm, independently of every other row.
 *
 *   l2:  norm = sqrt(sum of x_j * x_j)   (sklearn's row_norms: einsum then sqrt)
 *   l1:  norm = sum of |x_j|
 *   max: norm = max of |x_j|
 *   y_j = x_j / handleZeros(norm)
 *
 * handleZeros is sklearn's _handle_zeros_in_scale: a norm below 10 * eps (an all-zero
 * row, or one of tiny values) counts as 1, so such a row is returned unchanged.
 * Arithmetic: float64 sums in feature order, float64 division (sklearn divides; it does
 * not multiply by a reciprocal), then one rounding to float32. numpy's einsum/sum may
 * add in a different order, which differs from ours only in the last float64 bits.
 *
 * Fit learns nothing: it records the number of features (so transform can check the
 * width) and does not read the values. sklearn's Normalizer.fit rejects NaN/Infinity in
 * its input; here the values are checked at transform, where they are used.
 *
 * Policies: the norm of a row needs every cell, so a missing (NaN/null/undefined) or
 * infinite cell at transform is a typed error naming the row (sklearn raises too). A row
 * whose l2 or l1 norm overflows float64 (values beyond ~1e154 for l2) is a typed error,
 * where sklearn would divide by infinity and silently return zeros.
 */
import type { AccumulatorSpec } from "../../core/transform.js";
import type { NormKind, NormalizerState } from "../../artefact/states.js";
import { type Matrix, type NumericInput, isFloatArray } from "../../core/columns.js";
import { ArtefactError, InvalidInputError, InvalidOptionError, describeValue } from "../../core/errors.js";
import { NumericTransform, type TransformOptions } from "../base.js";
import { nonFiniteOutput } from "./errors.js";
import { handleZerosInScale } from "./handle-zeros.js";
import { notANumber } from "./not-a-number.js";
import { type WidthAcc, widthOnlySpec } from "./width-only.js";

export interface NormalizerOptions extends TransformOptions {
  /** Norm each row is scaled to: "l2" (Euclidean), "l1" (sum of |x|) or "max" (largest |x|). Default "l2". */
  norm?: NormKind;
}

const NORMS: readonly NormKind[] = ["l2", "l1", "max"];

export class Normalizer extends NumericTransform<"Normalizer", WidthAcc> {
  readonly kind = "Normalizer" as const;
  readonly norm: NormKind;

  constructor(options: NormalizerOptions = {}) {
    super(options.name);
    const norm = options.norm ?? "l2";
    if (!NORMS.includes(norm)) {
      throw new InvalidOptionError(`Normalizer option norm must be one of "l2", "l1", "max", got ${describeValue(norm)}`, { value: describeValue(norm) });
    }
    this.norm = norm;
  }

  static fromState(state: NormalizerState, name?: string): Normalizer {
    if (!NORMS.includes(state.norm)) throw new ArtefactError(`artefact Normalizer state has norm ${describeValue(state.norm)}; expected one of l2, l1, max`);
    return new Normalizer({ name, norm: state.norm }).loadState(state);
  }

  protected accumulatorSpec(): AccumulatorSpec<NumericInput, WidthAcc, NormalizerState> {
    return widthOnlySpec(`${this.kind} "${this.name}"`, (d) => ({ nFeaturesIn: d, norm: this.norm }));
  }

  protected widthFor(s: NormalizerState): number {
    return s.nFeaturesIn;
  }

  protected namesFor(_s: NormalizerState, inputNames: string[]): string[] {
    return inputNames.slice();
  }

  protected apply(s: NormalizerState, m: Matrix, out: Float32Array): void {
    const d = s.nFeaturesIn;
    const n = m.rows;
    const data = m.data;
    const typed = isFloatArray(data);
    const norm = s.norm;
    for (let i = 0, base = 0; i < n; i++, base += d) {
      // Pass 1: the row's norm, checking every cell (the norm needs all of them).
      let acc = 0;
      for (let j = 0; j < d; j++) {
        const raw = data[base + j];
        const x = typed || typeof raw === "number" ? (raw as number) : notANumber(this.kind, this.name, i, j, raw, d);
        if (x - x !== 0) throw nonFiniteOutput(this.kind, this.name, i, j, x, d);
        if (norm === "l2") acc += x * x;
        else if (norm === "l1") acc += Math.abs(x);
        else acc = Math.max(acc, Math.abs(x));
      }
      const rowNorm = norm === "l2" ? Math.sqrt(acc) : acc;
      if (rowNorm === Infinity) throw this.normOverflow(i);
      const divisor = handleZerosInScale(rowNorm);
      // Pass 2: |x| <= norm, so every quotient is finite and within [-1, 1] (or x itself for a tiny norm).
      for (let j = 0; j < d; j++) out[base + j] = Math.fround((data[base + j] as number) / divisor);
    }
  }

  private normOverflow(row: number): InvalidInputError {
    return new InvalidInputError(
      `${this.kind} "${this.name}": row ${row} has an ${this.norm} norm that overflows float64 (its values are too large to ${this.norm === "l2" ? "square and " : ""}sum); rescale the row (e.g. divide by a power of ten) before normalizing`,
      { column: this.name, row },
    );
  }
}
