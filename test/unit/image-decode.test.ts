/**
 * Decoding real PNG and JPEG files (fixtures/images/, from Debian packages) and every other
 * accepted input, and typed errors — never a crash or a hang — for corrupted, truncated
 * and hostile bytes.
 */
import { createHash } from "node:crypto";
import * as tf from "@tensorflow/tfjs";
import { zlibSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { ImageNormalizer, SkewlessError } from "../../src/index.js";
import { decodeJpeg } from "../../src/transforms/image/jpeg.js";
import { decodePng } from "../../src/transforms/image/png.js";
import { JPEG_FIXTURES, PNG_FIXTURES, encodePng, expectedFixtures, imageBytes, oversizedPng } from "../conformance/image-arbitraries.js";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

/** A normalizer that returns the decoded samples / full scale, unresized (out size = image size). */
function identity(h: number, w: number, channels: 1 | 3 | 4, extra: Partial<ConstructorParameters<typeof ImageNormalizer>[0]> = {}): ImageNormalizer {
  return new ImageNormalizer({ height: h, width: w, channels, normalize: "none", ...extra }).fit([{ data: new Uint8Array(h * w * channels), width: w, height: h, channels }]);
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
    return "ok";
  } catch (e) {
    if (e instanceof SkewlessError) return e.code;
    throw e;
  }
}

describe("PNG: every colour type and bit depth, as pypng decodes it", () => {
  const expected = expectedFixtures().png;
  for (const name of PNG_FIXTURES) {
    it(name, () => {
      const e = expected[name];
      const p = decodePng(imageBytes(name), 1 << 26);
      expect([p.width, p.height, p.channels, p.depth]).toEqual([e.width, e.height, e.channels, e.depth]);
      const bytes = p.data instanceof Uint16Array ? new Uint8Array(p.data.buffer, p.data.byteOffset, p.data.byteLength) : p.data;
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(e.sha256);
    });
  }

  it("16-bit samples are kept at 16 bits and rescaled by 65535", () => {
    const bytes = imageBytes("derived-gray16.png");
    const p = decodePng(bytes, 1 << 26);
    const t = identity(p.height, p.width, 1);
    const y = t.transform([bytes]);
    for (let i = 0; i < y.length; i++) expect(y[i]).toBe(Math.fround(p.data[i] / 65535));
    // Low bytes vary: an 8-bit reduction would have lost them.
    expect(new Set(Array.from(p.data, (v) => v & 0xff)).size).toBeGreaterThan(50);
  });

  it("1/2/4-bit gray is scaled to 8 bits; tRNS colour keys become alpha", () => {
    const one = decodePng(imageBytes("derived-gray1.png"), 1 << 26);
    expect(new Set(one.data)).toEqual(new Set([0, 255]));
    const two = decodePng(imageBytes("derived-gray2-adam7.png"), 1 << 26);
    for (const v of two.data) expect([0, 85, 170, 255]).toContain(v);
    const keyed = decodePng(imageBytes("derived-gray4-trns-adam7.png"), 1 << 26);
    expect(keyed.channels).toBe(2);
    const alphas = new Set(Array.from({ length: keyed.width * keyed.height }, (_, p) => keyed.data[2 * p + 1]));
    expect(alphas).toEqual(new Set([0, 255]));
  });

  it("a zlib bomb inflates into a buffer of the declared size only", () => {
    // 1 x 1 gray image whose IDAT inflates to 16 MiB of zeros (~16 KiB compressed).
    const raw = new Uint8Array(16 << 20);
    const idat = zlibSync(raw, { level: 9 });
    const good = encodePng(new Uint8Array([7]), 1, 1, 1);
    const ihdrEnd = 8 + 25;
    const chunk = (type: string, data: Uint8Array) => {
      const out = new Uint8Array(12 + data.length);
      const v = new DataView(out.buffer);
      v.setUint32(0, data.length);
      for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
      out.set(data, 8);
      let c = -1;
      for (const b of out.subarray(4, 8 + data.length)) {
        c ^= b;
        for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      }
      v.setUint32(8 + data.length, (c ^ -1) >>> 0);
      return out;
    };
    const bomb = new Uint8Array([...good.subarray(0, ihdrEnd), ...chunk("IDAT", idat), ...chunk("IEND", new Uint8Array(0))]);
    const t0 = performance.now();
    const p = decodePng(bomb, 1 << 26);
    expect(p.data.length).toBe(1);
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});

describe("JPEG (jpeg-js): baseline, progressive and gray files, compared with PIL (libjpeg-turbo)", () => {
  const expected = expectedFixtures().jpeg;
  for (const name of JPEG_FIXTURES) {
    it(name, () => {
      const e = expected[name];
      const j = decodeJpeg(imageBytes(name), 1 << 26);
      expect([j.width, j.height]).toEqual([e.width, e.height]);
      const mean = [0, 0, 0];
      for (let i = 0; i < j.data.length; i++) mean[i % 3] += j.data[i] / (j.width * j.height);
      // IDCT and chroma upsampling differ from libjpeg-turbo by a few levels at most;
      // measured channel-mean differences: flower.jpg 0.34/0.52/0.31, left.jpg 0.07/0.31/0.34, gray 0.06.
      for (let k = 0; k < 3; k++) expect(Math.abs(mean[k] - e.mean[k]), `mean of channel ${k}`).toBeLessThan(0.75);
      if (e.pil_rgb_b64) {
        const pil = Buffer.from(e.pil_rgb_b64, "base64");
        let max = 0;
        for (let i = 0; i < pil.length; i++) max = Math.max(max, Math.abs(pil[i] - j.data[i]));
        // Measured: 3 (progressive RGB left.jpg), 1 (gray).
        expect(max).toBeLessThanOrEqual(3);
      }
    });
  }

  it("a gray JPEG (decoded as three equal channels) becomes its gray value exactly with channels: 1", () => {
    const bytes = imageBytes("derived-gray.jpg");
    const j = decodeJpeg(bytes, 1 << 26);
    const y = identity(j.height, j.width, 1).transform([bytes]);
    for (let p = 0; p < j.width * j.height; p++) expect(y[p]).toBe(Math.fround(j.data[3 * p] / 255));
  });
});

describe("corrupted and truncated images are typed errors", () => {
  const t = new ImageNormalizer({ height: 8, width: 8, normalize: "none" }).fit([{ data: new Uint8Array(3), width: 1, height: 1 }]);

  it("every truncation of a PNG and a JPEG, and of flower.jpg every 4999 bytes", () => {
    for (const [name, step] of [
      ["git-logo-palette8.png", 1],
      ["gvim-palette4-trns.png", 1],
      ["libpng-pngtest-rgba8-adam7.png", 7],
      ["r-left-progressive.jpg", 1],
      ["flower.jpg", 4999],
    ] as [string, number][]) {
      const bytes = imageBytes(name);
      for (let k = 0; k < bytes.length; k += step) {
        expect(codeOf(() => t.transform([bytes.subarray(0, k)])), `${name} cut at ${k}`).toBe("INVALID_INPUT");
      }
    }
  });

  it("random byte mutations give an image or a typed error, quickly (fuzz)", () => {
    let seed = 12345;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed % n;
    };
    const counts = { ok: 0, error: 0 };
    for (const name of ["git-logo-palette8.png", "cmake-gray-alpha8.png", "derived-rgb16-trns.png", "libpng-pngtest-rgba8-adam7.png", "r-left-progressive.jpg", "derived-gray.jpg"]) {
      const original = imageBytes(name);
      for (let run = 0; run < 150; run++) {
        const b = original.slice();
        const kind = rand(4);
        if (kind === 0) b[rand(b.length)] ^= 1 << rand(8);
        else if (kind === 1) for (let k = 0; k < 8; k++) b[rand(b.length)] = rand(256);
        else if (kind === 2) b.fill(0xff, rand(b.length), rand(b.length));
        // Keep the signature so the decoders get past the first check.
        else b.set(Uint8Array.from({ length: 16 }, () => rand(256)), 8 + rand(Math.max(1, b.length - 24)));
        const t0 = performance.now();
        const code = codeOf(() => t.transform([b]));
        expect(performance.now() - t0, `${name} mutation ${run}`).toBeLessThan(2000);
        expect(["ok", "INVALID_INPUT"]).toContain(code);
        counts[code === "ok" ? "ok" : "error"]++;
      }
    }
    expect(counts.error).toBeGreaterThan(200);
  });

  it("random bytes behind a PNG or JPEG signature", () => {
    let seed = 99;
    const rand = () => {
      seed = (seed * 1664525 + 1013904223) >>> 0;
      return seed >>> 24;
    };
    for (let run = 0; run < 300; run++) {
      const body = Uint8Array.from({ length: 8 + (run % 200) }, rand);
      const head = run % 2 ? [137, 80, 78, 71, 13, 10, 26, 10] : [0xff, 0xd8, 0xff];
      expect(codeOf(() => t.transform([new Uint8Array([...head, ...body])]))).toBe("INVALID_INPUT");
    }
  });

  it("a header claiming more than maxPixels is refused before allocation; maxPixels applies to JPEG too", () => {
    expect(() => t.transform([oversizedPng()])).toThrow(/above maxPixels/);
    const small = new ImageNormalizer({ height: 4, width: 4, maxPixels: 10_000 }).fit([{ data: new Uint8Array(3), width: 1, height: 1 }]);
    expect(codeOf(() => small.transform([imageBytes("flower.jpg")]))).toBe("INVALID_INPUT");
    expect(codeOf(() => small.transform([{ data: new Uint8Array(3 * 200 * 100), width: 200, height: 100 }]))).toBe("INVALID_INPUT");
  });

  it("messages name the row and the fix", () => {
    const png = imageBytes("git-logo-palette8.png");
    expect(() => t.transform([png, png.subarray(0, 100)])).toThrow(/image at row 1 is not a valid PNG .*truncated/);
    expect(() => t.transform([new Uint8Array([71, 73, 70, 56])])).toThrow(/47 49 46 38, neither PNG nor JPEG/);
    expect(() => t.transform([{ data: new Float32Array([300, 0, 0]), width: 1, height: 1 }])).toThrow(/floatMax/);
  });
});

describe("decoded pixels and tensors", () => {
  it("Node Buffers (views into a shared pool) decode like plain Uint8Array copies", () => {
    const t = new ImageNormalizer({ height: 5, width: 7 }).fit([imageBytes("git-logo-palette8.png")]);
    for (const name of ["git-logo-palette8.png", "r-left-progressive.jpg"]) {
      const copy = imageBytes(name);
      const pooled = Buffer.concat([Buffer.from([1, 2, 3]), Buffer.from(copy)]).subarray(3);
      expect(pooled.byteOffset).toBeGreaterThan(0);
      expect(Buffer.from(t.transform([pooled]).buffer).equals(Buffer.from(t.transform([copy]).buffer))).toBe(true);
    }
  });

  it("ImageData-like RGBA (Uint8ClampedArray, no channels) is read as 4 channels", () => {
    const data = new Uint8ClampedArray([10, 20, 30, 255, 40, 50, 60, 128]);
    const y = identity(1, 2, 4).transform([{ data, width: 2, height: 1 }]);
    expect(Array.from(y)).toEqual(Array.from(data, (v) => Math.fround(v / 255)));
  });

  it("Uint16Array pixels are rescaled by 65535, Int32Array by 255, floats by floatMax", () => {
    expect(Array.from(identity(1, 1, 1).transform([{ data: new Uint16Array([65535]), width: 1, height: 1 }]))).toEqual([1]);
    expect(Array.from(identity(1, 1, 1).transform([{ data: new Int32Array([51]), width: 1, height: 1 }]))).toEqual([Math.fround(0.2)]);
    expect(Array.from(identity(1, 1, 1, { floatMax: 1 }).transform([{ data: new Float32Array([0.25]), width: 1, height: 1 }]))).toEqual([0.25]);
    expect(Array.from(identity(1, 1, 1).transform([{ data: [127.5], width: 1, height: 1 }]))).toEqual([0.5]);
    expect(codeOf(() => identity(1, 1, 1).transform([{ data: new Int32Array([256]), width: 1, height: 1 }]))).toBe("INVALID_INPUT");
  });

  it("tensors: int32 [h, w, c], float32 [h, w], and a 4-D batch as the column, equal the decoded path", () => {
    const bytes = imageBytes("scipy-dots-rgb8.png");
    const p = decodePng(bytes, 1 << 26);
    const t = new ImageNormalizer({ height: 30, width: 42 }).fit([bytes]);
    const expected = t.transform([bytes]);
    const x = tf.tensor3d(Int32Array.from(p.data), [p.height, p.width, 3], "int32");
    expect(Buffer.from(t.transform([x]).buffer).equals(Buffer.from(expected.buffer))).toBe(true);
    const batch = tf.stack([x, x]) as tf.Tensor4D;
    const y = t.transform(batch);
    expect(Buffer.from(y.buffer, 0, expected.byteLength).equals(Buffer.from(expected.buffer))).toBe(true);
    expect(Buffer.from(y.buffer, expected.byteLength).equals(Buffer.from(expected.buffer))).toBe(true);
    const gray = new ImageNormalizer({ height: 2, width: 2, channels: 1, normalize: "none" }).fit([{ data: new Uint8Array(4), width: 2, height: 2 }]);
    expect(Array.from(gray.transform([tf.tensor2d([[0, 255], [51, 102]])]))).toEqual([0, 1, 0.2, 0.4].map(Math.fround));
    x.dispose();
    expect(codeOf(() => t.transform([x]))).toBe("INVALID_INPUT");
    expect(codeOf(() => t.transform([tf.tensor1d([1, 2, 3])]))).toBe("INVALID_INPUT");
    expect(codeOf(() => t.transform([tf.tensor3d([[[true]]], [1, 1, 1], "bool")]))).toBe("INVALID_INPUT");
  });

  it("shape mismatches and bad types are typed errors", () => {
    const t = identity(2, 2, 3);
    for (const bad of [
      { data: new Uint8Array(5), width: 2, height: 2 },
      { data: new Uint8Array(12), width: 2, height: 2, channels: 2 },
      { data: new Uint8Array(12), width: 2, height: 2, channels: 5 },
      { data: new Uint8Array(4), width: -2, height: -2 },
      { data: new Int8Array(4), width: 2, height: 2 },
      { data: ["a", 1, 2, 3], width: 2, height: 2 },
      new ArrayBuffer(8),
    ]) {
      expect(codeOf(() => t.transform([bad as never])), JSON.stringify(bad)).toBe("INVALID_INPUT");
    }
  });
});
