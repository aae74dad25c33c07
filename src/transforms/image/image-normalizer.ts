/**
 * ImageNormalizer: one image column -> a fixed-size float tensor per image.
 *
 *   new ImageNormalizer({ height: 64, width: 64, channels: 3, crop: "center" }).fit(trainImages).transform(images)
 *
 * Per image, in this order (every step in float64, one rounding to float32 at the end):
 *  1. decode (decode.ts): PNG (png.ts: every colour type and bit depth; 16-bit kept at
 *     16 bits), JPEG (jpeg.ts), decoded pixels / ImageData, or a tfjs tensor;
 *  2. crop "center" (crop.ts): the largest centred window of the target's aspect ratio
 *     (Keras smart_resize); "none" resizes the whole image (aspect ratio not kept);
 *  3. channel conversion to `channels` (channels.ts: gray/RGB/RGBA, the `alpha` policy);
 *  4. resize to height x width (resize.ts): "bilinear" = tf.image.resizeBilinear with
 *     alignCorners false, halfPixelCenters true (bit-identical to tfjs' cpu backend
 *     before its float32 rounding); antialias = PIL's BILINEAR / TF's antialiased
 *     triangle filter; "nearest" = tf.image.resizeNearestNeighbor(false, true);
 *  5. rescale to [0, 1]: x / full (255 for 8-bit, 65535 for 16-bit, floatMax for floats);
 *  6. normalize per channel: y = float32((x - offset[c]) / scale[c]) — "fit" (default):
 *     mean and population std of the training pixels after steps 1-5, a channel with
 *     (near-)zero variance gets scale 1 (scikit-learn's StandardScaler rule); "given":
 *     your mean/std (in [0, 1] units, e.g. ImageNet's); "none": y = float32(x).
 *
 * Output: a row-major Float32Array of n x (height x width x channels), each row the image
 * in NHWC order flattened (`output` "flatten" and "nhwc" give the same bytes;
 * `toImageTensor` returns [n, h*w*c] or [n, h, w, c] accordingly). Output names are
 * `{name}_{y}_{x}_{c}`.
 *
 * Fitting streams: the accumulator is the mergeable per-channel moments accumulator of
 * src/core/moments.ts (each image folded in as an h*w x channels batch); partialFit/merge
 * agree with fit to float64 rounding (Chan's merge).
 *
 * Policies: a missing row (null/undefined), undecodable bytes (corrupted, truncated,
 * neither PNG nor JPEG), non-finite or out-of-range samples and images above `maxPixels`
 * are typed errors (INVALID_INPUT) naming the row — at fit and at transform.
 */
import { tensor2d, tensor4d, type Tensor2D, type Tensor4D } from "@tensorflow/tfjs";
import type { ColumnType } from "../../artefact/index.js";
import { MAX_IMAGE_OUTPUT } from "../../artefact/image-codec.js";
import type { ImageNormalizerState } from "../../artefact/states.js";
import { InvalidInputError, InvalidOptionError, describeValue } from "../../core/errors.js";
import { type MomentsAcc, batchMoments, emptyMoments, mergeMoments } from "../../core/moments.js";
import type { AccumulatorSpec } from "../../core/transform.js";
import { ColumnTransform, type TransformOptions } from "../base.js";
import { type AlphaPolicy, toChannels } from "./channels.js";
import { readImageColumn, type PreparedImages } from "./column.js";
import { cropRegion } from "./crop.js";
import { type DecodeContext, toRawImage } from "./decode.js";
import { type ResizeMethod, resizePlane } from "./resize.js";
import type { ImageColumn } from "./types.js";

export interface ImageNormalizerOptions extends TransformOptions {
  /** Output height in pixels (required). */
  height: number;
  /** Output width in pixels (required). */
  width: number;
  /** 1 (gray), 3 (RGB, default) or 4 (RGBA). */
  channels?: 1 | 3 | 4;
  /** Default "bilinear". */
  resize?: ResizeMethod;
  /** Triangle filter widened when downscaling (PIL BILINEAR, TF antialias=True). Default false. */
  antialias?: boolean;
  /** "center": crop to the output aspect ratio first; "none" (default): resize the whole image. */
  crop?: "center" | "none";
  /** Shape of toImageTensor: "flatten" (default) [n, h*w*c] or "nhwc" [n, h, w, c]. */
  output?: "flatten" | "nhwc";
  /** Alpha when the output has no alpha channel: "drop" (default), "black" or "white" (composite over). */
  alpha?: AlphaPolicy;
  /** "fit" (default), "none", or given per-channel { mean, std } in [0, 1] units. */
  normalize?: "fit" | "none" | { mean: number[]; std: number[] };
  /** Full-scale value of float pixel input (Float32Array/Float64Array/number[]/float32 tensors). Default 255. */
  floatMax?: number;
  /** Largest width x height accepted (checked before decoding allocates). Default 2^26. */
  maxPixels?: number;
}

const EPS = 2.220446049250313e-16; // np.finfo(np.float64).eps
export const DEFAULT_MAX_PIXELS = 1 << 26;

type Settings = Pick<ImageNormalizerState, "height" | "width" | "channels" | "resize" | "antialias" | "crop" | "alpha" | "floatMax" | "maxPixels">;

export class ImageNormalizer extends ColumnTransform<ImageColumn, "ImageNormalizer", MomentsAcc, PreparedImages> {
  readonly kind = "ImageNormalizer" as const;
  readonly options: Readonly<Settings & { output: "flatten" | "nhwc"; normalize: "fit" | "none" | "given"; givenMean: Float64Array; givenStd: Float64Array }>;

  constructor(options: ImageNormalizerOptions) {
    super(options?.name, "image");
    const who = `ImageNormalizer "${this.name}"`;
    if (options === null || typeof options !== "object") throw new InvalidOptionError(`${who}: options { height, width } are required, got ${describeValue(options)}`);
    const size = (v: unknown, key: string): number => {
      if (!(typeof v === "number" && Number.isSafeInteger(v) && v >= 1)) throw new InvalidOptionError(`${who}: ${key} must be an integer >= 1, got ${describeValue(v)}`);
      return v;
    };
    const height = size(options.height, "height");
    const width = size(options.width, "width");
    const channels = options.channels ?? 3;
    if (channels !== 1 && channels !== 3 && channels !== 4) throw new InvalidOptionError(`${who}: channels must be 1, 3 or 4, got ${describeValue(channels)}`);
    if (height * width * channels > MAX_IMAGE_OUTPUT) {
      throw new InvalidOptionError(`${who}: height x width x channels = ${height * width * channels} values per image is above ${MAX_IMAGE_OUTPUT}; choose a smaller output size`);
    }
    const choose = <T extends string>(v: unknown, key: string, allowed: readonly T[], dflt: T): T => {
      if (v === undefined) return dflt;
      if (typeof v === "string" && (allowed as readonly string[]).includes(v)) return v as T;
      throw new InvalidOptionError(`${who}: ${key} must be ${allowed.map((a) => JSON.stringify(a)).join(" or ")}, got ${describeValue(v)}`);
    };
    const resize = choose(options.resize, "resize", ["bilinear", "nearest"] as const, "bilinear");
    const crop = choose(options.crop, "crop", ["center", "none"] as const, "none");
    const output = choose(options.output, "output", ["flatten", "nhwc"] as const, "flatten");
    const alpha = choose(options.alpha, "alpha", ["drop", "black", "white"] as const, "drop");
    const antialias = options.antialias ?? false;
    if (typeof antialias !== "boolean") throw new InvalidOptionError(`${who}: antialias must be true or false, got ${describeValue(antialias)}`);
    const floatMax = options.floatMax ?? 255;
    if (!(typeof floatMax === "number" && floatMax > 0 && Number.isFinite(floatMax))) {
      throw new InvalidOptionError(`${who}: floatMax must be a finite number > 0 (255 for 0-255 floats, 1 for [0, 1] floats), got ${describeValue(floatMax)}`);
    }
    const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
    if (!(typeof maxPixels === "number" && Number.isSafeInteger(maxPixels) && maxPixels >= 1)) {
      throw new InvalidOptionError(`${who}: maxPixels must be an integer >= 1, got ${describeValue(maxPixels)}`);
    }
    const n = options.normalize ?? "fit";
    let normalize: "fit" | "none" | "given";
    let givenMean = new Float64Array(0);
    let givenStd = new Float64Array(0);
    if (n === "fit" || n === "none") normalize = n;
    else if (n !== null && typeof n === "object" && Array.isArray(n.mean) && Array.isArray(n.std)) {
      normalize = "given";
      if (n.mean.length !== channels || n.std.length !== channels) {
        throw new InvalidOptionError(`${who}: normalize.mean and normalize.std need ${channels} values (one per channel), got ${n.mean.length} and ${n.std.length}`);
      }
      givenMean = Float64Array.from(n.mean, (v, c) => {
        if (!(typeof v === "number" && Number.isFinite(v))) throw new InvalidOptionError(`${who}: normalize.mean[${c}] must be a finite number, got ${describeValue(v)}`);
        return v;
      });
      givenStd = Float64Array.from(n.std, (v, c) => {
        if (!(typeof v === "number" && Number.isFinite(v) && v > 0)) throw new InvalidOptionError(`${who}: normalize.std[${c}] must be a finite number > 0, got ${describeValue(v)}`);
        return v;
      });
    } else {
      throw new InvalidOptionError(`${who}: normalize must be "fit", "none" or { mean: number[], std: number[] }, got ${describeValue(n)}`);
    }
    this.options = { height, width, channels, resize, antialias, crop, output, alpha, floatMax, maxPixels, normalize, givenMean, givenStd };
  }

  static fromState(state: ImageNormalizerState, name?: string): ImageNormalizer {
    const normalize = state.normalize === "given" ? { mean: Array.from(state.offset), std: Array.from(state.scale) } : state.normalize;
    return new ImageNormalizer({ ...state, name, normalize }).loadState(state);
  }

  protected get who(): string {
    return `${this.kind} "${this.name}"`;
  }

  /** Output shape per image: [height, width, channels]. */
  get imageShape(): [number, number, number] {
    const s = this.state();
    return [s.height, s.width, s.channels];
  }

  protected accumulatorSpec(): AccumulatorSpec<ImageColumn, MomentsAcc, ImageNormalizerState> {
    return {
      init: emptyMoments,
      update: (acc, batch) => {
        const { images, rows } = readImageColumn(batch, this.who, this.name);
        const o = this.options;
        const per = o.height * o.width;
        const buf = new Float64Array(per * o.channels);
        let out = acc;
        for (let i = 0; i < rows; i++) {
          const full = this.preprocess(o, images[i], i, buf);
          for (let k = 0; k < buf.length; k++) buf[k] /= full;
          // One image = one h*w x channels batch of moments, folded in image by image so
          // memory stays one image whatever the batch size.
          out = mergeMoments(out, batchMoments({ data: buf, rows: per, cols: o.channels }, this.who), this.who);
        }
        return out;
      },
      merge: (a, b) => mergeMoments(a, b, this.who),
      finalize: (acc) => this.finalize(acc),
    };
  }

  private finalize(acc: MomentsAcc): ImageNormalizerState {
    const o = this.options;
    if (acc.d === 0) {
      throw new InvalidInputError(`${this.who}: fit saw no images; pass at least one image`, { column: this.name });
    }
    const C = o.channels;
    const mean = new Float64Array(C);
    const variance = new Float64Array(C);
    for (let c = 0; c < C; c++) {
      const n = acc.count[c];
      mean[c] = acc.sum[c] / n;
      variance[c] = Math.max(0, acc.m2[c] / n);
    }
    let offset = new Float64Array(0);
    let scale = new Float64Array(0);
    if (o.normalize === "fit") {
      offset = mean.slice();
      scale = new Float64Array(C);
      for (let c = 0; c < C; c++) {
        const n = acc.count[c];
        // sklearn.preprocessing._data._is_constant_feature: variance within rounding of 0.
        const bound = n * EPS * variance[c] + (n * mean[c] * EPS) ** 2;
        scale[c] = variance[c] <= bound ? 1 : Math.sqrt(variance[c]);
      }
    } else if (o.normalize === "given") {
      offset = o.givenMean.slice();
      scale = o.givenStd.slice();
    }
    return {
      nFeaturesIn: 1,
      height: o.height,
      width: o.width,
      channels: o.channels,
      resize: o.resize,
      antialias: o.antialias,
      crop: o.crop,
      output: o.output,
      alpha: o.alpha,
      floatMax: o.floatMax,
      maxPixels: o.maxPixels,
      normalize: o.normalize,
      mean,
      var: variance,
      offset,
      scale,
      pixelsSeen: acc.count[0],
    };
  }

  /** Decode, crop, convert and resize one image into buf (sample units); returns its full-scale value. */
  private preprocess(s: Settings, value: unknown, row: number, buf: Float64Array): number {
    const ctx: DecodeContext = { who: this.who, column: this.name, floatMax: s.floatMax, maxPixels: s.maxPixels };
    const img = toRawImage(value, row, ctx);
    const region = cropRegion(img.height, img.width, s.height, s.width, s.crop);
    const plane = toChannels(img, region, s.channels, s.alpha);
    resizePlane(plane, s.height, s.width, s.resize, s.antialias, buf);
    return img.full;
  }

  protected prepare(values: ImageColumn): PreparedImages {
    return readImageColumn(values, this.who, this.name);
  }

  protected widthFor(s: ImageNormalizerState): number {
    return s.height * s.width * s.channels;
  }

  protected namesFor(s: ImageNormalizerState, inputNames: string[]): string[] {
    const base = inputNames[0];
    const names: string[] = new Array(s.height * s.width * s.channels);
    let k = 0;
    for (let y = 0; y < s.height; y++) for (let x = 0; x < s.width; x++) for (let c = 0; c < s.channels; c++) names[k++] = `${base}_${y}_${x}_${c}`;
    return names;
  }

  protected inputType(): ColumnType {
    return "image";
  }

  protected apply(s: ImageNormalizerState, x: PreparedImages, out: Float32Array): void {
    const C = s.channels;
    const w = s.height * s.width * C;
    const buf = new Float64Array(w);
    const none = s.normalize === "none";
    for (let i = 0; i < x.rows; i++) {
      const full = this.preprocess(s, x.images[i], i, buf);
      const base = i * w;
      if (none) {
        for (let k = 0; k < w; k++) out[base + k] = buf[k] / full;
      } else {
        const { offset, scale } = s;
        for (let k = 0, c = 0; k < w; k++) {
          out[base + k] = (buf[k] / full - offset[c]) / scale[c];
          if (++c === C) c = 0;
        }
      }
    }
  }

  /**
   * The output as the tensor a model takes: [n, h*w*c] for output "flatten", [n, h, w, c]
   * for "nhwc" (same values as transform()).
   */
  toImageTensor(values: ImageColumn): Tensor2D | Tensor4D {
    const s = this.state();
    const y = this.transform(values);
    const n = y.length / (s.height * s.width * s.channels);
    return s.output === "nhwc" ? tensor4d(y, [n, s.height, s.width, s.channels]) : tensor2d(y, [n, s.height * s.width * s.channels]);
  }
}
