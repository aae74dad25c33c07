import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { readFileSync } from "node:fs";
import { ImageNormalizer } from "../src/index.ts";
import { decodeJpeg } from "../src/transforms/image/jpeg.ts";
for (const backend of ["cpu", "wasm"]) {
  await tf.setBackend(backend);
  for (const [h, w] of [[64, 64], [224, 224]]) {
    const bytes = new Uint8Array(readFileSync("fixtures/images/flower.jpg"));
    const t = new ImageNormalizer({ height: h, width: w }).fit([bytes]);
    const s = t.toRecord().state as any;
    const ours = t.transform([bytes]);
    const j = decodeJpeg(bytes, 1 << 26);
    const ref = tf.tidy(() => tf.image.resizeBilinear(tf.tensor3d(Int32Array.from(j.data), [j.height, j.width, 3], "int32"), [h, w], false, true).div(255).sub(tf.tensor1d(Float32Array.from(s.offset))).div(tf.tensor1d(Float32Array.from(s.scale))).dataSync());
    let max = 0, lo = Infinity, hi = -Infinity, diff = 0;
    for (let i = 0; i < ref.length; i++) { const d = Math.abs(ours[i] - ref[i]); if (d) diff++; max = Math.max(max, d); lo = Math.min(lo, ours[i]); hi = Math.max(hi, ours[i]); }
    console.log(backend, h, w, "max", max, "differing", diff, "of", ref.length, "range", lo, hi);
  }
}
