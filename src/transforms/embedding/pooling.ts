/**
 * Pooling a row's looked-up vectors into one vector of `dims` values:
 *
 *   "mean"       Σ v_i / n
 *   "sum"        Σ v_i
 *   "max"        per dimension, the largest v_i (exact: no arithmetic)
 *   "tfIdfMean"  Σ w_i v_i / Σ w_i, w_i the idf weight of token i's row — the tf-idf
 *                weighted mean (a token occurring k times contributes k times)
 *
 * over the row's tokens after masked and missing entries are dropped (OOV tokens count,
 * with their OOV row). A row with no tokens left — empty, all padding, or missing — is
 * all zeros. Sums run in float64 in token order and each output value is rounded once
 * to float32, so the result depends on the row alone. A sum beyond the float32 range is
 * a typed error (mean, max and tfIdfMean stay within the table's range).
 */
import type { EmbeddingPooling } from "../../artefact/states.js";
import { InvalidInputError } from "../../core/errors.js";

export class Pooler {
  private readonly acc: Float64Array;

  constructor(
    private readonly mode: EmbeddingPooling,
    private readonly table: Float32Array,
    private readonly dims: number,
    private readonly weights: Float64Array,
    private readonly who: string,
  ) {
    this.acc = new Float64Array(dims);
  }

  /** Pools rows `ids[0 .. n)` of the table into out[offset .. offset + dims). */
  pool(ids: Int32Array, n: number, out: Float32Array, offset: number, row: number): void {
    const d = this.dims;
    const t = this.table;
    if (n === 0) {
      out.fill(0, offset, offset + d);
      return;
    }
    if (n === 1 && this.mode !== "tfIdfMean") {
      // One token: its vector (a float32 value divided by 1, or the max of one).
      const o = ids[0] * d;
      for (let j = 0; j < d; j++) out[offset + j] = t[o + j];
      return;
    }
    const acc = this.acc;
    if (this.mode === "max") {
      const o = ids[0] * d;
      for (let j = 0; j < d; j++) acc[j] = t[o + j];
      for (let i = 1; i < n; i++) {
        const b = ids[i] * d;
        for (let j = 0; j < d; j++) if (t[b + j] > acc[j]) acc[j] = t[b + j];
      }
      for (let j = 0; j < d; j++) out[offset + j] = acc[j];
      return;
    }
    acc.fill(0);
    if (this.mode === "tfIdfMean") {
      const w = this.weights;
      let total = 0;
      for (let i = 0; i < n; i++) {
        const wi = w[ids[i]];
        total += wi;
        const b = ids[i] * d;
        for (let j = 0; j < d; j++) acc[j] += wi * t[b + j];
      }
      if (!(total > 0)) {
        out.fill(0, offset, offset + d);
        return;
      }
      for (let j = 0; j < d; j++) out[offset + j] = acc[j] / total;
      return;
    }
    for (let i = 0; i < n; i++) {
      const b = ids[i] * d;
      for (let j = 0; j < d; j++) acc[j] += t[b + j];
    }
    if (this.mode === "mean") {
      for (let j = 0; j < d; j++) out[offset + j] = acc[j] / n;
      return;
    }
    for (let j = 0; j < d; j++) {
      const x = Math.fround(acc[j]);
      if (!Number.isFinite(x)) {
        throw new InvalidInputError(
          `${this.who}: row ${row} sums to ${acc[j]} in dimension ${j}, beyond the float32 range; use pooling "mean" for long rows of large vectors`,
          { column: this.who, row },
        );
      }
      out[offset + j] = x;
    }
  }
}
