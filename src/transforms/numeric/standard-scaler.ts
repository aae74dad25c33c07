/**
 * StandardScaler with scikit-learn 1.2 semantics: y = (x - mean_) / scale_,
 * population variance (ddof 0), NaN/null skipped in fit, a feature whose variance is
 * within rounding of zero (sklearn's _is_constant_feature test) gets scale 1.
 *
 * Arithmetic (recorded in the artefact): float64 subtract then divide, then one
 * rounding to float32 — scikit-learn divides; multiplying by a reciprocal (as ONNX
 * exports do) differs in the last float32 bit.
 *
 * The transform runs a WebAssembly SIMD kernel where available (core/wasm/; the same
 * bits as the JS loops below, which remain the fallback).
 *
 * Transform policy: missing (NaN/null/undefined) or infinite input is a typed error;
 * put a SimpleImputer before the scaler to fill missing values.
 */
import type { AccumulatorSpec } from "../../core/transform.js";
import type { StandardScalerState } from "../../artefact/states.js";
import { type Matrix, type NumericInput, asMatrix, badType, isFloatArray } from "../../core/columns.js";
import { type MomentsAcc, batchMoments, emptyMoments, mergeMoments, requireObserved } from "../../core/moments.js";
import { runAffine } from "../../core/wasm/affine-kernel.js";
import { NumericTransform, type TransformOptions } from "../base.js";
import { nonFiniteOutput, requireFiniteStatistics } from "./errors.js";

export interface StandardScalerOptions extends TransformOptions {
  /** Subtract the mean. Default true. */
  withMean?: boolean;
  /** Divide by the standard deviation. Default true. */
  withStd?: boolean;
}

const EPS = 2.220446049250313e-16; // np.finfo(np.float64).eps

export class StandardScaler extends NumericTransform<"StandardScaler", MomentsAcc> {
  readonly kind = "StandardScaler" as const;
  readonly withMean: boolean;
  readonly withStd: boolean;

  constructor(options: StandardScalerOptions = {}) {
    super(options.name);
    this.withMean = options.withMean ?? true;
    this.withStd = options.withStd ?? true;
  }

  static fromState(state: StandardScalerState, name?: string): StandardScaler {
    return new StandardScaler({ name, withMean: state.withMean, withStd: state.withStd }).loadState(state);
  }

  protected accumulatorSpec(): AccumulatorSpec<NumericInput, MomentsAcc, StandardScalerState> {
    const who = `${this.kind} "${this.name}"`;
    return {
      init: emptyMoments,
      update: (acc, batch) => {
        const m = asMatrix(batch, who, acc.d || undefined);
        // An empty batch is the identity, whatever width it claims.
        return m.rows === 0 ? acc : mergeMoments(acc, batchMoments(m, who), who);
      },
      merge: (a, b) => mergeMoments(a, b, who),
      finalize: (acc) => {
        requireObserved(acc, who);
        const d = acc.d;
        const mean = new Float64Array(d);
        // var is kept even without withStd (sklearn sets var_ = None): it costs nothing
        // and gives the artefact's statistics and merge checks a magnitude.
        const variance = new Float64Array(d);
        const scale = new Float64Array(this.withStd ? d : 0);
        for (let j = 0; j < d; j++) {
          const n = acc.count[j];
          mean[j] = acc.sum[j] / n;
          const v = Math.max(0, acc.m2[j] / n);
          variance[j] = v;
          if (!this.withStd) continue;
          // sklearn.preprocessing._data._is_constant_feature
          const bound = n * EPS * v + (n * mean[j] * EPS) ** 2;
          scale[j] = v <= bound ? 1 : Math.sqrt(v);
        }
        requireFiniteStatistics(who, mean, variance);
        return { nFeaturesIn: d, withMean: this.withMean, withStd: this.withStd, mean, var: variance, scale, nSamplesSeen: acc.count.slice() };
      },
    };
  }

  protected widthFor(s: StandardScalerState): number {
    return s.nFeaturesIn;
  }

  protected namesFor(_s: StandardScalerState, inputNames: string[]): string[] {
    return inputNames.slice();
  }

  protected apply(s: StandardScalerState, m: Matrix, out: Float32Array): void {
    const d = s.nFeaturesIn;
    const n = m.rows;
    const data = m.data;
    // Offsets 0 and scales 1 reproduce x exactly, so one loop covers all option combinations.
    const offset = s.withMean ? s.mean : new Float64Array(d);
    const scale = s.withStd ? s.scale : new Float64Array(d).fill(1);
    if (isFloatArray(data)) {
      // WebAssembly SIMD kernel (same bits; core/wasm/), else the JS loops below.
      const r = runAffine({ op: "subdiv", a: offset, b: scale }, data, n, d, out);
      if (r === "done") return;
      if (r === "flagged") this.throwFirstNonFinite(data, n, d, offset, scale);
      const ok = d === 1 ? scaleColumn(data, n, offset[0], scale[0], out) : scaleRows(data, n, d, offset, scale, out);
      if (!ok) this.throwFirstNonFinite(data, n, d, offset, scale);
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

  /** One float column written straight into a wider matrix (FeatureSpace), no scratch block. */
  override transformStrided(values: NumericInput, out: Float32Array, stride: number, offset: number, scratch?: Float32Array): void {
    const s = this.state();
    if (s.nFeaturesIn !== 1 || !isFloatArray(values as ArrayLike<unknown>)) return super.transformStrided(values, out, stride, offset, scratch);
    const data = values as Float32Array | Float64Array;
    const n = data.length;
    if (out.length < (n - 1) * stride + offset + 1 && n > 0) return super.transformStrided(values, out, stride, offset, scratch);
    const o = s.withMean ? s.mean[0] : 0;
    const sc = s.withStd ? s.scale[0] : 1;
    let bad = 0;
    for (let i = 0, k = offset; i < n; i++, k += stride) {
      const y = Math.fround((data[i] - o) / sc);
      bad += y - y;
      out[k] = y;
    }
    // NaN/±Inf anywhere makes `bad` NaN: find and name the first offending cell.
    if (bad !== 0) this.throwFirstNonFinite(data, n, 1, new Float64Array([o]), new Float64Array([sc]));
  }

  /** Slow path after a kernel saw a non-finite result: the first such cell in row-major order. */
  private throwFirstNonFinite(data: Float32Array | Float64Array, n: number, d: number, offset: Float64Array, scale: Float64Array): never {
    for (let i = 0, k = 0; i < n; i++) {
      for (let j = 0; j < d; j++, k++) {
        const y = Math.fround((data[k] - offset[j]) / scale[j]);
        if (y - y !== 0) throw nonFiniteOutput(this.kind, this.name, i, j, data[k], d);
      }
    }
    throw new Error("unreachable: a kernel reported a non-finite output that the re-scan did not find");
  }
}

/*
 * Hot loops over typed arrays (bench/RESULTS.md has the measurements behind their shape).
 * Each returns false when some output is NaN or ±Infinity; the caller re-scans for the
 * cell to name. The flag is a running sum of y - y, which is +0 for every finite y and
 * NaN from the first non-finite one on — cheaper than a branch per cell. Storing into the
 * Float32Array rounds exactly as Math.fround does, once, from the float64 quotient.
 */

/** One feature: offset and scale stay in registers. */
function scaleColumn(data: Float32Array | Float64Array, n: number, offset: number, scale: number, out: Float32Array): boolean {
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const y = Math.fround((data[i] - offset) / scale);
    bad += y - y;
    out[i] = y;
  }
  return bad === 0;
}

/**
 * n x d row-major, in blocks of about 4096 cells (the block stays in L1/L2); within a
 * block, four features at a time go down the rows with their offsets and scales in
 * registers. V8 neither unrolls nor vectorizes, so the four-wide body is written out.
 */
function scaleRows(data: Float32Array | Float64Array, n: number, d: number, offset: Float64Array, scale: Float64Array, out: Float32Array): boolean {
  let bad = 0;
  const d4 = d - (d % 4);
  const step = Math.max(1, Math.floor(4096 / d));
  for (let i0 = 0; i0 < n; i0 += step) {
    const start = i0 * d;
    const end = Math.min(n, i0 + step) * d;
    let j = 0;
    for (; j < d4; j += 4) {
      const o0 = offset[j];
      const o1 = offset[j + 1];
      const o2 = offset[j + 2];
      const o3 = offset[j + 3];
      const s0 = scale[j];
      const s1 = scale[j + 1];
      const s2 = scale[j + 2];
      const s3 = scale[j + 3];
      for (let k = start + j; k < end; k += d) {
        const y0 = Math.fround((data[k] - o0) / s0);
        const y1 = Math.fround((data[k + 1] - o1) / s1);
        const y2 = Math.fround((data[k + 2] - o2) / s2);
        const y3 = Math.fround((data[k + 3] - o3) / s3);
        bad += y0 - y0 + (y1 - y1) + (y2 - y2) + (y3 - y3);
        out[k] = y0;
        out[k + 1] = y1;
        out[k + 2] = y2;
        out[k + 3] = y3;
      }
    }
    for (; j < d; j++) {
      const o = offset[j];
      const sc = scale[j];
      for (let k = start + j; k < end; k += d) {
        const y = Math.fround((data[k] - o) / sc);
        bad += y - y;
        out[k] = y;
      }
    }
  }
  return bad === 0;
}
