/**
 * Channel conversion to the target layout (1 gray, 3 RGB, 4 RGBA), on the cropped region,
 * before resizing (so alpha compositing happens at the source resolution, as a decoder
 * asked for fewer channels would do it).
 *
 *  - gray -> RGB/RGBA: the gray value in every colour channel;
 *  - RGB -> gray: luma (ITU-R BT.601, PIL's convert("L") weights) computed as
 *    (299 R + 587 G + 114 B) / 1000 — integer weights, so equal R, G, B give that value
 *    back exactly (a gray JPEG decoded as RGB becomes its gray again);
 *  - no alpha in the source -> RGBA: alpha = full (opaque);
 *  - alpha in the source, target without alpha — the `alpha` option:
 *      "drop"  (default): the colour samples as stored, alpha ignored (PIL's
 *              convert("RGB"), tf.image.decode_png(channels=3), Keras load_img);
 *      "black": composite over black, c x a / full;
 *      "white": composite over white, (c x a + full x (full - a)) / full.
 *    RGBA -> gray composites first, then takes luma.
 * Values stay in the source's sample units (0-255, 0-65535, or 0-floatMax); rescaling
 * to [0, 1] comes after resizing.
 */
import type { Region } from "./crop.js";
import type { RawImage } from "./types.js";

export type AlphaPolicy = "drop" | "black" | "white";

/** A strided view of pixels: sample (y, x, k) is data[offset + y * rowStride + x * channels + k]. */
export interface Plane {
  data: ArrayLike<number>;
  offset: number;
  rowStride: number;
  channels: number;
  height: number;
  width: number;
}

/** The region of `img` in `channels` channels: a view of the source when it already has them, else a converted copy. */
export function toChannels(img: RawImage, region: Region, channels: 1 | 3 | 4, alpha: AlphaPolicy): Plane {
  const src = img.channels;
  if (src === channels) {
    return { data: img.data, offset: (region.top * img.width + region.left) * src, rowStride: img.width * src, channels, height: region.height, width: region.width };
  }
  const { height, width } = region;
  const out = new Float64Array(height * width * channels);
  const data = img.data;
  const full = img.full;
  // Colour sample after the alpha policy; `a` is this pixel's alpha.
  const comp =
    alpha === "black" ? (c: number, a: number) => (c * a) / full : alpha === "white" ? (c: number, a: number) => (c * a + full * (full - a)) / full : (c: number) => c;
  let o = 0;
  for (let y = 0; y < height; y++) {
    let i = ((region.top + y) * img.width + region.left) * src;
    for (let x = 0; x < width; x++, i += src) {
      if (src === 1) {
        const g = data[i];
        out[o++] = g;
        out[o++] = g;
        out[o++] = g;
        if (channels === 4) out[o++] = full;
      } else if (src === 2) {
        const a = data[i + 1];
        if (channels === 4) {
          const g = data[i];
          out[o++] = g;
          out[o++] = g;
          out[o++] = g;
          out[o++] = a;
        } else {
          const g = comp(data[i], a);
          out[o++] = g;
          if (channels === 3) {
            out[o++] = g;
            out[o++] = g;
          }
        }
      } else if (src === 3) {
        const r = data[i];
        const g = data[i + 1];
        const b = data[i + 2];
        if (channels === 1) out[o++] = luma(r, g, b);
        else {
          out[o++] = r;
          out[o++] = g;
          out[o++] = b;
          out[o++] = full;
        }
      } else {
        const a = data[i + 3];
        const r = comp(data[i], a);
        const g = comp(data[i + 1], a);
        const b = comp(data[i + 2], a);
        if (channels === 1) out[o++] = luma(r, g, b);
        else {
          out[o++] = r;
          out[o++] = g;
          out[o++] = b;
        }
      }
    }
  }
  return { data: out, offset: 0, rowStride: width * channels, channels, height, width };
}

function luma(r: number, g: number, b: number): number {
  return (299 * r + 587 * g + 114 * b) / 1000;
}
