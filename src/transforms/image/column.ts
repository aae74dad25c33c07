/**
 * An image column as rows: an array-like of images, or a 4-D [n, height, width, channels]
 * tensor split into n image views (one dataSync, no copies).
 */
import { InvalidInputError, describeValue } from "../../core/errors.js";
import { isTensorLike } from "./decode.js";
import type { ImageTensorLike } from "./types.js";

export interface PreparedImages {
  readonly images: ArrayLike<unknown>;
  readonly rows: number;
}

export function readImageColumn(values: unknown, who: string, column: string): PreparedImages {
  if (isTensorLike(values)) {
    if (values.shape.length !== 4) {
      throw new InvalidInputError(
        `${who}: got a tensor of shape [${values.shape.join(", ")}] as the column; pass a 4-D [n, height, width, channels] batch, or an array of 3-D image tensors`,
        { column },
      );
    }
    if (values.isDisposed === true) throw new InvalidInputError(`${who}: the batch tensor is disposed; keep it alive until transform returns`, { column });
    const [n, h, w, c] = values.shape;
    const all = values.dataSync();
    const per = h * w * c;
    const images: ImageTensorLike[] = [];
    for (let i = 0; i < n; i++) {
      const part = ArrayBuffer.isView(all) ? (all as unknown as Float32Array).subarray(i * per, (i + 1) * per) : Array.prototype.slice.call(all, i * per, (i + 1) * per);
      images.push({ shape: [h, w, c], dtype: values.dtype, dataSync: () => part });
    }
    return { images, rows: n };
  }
  if (values == null || typeof values === "string" || typeof (values as { length?: unknown }).length !== "number") {
    throw new InvalidInputError(`${who}: expected a column of images (an array, one image per row), got ${describeValue(values)}`, { column, value: describeValue(values) });
  }
  if (ArrayBuffer.isView(values)) {
    throw new InvalidInputError(
      `${who}: got a single ${describeValue(values)} as the column; wrap one image's bytes in an array ([bytes]) — a column holds one image per row`,
      { column, value: describeValue(values) },
    );
  }
  const images = values as ArrayLike<unknown>;
  return { images, rows: images.length };
}
