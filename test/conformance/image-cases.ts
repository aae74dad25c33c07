/** Image transforms registered with the shared conformance and skew suites. */
import { ImageNormalizer, type ImageColumn } from "../../src/index.js";
import { type ImageRow, JPEG_FIXTURES, digitImages, extremeImages, imageBytes, imageColumn, oversizedPng } from "./image-arbitraries.js";
import { stateDifference } from "./compare.js";
import type { ConformanceCase } from "./subject.js";

const asColumn = (rows: ImageRow[]): ImageColumn => rows as ImageColumn;
/** A deliberately wrong column. */
const col = (rows: unknown[]): ImageColumn => rows as ImageColumn;

/** Bad inputs every image transform must reject after fitting. */
export function imageBadInputs(): ConformanceCase<ImageRow, ImageColumn>["badInputs"] {
  const png = imageBytes("git-logo-palette8.png");
  const jpeg = imageBytes("r-left-progressive.jpg");
  const flippedPng = png.slice();
  flippedPng[60] ^= 0x40; // inside IDAT: the CRC no longer matches
  return [
    { label: "a missing image", input: () => col([png, null]), code: "INVALID_INPUT" },
    { label: "undefined", input: () => col([undefined]), code: "INVALID_INPUT" },
    { label: "a number", input: () => col([5]), code: "INVALID_INPUT" },
    { label: "a file name", input: () => col(["cat.png"]), code: "INVALID_INPUT" },
    { label: "a truncated PNG", input: () => [png.slice(0, png.length - 20)], code: "INVALID_INPUT" },
    { label: "a bit-flipped PNG", input: () => [flippedPng], code: "INVALID_INPUT" },
    { label: "a truncated JPEG", input: () => [jpeg.slice(0, jpeg.length >> 1)], code: "INVALID_INPUT" },
    { label: "bytes that are neither PNG nor JPEG", input: () => [new Uint8Array([71, 73, 70, 56, 57, 97])], code: "INVALID_INPUT" },
    { label: "NaN pixels", input: () => [{ data: new Float32Array([NaN, 1, 2]), width: 1, height: 1 }], code: "INVALID_INPUT" },
    { label: "samples not matching the shape", input: () => [{ data: new Uint8Array(7), width: 2, height: 2 }], code: "INVALID_INPUT" },
    { label: "zero width", input: () => [{ data: new Uint8Array(0), width: 0, height: 3 }], code: "INVALID_INPUT" },
    { label: "a 2^20 x 2^20 PNG header", input: () => [oversizedPng()], code: "INVALID_INPUT" },
    { label: "one Uint8Array instead of a column", input: () => png as unknown as ImageColumn, code: "INVALID_INPUT" },
    { label: "a string instead of a column", input: () => "cat.png" as unknown as ImageColumn, code: "INVALID_INPUT" },
    { label: "null instead of a column", input: () => null as unknown as ImageColumn, code: "INVALID_INPUT" },
  ];
}

interface ImageStateLike {
  mean: Float64Array;
  var: Float64Array;
  offset: Float64Array;
  scale: Float64Array;
  pixelsSeen: number;
}

/**
 * Moments relative to each channel's root mean square (the scale Chan's merge is accurate
 * to, as momentDistance in cases.ts); every other field exactly.
 */
export function imageStateDistance(a: unknown, b: unknown): { diff: number; path: string } {
  const x = a as ImageStateLike;
  const y = b as ImageStateLike;
  const { mean: _m, var: _v, offset: _o, scale: _s, ...restX } = x;
  const { mean: _m2, var: _v2, offset: _o2, scale: _s2, ...restY } = y;
  let worst = stateDifference(restX, restY);
  if (worst.diff > 0) worst = { diff: Infinity, path: worst.path };
  const consider = (diff: number, path: string) => {
    if (!(diff <= worst.diff)) worst = { diff, path };
  };
  if (x.offset.length !== y.offset.length || x.scale.length !== y.scale.length) consider(Infinity, "offset/scale length");
  for (let c = 0; c < x.mean.length; c++) {
    const ms = Math.max(x.var[c] + x.mean[c] ** 2, Number.MIN_VALUE);
    consider(Math.abs(x.mean[c] - y.mean[c]) / Math.sqrt(ms), `mean[${c}] ${x.mean[c]} vs ${y.mean[c]}`);
    consider(Math.abs(x.var[c] - y.var[c]) / ms, `var[${c}] ${x.var[c]} vs ${y.var[c]}`);
    if (c < x.offset.length) consider(Math.abs(x.offset[c] - y.offset[c]) / Math.sqrt(ms), `offset[${c}]`);
    if (c < x.scale.length) consider(Math.abs(x.scale[c] - y.scale[c]) / Math.max(x.scale[c], Math.sqrt(ms)), `scale[${c}] ${x.scale[c]} vs ${y.scale[c]}`);
  }
  return worst;
}

export function imageCase(label: string, make: ConformanceCase<ImageRow, ImageColumn>["make"], extra: Partial<ConformanceCase<ImageRow, ImageColumn>> = {}): ConformanceCase<ImageRow, ImageColumn> {
  const pngs = ["git-logo-palette8.png", "gvim-palette4-trns.png", "cmake-gray-alpha8.png", "cpython-idle-rgba16.png", "derived-gray16.png", "derived-rgb16-trns.png", "python-minus-gray8.png"];
  return {
    label,
    make,
    toInput: asColumn,
    realRows: [...pngs.map(imageBytes), imageBytes("r-left-progressive.jpg"), imageBytes("derived-gray.jpg")],
    realTransformRows: [imageBytes("libpng-pngtest-rgba8-adam7.png"), imageBytes("jquery-ui-palette1.png"), imageBytes("derived-gray4-trns-adam7.png"), ...digitImages(3), imageBytes("adwaita-rgba8.png"), imageBytes("git-favicon-palette2.png"), imageBytes("derived-gray2-adam7.png"), imageBytes("derived-gray1.png")],
    rows: imageColumn(),
    extremeRows: extremeImages(),
    mergeTolerance: 1e-12,
    stateDistance: imageStateDistance,
    badInputs: imageBadInputs(),
    emptyFitThrows: true,
    ...extra,
  };
}

export const IMAGE_CASES: ConformanceCase<ImageRow, ImageColumn>[] = [
  imageCase("ImageNormalizer 8x8 gray on sklearn digits (floatMax 16)", () => new ImageNormalizer({ name: "digit", height: 8, width: 8, channels: 1, floatMax: 16 }), {
    realRows: digitImages(120),
    realTransformRows: digitImages(300).slice(200, 230),
  }),
  imageCase("ImageNormalizer 16x16 RGB bilinear crop center on real PNG/JPEG", () => new ImageNormalizer({ name: "img", height: 16, width: 16, crop: "center" }), {
    realRows: [...imageCase("", () => new ImageNormalizer({ height: 1, width: 1 })).realRows, imageBytes(JPEG_FIXTURES[0])],
  }),
  imageCase("ImageNormalizer 12x20 RGBA nearest alpha white normalize none", () => new ImageNormalizer({ name: "img", height: 12, width: 20, channels: 4, resize: "nearest", alpha: "white", normalize: "none" })),
  imageCase(
    "ImageNormalizer 28x28 gray antialias alpha black given mean/std",
    () => new ImageNormalizer({ name: "img", height: 28, width: 28, channels: 1, antialias: true, alpha: "black", normalize: { mean: [0.5], std: [0.25] } }),
  ),
];
