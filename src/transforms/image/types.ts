/**
 * What an image column may hold, and the one internal form every input is brought to
 * before cropping and resizing.
 */

/** Pixel samples of a decoded image, row-major, channels interleaved (HWC). */
export type PixelData = Uint8Array | Uint8ClampedArray | Uint16Array | Int32Array | Float32Array | Float64Array | number[];

/**
 * Decoded pixels: `data` holds height x width x channels samples. `channels` (1 gray,
 * 2 gray+alpha, 3 RGB, 4 RGBA) defaults to data.length / (width x height), so a browser
 * `ImageData` (RGBA, Uint8ClampedArray) is accepted as it is.
 */
export interface DecodedImage {
  readonly data: PixelData;
  readonly width: number;
  readonly height: number;
  readonly channels?: number;
}

/** The part of a tfjs tensor an image column needs: a [height, width, channels] (or [height, width]) tensor. */
export interface ImageTensorLike {
  readonly shape: readonly number[];
  readonly dtype: string;
  readonly isDisposed?: boolean;
  dataSync(): ArrayLike<number>;
}

/** One image: encoded PNG or JPEG bytes, decoded pixels, or a 3-D tensor. */
export type ImageValue = Uint8Array | DecodedImage | ImageTensorLike;

/** One image per row; a 4-D [n, height, width, channels] tensor is accepted as a whole column. */
export type ImageColumn = ArrayLike<ImageValue> | ImageTensorLike;

/** Channel layouts: gray, gray + alpha, RGB, RGBA. */
export type SourceChannels = 1 | 2 | 3 | 4;

/** An image in the one form the pipeline works on. */
export interface RawImage {
  /** Samples, row-major HWC. */
  readonly data: Uint8Array | Uint8ClampedArray | Uint16Array | Int32Array | Float32Array | Float64Array;
  readonly width: number;
  readonly height: number;
  readonly channels: SourceChannels;
  /** The sample value of full intensity: 255 (8-bit), 65535 (16-bit) or the floatMax option. */
  readonly full: number;
}
