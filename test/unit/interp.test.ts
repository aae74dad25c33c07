/** numpy.interp semantics of src/core/interp.ts; expected values printed by numpy 1.24.2. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { countBelow, interp, searchRight } from "../../src/core/interp.js";

const f64 = (values: number[]) => Float64Array.from(values);
/** numpy.interp(x, xp, fp) over whole arrays. */
const np = (x: number, xp: number[], fp: number[]) => interp(x, f64(xp), 0, f64(fp), 0, xp.length);

describe("interp (numpy.interp)", () => {
  it("uses the last of repeated xp values, fp's ends outside, and the slope formula inside", () => {
    const xp = [0, 1, 1, 1, 2, 3, 3];
    const fp = [0, 0.1, 0.2, 0.3, 0.5, 0.8, 1];
    const xs = [-1, 0, 0.5, 1, 1.5, 2, 2.999, 3, 4];
    // np.interp(xs, xp, fp)
    const numpy = [0.0, 0.0, 0.05, 0.3, 0.4, 0.5, 0.7997000000000001, 1.0, 1.0];
    expect(xs.map((x) => np(x, xp, fp))).toEqual(numpy);
  });

  it("returns fp[0] everywhere for a single point", () => {
    for (const x of [-1e300, 1.9, 2, 2.1, 1e300]) expect(np(x, [2], [7])).toBe(7);
  });

  it("computes slope * (x - xp[j]) + fp[j] in that order", () => {
    expect([0.1, 0.7].map((x) => np(x, [0, 0.3, 1], [0, 0.1, 1]))).toEqual([0.03333333333333334, 0.6142857142857142]);
  });

  it("reads a window of a larger array", () => {
    expect(interp(5, f64([9, 9, 0, 10, 9]), 2, f64([0, 1, 5]), 1, 2)).toBe(3);
  });

  it("finds j with xp[j] <= x < xp[j+1], and the count below x, like a linear scan", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 30 }), fc.integer({ min: -7, max: 7 }), (raw, x) => {
        const xs = raw.sort((a, b) => a - b);
        const g = f64(xs);
        let expected: number;
        if (x > xs[xs.length - 1]) expected = xs.length;
        else if (x < xs[0]) expected = -1;
        else expected = xs.filter((v) => v <= x).length - 1;
        expect(searchRight(x, g, 0, xs.length)).toBe(expected);
        expect(countBelow(x, g, 0, xs.length)).toBe(xs.filter((v) => v < x).length);
      }),
    );
  });
});
