/**
 * Real images (fixtures/images/, see fixtures/README.md) and fast-check arbitraries for
 * image transforms, plus a minimal PNG writer for generated images.
 */
import fc from "fast-check";
import { zlibSync } from "fflate";
import { encode as encodeJpeg } from "jpeg-js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { DecodedImage, ImageValue } from "../../src/index.js";

export type ImageRow = ImageValue | null | undefined;

export const IMAGES = fileURLToPath(new URL("../../fixtures/images", import.meta.url));

export function imageBytes(file: string): Uint8Array {
  return new Uint8Array(readFileSync(join(IMAGES, file)));
}

export interface ExpectedFixtures {
  png: Record<string, { width: number; height: number; channels: number; depth: number; sha256: string; sum: number }>;
  jpeg: Record<string, { width: number; height: number; mean: number[]; pil_rgb_b64?: string }>;
  pil_resize: Record<string, { height: number; width: number; channels: number; values_f32_b64: string }>;
  digits: { rows: number; mean: number; std: number };
}

export function expectedFixtures(): ExpectedFixtures {
  return JSON.parse(readFileSync(join(IMAGES, "expected.json"), "utf8")) as ExpectedFixtures;
}

export const PNG_FIXTURES = [
  "adwaita-palette8-trns.png",
  "adwaita-rgba8.png",
  "cmake-gray-alpha8.png",
  "cpython-idle-rgba16.png",
  "derived-gray1.png",
  "derived-gray16.png",
  "derived-gray2-adam7.png",
  "derived-gray4-trns-adam7.png",
  "derived-rgb16-trns.png",
  "flower-rgb8.png",
  "git-favicon-palette2.png",
  "git-logo-palette8.png",
  "gvim-palette4-trns.png",
  "jquery-ui-palette1.png",
  "libpng-pngtest-rgba8-adam7.png",
  "python-minus-gray8.png",
  "scipy-dots-rgb8.png",
];
export const JPEG_FIXTURES = ["flower.jpg", "r-left-progressive.jpg", "derived-gray.jpg"];

/** The first `n` of scikit-learn's 8x8 digits (values 0-16) as gray images (use floatMax 16). */
export function digitImages(n = 300): DecodedImage[] {
  const lines = readFileSync(join(IMAGES, "digits-300.csv"), "utf8").trim().split("\n").slice(0, n);
  return lines.map((l) => ({ data: Float32Array.from(l.split(",").slice(0, 64), Number), width: 8, height: 8, channels: 1 }));
}

export function digitLabels(n = 300): number[] {
  return readFileSync(join(IMAGES, "digits-300.csv"), "utf8").trim().split("\n").slice(0, n).map((l) => Number(l.split(",")[64]));
}

// ---- a minimal PNG writer (filter 0 rows) for generated images ----

let table: Int32Array | null = null;
function crc(bytes: Uint8Array): number {
  if (!table) {
    table = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c;
    }
  }
  let c = -1;
  for (const b of bytes) c = table[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc(out.subarray(4, 8 + data.length)));
  return out;
}

/** Encodes 8- or 16-bit samples (h x w x c, c = 1..4) as a PNG. */
export function encodePng(data: ArrayLike<number>, width: number, height: number, channels: 1 | 2 | 3 | 4, depth: 8 | 16 = 8): Uint8Array {
  const colorType = { 1: 0, 2: 4, 3: 2, 4: 6 }[channels];
  const bps = depth / 8;
  const stride = width * channels * bps;
  const raw = new Uint8Array(height * (1 + stride));
  for (let y = 0; y < height; y++) {
    for (let i = 0; i < width * channels; i++) {
      const v = data[y * width * channels + i];
      const at = y * (1 + stride) + 1 + i * bps;
      if (depth === 16) {
        raw[at] = v >> 8;
        raw[at + 1] = v & 0xff;
      } else raw[at] = v;
    }
  }
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, width);
  v.setUint32(4, height);
  ihdr[8] = depth;
  ihdr[9] = colorType;
  const parts = [new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", ihdr), chunk("IDAT", zlibSync(raw)), chunk("IEND", new Uint8Array(0))];
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Encodes RGB(A) 8-bit pixels as a baseline JPEG (jpeg-js encoder). */
export function encodeJpegBytes(rgba: Uint8Array, width: number, height: number, quality = 85): Uint8Array {
  return new Uint8Array(encodeJpeg({ data: rgba, width, height }, quality).data);
}

/** A valid small PNG whose IHDR claims 2^20 x 2^20 pixels (CRC fixed up, so only the size is wrong). */
export function oversizedPng(): Uint8Array {
  const bytes = encodePng(Uint8Array.from({ length: 6 * 5 * 3 }, (_, i) => (i * 37) & 0xff), 6, 5, 3);
  const v = new DataView(bytes.buffer);
  v.setUint32(16, 1 << 20);
  v.setUint32(20, 1 << 20);
  v.setUint32(29, crc(bytes.subarray(12, 29)));
  return bytes;
}

// ---- arbitraries ----

/** A weighted member of fc.oneof, widened to the row type. */
function w(weight: number, arbitrary: fc.Arbitrary<unknown>): { weight: number; arbitrary: fc.Arbitrary<ImageRow> } {
  return { weight, arbitrary: arbitrary as fc.Arbitrary<ImageRow> };
}

const size = fc.integer({ min: 1, max: 12 });

/** A small decoded image with random samples of the given typed-array kind. */
function decoded(kind: "u8" | "u16" | "f32" | "clamped"): fc.Arbitrary<DecodedImage> {
  return fc.tuple(size, size, fc.constantFrom(1, 2, 3, 4), fc.integer({ min: 0, max: 2 ** 31 - 1 })).map(([w, h, c, seed]) => {
    const n = w * h * c;
    let s = seed >>> 0 || 1;
    const next = () => {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      return s >>> 0;
    };
    if (kind === "u16") return { data: Uint16Array.from({ length: n }, () => next() & 0xffff), width: w, height: h, channels: c };
    if (kind === "f32") return { data: Float32Array.from({ length: n }, () => (next() % 25501) / 100), width: w, height: h, channels: c };
    if (kind === "clamped") return { data: Uint8ClampedArray.from({ length: n }, () => next() & 0xff), width: w, height: h, channels: c };
    return { data: Uint8Array.from({ length: n }, () => next() & 0xff), width: w, height: h, channels: c };
  });
}

/** A generated PNG of 8 or 16 bits and 1-4 channels. */
function pngImage(): fc.Arbitrary<Uint8Array> {
  return fc.tuple(decoded("u16"), fc.boolean()).map(([img, wide]) => {
    const d = img.data as Uint16Array;
    const data = wide ? d : Uint8Array.from(d, (v) => v & 0xff);
    return encodePng(data, img.width, img.height, img.channels as 1 | 2 | 3 | 4, wide ? 16 : 8);
  });
}

/** Valid images of every input kind (no real files: those are the cases' realRows). */
export function imageColumn(): fc.Arbitrary<ImageRow[]> {
  const cell = fc.oneof(
    w(4, decoded("u8")),
    w(2, decoded("f32")),
    w(1, decoded("u16")),
    w(1, decoded("clamped")),
    w(2, pngImage()),
  );
  return fc.array(cell, { minLength: 1, maxLength: 8 });
}

function truncated(bytes: Uint8Array): fc.Arbitrary<Uint8Array> {
  return fc.integer({ min: 0, max: bytes.length - 1 }).map((k) => bytes.slice(0, k));
}

function flipped(bytes: Uint8Array): fc.Arbitrary<Uint8Array> {
  return fc.tuple(fc.integer({ min: 0, max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 })).map(([at, x]) => {
    const b = bytes.slice();
    b[at] ^= x;
    return b;
  });
}

/**
 * Hostile images: 1 x 1 and extreme aspect ratios, constant and saturated pixels,
 * truncated and bit-flipped PNG/JPEG bytes, NaN/±Infinity/out-of-range floats, shapes that
 * do not match their data, a header claiming 2^20 x 2^20 pixels, missing rows and
 * non-images — each must give a result or a typed error.
 */
export function extremeImages(): fc.Arbitrary<ImageRow[]> {
  const png = encodePng(Uint8Array.from({ length: 6 * 5 * 3 }, (_, i) => (i * 37) & 0xff), 6, 5, 3);
  const jpeg = imageBytes("r-left-progressive.jpg");
  const hugeHeader = oversizedPng();
  const cell = fc.oneof(
    w(6, decoded("u8")),
    w(2, decoded("f32")),
    w(
      4,
      fc.constantFrom<ImageRow>(
        { data: new Uint8Array([0]), width: 1, height: 1 },
        { data: new Uint8Array(4).fill(255), width: 1, height: 1, channels: 4 },
        { data: new Uint8Array(300).fill(7), width: 300, height: 1 },
        { data: new Uint8Array(3 * 200), width: 1, height: 200, channels: 3 },
        { data: new Float64Array([0, 255, 255, 0]), width: 2, height: 2, channels: 1 },
        { data: new Float64Array([Number.MIN_VALUE, 5e-324, 254.99999999999997, 1e-300]), width: 2, height: 2, channels: 1 },
        { data: [0, 128, 255], width: 1, height: 1 },
      ),
    ),
    w(
      2,
      fc.constantFrom<ImageRow>(
        { data: new Float32Array([NaN, 0, 0]), width: 1, height: 1 },
        { data: new Float32Array([Infinity, 0, 0]), width: 1, height: 1 },
        { data: new Float32Array([-1, 0, 0]), width: 1, height: 1 },
        { data: new Float32Array([256, 0, 0]), width: 1, height: 1 },
        { data: new Uint8Array(5), width: 2, height: 2 },
        { data: new Uint8Array(12), width: 2, height: 2, channels: 2 },
        { data: new Uint8Array(0), width: 0, height: 0 },
        { data: new Uint8Array(4), width: 2.5, height: 2 },
        { data: new Int8Array(4) as unknown as Uint8Array, width: 2, height: 2 },
        hugeHeader,
        new Uint8Array(0),
        new Uint8Array([0x89, 0x50]),
        new Uint8Array([1, 2, 3, 4, 5]),
        null,
        undefined,
        5 as unknown as ImageRow,
        "image.png" as unknown as ImageRow,
      ),
    ),
    w(1, truncated(png)),
    w(1, truncated(jpeg)),
    w(1, flipped(png)),
    w(1, flipped(jpeg)),
    w(2, pngImage()),
  );
  return fc.array(cell, { minLength: 0, maxLength: 6 });
}
