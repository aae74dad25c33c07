/**
 * JPEG decoding with jpeg-js (pure JS, BSD-3-Clause; no Node built-ins on this path:
 * `useTArray` returns a Uint8Array instead of a Buffer).
 *
 * - Output is always 8-bit RGB: grayscale JPEGs come back with three equal channels
 *   (the gray conversion of such pixels gives the gray value back exactly, see
 *   channels.ts), CMYK/YCCK (Adobe) JPEGs are converted to RGB by jpeg-js.
 * - Strict decoding (`tolerantDecoding: false`): a truncated or corrupted stream is an
 *   error, not a partly gray image.
 * - EXIF orientation is not applied (as tf.node.decodeJpeg and PIL's Image.open).
 * - jpeg-js refuses images over `maxResolutionInMP` before allocating them; the limit
 *   given here is the transform's maxPixels.
 * - Pixel values can differ by a few levels from libjpeg(-turbo) (PIL, tf.node): IDCT
 *   and chroma upsampling differ. Decoding is deterministic and the same in Node and
 *   browsers (integer and IEEE double arithmetic only).
 */
import { decode } from "jpeg-js";

export class JpegError extends Error {}

export function hasJpegSignature(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

export interface DecodedJpeg {
  width: number;
  height: number;
  data: Uint8Array;
}

export function decodeJpeg(bytes: Uint8Array, maxPixels: number): DecodedJpeg {
  let img: { width: number; height: number; data: Uint8Array };
  try {
    img = decode(bytes, {
      useTArray: true,
      formatAsRGBA: false,
      tolerantDecoding: false,
      maxResolutionInMP: maxPixels / 1e6,
      // jpeg-js counts coefficient blocks and the output; 16 bytes a pixel covers both
      // for any chroma subsampling.
      maxMemoryUsageInMB: Math.max(64, Math.ceil((maxPixels * 16) / (1 << 20))),
    });
  } catch (e) {
    throw new JpegError((e as Error)?.message ?? String(e));
  }
  if (!(img.width > 0 && img.height > 0) || img.data.length !== img.width * img.height * 3) {
    throw new JpegError(`decoder returned ${img.width} x ${img.height} with ${img.data.length} bytes`);
  }
  return img;
}
