import { readFileSync } from "node:fs";
import * as tf from "@tensorflow/tfjs";
import { decodeJpeg } from "/work/main/src/transforms/image/jpeg.ts";
import { resizePlane } from "/work/main/src/transforms/image/resize.ts";
await tf.setBackend("cpu");
const dir = "/work/main/fixtures/images/";
const j = decodeJpeg(new Uint8Array(readFileSync(dir + "flower.jpg")), 1 << 26);
const x = tf.tensor3d(Int32Array.from(j.data), [j.height, j.width, 3], "int32");
const xf = tf.tensor3d(Float32Array.from(j.data), [j.height, j.width, 3]);
for (const [h, w] of [[64, 64], [224, 224], [100, 333], [427, 640], [1000, 1500], [13, 7], [1, 1]]) {
  for (const method of ["bilinear", "nearest"] as const) {
    const dst = new Float64Array(h * w * 3);
    resizePlane({ data: j.data, offset: 0, rowStride: j.width * 3, channels: 3, height: j.height, width: j.width }, h, w, method, false, dst);
    const ref = (method === "bilinear" ? tf.image.resizeBilinear(xf, [h, w], false, true) : tf.image.resizeNearestNeighbor(xf, [h, w], false, true)).dataSync();
    let maxd = 0, diff = 0;
    for (let i = 0; i < ref.length; i++) { const d = Math.abs(Math.fround(dst[i]) - ref[i]); if (d > 0) diff++; maxd = Math.max(maxd, d); }
    console.log(method, h, w, "max", maxd, "cells differing", diff, "of", ref.length);
  }
}
