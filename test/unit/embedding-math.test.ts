/**
 * The numerical pieces behind EmbeddingTable, against independent numpy computations
 * (fixtures/embedding/generate.py): float16 rounding, the randomized SVD, PPMI.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { halfToFloat, toHalfBits } from "../../src/core/float16.js";
import { Xoshiro128 } from "../../src/core/prng.js";
import { type SparseMatrix64, randomizedSvd } from "../../src/core/randomized-svd.js";
import { symmetricEigen } from "../../src/core/symmetric-eigen.js";
import { addRowPairs, emptyPairs, mergePairs } from "../../src/transforms/embedding/cooccurrence.js";
import { cooccurrenceMatrix, ppmi } from "../../src/transforms/embedding/corpus.js";

const FIXTURES = new URL("../../fixtures/embedding/", import.meta.url);
const json = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, FIXTURES), "utf8")) as T;

function dense(a: number[], rows: number, cols: number): SparseMatrix64 {
  const indptr = [0];
  const indices: number[] = [];
  const data: number[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (a[r * cols + c] !== 0) {
        indices.push(c);
        data.push(a[r * cols + c]);
      }
    }
    indptr.push(indices.length);
  }
  return { rows, cols, indptr: Int32Array.from(indptr), indices: Int32Array.from(indices), data: Float64Array.from(data) };
}

/** numpy's vectors with this library's sign convention (largest |u| entry positive). */
function flipLikeUs(u: number[], v: number[], m: number, n: number, k: number, width: number): { u: number[]; v: number[] } {
  const uo = u.slice();
  const vo = v.slice();
  for (let j = 0; j < k; j++) {
    let best = 0;
    let at = 0;
    for (let i = 0; i < m; i++) if (Math.abs(u[i * width + j]) > best) [best, at] = [Math.abs(u[i * width + j]), i];
    if (u[at * width + j] < 0) {
      for (let i = 0; i < m; i++) uo[i * width + j] = -u[i * width + j];
      for (let i = 0; i < n; i++) vo[i * width + j] = -v[i * width + j];
    }
  }
  return { u: uo, v: vo };
}

describe("float16 (round to nearest, ties to even)", () => {
  it("matches numpy's float64 -> float16 cast bit for bit", () => {
    const f = json<{ values: number[]; bits: number[] }>("half.json");
    const got = f.values.map(toHalfBits);
    const wrong = got.map((b, i) => (b === f.bits[i] ? null : `${f.values[i]}: ${b.toString(16)} vs numpy ${f.bits[i].toString(16)}`)).filter((x) => x !== null);
    expect(wrong).toEqual([]);
  });

  it("round-trips every half exactly and maps the specials", () => {
    for (let h = 0; h < 65536; h++) {
      const x = halfToFloat(h);
      if (Number.isNaN(x)) continue;
      expect(toHalfBits(x)).toBe(h);
    }
    expect(halfToFloat(0x7c00)).toBe(Infinity);
    expect(halfToFloat(0xfc00)).toBe(-Infinity);
    expect(Object.is(halfToFloat(0x8000), -0)).toBe(true);
    expect(toHalfBits(NaN)).toBe(0x7e00);
    expect(halfToFloat(0x7bff)).toBe(65504);
    expect(halfToFloat(1)).toBe(2 ** -24);
  });
});

describe("randomized SVD", () => {
  const { cases } = json<{ cases: { name: string; rows: number; cols: number; rank: number; a: number[]; s: number[]; u: number[]; v: number[] }[] }>("svd.json");
  for (const c of cases) {
    it(`matches numpy.linalg.svd: ${c.name}`, () => {
      const { rows: m, cols: n, rank: k } = c;
      const width = Math.min(m, n);
      const r = randomizedSvd(dense(c.a, m, n), { rank: k, seed: 11 });
      const numericRank = c.s.filter((s) => s > c.s[0] * 1e-12).length;
      const want = flipLikeUs(c.u, c.v, m, n, Math.min(k, numericRank), width);
      let worst = 0;
      for (let j = 0; j < k; j++) {
        if (j >= numericRank) {
          // Beyond the rank: zero value and zero vectors (directions the matrix does not determine).
          expect(r.values[j]).toBe(0);
          for (let i = 0; i < m; i++) expect(r.u[i * k + j]).toBe(0);
          continue;
        }
        worst = Math.max(worst, Math.abs(r.values[j] - c.s[j]) / c.s[0]);
        for (let i = 0; i < m; i++) worst = Math.max(worst, Math.abs(r.u[i * k + j] - want.u[i * width + j]));
        for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(r.v[i * k + j] - want.v[i * width + j]));
      }
      expect(worst).toBeLessThan(1e-9);
    });
  }

  it("is deterministic for a seed and independent of nothing else", () => {
    const c = cases[1];
    const a = randomizedSvd(dense(c.a, c.rows, c.cols), { rank: 4, seed: 5 });
    const b = randomizedSvd(dense(c.a, c.rows, c.cols), { rank: 4, seed: 5 });
    expect(Buffer.from(a.u.buffer).equals(Buffer.from(b.u.buffer))).toBe(true);
    expect(Buffer.from(a.values.buffer).equals(Buffer.from(b.values.buffer))).toBe(true);
  });

  it("gives zeros for a zero matrix and for an empty one", () => {
    const z = randomizedSvd({ rows: 3, cols: 3, indptr: new Int32Array(4), indices: new Int32Array(0), data: new Float64Array(0) }, { rank: 2 });
    expect(Array.from(z.values)).toEqual([0, 0]);
    expect(z.u.every((x) => x === 0)).toBe(true);
    const e = randomizedSvd({ rows: 0, cols: 0, indptr: new Int32Array(1), indices: new Int32Array(0), data: new Float64Array(0) }, { rank: 2 });
    expect(e.values.length).toBe(2);
  });
});

describe("Jacobi eigen-decomposition", () => {
  it("diagonalizes a symmetric matrix with orthonormal vectors", () => {
    const rng = new Xoshiro128(1);
    const n = 7;
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) a[i * n + j] = a[j * n + i] = rng.nextSigned();
    const { values, vectors } = symmetricEigen(a, n);
    for (let j = 1; j < n; j++) expect(values[j]).toBeLessThanOrEqual(values[j - 1]);
    // A v = λ v and Vᵀ V = I.
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        let av = 0;
        for (let k = 0; k < n; k++) av += a[i * n + k] * vectors[k * n + j];
        expect(Math.abs(av - values[j] * vectors[i * n + j])).toBeLessThan(1e-12);
      }
      for (let k = 0; k < n; k++) {
        let dot = 0;
        for (let i = 0; i < n; i++) dot += vectors[i * n + j] * vectors[i * n + k];
        expect(Math.abs(dot - (j === k ? 1 : 0))).toBeLessThan(1e-12);
      }
    }
  });
});

describe("seeded generator", () => {
  it("is reproducible, stream-separated and uniform-looking", () => {
    const a = new Xoshiro128(42, 7);
    const b = new Xoshiro128(42, 7);
    const c = new Xoshiro128(42, 8);
    const xs = Array.from({ length: 2000 }, () => a.nextFloat());
    expect(xs).toEqual(Array.from({ length: 2000 }, () => b.nextFloat()));
    expect(xs.slice(0, 5)).not.toEqual(Array.from({ length: 5 }, () => c.nextFloat()));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.03);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe("PPMI of real text", () => {
  const f = json<{ verses: number; window: number; minCount: number; contextSmoothing: number; vocabulary: string[]; rows: number[]; cols: number[]; values: number[]; singularValues: number[] }>(
    "ppmi.json",
  );
  const verses = readFileSync(new URL("../data/kjv-sample.jsonl", FIXTURES), "utf8")
    .trim()
    .split("\n")
    .slice(0, f.verses)
    .map((l) => (JSON.parse(l) as { text: string }).text.toLowerCase().match(/[a-z]+/g) ?? []);

  it("matches numpy's PPMI entry for entry, however the rows were split and merged", () => {
    const whole = emptyPairs();
    for (const v of verses) addRowPairs(whole, v, v.length, f.window, "test");
    // The same rows counted in two shards, the second first: a different local id numbering.
    const a = emptyPairs();
    const b = emptyPairs();
    verses.forEach((v, i) => addRowPairs(i % 3 === 0 ? a : b, v, v.length, f.window, "test"));
    for (const pairs of [whole, mergePairs(b, a, "test")]) {
      const m = ppmi(cooccurrenceMatrix(pairs, f.vocabulary), f.contextSmoothing);
      const got = new Map<string, number>();
      for (let r = 0; r < m.rows; r++) for (let k = m.indptr[r]; k < m.indptr[r + 1]; k++) got.set(`${r},${m.indices[k]}`, m.data[k]);
      expect(got.size).toBe(f.values.length);
      let worst = 0;
      f.values.forEach((x, i) => {
        const y = got.get(`${f.rows[i]},${f.cols[i]}`);
        expect(y).toBeDefined();
        // PMI near 0 is a log of a ratio near 1: compare absolutely, at the scale of the log's argument.
        worst = Math.max(worst, Math.abs(y! - x) / Math.max(1, x));
      });
      expect(worst).toBeLessThan(1e-13);
    }
  });

  it("has the top singular values numpy finds; more power iterations converge further", () => {
    const pairs = emptyPairs();
    for (const v of verses) addRowPairs(pairs, v, v.length, f.window, "test");
    const m = ppmi(cooccurrenceMatrix(pairs, f.vocabulary), f.contextSmoothing);
    const worst = (iterations: number): number => {
      const r = randomizedSvd(m, { rank: 8, seed: 0, iterations });
      return Math.max(...Array.from(r.values, (s, j) => Math.abs(s - f.singularValues[j]) / f.singularValues[j]));
    };
    // PPMI spectra decay slowly (14.7, 14.2, 13.7, 13.6 ...): the default 7 iterations leave ~1e-3 on the 8th value.
    expect(worst(7)).toBeLessThan(2e-3);
    expect(worst(15)).toBeLessThan(1e-5);
  });
});
