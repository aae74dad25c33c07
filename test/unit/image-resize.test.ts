/**
 * The resize kernels against their references, on real images:
 *  - bilinear = tf.image.resizeBilinear(x, size, alignCorners false, halfPixelCenters true)
 *    on tfjs' cpu backend, bit for bit after float32 rounding;
 *  - nearest = tf.image.resizeNearestNeighbor(x, size, false, true), bit for bit;
 *  - antialias = PIL's Image.resize(BILINEAR) on float32 planes (fixtures/images/expected.json),
 *    within 2e-5 on the 0-255 scale (PIL keeps its horizontal pass in float32);
 *  - crop "center" = Keras smart_resize's box, then the same resize.
 */
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { ImageNormalizer } from "../../src/index.js";
import { cropRegion } from "../../src/transforms/image/crop.js";
import { decodeJpeg } from "../../src/transforms/image/jpeg.js";
import { decodePng } from "../../src/transforms/image/png.js";
import { resizePlane, triangleTaps } from "../../src/transforms/image/resize.js";
import { digitImages, expectedFixtures, imageBytes } from "../conformance/image-arbitraries.js";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

interface Img {
  data: Uint8Array | Uint16Array | Float32Array;
  height: number;
  width: number;
  channels: number;
}

function flower(): Img {
  const j = decodeJpeg(imageBytes("flower.jpg"), 1 << 26);
  return { data: j.data, height: j.height, width: j.width, channels: 3 };
}

function png(name: string): Img {
  const p = decodePng(imageBytes(name), 1 << 26);
  return { data: p.data, height: p.height, width: p.width, channels: p.channels };
}

function ours(img: Img, h: number, w: number, method: "bilinear" | "nearest", antialias = false, region = { top: 0, left: 0, height: img.height, width: img.width }): Float64Array {
  const dst = new Float64Array(h * w * img.channels);
  const plane = {
    data: img.data,
    offset: (region.top * img.width + region.left) * img.channels,
    rowStride: img.width * img.channels,
    channels: img.channels,
    height: region.height,
    width: region.width,
  };
  resizePlane(plane, h, w, method, antialias, dst);
  return dst;
}

function tfjs(img: Img, h: number, w: number, method: "bilinear" | "nearest"): Float32Array {
  return tf.tidy(() => {
    const x = tf.tensor3d(Float32Array.from(img.data), [img.height, img.width, img.channels]);
    const y = method === "bilinear" ? tf.image.resizeBilinear(x, [h, w], false, true) : tf.image.resizeNearestNeighbor(x, [h, w], false, true);
    return y.dataSync() as Float32Array;
  });
}

/** Cells whose float32 value differs from the reference, and the largest difference. */
function compare(a: Float64Array, ref: Float32Array): { differing: number; max: number } {
  expect(a.length).toBe(ref.length);
  let differing = 0;
  let max = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(Math.fround(a[i]) - ref[i]);
    if (d !== 0) differing++;
    if (d > max) max = d;
  }
  return { differing, max };
}

const SIZES: [number, number][] = [
  [64, 64],
  [224, 224],
  [100, 333],
  [427, 640],
  [31, 977],
  [13, 7],
  [1, 1],
];

describe("bilinear and nearest equal tfjs' cpu backend bit for bit", () => {
  for (const method of ["bilinear", "nearest"] as const) {
    it(`${method} on flower.jpg (640 x 427 RGB), down and up`, () => {
      const img = flower();
      for (const [h, w] of SIZES) expect(compare(ours(img, h, w, method), tfjs(img, h, w, method)), `${h}x${w}`).toEqual({ differing: 0, max: 0 });
    });

    it(`${method} on 16-bit, gray+alpha and RGBA PNGs`, () => {
      for (const name of ["derived-rgb16-trns.png", "cmake-gray-alpha8.png", "libpng-pngtest-rgba8-adam7.png", "derived-gray16.png"]) {
        const img = png(name);
        for (const [h, w] of [
          [17, 9],
          [64, 64],
          [5, 120],
        ] as [number, number][]) {
          expect(compare(ours(img, h, w, method), tfjs(img, h, w, method)), `${name} ${h}x${w}`).toEqual({ differing: 0, max: 0 });
        }
      }
    });

    it(`${method} upsampling sklearn digits 8x8 -> 28x28`, () => {
      for (const d of digitImages(20)) {
        const img = { data: d.data as Float32Array, height: 8, width: 8, channels: 1 };
        expect(compare(ours(img, 28, 28, method), tfjs(img, 28, 28, method))).toEqual({ differing: 0, max: 0 });
      }
    });
  }

  it("crop center is Keras smart_resize's box followed by the same resize", () => {
    const img = flower();
    for (const [h, w] of [
      [64, 64],
      [32, 96],
      [300, 20],
    ] as [number, number][]) {
      const r = cropRegion(img.height, img.width, h, w, "center");
      // Keras: crop_height = int(width * h / w), min(height, ...); start = int((height - crop) / 2).
      const cropH = Math.min(img.height, Math.trunc((img.width * h) / w));
      const cropW = Math.min(img.width, Math.trunc((img.height * w) / h));
      expect(r).toEqual({ top: Math.trunc((img.height - cropH) / 2), left: Math.trunc((img.width - cropW) / 2), height: cropH, width: cropW });
      const ref = tf.tidy(() => {
        const x = tf.tensor3d(Float32Array.from(img.data), [img.height, img.width, 3]).slice([r.top, r.left, 0], [r.height, r.width, 3]);
        return tf.image.resizeBilinear(x as tf.Tensor3D, [h, w], false, true).dataSync() as Float32Array;
      });
      expect(compare(ours(img, h, w, "bilinear", false, r), ref)).toEqual({ differing: 0, max: 0 });
    }
  });
});

describe("antialias matches PIL's BILINEAR resize", () => {
  it("on flower-rgb8.png (downscaling) and a digit (upscaling)", () => {
    const e = expectedFixtures().pil_resize;
    const worst: Record<string, number> = {};
    for (const [key, ref] of Object.entries(e)) {
      const values = new Float32Array(new Uint8Array(Buffer.from(ref.values_f32_b64, "base64")).buffer);
      const img: Img = key.startsWith("flower") ? png("flower-rgb8.png") : { data: digitImages(1)[0].data as Float32Array, height: 8, width: 8, channels: 1 };
      const got = ours(img, ref.height, ref.width, "bilinear", true);
      let max = 0;
      for (let i = 0; i < values.length; i++) max = Math.max(max, Math.abs(got[i] - values[i]));
      worst[key] = max;
    }
    // Measured: 1.32e-5 (flower 32x32), 1.32e-5 (flower 30x50), 8.2e-7 (digit 28x28), on 0-255 / 0-16 scales.
    for (const [key, max] of Object.entries(worst)) expect(max, key).toBeLessThan(2e-5);
  });

  it("triangle taps are normalized, and reduce to bilinear weights when upscaling", () => {
    for (const [n, m] of [
      [640, 64],
      [7, 3],
      [8, 28],
      [100, 100],
    ]) {
      const t = triangleTaps(n, m);
      for (let o = 0; o < m; o++) {
        let s = 0;
        for (let j = 0; j < t.count[o]; j++) s += t.weights[o * t.stride + j];
        expect(Math.abs(s - 1)).toBeLessThan(1e-15);
      }
    }
  });

  it("antialias differs from plain bilinear when downscaling (it averages more pixels)", () => {
    const img = flower();
    const a = ours(img, 32, 32, "bilinear", true);
    const b = ours(img, 32, 32, "bilinear", false);
    let d = 0;
    for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i] - b[i]));
    expect(d).toBeGreaterThan(1);
  });
});

describe("determinism", () => {
  it("the same image gives the same bytes in repeated runs and in any batch position", () => {
    const bytes = imageBytes("flower.jpg");
    const t = new ImageNormalizer({ height: 48, width: 40, crop: "center", antialias: true }).fit([bytes, imageBytes("scipy-dots-rgb8.png")]);
    const a = t.transform([bytes]);
    const b = t.transform([imageBytes("git-logo-palette8.png"), bytes, bytes]);
    expect(Buffer.from(b.buffer, b.byteOffset + a.byteLength, a.byteLength).equals(Buffer.from(a.buffer))).toBe(true);
    expect(Buffer.from(b.buffer, b.byteOffset + 2 * a.byteLength, a.byteLength).equals(Buffer.from(a.buffer))).toBe(true);
  });
});
