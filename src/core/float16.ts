/**
 * IEEE 754 binary16 ("half") conversion, written here because Node 20 has no
 * Math.f16round / Float16Array.
 *
 * - {@link toHalfBits}: a float64 to the nearest half, ties to even, rounded ONCE from the
 *   float64 value (rounding to float32 first and then to half can differ from this in the
 *   last half bit: double rounding). Values at or beyond 65520 (the midpoint between the
 *   largest half, 65504, and 2^16) become ±Infinity, as IEEE rounding says; NaN becomes
 *   the quiet NaN 0x7e00. -0 keeps its sign. Checked bit for bit against numpy's
 *   float64 -> float16 cast (test/unit/embedding-storage.test.ts).
 * - {@link halfToFloat}: exact (every half is a float32), through a 65536-entry table
 *   built on first use, so decoding a table is one indexed load per value.
 */

const TWO_POW_24 = 2 ** 24;
const MIN_NORMAL = 2 ** -14;
/** Smallest magnitude that rounds up to Infinity: the midpoint between 65504 and 65536. */
const OVERFLOW = 65520;

/** Views of one float64 to read its exponent bits; HI is the index of the high 32-bit word. */
const bits = new Float64Array(1);
const words = new Uint32Array(bits.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
/** SCALE[e + 14] = 2^(10 - e) for the normal half exponents e = -14 .. 15 (exact powers of two). */
const SCALE = Float64Array.from({ length: 30 }, (_, i) => 2 ** (24 - i));

/** Rounds a non-negative float64 below 2^52 to an integer, ties to even (exact: no float error). */
function roundHalfEven(v: number): number {
  const f = Math.floor(v);
  const d = v - f; // exact: v and f share an exponent range below 2^52
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

/** The binary16 bits (0..65535) nearest to `x`, ties to even. */
export function toHalfBits(x: number): number {
  if (x !== x) return 0x7e00;
  const sign = x < 0 || Object.is(x, -0) ? 0x8000 : 0;
  const a = Math.abs(x);
  if (a >= OVERFLOW) return sign | 0x7c00;
  if (a < MIN_NORMAL) {
    // Subnormal (or zero): a multiple of 2^-24; a * 2^24 is exact. 1024 carries into the smallest normal, 0x0400.
    return sign | roundHalfEven(a * TWO_POW_24);
  }
  // a = 2^e * m with m in [1, 2): e from the float64's exponent bits (exact, no log2).
  bits[0] = a;
  let e = ((words[HI] >>> 20) & 0x7ff) - 1023;
  let m = roundHalfEven(a * SCALE[e + 14]); // a * 2^(10 - e): exact scaling; m in [1024, 2048]
  if (m === 2048) {
    m = 1024;
    e++;
  }
  if (e > 15) return sign | 0x7c00;
  return sign | ((e + 15) << 10) | (m - 1024);
}

let table: Float32Array | null = null;

/** Every half's float32 value, indexed by its bits. */
export function halfTable(): Float32Array {
  if (table !== null) return table;
  const t = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) {
    const exp = (h >> 10) & 31;
    const frac = h & 1023;
    let v: number;
    if (exp === 0) v = frac / TWO_POW_24;
    else if (exp === 31) v = frac === 0 ? Infinity : NaN;
    else v = (1024 + frac) * 2 ** (exp - 25);
    t[h] = h & 0x8000 ? -v : v;
  }
  table = t;
  return t;
}

/** The value of binary16 bits `h` (exact). */
export function halfToFloat(h: number): number {
  return halfTable()[h & 0xffff];
}
