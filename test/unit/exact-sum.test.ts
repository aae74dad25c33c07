import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { exactMean, exactSum } from "../../src/core/exact-sum.js";

describe("exactSum / exactMean", () => {
  it("rounds once, like Python's math.fsum", () => {
    // math.fsum values.
    expect(exactSum([1e-16, 1, 1e16])).toBe(1.0000000000000002e16);
    expect(exactSum(new Array(10).fill(0.1))).toBe(1);
    expect(exactSum([1e100, 1, -1e100, 1e-100])).toBe(1);
    expect(exactSum([])).toBe(0);
  });

  it("survives intermediate overflow (math.fsum raises there)", () => {
    expect(exactSum([1e308, 1e308, -1e308, -1e308, 1])).toBe(1);
    expect(exactSum([1e308, 1e308])).toBe(Infinity);
    expect(exactMean([1e308, 1e308])).toBe(1e308);
    expect(exactMean([1.7976931348623157e308, 1.7976931348623157e308, 1.7976931348623157e308])).toBe(1.7976931348623157e308);
    expect(exactMean([-1e308, -1e308, 5])).toBe(-6.666666666666666e307);
  });

  it("does not depend on the order of the values", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 1, maxLength: 40 }), fc.nat(), (xs, seed) => {
        const shuffled = xs.slice();
        let s = seed;
        for (let i = shuffled.length - 1; i > 0; i--) {
          s = (s * 1103515245 + 12345) % 2147483648;
          const k = s % (i + 1);
          [shuffled[i], shuffled[k]] = [shuffled[k], shuffled[i]];
        }
        expect(Object.is(exactMean(shuffled), exactMean(xs)) || exactMean(xs) === exactMean(shuffled)).toBe(true);
        expect(Number.isFinite(exactMean(xs))).toBe(true);
      }),
    );
  });
});
