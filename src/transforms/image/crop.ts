/**
 * The source region that is resized: the whole image, or (crop "center") the largest
 * centred window with the target's aspect ratio — Keras' `smart_resize` /
 * `Resizing(crop_to_aspect_ratio=True)` box:
 *
 *   cropH = min(H, floor(W x outH / outW)),  cropW = min(W, floor(H x outW / outH))
 *   top = floor((H - cropH) / 2),            left = floor((W - cropW) / 2)
 *
 * (products of integers below 2^53 and one division: the same doubles everywhere). A
 * window that would round to 0 rows or columns (extreme aspect ratios) keeps 1.
 */
export interface Region {
  top: number;
  left: number;
  height: number;
  width: number;
}

export function cropRegion(height: number, width: number, outH: number, outW: number, crop: "center" | "none"): Region {
  if (crop === "none") return { top: 0, left: 0, height, width };
  const cropH = Math.max(1, Math.min(height, Math.floor((width * outH) / outW)));
  const cropW = Math.max(1, Math.min(width, Math.floor((height * outW) / outH)));
  return { top: Math.floor((height - cropH) / 2), left: Math.floor((width - cropW) / 2), height: cropH, width: cropW };
}
