/**
 * The blocked / four-wide loops of StandardScaler (transform) and batchMoments (fit)
 * against plain row-major reference loops, bit for bit, on inputs large enough to span
 * several ~4096-cell blocks, with widths that leave a remainder after groups of four.
 * (The conformance and skew suites use small batches, which fit in one block.)
 */
import { describe, expect, it } from "vitest";
import { batchMoments } from "../../src/core/moments.js";
import { InvalidInputError, StandardScaler, matrix } from "../../src/index.js";

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

type FloatArray = Float32Array | Float64Array;

function fill(a: FloatArray, u: () => number, withSpecials: boolean): FloatArray {
  const specials = [0, -0, NaN, 1e-310, 5e-324, -1e30, 3e38]; // finite in float32 too (subnormal ones become 0)
  for (let i = 0; i < a.length; i++) {
    a[i] = withSpecials && u() < 0.01 ? specials[Math.floor(u() * specials.length)] : (u() - 0.4) * 10 ** Math.floor(u() * 8 - 4);
  }
  return a;
}

/** The fit loop as first written: row-major, accumulators in arrays. */
function referenceMoments(data: FloatArray, n: number, d: number) {
  const count = new Float64Array(d);
  const sum = new Float64Array(d);
  const m2 = new Float64Array(d);
  const min = new Float64Array(d).fill(Infinity);
  const max = new Float64Array(d).fill(-Infinity);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const v = data[i * d + j];
      if (v !== v) continue;
      if (v === Infinity || v === -Infinity) throw new Error(`infinite at row ${i}, feature ${j}`);
      count[j] += 1;
      sum[j] += v;
      if (v < min[j]) min[j] = v;
      if (v > max[j]) max[j] = v;
    }
  }
  const mean = sum.map((s, j) => (count[j] > 0 ? s / count[j] : 0));
  const corr = new Float64Array(d);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const v = data[i * d + j];
      if (v !== v) continue;
      const t = v - mean[j];
      corr[j] += t;
      m2[j] += t * t;
    }
  }
  for (let j = 0; j < d; j++) {
    if (count[j] > 0) m2[j] -= (corr[j] * corr[j]) / count[j];
    if (min[j] === max[j]) m2[j] = 0;
  }
  return { count, sum, m2, min, max };
}

const SHAPES: [n: number, d: number][] = [
  [5000, 1],
  [3001, 3],
  [2500, 4],
  [1777, 7],
  [1500, 32],
  [700, 33],
  [3, 4099],
];

describe("StandardScaler hot loops across blocks", () => {
  for (const [n, d] of SHAPES) {
    for (const Arr of [Float32Array, Float64Array]) {
      it(`fit moments are bit-identical to the row-major loop (${n} x ${d}, ${Arr.name})`, () => {
        const u = rng(n * 31 + d);
        const x = fill(new Arr(n * d), u, true);
        const got = batchMoments(matrix(x, n, d), "t");
        const want = referenceMoments(x, n, d);
        for (const key of ["count", "sum", "m2", "min", "max"] as const) {
          for (let j = 0; j < d; j++) expect(Object.is(got[key][j], want[key][j]), `${key}[${j}]`).toBe(true);
        }
      });

      it(`transform is bit-identical to f32((x - mean) / scale) (${n} x ${d}, ${Arr.name})`, () => {
        const u = rng(n * 17 + d);
        for (const [withMean, withStd] of [[true, true], [false, true], [true, false]]) {
          const s = new StandardScaler({ withMean, withStd }).fit(matrix(fill(new Arr(n * d), u, false), n, d));
          const rec = s.toRecord();
          if (rec.kind !== "StandardScaler") throw new Error("kind");
          const offset = withMean ? rec.state.mean : new Float64Array(d);
          const scale = withStd ? rec.state.scale : new Float64Array(d).fill(1);
          const x = fill(new Arr(n * d), u, false);
          const got = s.transform(matrix(x, n, d));
          for (let k = 0; k < n * d; k++) {
            const want = Math.fround((x[k] - offset[k % d]) / scale[k % d]);
            if (!Object.is(got[k], want)) expect.fail(`cell ${k}: ${got[k]} vs ${want}`);
          }
        }
      });
    }
  }

  it("names the first non-finite cell in row-major order, even when a later block's cell is scanned first", () => {
    const n = 2000;
    const d = 9;
    const x = fill(new Float32Array(n * d), rng(5), false);
    const s = new StandardScaler().fit(matrix(x, n, d));
    const bad = x.slice();
    // The blocked loop visits features 0-3 of every row in a block before feature 8, so it
    // meets row 1700 / feature 0 first; the error still names the first cell in row order.
    bad[1500 * d + 8] = NaN;
    bad[1600 * d + 5] = -Infinity;
    bad[1700 * d + 0] = Infinity;
    expect(() => s.transform(matrix(bad, n, d))).toThrow(InvalidInputError);
    expect(() => s.transform(matrix(bad, n, d))).toThrow(/row 1500, feature 8 is missing/);
    const big = x.slice();
    big[1234 * d + 2] = 3.4e38;
    const tiny = new StandardScaler({ withMean: false }).fit(matrix(new Float32Array(n * d).map((_, k) => (k % 2) * 1e-30), n, d));
    expect(() => tiny.transform(matrix(big, n, d))).toThrow(/row 1234, feature 2 is 3\.39\d*e\+38, whose result is outside the float32 range/);
  });

  it("fit names the first infinite cell in row-major order", () => {
    const n = 3000;
    const d = 6;
    const x = fill(new Float64Array(n * d), rng(9), false);
    x[2999 * d + 0] = Infinity;
    x[2100 * d + 5] = -Infinity;
    expect(() => new StandardScaler().fit(matrix(x, n, d))).toThrow(/row 2100, feature 5 is -Infinity/);
  });
});
