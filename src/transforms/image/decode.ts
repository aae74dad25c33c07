/**
 * Any accepted image value -> RawImage, or a typed error naming the row and the fix.
 *
 * Sample scales ("full" = the value of full intensity, divided out by rescaling):
 *  - encoded PNG/JPEG: 255 for 8-bit files, 65535 for 16-bit PNGs (kept at 16 bits);
 *  - Uint8Array / Uint8ClampedArray pixels: 255; Uint16Array: 65535;
 *  - Int32Array pixels and int32 tensors (tf.browser.fromPixels): 255, checked to lie in [0, 255];
 *  - Float32Array / Float64Array / number[] pixels and float32 tensors: the `floatMax`
 *    option (255 by default, as fromPixels(...).toFloat() and Keras' loaders give; set it
 *    to 1 for floats already in [0, 1]); values must be finite and in [0, floatMax].
 */
import { InvalidInputError, describeValue } from "../../core/errors.js";
import { JpegError, decodeJpeg, hasJpegSignature } from "./jpeg.js";
import { PngLimitError, decodePng, hasPngSignature } from "./png.js";
import type { DecodedImage, ImageTensorLike, RawImage, SourceChannels } from "./types.js";

export interface DecodeContext {
  /** `Kind "name"` for messages. */
  who: string;
  column: string;
  floatMax: number;
  maxPixels: number;
}

function fail(ctx: DecodeContext, row: number, message: string, value?: unknown): InvalidInputError {
  return new InvalidInputError(`${ctx.who}: image at row ${row} ${message}`, { column: ctx.column, row, ...(value !== undefined ? { value: describeValue(value) } : {}) });
}

export function isTensorLike(v: unknown): v is ImageTensorLike {
  return v !== null && typeof v === "object" && Array.isArray((v as ImageTensorLike).shape) && typeof (v as ImageTensorLike).dataSync === "function";
}

/** Brings one row's value to a RawImage. */
export function toRawImage(value: unknown, row: number, ctx: DecodeContext): RawImage {
  if (value instanceof Uint8Array && !(value instanceof Uint8ClampedArray)) return decodeBytes(value, row, ctx);
  if (isTensorLike(value)) return fromTensor(value, row, ctx);
  if (value !== null && typeof value === "object" && !ArrayBuffer.isView(value) && "data" in value) return fromDecoded(value as DecodedImage, row, ctx);
  if (value == null) {
    throw fail(ctx, row, `is missing (${describeValue(value)}); an image column has no missing-value policy — drop the row or supply an image`, value);
  }
  if (value instanceof ArrayBuffer) throw fail(ctx, row, "is an ArrayBuffer; wrap encoded bytes as new Uint8Array(buffer)", value);
  throw fail(
    ctx,
    row,
    `is ${describeValue(value)}; expected encoded PNG/JPEG bytes (Uint8Array), decoded pixels { data, width, height, channels? } (or ImageData), or a [height, width, channels] tensor`,
    value,
  );
}

function decodeBytes(bytes: Uint8Array, row: number, ctx: DecodeContext): RawImage {
  if (hasPngSignature(bytes)) {
    try {
      const png = decodePng(bytes, ctx.maxPixels);
      return { data: png.data, width: png.width, height: png.height, channels: png.channels, full: png.depth === 16 ? 65535 : 255 };
    } catch (e) {
      if (e instanceof PngLimitError) throw fail(ctx, row, `is too large: ${e.message}; raise maxPixels or downscale it first`);
      // Anything else the decoder throws (PngError, a RangeError from a hostile length)
      // means the bytes are not a PNG this decoder can read: a typed error, never a crash.
      throw fail(ctx, row, `is not a valid PNG (${(e as Error)?.message ?? String(e)}); the file is corrupted or truncated`);
    }
  }
  if (hasJpegSignature(bytes)) {
    try {
      const jpg = decodeJpeg(bytes, ctx.maxPixels);
      return { data: jpg.data, width: jpg.width, height: jpg.height, channels: 3, full: 255 };
    } catch (e) {
      // jpeg-js reports every fault (including its resolution limit) as a plain Error.
      const why = e instanceof JpegError ? e.message : String(e);
      throw fail(ctx, row, `is not a decodable JPEG (${why}); the file is corrupted, truncated, or above maxPixels`);
    }
  }
  const head = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, "0")).join(" ");
  throw fail(
    ctx,
    row,
    `is ${bytes.length} bytes starting ${head || "(empty)"}, neither PNG nor JPEG; pass PNG/JPEG file bytes, or raw pixels as { data, width, height, channels }`,
  );
}

function requireSize(width: unknown, height: unknown, row: number, ctx: DecodeContext): void {
  const ok = (v: unknown) => typeof v === "number" && Number.isSafeInteger(v) && v >= 1;
  if (!ok(width) || !ok(height)) {
    throw fail(ctx, row, `has width ${describeValue(width)} and height ${describeValue(height)}; both must be integers >= 1`);
  }
  const pixels = (width as number) * (height as number);
  if (pixels > ctx.maxPixels) throw fail(ctx, row, `is ${width} x ${height} = ${pixels} pixels, above maxPixels ${ctx.maxPixels}; raise maxPixels or downscale it first`);
}

function channelsOf(declared: unknown, length: number, pixels: number, row: number, ctx: DecodeContext): SourceChannels {
  if (declared !== undefined) {
    if (declared !== 1 && declared !== 2 && declared !== 3 && declared !== 4) {
      throw fail(ctx, row, `declares channels ${describeValue(declared)}; use 1 (gray), 2 (gray+alpha), 3 (RGB) or 4 (RGBA)`);
    }
    if (length !== pixels * declared) {
      throw fail(ctx, row, `has ${length} samples but width x height x channels = ${pixels * declared}; the data does not match its shape`);
    }
    return declared;
  }
  const c = length / pixels;
  if (c !== 1 && c !== 2 && c !== 3 && c !== 4) {
    throw fail(ctx, row, `has ${length} samples for ${pixels} pixels, not 1-4 per pixel; give channels explicitly or fix the data`);
  }
  return c;
}

function fromDecoded(img: DecodedImage, row: number, ctx: DecodeContext): RawImage {
  requireSize(img.width, img.height, row, ctx);
  const pixels = img.width * img.height;
  const data = img.data as unknown;
  if (data instanceof Uint8Array || data instanceof Uint8ClampedArray) {
    return { data, width: img.width, height: img.height, channels: channelsOf(img.channels, data.length, pixels, row, ctx), full: 255 };
  }
  if (data instanceof Uint16Array) {
    return { data, width: img.width, height: img.height, channels: channelsOf(img.channels, data.length, pixels, row, ctx), full: 65535 };
  }
  if (data instanceof Int32Array) {
    const channels = channelsOf(img.channels, data.length, pixels, row, ctx);
    checkRange(data, 255, row, ctx, "int32");
    return { data, width: img.width, height: img.height, channels, full: 255 };
  }
  if (data instanceof Float32Array || data instanceof Float64Array) {
    const channels = channelsOf(img.channels, data.length, pixels, row, ctx);
    checkRange(data, ctx.floatMax, row, ctx, "float");
    return { data, width: img.width, height: img.height, channels, full: ctx.floatMax };
  }
  if (Array.isArray(data)) {
    const channels = channelsOf(img.channels, data.length, pixels, row, ctx);
    const copy = new Float64Array(data.length);
    for (let i = 0; i < data.length; i++) {
      const v = data[i];
      if (typeof v !== "number") throw fail(ctx, row, `has sample ${i} = ${describeValue(v)}; pixel samples are numbers`, v);
      copy[i] = v;
    }
    checkRange(copy, ctx.floatMax, row, ctx, "float");
    return { data: copy, width: img.width, height: img.height, channels, full: ctx.floatMax };
  }
  throw fail(
    ctx,
    row,
    `has data of type ${describeValue(data)}; use Uint8Array/Uint8ClampedArray (0-255), Uint16Array (0-65535), Int32Array (0-255) or Float32Array/Float64Array/number[] (0-floatMax)`,
  );
}

/** Samples must be finite and within [0, full]; the first offender is named. */
function checkRange(data: Int32Array | Float32Array | Float64Array, full: number, row: number, ctx: DecodeContext, what: string): void {
  for (let i = 0; i < data.length; i++) {
    const v = data[i];
    if (!(v >= 0 && v <= full)) {
      const hint =
        what === "float"
          ? v !== v || v === Infinity || v === -Infinity
            ? "pixel samples must be finite"
            : `float samples must lie in [0, floatMax = ${full}]; set floatMax to the full-scale value of your data (1 for [0, 1] floats, 255 for 0-255 floats)`
          : "int32 samples must lie in [0, 255]";
      throw fail(ctx, row, `has sample ${i} = ${describeValue(v)}; ${hint}`, v);
    }
  }
}

function fromTensor(t: ImageTensorLike, row: number, ctx: DecodeContext): RawImage {
  if (t.isDisposed === true) throw fail(ctx, row, "is a disposed tensor; keep it alive until transform returns");
  const shape = t.shape;
  if (shape.length !== 3 && shape.length !== 2) {
    throw fail(ctx, row, `is a tensor of shape [${shape.join(", ")}]; an image tensor is [height, width, channels] or [height, width] (pass a 4-D batch as the whole column)`);
  }
  const [height, width] = shape;
  requireSize(width, height, row, ctx);
  const c = shape.length === 3 ? shape[2] : 1;
  if (t.dtype !== "int32" && t.dtype !== "float32") throw fail(ctx, row, `is a ${t.dtype} tensor; use an int32 (0-255) or float32 (0-floatMax) tensor`);
  const values = t.dataSync();
  const channels = channelsOf(c, values.length, width * height, row, ctx);
  if (t.dtype === "int32") {
    const data = values instanceof Int32Array ? values : Int32Array.from(values);
    checkRange(data, 255, row, ctx, "int32");
    return { data, width, height, channels, full: 255 };
  }
  const data = values instanceof Float32Array ? values : Float32Array.from(values);
  checkRange(data, ctx.floatMax, row, ctx, "float");
  return { data, width, height, channels, full: ctx.floatMax };
}
