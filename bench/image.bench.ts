/**
 * Images (issue 7): decode + resize + normalize of 224 x 224 JPEGs to 64 x 64 x 3, with
 * ImageNormalizer against the same work done with tfjs' image ops —
 * tf.image.resizeBilinear(x, [64, 64], alignCorners false, halfPixelCenters true), /255,
 * - mean, / std — on tfjs' cpu backend and on its wasm backend
 * (@tensorflow/tfjs-backend-wasm, whose .wasm ships inside the npm package), in the same
 * run and interleaved. tfjs (without tfjs-node) has no JPEG decoder, so its rows decode
 * with jpeg-js too, as skewless does.
 *
 * Data: 64 different 224 x 224 crops of scikit-learn's flower.jpg (fixtures/images),
 * encoded as baseline JPEGs (quality 90) by jpeg-js at startup.
 */
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { decode as decodeJpegJs, encode as encodeJpegJs } from "jpeg-js";
import { readFileSync } from "node:fs";
import { ImageNormalizer } from "../src/index.js";
import { type BenchResult, type Goal, type Row, type Table, fmt } from "./report.js";
import { type Timing, measureInterleaved } from "./timing.js";

const N = 64;
const SIDE = 224;
const OUT = 64;

function makeJpegs(): Uint8Array[] {
  const src = decodeJpegJs(readFileSync(new URL("../fixtures/images/flower.jpg", import.meta.url)), { useTArray: true, formatAsRGBA: true });
  const out: Uint8Array[] = [];
  for (let i = 0; i < N; i++) {
    const top = (i * 37) % (src.height - SIDE);
    const left = (i * 101) % (src.width - SIDE);
    const rgba = new Uint8Array(SIDE * SIDE * 4);
    for (let y = 0; y < SIDE; y++) rgba.set(src.data.subarray(((top + y) * src.width + left) * 4, ((top + y) * src.width + left + SIDE) * 4), y * SIDE * 4);
    out.push(new Uint8Array(encodeJpegJs({ data: rgba, width: SIDE, height: SIDE }, 90).data));
  }
  return out;
}

function decodeRgb(bytes: Uint8Array): Uint8Array {
  return decodeJpegJs(bytes, { useTArray: true, formatAsRGBA: false, tolerantDecoding: false }).data;
}

/** The tfjs pipeline on one backend: decoded images -> [N, 64, 64, 3] normalized float32. */
function tfjsPipeline(pixels: Uint8Array[], mean: Float32Array, std: Float32Array): Float32Array {
  return tf.tidy(() => {
    const batch = tf.stack(pixels.map((p) => tf.tensor3d(p, [SIDE, SIDE, 3], "int32")));
    const y = tf.image.resizeBilinear(batch as tf.Tensor4D, [OUT, OUT], false, true).div(255).sub(tf.tensor1d(mean)).div(tf.tensor1d(std));
    return y.dataSync() as Float32Array;
  });
}

function useBackend(name: string): void {
  // setBackend to an initialized backend switches synchronously; check, since timings would silently mix backends otherwise.
  void tf.setBackend(name);
  if (tf.getBackend() !== name) throw new Error(`tfjs backend is ${tf.getBackend()}, expected ${name}`);
}

function maxDiff(a: Float32Array, b: Float32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

export default async function imageBench(): Promise<BenchResult> {
  const jpegs = makeJpegs();
  const jpegBytes = jpegs.reduce((s, b) => s + b.length, 0);
  const wasmOk = await tf.setBackend("wasm").catch(() => false);
  await tf.setBackend("cpu");
  tf.enableProdMode();

  const norm = new ImageNormalizer({ name: "img", height: OUT, width: OUT }).fit(jpegs);
  const state = norm.toRecord().state as { offset: Float64Array; scale: Float64Array };
  const mean = Float32Array.from(state.offset);
  const std = Float32Array.from(state.scale);
  const decoded = jpegs.map(decodeRgb);
  const decodedImages = decoded.map((data) => ({ data, width: SIDE, height: SIDE, channels: 3 }));
  const out = new Float32Array(N * OUT * OUT * 3);

  // Agreement with tfjs on the same decoded pixels.
  const ours = norm.transform(jpegs);
  useBackend("cpu");
  const cpuDiff = maxDiff(ours, tfjsPipeline(decoded, mean, std));
  let wasmDiff = NaN;
  if (wasmOk) {
    useBackend("wasm");
    wasmDiff = maxDiff(ours, tfjsPipeline(decoded, mean, std));
  }

  const endToEnd: Record<string, () => void> = {
    skewless: () => void norm.transform(jpegs, out),
    tfjsCpu: () => {
      useBackend("cpu");
      tfjsPipeline(jpegs.map(decodeRgb), mean, std);
    },
    decodeOnly: () => {
      for (const j of jpegs) decodeRgb(j);
    },
  };
  const kernels: Record<string, () => void> = {
    skewless: () => void norm.transform(decodedImages, out),
    tfjsCpu: () => {
      useBackend("cpu");
      tfjsPipeline(decoded, mean, std);
    },
  };
  if (wasmOk) {
    endToEnd.tfjsWasm = () => {
      useBackend("wasm");
      tfjsPipeline(jpegs.map(decodeRgb), mean, std);
    };
    kernels.tfjsWasm = () => {
      useBackend("wasm");
      tfjsPipeline(decoded, mean, std);
    };
  }
  const e2e = measureInterleaved(endToEnd, { warmup: 2, repeats: 9 });
  const k = measureInterleaved(kernels, { warmup: 3, repeats: 15 });
  useBackend("cpu");

  const ips = (t: Timing) => N / (t.median / 1000);
  const row = (c: string, t: Timing, bytes: number, extra: Record<string, string>): Row => ({ case: c, timing: t, bytes, rows: N, extra: { "images/s": fmt(ips(t), 0), ...extra } });
  const E_CPU = "tfjs cpu: jpeg-js decode + tf.stack + resizeBilinear + div/sub/div";
  const E_WASM = "tfjs wasm: jpeg-js decode + tf.stack + resizeBilinear + div/sub/div";
  const e2eTable: Table = {
    title: `decode + resize + normalize: ${N} JPEGs of 224 x 224 -> float32 [${N}, 64, 64, 3]`,
    note: `MB/s counts the JPEG bytes (${fmt(jpegBytes / 1e6, 2)} MB per run); M rows/s counts images. Ratios: baseline median / this row's median (> 1: faster).`,
    rows: [
      row("skewless ImageNormalizer.transform(bytes[]) into a caller's buffer", e2e.skewless, jpegBytes, { "max abs diff vs tfjs cpu": fmt(cpuDiff, 9) }),
      row(E_CPU, e2e.tfjsCpu, jpegBytes, {}),
      ...(wasmOk ? [row(E_WASM, e2e.tfjsWasm, jpegBytes, { "max abs diff vs tfjs cpu": "" })] : []),
      row("jpeg-js decode alone (the part both sides share)", e2e.decodeOnly, jpegBytes, {}),
    ],
    ratios: [{ label: "vs tfjs cpu", baseline: E_CPU }, ...(wasmOk ? [{ label: "vs tfjs wasm", baseline: E_WASM }] : [])],
  };
  const pixelBytes = N * SIDE * SIDE * 3;
  const K_CPU = "tfjs cpu: tf.stack + resizeBilinear + div/sub/div + dataSync";
  const K_WASM = "tfjs wasm: tf.stack + resizeBilinear + div/sub/div + dataSync";
  const kTable: Table = {
    title: "resize + normalize only, on decoded pixels (no JPEG decode)",
    note: `MB/s counts the decoded RGB bytes (${fmt(pixelBytes / 1e6, 1)} MB per run).`,
    rows: [
      row("skewless ImageNormalizer.transform({ data, width, height }[])", k.skewless, pixelBytes, { "max abs diff vs skewless": "0" }),
      row(K_CPU, k.tfjsCpu, pixelBytes, { "max abs diff vs skewless": fmt(cpuDiff, 9) }),
      ...(wasmOk ? [row(K_WASM, k.tfjsWasm, pixelBytes, { "max abs diff vs skewless": fmt(wasmDiff, 9) })] : []),
    ],
    ratios: [{ label: "vs tfjs cpu", baseline: K_CPU }, ...(wasmOk ? [{ label: "vs tfjs wasm", baseline: K_WASM }] : [])],
  };
  const e2eRatio = e2e.tfjsCpu.median / e2e.skewless.median;
  const goals: Goal[] = [
    {
      goal: "decode + resize + normalize, 224 x 224 JPEG -> 64 x 64, vs tfjs cpu (same decoder)",
      target: ">= 1x",
      measured: `${fmt(ips(e2e.skewless), 0)} images/s, ${fmt(e2eRatio, 2)}x`,
      met: e2eRatio >= 1,
    },
    {
      goal: "outputs agree with tfjs cpu (resize is bit-identical; tfjs rounds after each op)",
      target: "max abs diff <= 1e-6",
      measured: fmt(cpuDiff, 9),
      met: cpuDiff <= 1e-6,
    },
  ];
  return {
    title: "Images: decode + resize + normalize (ImageNormalizer vs tfjs cpu and wasm)",
    summary:
      `${N} distinct 224 x 224 baseline JPEGs (crops of scikit-learn's flower.jpg, jpeg-js quality 90) to 64 x 64 x 3 float32, normalized with per-channel mean/std fitted on them. ` +
      "skewless decodes (jpeg-js), resizes with its own float64 bilinear kernel (half-pixel centres, identical to tf.image.resizeBilinear(x, size, false, true)) and normalizes in one pass; the tfjs rows decode with the same jpeg-js, then run tf.image.resizeBilinear and the arithmetic as tensor ops on the cpu or wasm backend, all images in one batch. Timed interleaved; images/s = images / median.",
    goals,
    tables: [e2eTable, kTable],
    notes: [
      wasmOk
        ? "tfjs cpu's resizeBilinear is float64 arithmetic stored as float32, which skewless reproduces bit for bit (test/unit/image-resize.test.ts); the difference left in the tables comes from tfjs rounding to float32 after each of div, sub and div (skewless rounds once). The wasm backend's resize runs in float32, so it can differ more: its max abs diff from skewless is in the second table."
        : "@tensorflow/tfjs-backend-wasm did not initialize here; its rows are missing.",
      "JPEG decoding dominates end to end (see the jpeg-js row); the resize + normalize table isolates the kernels.",
    ],
    machine: {
      tfjs: `${tf.version.tfjs}; backends: cpu${wasmOk ? ", wasm (@tensorflow/tfjs-backend-wasm)" : ""}`,
    },
  };
}
