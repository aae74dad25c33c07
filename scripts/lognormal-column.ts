/**
 * A deterministic skewed column: n lognormal values (Box–Muller normals from the seeded
 * Xoshiro128 stream, exponentiated). Shared by the quantile-sketch tests and the
 * streaming-quantiles benchmark, so both measure the same kind of data.
 */
import { Xoshiro128 } from "../src/core/prng.js";

export function lognormalColumn(n: number, seed: number): Float64Array {
  const rng = new Xoshiro128(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = (rng.nextU32() + 0.5) / 2 ** 32;
    const v = (rng.nextU32() + 0.5) / 2 ** 32;
    out[i] = Math.exp(Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v));
  }
  return out;
}
