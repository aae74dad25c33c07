/**
 * src/core/normal.ts against scipy 1.10's ndtri and erfinv (fixtures/parity/NormalDistribution.json,
 * written by fixtures/parity/gen_normal_distribution.py). Both ours and scipy's are within
 * ~6e-16 relative of the true value (checked with mpmath when the fixture was made), so they
 * may differ from each other by a few ulps: the bound here is 2e-15 relative.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { erfinv, ndtri } from "../../src/core/normal.js";

interface Case {
  name: string;
  scipy: string;
  x: number[];
  expected: number[];
}

const file = JSON.parse(readFileSync(join(__dirname, "..", "..", "fixtures", "parity", "NormalDistribution.json"), "utf8")) as { cases: Case[] };
const byName = (n: string) => file.cases.find((c) => c.name === n)!;

function worstRelative(c: Case, f: (x: number) => number): { worst: number; at: number } {
  let worst = 0;
  let at = NaN;
  c.x.forEach((x, i) => {
    const e = c.expected[i];
    const a = f(x);
    const d = e === 0 ? Math.abs(a) : Math.abs(a - e) / Math.abs(e);
    if (!(d <= worst)) {
      worst = d;
      at = x;
    }
  });
  return { worst, at };
}

describe("ndtri (inverse standard normal CDF)", () => {
  it("matches scipy.special.ndtri to 2e-15 relative over the centre and both tails", () => {
    const c = byName("ndtri");
    expect(c.x.length).toBeGreaterThan(500);
    const { worst, at } = worstRelative(c, ndtri);
    expect(worst, `worst at p = ${at}`).toBeLessThanOrEqual(2e-15);
  });

  it("has scipy's values at the ends and outside the domain", () => {
    expect(ndtri(0)).toBe(-Infinity);
    expect(ndtri(1)).toBe(Infinity);
    expect(ndtri(0.5)).toBe(0);
    expect(ndtri(-1e-300)).toBeNaN();
    expect(ndtri(1.0000000000000002)).toBeNaN();
    expect(ndtri(NaN)).toBeNaN();
    expect(Number.isFinite(ndtri(Number.MIN_VALUE))).toBe(true);
  });

  it("is odd about 1/2 where 1 - p is exact, and increasing", () => {
    for (const p of [0.5 + 2 ** -30, 0.6, 0.8, 0.925, 0.97, 0.999, 1 - 2 ** -40]) expect(ndtri(1 - p)).toBe(-ndtri(p));
    let prev = -Infinity;
    for (let i = 1; i < 20000; i++) {
      const x = ndtri(i / 20000);
      expect(x).toBeGreaterThan(prev);
      prev = x;
    }
  });

  it("gives QuantileTransformer's clip points ±5.1993", () => {
    // scipy: norm.ppf(BOUNDS_THRESHOLD - np.spacing(1)) and norm.ppf(1 - (BOUNDS_THRESHOLD - np.spacing(1))).
    const lo = ndtri(1e-7 - 2.220446049250313e-16);
    const hi = ndtri(1 - (1e-7 - 2.220446049250313e-16));
    expect(Math.abs(lo / -5.199337582605575 - 1)).toBeLessThanOrEqual(2e-15);
    expect(Math.abs(hi / 5.19933758270342 - 1)).toBeLessThanOrEqual(2e-15);
  });
});

describe("erfinv", () => {
  it("matches scipy.special.erfinv to 2e-15 relative, tiny arguments included", () => {
    const { worst, at } = worstRelative(byName("erfinv"), erfinv);
    expect(worst, `worst at y = ${at}`).toBeLessThanOrEqual(2e-15);
  });

  it("has the right ends, symmetry and domain", () => {
    expect(erfinv(1)).toBe(Infinity);
    expect(erfinv(-1)).toBe(-Infinity);
    expect(erfinv(0)).toBe(0);
    expect(erfinv(1.5)).toBeNaN();
    expect(erfinv(NaN)).toBeNaN();
    for (const y of [1e-300, 0.3, 0.85, 0.9, 0.999999]) expect(erfinv(-y)).toBe(-erfinv(y));
  });
});
