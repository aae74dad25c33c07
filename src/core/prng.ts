/**
 * A small seeded pseudo-random generator for fitted state that must be reproducible:
 * xoshiro128** (Blackman & Vigna), state seeded by SplitMix32 from a (seed, stream)
 * pair. Only 32-bit integer operations (Math.imul, shifts), so the same seed gives the
 * same numbers in every JavaScript engine — unlike Math.random, which cannot be seeded.
 *
 * `stream` picks an independent sequence for the same seed (e.g. one per token or per
 * OOV bucket), so a token's random vector does not depend on which other tokens exist.
 */

function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

export class Xoshiro128 {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream = 0) {
    // (seed, stream) -> one 32-bit SplitMix32 seed; distinct streams of one seed never coincide.
    const sm = { s: (seed ^ splitmix32({ s: stream | 0 })) | 0 };
    this.a = splitmix32(sm);
    this.b = splitmix32(sm);
    this.c = splitmix32(sm);
    this.d = splitmix32(sm);
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1; // the all-zero state is a fixed point
  }

  /** Next uniform 32-bit unsigned integer. */
  nextU32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform in [0, 1) with 53 random bits (exact arithmetic: the same float everywhere). */
  nextFloat(): number {
    const hi = this.nextU32() >>> 5; // 27 bits
    const lo = this.nextU32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform in [-1, 1). */
  nextSigned(): number {
    return 2 * this.nextFloat() - 1;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
