/** ImageNormalizer: options, channel conversion and alpha, fitted statistics, the full pipeline against tfjs, tensors, artefacts. */
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { ImageNormalizer, type ImageNormalizerOptions, InvalidOptionError, SkewlessError, loadArtefact } from "../../src/index.js";
import { decodeJpeg } from "../../src/transforms/image/jpeg.js";
import { digitImages, expectedFixtures, imageBytes } from "../conformance/image-arbitraries.js";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

const px = (data: number[], width: number, height: number, channels: number) => ({ data: Uint8Array.from(data), width, height, channels });

function none(h: number, w: number, channels: 1 | 3 | 4, extra: Partial<ImageNormalizerOptions> = {}): ImageNormalizer {
  return new ImageNormalizer({ height: h, width: w, channels, normalize: "none", ...extra }).fit([px(new Array(channels).fill(0), 1, 1, channels)]);
}

describe("options", () => {
  const cases: [Partial<ImageNormalizerOptions>, RegExp][] = [
    [{ height: 0, width: 4 }, /height must be an integer >= 1, got 0/],
    [{ height: 4, width: 2.5 }, /width must be an integer >= 1, got 2.5/],
    [{ height: 4, width: 4, channels: 2 as never }, /channels must be 1, 3 or 4, got 2/],
    [{ height: 4, width: 4, resize: "bicubic" as never }, /resize must be "bilinear" or "nearest", got "bicubic"/],
    [{ height: 4, width: 4, crop: "top" as never }, /crop must be "center" or "none"/],
    [{ height: 4, width: 4, output: "nchw" as never }, /output must be "flatten" or "nhwc"/],
    [{ height: 4, width: 4, alpha: "gray" as never }, /alpha must be "drop" or "black" or "white"/],
    [{ height: 4, width: 4, antialias: 1 as never }, /antialias must be true or false/],
    [{ height: 4, width: 4, floatMax: 0 }, /floatMax must be a finite number > 0/],
    [{ height: 4, width: 4, maxPixels: -1 }, /maxPixels must be an integer >= 1/],
    [{ height: 4, width: 4, normalize: "standard" as never }, /normalize must be "fit", "none" or \{ mean/],
    [{ height: 4, width: 4, normalize: { mean: [0.5], std: [0.2] } }, /need 3 values \(one per channel\), got 1 and 1/],
    [{ height: 4, width: 4, normalize: { mean: [0, 0, 0], std: [1, 0, 1] } }, /normalize.std\[1\] must be a finite number > 0/],
    [{ height: 100_000, width: 100_000 }, /values per image is above/],
  ];
  for (const [opts, message] of cases) {
    it(`rejects ${JSON.stringify(opts)}`, () => {
      expect(() => new ImageNormalizer(opts as ImageNormalizerOptions)).toThrow(InvalidOptionError);
      expect(() => new ImageNormalizer(opts as ImageNormalizerOptions)).toThrow(message);
    });
  }
  it("requires options", () => {
    expect(() => new ImageNormalizer(undefined as never)).toThrow(/options \{ height, width \} are required/);
  });
});

describe("channel conversion and alpha", () => {
  const rgba = px([200, 100, 50, 51], 1, 1, 4); // alpha 51/255 = 0.2
  it("RGBA -> RGB: drop (default), composite over black, over white", () => {
    expect(Array.from(none(1, 1, 3).transform([rgba]))).toEqual([200, 100, 50].map((v) => Math.fround(v / 255)));
    expect(Array.from(none(1, 1, 3, { alpha: "black" }).transform([rgba]))).toEqual([200, 100, 50].map((v) => Math.fround((v * 51) / 255 / 255)));
    expect(Array.from(none(1, 1, 3, { alpha: "white" }).transform([rgba]))).toEqual([200, 100, 50].map((v) => Math.fround((v * 51 + 255 * 204) / 255 / 255)));
  });
  it("RGB -> gray is BT.601 luma (299 R + 587 G + 114 B) / 1000; equal channels stay exact", () => {
    expect(Array.from(none(1, 1, 1).transform([px([200, 100, 50], 1, 1, 3)]))).toEqual([Math.fround((299 * 200 + 587 * 100 + 114 * 50) / 1000 / 255)]);
    for (let v = 0; v < 256; v++) expect(none(1, 1, 1).transform([px([v, v, v], 1, 1, 3)])[0]).toBe(Math.fround(v / 255));
  });
  it("RGBA -> gray composites first; gray+alpha -> RGBA keeps alpha; RGB -> RGBA is opaque; gray -> RGB replicates", () => {
    expect(Array.from(none(1, 1, 1, { alpha: "black" }).transform([rgba]))).toEqual([Math.fround(((299 * 200 + 587 * 100 + 114 * 50) * 0.2) / 1000 / 255)]);
    expect(Array.from(none(1, 1, 4).transform([px([90, 30], 1, 1, 2)]))).toEqual([90, 90, 90, 30].map((v) => Math.fround(v / 255)));
    expect(Array.from(none(1, 1, 4).transform([px([1, 2, 3], 1, 1, 3)]))).toEqual([1, 2, 3, 255].map((v) => Math.fround(v / 255)));
    expect(Array.from(none(1, 1, 3).transform([px([77], 1, 1, 1)]))).toEqual([77, 77, 77].map((v) => Math.fround(v / 255)));
  });
  it("palette PNG with transparency (gvim icon) differs between drop and white", () => {
    const bytes = imageBytes("gvim-palette4-trns.png");
    const a = none(16, 16, 3).transform([bytes]);
    const b = none(16, 16, 3, { alpha: "white" }).transform([bytes]);
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(false);
  });
});

describe("fitted statistics", () => {
  it("digits at 8 x 8: per-pixel mean and population std equal numpy's", () => {
    const e = expectedFixtures().digits;
    const t = new ImageNormalizer({ height: 8, width: 8, channels: 1, floatMax: 16 }).fit(digitImages(e.rows));
    const s = t.toRecord().state as { mean: Float64Array; var: Float64Array; scale: Float64Array; pixelsSeen: number };
    expect(s.pixelsSeen).toBe(e.rows * 64);
    expect(Math.abs(s.mean[0] - e.mean) / e.mean).toBeLessThan(1e-14);
    expect(Math.abs(s.scale[0] - e.std) / e.std).toBeLessThan(1e-13);
    const y = t.transform(digitImages(1));
    const d = digitImages(1)[0].data;
    for (let i = 0; i < 64; i++) expect(y[i]).toBe(Math.fround((d[i] / 16 - s.mean[0]) / s.scale[0]));
  });

  it("partialFit over batches + merge of shards equals fit to float64 rounding", () => {
    const imgs = [imageBytes("flower-rgb8.png"), imageBytes("scipy-dots-rgb8.png"), imageBytes("git-logo-palette8.png"), imageBytes("derived-gray16.png"), imageBytes("r-left-progressive.jpg")];
    const whole = new ImageNormalizer({ height: 20, width: 20 }).fit(imgs);
    const a = new ImageNormalizer({ height: 20, width: 20 }).partialFit(imgs.slice(0, 2)).partialFit([]);
    const b = new ImageNormalizer({ height: 20, width: 20 }).partialFit(imgs.slice(2));
    a.merge(b);
    const x = whole.toRecord().state as { mean: Float64Array; scale: Float64Array };
    const y = a.toRecord().state as { mean: Float64Array; scale: Float64Array };
    for (let c = 0; c < 3; c++) {
      expect(Math.abs(x.mean[c] - y.mean[c])).toBeLessThan(1e-15);
      expect(Math.abs(x.scale[c] - y.scale[c])).toBeLessThan(1e-15);
    }
  });

  it("a constant channel gets scale 1 (scikit-learn's rule), so outputs stay finite", () => {
    const black = px(new Array(12).fill(0), 2, 2, 3);
    const t = new ImageNormalizer({ height: 2, width: 2 }).fit([black, black]);
    expect(Array.from((t.toRecord().state as { scale: Float64Array }).scale)).toEqual([1, 1, 1]);
    expect(Array.from(t.transform([black]))).toEqual(new Array(12).fill(0));
  });

  it("given mean/std (ImageNet) apply as (x - mean) / std; statistics are still recorded", () => {
    const mean = [0.485, 0.456, 0.406];
    const std = [0.229, 0.224, 0.225];
    const t = new ImageNormalizer({ height: 1, width: 1, normalize: { mean, std } }).fit([px([255, 0, 128], 1, 1, 3)]);
    expect(Array.from(t.transform([px([255, 0, 128], 1, 1, 3)]))).toEqual([255, 0, 128].map((v, c) => Math.fround((v / 255 - mean[c]) / std[c])));
    expect(Array.from((t.toRecord().state as { mean: Float64Array }).mean)).toEqual([1, 0, 128 / 255]);
  });

  it("fit with no images, or a bad image, is a typed error naming the row", () => {
    expect(() => new ImageNormalizer({ height: 2, width: 2 }).fit([]).width).toThrow(/fit saw no images/);
    expect(() => new ImageNormalizer({ height: 2, width: 2 }).fit([imageBytes("python-minus-gray8.png"), null as never])).toThrow(/image at row 1 is missing/);
    expect(() => new ImageNormalizer({ height: 2, width: 2 }).transform([])).toThrow(/not fitted/);
  });
});

describe("the whole pipeline against tfjs (cpu backend)", () => {
  it("decode + resizeBilinear(64x64, false, true) + /255 + (x - mean) / std: max difference", () => {
    const bytes = imageBytes("flower.jpg");
    const t = new ImageNormalizer({ height: 64, width: 64 }).fit([bytes]);
    const s = t.toRecord().state as { offset: Float64Array; scale: Float64Array };
    const ours = t.transform([bytes]);
    const j = decodeJpeg(bytes, 1 << 26);
    const ref = tf.tidy(() => {
      const x = tf.tensor3d(Int32Array.from(j.data), [j.height, j.width, 3], "int32");
      const r = tf.image.resizeBilinear(x, [64, 64], false, true).div(255).sub(tf.tensor1d(Float32Array.from(s.offset))).div(tf.tensor1d(Float32Array.from(s.scale)));
      return r.dataSync() as Float32Array;
    });
    let max = 0;
    for (let i = 0; i < ref.length; i++) max = Math.max(max, Math.abs(ours[i] - ref[i]));
    // tfjs rounds to float32 after each of its four ops (and its mean/std are float32);
    // skewless rounds once. Measured max |difference|: 4.77e-7 = 2 ulp near 2-4 (outputs span -1.73..3.91), in 7860 of 12288 cells.
    expect(max).toBeLessThan(2e-6);
    expect(max).toBeGreaterThan(0);
  });
});

describe("outputs, tensors and artefacts", () => {
  it("width, output names and toImageTensor shapes", () => {
    const t = new ImageNormalizer({ name: "photo", height: 2, width: 3, channels: 1, output: "nhwc" }).fit([px([1, 2, 3, 4, 5, 6], 3, 2, 1)]);
    expect(t.width).toBe(6);
    expect(t.outputNames()).toEqual(["photo_0_0_0", "photo_0_1_0", "photo_0_2_0", "photo_1_0_0", "photo_1_1_0", "photo_1_2_0"]);
    expect(t.imageShape).toEqual([2, 3, 1]);
    const x = [px([1, 2, 3, 4, 5, 6], 3, 2, 1), px([6, 5, 4, 3, 2, 1], 3, 2, 1)];
    const nhwc = t.toImageTensor(x);
    expect(nhwc.shape).toEqual([2, 2, 3, 1]);
    expect(Array.from(nhwc.dataSync())).toEqual(Array.from(t.transform(x)));
    expect(t.toTensor(x).shape).toEqual([2, 6]);
    const flat = new ImageNormalizer({ height: 2, width: 3, channels: 1 }).fit(x);
    expect(flat.toImageTensor(x).shape).toEqual([2, 6]);
  });

  it("save -> load gives the same bytes and options; the artefact records the image column", () => {
    const t = new ImageNormalizer({ name: "im", height: 9, width: 7, channels: 4, resize: "nearest", crop: "center", alpha: "white", output: "nhwc", floatMax: 1, maxPixels: 1 << 20, normalize: { mean: [0.1, 0.2, 0.3, 0.4], std: [1, 2, 3, 4] } });
    t.fit([imageBytes("adwaita-rgba8.png")]);
    const bytes = t.save();
    const loaded = loadArtefact(bytes) as ImageNormalizer;
    expect(loaded).toBeInstanceOf(ImageNormalizer);
    expect(loaded.toRecord().state).toEqual(t.toRecord().state);
    const x = [imageBytes("libpng-pngtest-rgba8-adam7.png"), { data: new Float32Array(4 * 4 * 3).fill(0.5), width: 4, height: 4 }];
    expect(Buffer.from(loaded.transform(x).buffer).equals(Buffer.from(t.transform(x).buffer))).toBe(true);
    expect(Buffer.from(loaded.save()).equals(Buffer.from(bytes))).toBe(true);
  });

  it("the empty batch gives no rows; a caller's buffer is filled in place", () => {
    const t = none(2, 2, 3);
    expect(t.transform([]).length).toBe(0);
    const out = new Float32Array(12 + 3).fill(9);
    t.transform([px(new Array(12).fill(255), 2, 2, 3)], out);
    expect(Array.from(out)).toEqual([...new Array(12).fill(1), 9, 9, 9]);
  });

  it("every error is a SkewlessError (never a plain Error)", () => {
    const t = none(3, 3, 3);
    for (const bad of [[{}], [[1, 2, 3]], [new Uint8Array(3)], [Symbol("x")]]) {
      try {
        t.transform(bad as never);
        throw new Error("expected a typed error");
      } catch (e) {
        expect(e).toBeInstanceOf(SkewlessError);
      }
    }
  });
});
