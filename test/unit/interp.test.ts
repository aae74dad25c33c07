/** numpy.interp semantics of src/core/interp.ts; expected values printed by numpy 1.24.2. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Grid, interp, searchRight } from "../../src/core/interp.js";

const grid = (values: number[], offset = 0): Grid => ({ data: Float64Array.from(values), offset, n: values.length - offset });

describe("interp (numpy.interp)", () => {
  it("uses the last of repeated xp values, fp's ends outside, and the slope formula inside", () => {
    const xp = grid([0, 1, 1, 1, 2, 3, 3]);
    const fp = grid([0, 0.1, 0.2, 0.3, 0.5, 0.8, 1]);
    const xs = [-1, 0, 0.5, 1, 1.5, 2, 2.999, 3, 4];
    // np.interp(xs, xp, fp)
    const numpy = [0.0, 0.0, 0.05, 0.3, 0.4, 0.5, 0.7997000000000001, 1.0, 1.0];
    expect(xs.map((x) => interp(x, xp, fp))).toEqual(numpy);
  });

  it("returns fp[0] everywhere for a single point", () => {
    for (const x of [-1e300, 1.9, 2, 2.1, 1e300]) expect(interp(x, grid([2]), grid([7]))).toBe(7);
  });

  it("computes slope * (x - xp[j]) + fp[j] in that order", () => {
    expect([0.1, 0.7].map((x) => interp(x, grid([0, 0.3, 1]), grid([0, 0.1, 1])))).toEqual([0.03333333333333334, 0.6142857142857142]);
  });

  it("reads a window of a larger array", () => {
    const xp: Grid = { data: Float64Array.from([9, 9, 0, 10, 9]), offset: 2, n: 2 };
    const fp: Grid = { data: Float64Array.from([0, 1, 5]), offset: 1, n: 2 };
    expect(interp(5, xp, fp)).toBe(3);
  });

  it("finds j with xp[j] <= x < xp[j+1] like a linear scan", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 30 }), fc.integer({ min: -7, max: 7 }), (raw, x) => {
        const xs = raw.sort((a, b) => a - b);
        const g = grid(xs);
        let expected: number;
        if (x > xs[xs.length - 1]) expected = xs.length;
        else if (x < xs[0]) expected = -1;
        else expected = xs.filter((v) => v <= x).length - 1;
        expect(searchRight(x, g)).toBe(expected);
      }),
    );
  });
});
