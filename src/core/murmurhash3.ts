/**
 * MurmurHash3, x86 32-bit variant (Austin Appleby's public-domain reference,
 * `MurmurHash3_x86_32`), over BYTES, returning the signed int32 that scikit-learn's
 * `sklearn.utils.murmurhash3_32(key, seed, positive=False)` returns.
 *
 * Written here rather than taken from npm: the kept packages either hash UTF-16 code
 * units or `charCodeAt() & 0xff` (wrong for non-ASCII text), or are unmaintained
 * wrappers; the algorithm is short and is tested bit for bit against scikit-learn on
 * real strings (test/unit/murmurhash3.test.ts).
 *
 * Strings are hashed as their UTF-8 bytes, as scikit-learn does (it encodes `str` keys
 * with UTF-8). A string holding a lone UTF-16 surrogate has no UTF-8 form: Python
 * raises UnicodeEncodeError for it, and `murmurhash3String` throws an
 * InvalidInputError instead of silently hashing U+FFFD the way TextEncoder would.
 */
import { InvalidInputError, describeValue } from "./errors.js";

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

/**
 * MurmurHash3_x86_32 of `bytes[0..length)` with `seed` (taken as uint32), as a signed
 * int32. `length` defaults to the whole array; it lets callers hash a prefix of a
 * reused scratch buffer without allocating.
 */
export function murmurhash3_x86_32(bytes: Uint8Array, seed: number, length: number = bytes.length): number {
  let h = seed >>> 0;
  const blocks = length & ~3;
  let i = 0;
  for (; i < blocks; i += 4) {
    let k = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, C2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  // Tail: the last 1-3 bytes, little-endian, mixed without the h rotation.
  const rem = length & 3;
  if (rem !== 0) {
    let k = 0;
    if (rem === 3) k ^= bytes[i + 2]! << 16;
    if (rem >= 2) k ^= bytes[i + 1]! << 8;
    k ^= bytes[i]!;
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, C2);
    h ^= k;
  }
  // Finalization mix (fmix32); the reference XORs the length in bytes (mod 2^32).
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** Reused UTF-8 scratch buffer: hashing a string allocates nothing once it is large enough. */
let scratch = new Uint8Array(256);

/**
 * Writes the UTF-8 encoding of `text` into the scratch buffer and returns its length in
 * bytes, or -1 if `text` contains a lone surrogate (no UTF-8 form exists).
 * Hand-written rather than TextEncoder.encodeInto: one pass that also detects lone
 * surrogates, and no per-call overhead for the short strings that dominate.
 */
function encodeUtf8(text: string): number {
  const n = text.length;
  // Worst case 3 bytes per UTF-16 code unit (a surrogate pair is 2 units -> 4 bytes).
  if (scratch.length < n * 3) scratch = new Uint8Array(Math.max(n * 3, scratch.length * 2));
  const out = scratch;
  let p = 0;
  for (let i = 0; i < n; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      out[p++] = c;
    } else if (c < 0x800) {
      out[p++] = 0xc0 | (c >> 6);
      out[p++] = 0x80 | (c & 0x3f);
    } else if (c < 0xd800 || c > 0xdfff) {
      out[p++] = 0xe0 | (c >> 12);
      out[p++] = 0x80 | ((c >> 6) & 0x3f);
      out[p++] = 0x80 | (c & 0x3f);
    } else {
      // A high surrogate followed by a low one is one code point; anything else is lone.
      if (c > 0xdbff || i + 1 >= n) return -1;
      const d = text.charCodeAt(i + 1);
      if (d < 0xdc00 || d > 0xdfff) return -1;
      i++;
      c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
      out[p++] = 0xf0 | (c >> 18);
      out[p++] = 0x80 | ((c >> 12) & 0x3f);
      out[p++] = 0x80 | ((c >> 6) & 0x3f);
      out[p++] = 0x80 | (c & 0x3f);
    }
  }
  return p;
}

/**
 * MurmurHash3_x86_32 of the UTF-8 bytes of `text`, signed, as
 * `sklearn.utils.murmurhash3_32(text, seed)`. Throws InvalidInputError (naming `who`
 * and `row`) for a lone surrogate, where Python raises UnicodeEncodeError.
 *
 * ASCII text (the common case) is hashed straight from its UTF-16 code units, which
 * equal its UTF-8 bytes; the first non-ASCII unit switches to encoding into scratch.
 */
export function murmurhash3String(text: string, seed: number, who = "murmurhash3", row?: number): number {
  const n = text.length;
  let h = seed >>> 0;
  const blocks = n & ~3;
  let i = 0;
  for (; i < blocks; i += 4) {
    const c0 = text.charCodeAt(i);
    const c1 = text.charCodeAt(i + 1);
    const c2 = text.charCodeAt(i + 2);
    const c3 = text.charCodeAt(i + 3);
    if ((c0 | c1 | c2 | c3) >= 0x80) return murmurhash3NonAscii(text, seed, who, row);
    let k = c0 | (c1 << 8) | (c2 << 16) | (c3 << 24);
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, C2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  const rem = n & 3;
  if (rem !== 0) {
    let k = 0;
    if (rem === 3) {
      const c = text.charCodeAt(i + 2);
      if (c >= 0x80) return murmurhash3NonAscii(text, seed, who, row);
      k ^= c << 16;
    }
    if (rem >= 2) {
      const c = text.charCodeAt(i + 1);
      if (c >= 0x80) return murmurhash3NonAscii(text, seed, who, row);
      k ^= c << 8;
    }
    const c = text.charCodeAt(i);
    if (c >= 0x80) return murmurhash3NonAscii(text, seed, who, row);
    k ^= c;
    k = Math.imul(k, C1);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, C2);
    h ^= k;
  }
  h ^= n;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** The general path: UTF-8 into the scratch buffer, then the byte hash. */
function murmurhash3NonAscii(text: string, seed: number, who: string, row: number | undefined): number {
  const len = encodeUtf8(text);
  if (len < 0) {
    const where = row === undefined ? "" : `row ${row} `;
    throw new InvalidInputError(
      `${who}: ${where}${describeValue(text)} contains a lone UTF-16 surrogate, which has no UTF-8 form and cannot be hashed (scikit-learn raises UnicodeEncodeError); repair the text (e.g. value.toWellFormed()) first`,
      row === undefined ? { column: who, value: describeValue(text) } : { column: who, row, value: describeValue(text) },
    );
  }
  return murmurhash3_x86_32(scratch, seed, len);
}

/** `positive=True` form: the same 32 bits read as unsigned. */
export function toUnsigned32(h: number): number {
  return h >>> 0;
}
