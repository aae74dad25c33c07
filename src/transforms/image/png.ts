/**
 * PNG decoding (ISO/IEC 15948, W3C PNG 2nd ed.) in plain JS over fflate's inflate, so it
 * runs unchanged in Node and browsers.
 *
 * Why not an off-the-shelf decoder: pngjs needs Node's zlib/stream/Buffer, and fast-png
 * inflates into a buffer that grows with the compressed stream, so a small "zlib bomb"
 * can allocate gigabytes. Here the inflate output is a buffer of exactly the size the
 * header implies (checked against `maxPixels` first), so memory is bounded by the image
 * dimensions, and every structural fault is a `PngError`:
 *
 *  - signature, chunk framing (a chunk running past the end = truncated), CRC of every
 *    chunk that affects pixels (IHDR, PLTE, tRNS, IDAT, IEND), IHDR field ranges, a missing
 *    IEND, missing or short image data, an unknown filter type, a palette index past the
 *    palette, an unknown critical chunk;
 *  - ancillary chunks other than tRNS (gamma, ICC profiles, text) are skipped: no colour
 *    management is applied, as in tf.node.decodePng and Keras' loaders.
 *
 * Output (what the rest of the pipeline sees):
 *  - colour types keep their channels: gray 1, gray+alpha 2, RGB 3, RGBA 4;
 *  - palette images are expanded to RGB, or RGBA when a tRNS chunk gives alpha;
 *  - a tRNS colour key on gray or RGB adds an alpha channel (0 where the pixel equals the
 *    key, full elsewhere), as libpng's png_set_tRNS_to_alpha does;
 *  - 1/2/4-bit gray is scaled to 8 bits (v x 255 / (2^depth - 1): x255, x85, x17), as
 *    libpng's png_set_expand_gray_1_2_4_to_8;
 *  - 16-bit samples are kept at 16 bits (Uint16Array, full scale 65535), not reduced to 8:
 *    rescaling divides by 65535, so no precision is lost before the float pipeline.
 */
import { unzlibSync } from "fflate";

export class PngError extends Error {}

export interface DecodedPng {
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
  depth: 8 | 16;
  data: Uint8Array | Uint16Array;
}

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

export function hasPngSignature(bytes: Uint8Array): boolean {
  if (bytes.length < 8) return false;
  for (let i = 0; i < 8; i++) if (bytes[i] !== SIGNATURE[i]) return false;
  return true;
}

let crcTable: Int32Array | null = null;

function crc32(bytes: Uint8Array, start: number, end: number): number {
  if (crcTable === null) {
    crcTable = new Int32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c;
    }
  }
  const t = crcTable;
  let c = -1;
  for (let i = start; i < end; i++) c = t[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}

function u32(b: Uint8Array, at: number): number {
  return ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
}

/** Channels per pixel in the file, by colour type. */
const FILE_CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
/** Allowed bit depths by colour type (PNG spec table 11.1). */
const DEPTHS: Record<number, number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

interface Header {
  width: number;
  height: number;
  depth: number;
  colorType: number;
  interlace: number;
}

/** Adam7 passes: x start, y start, x step, y step. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
];
const NO_INTERLACE = [[0, 0, 1, 1]];

function passSize(total: number, start: number, step: number): number {
  return total > start ? Math.ceil((total - start) / step) : 0;
}

function rowBytes(width: number, bitsPerPixel: number): number {
  return Math.ceil((width * bitsPerPixel) / 8);
}

/**
 * Decodes PNG bytes. `maxPixels` bounds width x height before anything of that size is
 * allocated. Throws PngError for anything malformed.
 */
export function decodePng(bytes: Uint8Array, maxPixels: number): DecodedPng {
  if (!hasPngSignature(bytes)) throw new PngError("not a PNG (bad signature)");
  let at = 8;
  let header: Header | null = null;
  let palette: Uint8Array | null = null;
  let paletteAlpha: Uint8Array | null = null;
  let colorKey: number[] | null = null;
  const idat: Uint8Array[] = [];
  let idatLength = 0;
  let ended = false;
  while (!ended) {
    if (at + 8 > bytes.length) throw new PngError(`truncated: chunk header expected at byte ${at} of ${bytes.length}`);
    const length = u32(bytes, at);
    const type = String.fromCharCode(bytes[at + 4], bytes[at + 5], bytes[at + 6], bytes[at + 7]);
    if (length > 0x7fffffff) throw new PngError(`chunk ${JSON.stringify(type)} declares length ${length}, above the PNG limit 2^31-1`);
    const dataStart = at + 8;
    const dataEnd = dataStart + length;
    if (dataEnd + 4 > bytes.length) throw new PngError(`truncated: chunk ${JSON.stringify(type)} needs ${length + 12} bytes at ${at}, only ${bytes.length - at} left`);
    if (!/^[A-Za-z]{4}$/.test(type)) throw new PngError(`invalid chunk type bytes at ${at + 4}`);
    const critical = type.charCodeAt(0) < 97;
    const used = critical || type === "tRNS";
    if (used && crc32(bytes, at + 4, dataEnd) !== u32(bytes, dataEnd)) throw new PngError(`CRC mismatch in chunk ${type} at byte ${at}`);
    if (header === null && type !== "IHDR") throw new PngError(`first chunk is ${type}, expected IHDR`);
    switch (type) {
      case "IHDR":
        if (header !== null) throw new PngError("more than one IHDR chunk");
        if (length !== 13) throw new PngError(`IHDR has length ${length}, expected 13`);
        header = readHeader(bytes, dataStart, maxPixels);
        break;
      case "PLTE": {
        if (idat.length > 0) throw new PngError("PLTE after image data");
        if (length === 0 || length % 3 !== 0 || length > 768) throw new PngError(`PLTE has length ${length}; expected 3 to 768 bytes in steps of 3`);
        if (header!.colorType === 0 || header!.colorType === 4) throw new PngError("PLTE in a grayscale image");
        palette = bytes.slice(dataStart, dataEnd);
        break;
      }
      case "tRNS":
        if (idat.length > 0) throw new PngError("tRNS after image data");
        if (header!.colorType === 3) {
          if (palette === null) throw new PngError("tRNS before PLTE");
          if (length > palette.length / 3) throw new PngError(`tRNS holds ${length} alpha values for a palette of ${palette.length / 3}`);
          paletteAlpha = bytes.slice(dataStart, dataEnd);
        } else if (header!.colorType === 0 || header!.colorType === 2) {
          const samples = header!.colorType === 0 ? 1 : 3;
          if (length !== samples * 2) throw new PngError(`tRNS has length ${length}, expected ${samples * 2} for this colour type`);
          colorKey = [];
          for (let k = 0; k < samples; k++) colorKey.push((bytes[dataStart + 2 * k] << 8) | bytes[dataStart + 2 * k + 1]);
        }
        // tRNS on a type with an alpha channel is invalid; libpng ignores it, and so do we.
        break;
      case "IDAT":
        idat.push(bytes.subarray(dataStart, dataEnd));
        idatLength += length;
        break;
      case "IEND":
        ended = true;
        break;
      default:
        if (critical) throw new PngError(`unknown critical chunk ${type}`);
    }
    at = dataEnd + 4;
  }
  const h = header!;
  if (h.colorType === 3 && palette === null) throw new PngError("palette image without a PLTE chunk");
  if (idat.length === 0) throw new PngError("no image data (IDAT)");
  const fileChannels = FILE_CHANNELS[h.colorType];
  const bitsPerPixel = fileChannels * h.depth;
  const passes = h.interlace === 1 ? ADAM7 : NO_INTERLACE;
  let expected = 0;
  for (const [xs, ys, dx, dy] of passes) {
    const pw = passSize(h.width, xs, dx);
    const ph = passSize(h.height, ys, dy);
    if (pw > 0 && ph > 0) expected += ph * (1 + rowBytes(pw, bitsPerPixel));
  }
  const compressed = idat.length === 1 ? idat[0] : concat(idat, idatLength);
  let raw: Uint8Array;
  try {
    // The output buffer has exactly the size the header implies: extra data is cut off
    // by fflate, never allocated.
    raw = unzlibSync(compressed, { out: new Uint8Array(expected) });
  } catch (e) {
    throw new PngError(`image data does not inflate: ${(e as Error).message}`);
  }
  if (raw.length < expected) throw new PngError(`image data is short: ${raw.length} of ${expected} bytes (truncated?)`);
  const samples = unfilterAll(raw, h, fileChannels, bitsPerPixel, passes);
  return finish(samples, h, palette, paletteAlpha, colorKey);
}

function readHeader(b: Uint8Array, at: number, maxPixels: number): Header {
  const width = u32(b, at);
  const height = u32(b, at + 4);
  const depth = b[at + 8];
  const colorType = b[at + 9];
  if (width === 0 || height === 0 || width > 0x7fffffff || height > 0x7fffffff) throw new PngError(`IHDR size ${width} x ${height} is invalid`);
  if (!(colorType in DEPTHS)) throw new PngError(`IHDR colour type ${colorType} is invalid`);
  if (!DEPTHS[colorType].includes(depth)) throw new PngError(`IHDR bit depth ${depth} is invalid for colour type ${colorType}`);
  if (b[at + 10] !== 0) throw new PngError(`IHDR compression method ${b[at + 10]} is unknown`);
  if (b[at + 11] !== 0) throw new PngError(`IHDR filter method ${b[at + 11]} is unknown`);
  const interlace = b[at + 12];
  if (interlace > 1) throw new PngError(`IHDR interlace method ${interlace} is unknown`);
  if (width * height > maxPixels) throw new PngLimitError(width, height, maxPixels);
  return { width, height, depth, colorType, interlace };
}

/** The image is well-formed so far but larger than the caller allows. */
export class PngLimitError extends PngError {
  constructor(
    readonly width: number,
    readonly height: number,
    readonly maxPixels: number,
  ) {
    super(`image is ${width} x ${height} = ${width * height} pixels, above maxPixels ${maxPixels}`);
  }
}

function concat(parts: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Reverses the row filters of every pass and scatters samples to their pixels. Result:
 * one sample per array element (palette indices for colour type 3), at the file depth.
 */
function unfilterAll(raw: Uint8Array, h: Header, channels: number, bitsPerPixel: number, passes: number[][]): Uint8Array | Uint16Array {
  const { width, height, depth } = h;
  const out = depth === 16 ? new Uint16Array(width * height * channels) : new Uint8Array(width * height * channels);
  const bpp = Math.max(1, bitsPerPixel >> 3);
  let at = 0;
  for (const [xs, ys, dx, dy] of passes) {
    const pw = passSize(width, xs, dx);
    const ph = passSize(height, ys, dy);
    if (pw === 0 || ph === 0) continue;
    const stride = rowBytes(pw, bitsPerPixel);
    let prev = new Uint8Array(stride);
    let cur = new Uint8Array(stride);
    for (let r = 0; r < ph; r++) {
      const filter = raw[at];
      unfilterRow(filter, raw, at + 1, cur, prev, stride, bpp);
      at += 1 + stride;
      scatterRow(cur, out, (ys + r * dy) * width, xs, dx, pw, channels, depth);
      const t = prev;
      prev = cur;
      cur = t;
    }
  }
  return out;
}

function unfilterRow(filter: number, raw: Uint8Array, start: number, cur: Uint8Array, prev: Uint8Array, n: number, bpp: number): void {
  switch (filter) {
    case 0:
      for (let i = 0; i < n; i++) cur[i] = raw[start + i];
      return;
    case 1: // Sub
      for (let i = 0; i < n; i++) cur[i] = (raw[start + i] + (i >= bpp ? cur[i - bpp] : 0)) & 0xff;
      return;
    case 2: // Up
      for (let i = 0; i < n; i++) cur[i] = (raw[start + i] + prev[i]) & 0xff;
      return;
    case 3: // Average
      for (let i = 0; i < n; i++) cur[i] = (raw[start + i] + (((i >= bpp ? cur[i - bpp] : 0) + prev[i]) >> 1)) & 0xff;
      return;
    case 4: // Paeth
      for (let i = 0; i < n; i++) {
        const a = i >= bpp ? cur[i - bpp] : 0;
        const b = prev[i];
        const c = i >= bpp ? prev[i - bpp] : 0;
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        const pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        cur[i] = (raw[start + i] + pred) & 0xff;
      }
      return;
    default:
      throw new PngError(`unknown row filter type ${filter} at inflated byte ${start - 1}`);
  }
}

/** Writes the pw pixels of one unfiltered row to out at x = xs, xs + dx, ... of the row starting at pixel `rowPixel`. */
function scatterRow(row: Uint8Array, out: Uint8Array | Uint16Array, rowPixel: number, xs: number, dx: number, pw: number, channels: number, depth: number): void {
  const n = pw * channels;
  if (depth === 8) {
    if (dx === 1) {
      out.set(row.subarray(0, n), rowPixel * channels);
      return;
    }
    for (let p = 0; p < pw; p++) {
      const o = (rowPixel + xs + p * dx) * channels;
      for (let k = 0; k < channels; k++) out[o + k] = row[p * channels + k];
    }
    return;
  }
  if (depth === 16) {
    for (let p = 0; p < pw; p++) {
      const o = (rowPixel + xs + p * dx) * channels;
      for (let k = 0; k < channels; k++) {
        const s = 2 * (p * channels + k);
        out[o + k] = (row[s] << 8) | row[s + 1];
      }
    }
    return;
  }
  // 1, 2 or 4 bits: one channel (gray or palette index), most significant bits first.
  const mask = (1 << depth) - 1;
  for (let p = 0; p < pw; p++) {
    const bit = p * depth;
    out[rowPixel + xs + p * dx] = (row[bit >> 3] >> (8 - depth - (bit & 7))) & mask;
  }
}

function finish(samples: Uint8Array | Uint16Array, h: Header, palette: Uint8Array | null, paletteAlpha: Uint8Array | null, colorKey: number[] | null): DecodedPng {
  const { width, height, depth, colorType } = h;
  const pixels = width * height;
  if (colorType === 3) {
    const entries = palette!.length / 3;
    const channels = paletteAlpha !== null ? 4 : 3;
    const out = new Uint8Array(pixels * channels);
    for (let p = 0; p < pixels; p++) {
      const idx = samples[p];
      if (idx >= entries) throw new PngError(`pixel ${p} uses palette index ${idx} but the palette has ${entries} entries`);
      const o = p * channels;
      out[o] = palette![3 * idx];
      out[o + 1] = palette![3 * idx + 1];
      out[o + 2] = palette![3 * idx + 2];
      if (channels === 4) out[o + 3] = idx < paletteAlpha!.length ? paletteAlpha![idx] : 255;
    }
    return { width, height, channels, depth: 8, data: out };
  }
  const fileChannels = FILE_CHANNELS[colorType] as 1 | 2 | 3 | 4;
  const outDepth: 8 | 16 = depth === 16 ? 16 : 8;
  if (colorKey !== null) {
    // Gray or RGB with a colour key: add alpha, comparing samples at the file depth.
    const full = outDepth === 16 ? 65535 : 255;
    const channels = fileChannels === 1 ? 2 : 4;
    const out = outDepth === 16 ? new Uint16Array(pixels * channels) : new Uint8Array(pixels * channels);
    const scale = depth < 8 ? 255 / ((1 << depth) - 1) : 1;
    for (let p = 0; p < pixels; p++) {
      let match = true;
      for (let k = 0; k < fileChannels; k++) {
        const v = samples[p * fileChannels + k];
        if (v !== colorKey[k]) match = false;
        out[p * channels + k] = v * scale;
      }
      out[p * channels + fileChannels] = match ? 0 : full;
    }
    return { width, height, channels: channels as 2 | 4, depth: outDepth, data: out };
  }
  if (depth < 8) {
    const scale = 255 / ((1 << depth) - 1);
    for (let p = 0; p < pixels; p++) samples[p] *= scale;
  }
  return { width, height, channels: fileChannels, depth: outDepth, data: samples };
}
