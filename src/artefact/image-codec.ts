/**
 * Codec of ImageNormalizer state (proto message ImageNormalizerState, Node field 70).
 * Decoding checks every field a transform would trust: sizes (the output width
 * height x width x channels is bounded by maxTensorElements before anything is built),
 * enums, finite positive scales, and array lengths against the channel count.
 */
import { ArtefactError } from "../core/errors.js";
import { bytesToF64, f64ToBytes, requireElements } from "./bytes.js";
import { skewless } from "./generated/skewless.js";
import type { ImageNormalizerState } from "./states.js";

import pb = skewless.v1;

/** Largest height x width x channels an ImageNormalizer accepts (its constructor's limit too). */
export const MAX_IMAGE_OUTPUT = 1 << 26;

/** Tag of the resampling semantics implemented by src/transforms/image/resize.ts. */
export const IMAGE_KERNELS = "half_pixel_v1";

function pick<T extends string>(value: string | null | undefined, allowed: readonly T[], field: string): T {
  if (value != null && (allowed as readonly string[]).includes(value)) return value as T;
  throw new ArtefactError(`artefact field image_normalizer.${field} is ${JSON.stringify(value)}; expected one of ${allowed.join(", ")}`);
}

export const IMAGE_NORMALIZER_CODEC = {
  field: "imageNormalizer" as const,
  encode: (s: ImageNormalizerState): pb.ImageNormalizerState.$Properties => ({
    height: s.height,
    width: s.width,
    channels: s.channels,
    resize: s.resize,
    antialias: s.antialias,
    crop: s.crop,
    output: s.output,
    alpha: s.alpha,
    floatMax: s.floatMax,
    maxPixels: s.maxPixels,
    normalize: s.normalize,
    meanF64: f64ToBytes(s.mean),
    varF64: f64ToBytes(s.var),
    offsetF64: f64ToBytes(s.offset),
    scaleF64: f64ToBytes(s.scale),
    pixelsSeen: s.pixelsSeen,
    arithmetic: pb.Arithmetic.ARITHMETIC_F64_SUBTRACT_DIVIDE,
    kernels: IMAGE_KERNELS,
  }),
  decode: (m: pb.ImageNormalizerState, d: number): ImageNormalizerState => {
    if (m.arithmetic !== pb.Arithmetic.ARITHMETIC_F64_SUBTRACT_DIVIDE) {
      throw new ArtefactError(`ImageNormalizer state uses arithmetic ${m.arithmetic ?? 0}; this reader implements only ${pb.Arithmetic.ARITHMETIC_F64_SUBTRACT_DIVIDE}`);
    }
    if (m.kernels !== IMAGE_KERNELS) {
      throw new ArtefactError(`ImageNormalizer state uses resampling kernels ${JSON.stringify(m.kernels)}; this reader implements ${IMAGE_KERNELS} and needs a newer skewless`);
    }
    if (d !== 1) throw new ArtefactError(`artefact ImageNormalizer node declares ${d} input features; an image column is 1`);
    const height = m.height ?? 0;
    const width = m.width ?? 0;
    if (!(height >= 1 && width >= 1)) throw new ArtefactError(`artefact field image_normalizer height x width is ${height} x ${width}; both must be at least 1`);
    const channels = m.channels;
    if (channels !== 1 && channels !== 3 && channels !== 4) throw new ArtefactError(`artefact field image_normalizer.channels is ${channels}; expected 1, 3 or 4`);
    requireElements(height * width * channels, "image_normalizer output (height x width x channels)");
    if (height * width * channels > MAX_IMAGE_OUTPUT) {
      throw new ArtefactError(`artefact field image_normalizer height x width x channels is ${height * width * channels}; ImageNormalizer allows at most ${MAX_IMAGE_OUTPUT}`);
    }
    const floatMax = m.floatMax ?? 0;
    if (!(floatMax > 0 && Number.isFinite(floatMax))) throw new ArtefactError(`artefact field image_normalizer.float_max is ${floatMax}; expected a finite value > 0`);
    const maxPixels = Number(m.maxPixels ?? 0);
    if (!(maxPixels >= 1 && Number.isSafeInteger(maxPixels))) throw new ArtefactError(`artefact field image_normalizer.max_pixels is ${maxPixels}; expected an integer from 1 to 2^53 - 1`);
    const pixelsSeen = m.pixelsSeen ?? 0;
    if (!(pixelsSeen >= 0 && Number.isFinite(pixelsSeen))) throw new ArtefactError(`artefact field image_normalizer.pixels_seen is ${pixelsSeen}; expected a count`);
    const normalize = pick(m.normalize, ["fit", "none", "given"] as const, "normalize");
    const applied = normalize === "none" ? 0 : channels;
    const scale = bytesToF64(m.scaleF64, "image_normalizer.scale_f64", applied);
    const offset = bytesToF64(m.offsetF64, "image_normalizer.offset_f64", applied);
    for (let c = 0; c < applied; c++) {
      if (!(scale[c] > 0 && Number.isFinite(scale[c]))) throw new ArtefactError(`artefact field image_normalizer.scale_f64[${c}] is ${scale[c]}; scales are finite and > 0`);
      if (!Number.isFinite(offset[c])) throw new ArtefactError(`artefact field image_normalizer.offset_f64[${c}] is ${offset[c]}; offsets are finite`);
    }
    return {
      nFeaturesIn: d,
      height,
      width,
      channels,
      resize: pick(m.resize, ["bilinear", "nearest"] as const, "resize"),
      antialias: m.antialias === true,
      crop: pick(m.crop, ["center", "none"] as const, "crop"),
      output: pick(m.output, ["flatten", "nhwc"] as const, "output"),
      alpha: pick(m.alpha, ["drop", "black", "white"] as const, "alpha"),
      floatMax,
      maxPixels,
      normalize,
      mean: bytesToF64(m.meanF64, "image_normalizer.mean_f64", channels),
      var: bytesToF64(m.varF64, "image_normalizer.var_f64", channels),
      offset,
      scale,
      pixelsSeen,
    };
  },
};
