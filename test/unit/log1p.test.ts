import { describe, expect, it } from "vitest";
import { Log1p, SkewlessError, loadArtefact } from "../../src/index.js";

function code(fn: () => unknown): string {
  try {
    fn();
    return "ok";
  } catch (e) {
    if (e instanceof SkewlessError) return e.code;
    throw e;
  }
}

describe("Log1p", () => {
  it("computes log(1 + x) per cell, accurately for tiny x", () => {
    const s = new Log1p().fit([[0, 0, 0]]);
    expect(Array.from(s.transform([[0, Math.E - 1, 1e-10]]))).toEqual([0, 1, Math.fround(1e-10)]);
    expect(Array.from(s.transform([[-0.5, 1e300, -0]]))).toEqual([Math.fround(Math.log(0.5)), Math.fround(Math.log1p(1e300)), -0]);
  });

  it("rejects x <= -1 at transform, naming the value and what numpy would return", () => {
    const s = new Log1p({ name: "income" }).fit([1, 2]);
    expect(() => s.transform([3, -1])).toThrow(/Log1p "income": row 1 is -1; log1p is defined only for values > -1 \(numpy's log1p would return -inf\)/);
    expect(() => s.transform([-2.5])).toThrow(/row 0 is -2.5;.*would return NaN/);
    expect(code(() => s.transform([-1.0000001]))).toBe("INVALID_INPUT");
    expect(code(() => s.transform([-0.9999999]))).toBe("ok");
  });

  it("rejects missing and infinite values at transform", () => {
    const s = new Log1p().fit([1]);
    expect(() => s.transform([null])).toThrow(/missing.*SimpleImputer/);
    expect(() => s.transform([Infinity])).toThrow(/Infinity; infinite values/);
    expect(() => s.transform([-Infinity])).toThrow(/-Infinity; infinite values/);
  });

  it("fit records only the width (values, even invalid ones, are not read)", () => {
    const s = new Log1p().fit([[-5, NaN]]);
    expect(s.nFeaturesIn).toBe(2);
    expect(code(() => new Log1p().fit([]).width)).toBe("INVALID_INPUT");
  });

  it("round-trips through an artefact", () => {
    const s = new Log1p({ name: "v" }).fit([1, 2]);
    const loaded = loadArtefact(s.save()) as Log1p;
    expect(loaded).toBeInstanceOf(Log1p);
    expect(Array.from(loaded.transform([3]))).toEqual(Array.from(s.transform([3])));
  });
});
