import { describe, expect, it } from "vitest";
import { MaxAbsScaler, SkewlessError } from "../../src/index.js";

function code(fn: () => unknown): string {
  try {
    fn();
    return "ok";
  } catch (e) {
    if (e instanceof SkewlessError) return e.code;
    throw e;
  }
}

describe("MaxAbsScaler", () => {
  it("divides each feature by its largest |x|, keeping signs and zeros", () => {
    const s = new MaxAbsScaler().fit([
      [-4, 1],
      [2, 0.5],
    ]);
    expect(Array.from(s.transform([[-4, 0], [1, 1]]))).toEqual([-1, 0, 0.25, 1]);
    const rec = s.toRecord();
    if (rec.kind !== "MaxAbsScaler") throw new Error("kind");
    expect(Array.from(rec.state.maxAbs)).toEqual([4, 1]);
  });

  it("leaves an all-zero feature and one with max |x| below 10 * eps unchanged (scale 1)", () => {
    const s = new MaxAbsScaler().fit([[0, 1e-16], [0, -2e-16]]);
    const rec = s.toRecord();
    if (rec.kind !== "MaxAbsScaler") throw new Error("kind");
    expect(Array.from(rec.state.scale)).toEqual([1, 1]);
    expect(Array.from(s.transform([[3, 1e-16]]))).toEqual([3, Math.fround(1e-16)]);
  });

  it("skips missing values in fit and rejects them at transform", () => {
    const s = new MaxAbsScaler().fit([2, null, NaN, -8]);
    expect(Array.from(s.transform([4]))).toEqual([0.5]);
    expect(code(() => s.transform([null]))).toBe("INVALID_INPUT");
    expect(code(() => s.transform([NaN]))).toBe("INVALID_INPUT");
    expect(code(() => s.transform([Infinity]))).toBe("INVALID_INPUT");
  });

  it("rejects a feature with only missing values at fit, and infinity at fit", () => {
    expect(() => new MaxAbsScaler().fit([[1, null]]).width).toThrow(/feature 1 has only missing values/);
    expect(code(() => new MaxAbsScaler().fit([1, Infinity]))).toBe("INVALID_INPUT");
  });

  it("rejects a result beyond the float32 range", () => {
    expect(code(() => new MaxAbsScaler().fit([1e-10]).transform([1e300]))).toBe("INVALID_INPUT");
  });

  it("merges partial fits exactly", () => {
    const rows = [[3, -1], [NaN, 4], [-7, 0], [9, null]];
    const whole = new MaxAbsScaler().fit(rows).toRecord();
    const a = new MaxAbsScaler().partialFit(rows.slice(0, 3));
    const b = new MaxAbsScaler().partialFit(rows.slice(3));
    expect(b.merge(a).toRecord()).toEqual(whole);
  });
});
