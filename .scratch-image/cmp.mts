import { readFileSync } from "node:fs";
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { decodeJpeg } from "../src/transforms/image/jpeg.ts";
import { decodePng } from "../src/transforms/image/png.ts";
import { resizePlane } from "../src/transforms/image/resize.ts";
const dir = "/work/main/fixtures/images/";
const j = decodeJpeg(new Uint8Array(readFileSync(dir + "flower.jpg")), 1 << 26);
await tf.setBackend("wasm");
const xf = tf.tensor3d(Float32Array.from(j.data), [j.height, j.width, 3]);
for (const [h, w] of [[64, 64], [224, 224], [100, 333], [1000, 1500]]) {
  const dst = new Float64Array(h * w * 3);
  resizePlane({ data: j.data, offset: 0, rowStride: j.width * 3, channels: 3, height: j.height, width: j.width }, h, w, "bilinear", false, dst);
  const ref = tf.image.resizeBilinear(xf, [h, w], false, true).dataSync();
  let maxd = 0, diff = 0;
  for (let i = 0; i < ref.length; i++) { const d = Math.abs(Math.fround(dst[i]) - ref[i]); if (d > 0) diff++; maxd = Math.max(maxd, d); }
  console.log("wasm bilinear", h, w, "max", maxd, "differing", diff, "of", ref.length);
}
// antialias vs PIL
const exp = JSON.parse(readFileSync(dir + "expected.json", "utf8"));
const p = decodePng(new Uint8Array(readFileSync(dir + "flower-rgb8.png")), 1 << 26);
for (const [key, e] of Object.entries<any>(exp.pil_resize)) {
  const ref = new Float32Array(new Uint8Array(Buffer.from(e.values_f32_b64, "base64")).buffer);
  const dst = new Float64Array(e.height * e.width * e.channels);
  if (key.startsWith("flower")) resizePlane({ data: p.data, offset: 0, rowStride: p.width * 3, channels: 3, height: p.height, width: p.width }, e.height, e.width, "bilinear", true, dst);
  else {
    const line = readFileSync(dir + "digits-300.csv", "utf8").split("\n")[0].split(",").slice(0, 64).map(Number);
    resizePlane({ data: line, offset: 0, rowStride: 8, channels: 1, height: 8, width: 8 }, 28, 28, "bilinear", true, dst);
  }
  let maxd = 0, maxrel = 0;
  for (let i = 0; i < ref.length; i++) { const d = Math.abs(dst[i] - ref[i]); maxd = Math.max(maxd, d); }
  console.log("antialias vs PIL", key, "max abs", maxd);
}
