/**
 * Resizing kernels on typed arrays, in float64, with only +, -, x, / and floor/ceil —
 * operations IEEE 754 defines exactly — so results are bit-identical between runs, Node
 * and browsers. Coordinates use half-pixel centres (TF2's tf.image.resize, PIL, OpenCV):
 * output pixel o samples the input at (o + 0.5) x in / out - 0.5.
 *
 *  - "bilinear" (antialias false): tf.image.resizeBilinear(x, size, alignCorners = false,
 *    halfPixelCenters = true) as tfjs' cpu backend computes it, the same formula in the
 *    same order (top = l + (r - l) fx; bottom likewise; v = top + (bottom - top) fy,
 *    neighbours clamped at the edges). Done separably — each source row is interpolated
 *    horizontally once and kept while output rows reuse it — which gives the same doubles.
 *    tfjs stores its result as float32; the float64 value here rounds to exactly that.
 *  - "nearest": tf.image.resizeNearestNeighbor(x, size, false, true): source index
 *    floor((o + 0.5) x in / out), clamped.
 *  - "bilinear" with antialias: the separable triangle filter whose support widens by
 *    in/out when downscaling (PIL's Image.resize(BILINEAR), tf.image.resize(antialias=True)):
 *    weights 1 - |(i + 0.5 - c) / s|, s = max(in/out, 1), normalized to sum 1 over the
 *    pixels inside the image; horizontal pass first, then vertical (as PIL). antialias has
 *    no effect with "nearest" (as in TF).
 */
import type { Plane } from "./channels.js";

export type ResizeMethod = "bilinear" | "nearest";

/** Resizes the plane to outH x outW (same channels) into dst (outH * outW * channels). */
export function resizePlane(p: Plane, outH: number, outW: number, method: ResizeMethod, antialias: boolean, dst: Float64Array): void {
  if (method === "nearest") resizeNearest(p, outH, outW, dst);
  else if (antialias) resizeTriangle(p, outH, outW, dst);
  else resizeBilinear(p, outH, outW, dst);
}

function resizeBilinear(p: Plane, outH: number, outW: number, dst: Float64Array): void {
  const C = p.channels;
  const inH = p.height;
  const inW = p.width;
  const ry = inH / outH;
  const rx = inW / outW;
  const left = new Int32Array(outW);
  const right = new Int32Array(outW);
  const fx = new Float64Array(outW);
  for (let c = 0; c < outW; c++) {
    const f = rx * (c + 0.5) - 0.5;
    const lo = Math.max(0, Math.floor(f));
    left[c] = lo * C;
    right[c] = Math.min(inW - 1, Math.ceil(f)) * C;
    fx[c] = f - lo;
  }
  const n = outW * C;
  let top = new Float64Array(n);
  let bottom = new Float64Array(n);
  let topRow = -1;
  let bottomRow = -1;
  for (let r = 0, o = 0; r < outH; r++) {
    const f = ry * (r + 0.5) - 0.5;
    const lo = Math.max(0, Math.floor(f));
    const hi = Math.min(inH - 1, Math.ceil(f));
    const fy = f - lo;
    if (topRow !== lo) {
      if (bottomRow === lo) {
        const t = top;
        top = bottom;
        bottom = t;
        bottomRow = topRow;
      } else {
        horizontal(p, lo, left, right, fx, top);
      }
      topRow = lo;
    }
    if (bottomRow !== hi) {
      horizontal(p, hi, left, right, fx, bottom);
      bottomRow = hi;
    }
    for (let i = 0; i < n; i++, o++) {
      const t = top[i];
      dst[o] = t + (bottom[i] - t) * fy;
    }
  }
}

/** One source row interpolated to the output width. */
function horizontal(p: Plane, y: number, left: Int32Array, right: Int32Array, fx: Float64Array, out: Float64Array): void {
  const data = p.data;
  const C = p.channels;
  const base = p.offset + y * p.rowStride;
  const outW = fx.length;
  for (let c = 0, o = 0; c < outW; c++) {
    const a = base + left[c];
    const b = base + right[c];
    const f = fx[c];
    for (let k = 0; k < C; k++, o++) {
      const l = data[a + k];
      out[o] = l + (data[b + k] - l) * f;
    }
  }
}

function resizeNearest(p: Plane, outH: number, outW: number, dst: Float64Array): void {
  const C = p.channels;
  const data = p.data;
  const ry = p.height / outH;
  const rx = p.width / outW;
  const cols = new Int32Array(outW);
  for (let c = 0; c < outW; c++) cols[c] = Math.max(0, Math.min(p.width - 1, Math.floor(rx * (c + 0.5)))) * C;
  for (let r = 0, o = 0; r < outH; r++) {
    const y = Math.max(0, Math.min(p.height - 1, Math.floor(ry * (r + 0.5))));
    const base = p.offset + y * p.rowStride;
    for (let c = 0; c < outW; c++) {
      const at = base + cols[c];
      for (let k = 0; k < C; k++) dst[o++] = data[at + k];
    }
  }
}

/** Per output index: the first input index and the normalized weights of the inputs from there. */
interface Taps {
  start: Int32Array;
  count: Int32Array;
  /** count[o] weights of output o at [o * stride, o * stride + count[o]). */
  weights: Float64Array;
  stride: number;
}

/** Triangle-filter taps for in -> out samples along one axis. */
export function triangleTaps(inSize: number, outSize: number): Taps {
  const inv = inSize / outSize;
  const support = Math.max(inv, 1);
  const stride = Math.ceil(support) * 2 + 2;
  const start = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const weights = new Float64Array(outSize * stride);
  for (let o = 0; o < outSize; o++) {
    const center = (o + 0.5) * inv;
    const lo = Math.max(0, Math.ceil(center - support - 0.5));
    const hi = Math.min(inSize, Math.floor(center + support - 0.5) + 1);
    let total = 0;
    const base = o * stride;
    for (let i = lo; i < hi; i++) {
      const w = Math.max(0, 1 - Math.abs((i + 0.5 - center) / support));
      weights[base + i - lo] = w;
      total += w;
    }
    // total > 0: the input pixel whose centre is nearest lies within 0.5 <= support of centre.
    for (let i = lo; i < hi; i++) weights[base + i - lo] /= total;
    start[o] = lo;
    count[o] = hi - lo;
  }
  return { start, count, weights, stride };
}

function resizeTriangle(p: Plane, outH: number, outW: number, dst: Float64Array): void {
  const C = p.channels;
  const data = p.data;
  const inH = p.height;
  const tx = triangleTaps(p.width, outW);
  const ty = triangleTaps(inH, outH);
  // Horizontal pass over every source row into an inH x outW x C buffer.
  const rowLen = outW * C;
  const tmp = new Float64Array(inH * rowLen);
  for (let y = 0; y < inH; y++) {
    const base = p.offset + y * p.rowStride;
    for (let c = 0; c < outW; c++) {
      const first = base + tx.start[c] * C;
      const wb = c * tx.stride;
      const m = tx.count[c];
      for (let k = 0; k < C; k++) {
        let s = 0;
        for (let j = 0; j < m; j++) s += data[first + j * C + k] * tx.weights[wb + j];
        tmp[y * rowLen + c * C + k] = s;
      }
    }
  }
  // Vertical pass.
  for (let r = 0, o = 0; r < outH; r++) {
    const first = ty.start[r] * rowLen;
    const wb = r * ty.stride;
    const m = ty.count[r];
    for (let i = 0; i < rowLen; i++, o++) {
      let s = 0;
      for (let j = 0; j < m; j++) s += tmp[first + j * rowLen + i] * ty.weights[wb + j];
      dst[o] = s;
    }
  }
}
