import { describe, expect, it } from "vitest";
import { InvalidOptionError, RobustScaler, SkewlessError, loadArtefact } from "../../src/index.js";

function code(fn: () => unknown): string {
  try {
    fn();
    return "ok";
  } catch (e) {
    if (e instanceof SkewlessError) return e.code;
    throw e;
  }
}

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("expected a throw");
}

function state(s: RobustScaler) {
  const rec = s.toRecord();
  if (rec.kind !== "RobustScaler") throw new Error("kind");
  return rec.state;
}

describe("RobustScaler options", () => {
  it("defaults to centering, scaling, the IQR and no unit variance", () => {
    const s = new RobustScaler();
    expect([s.withCentering, s.withScaling, s.quantileRange, s.unitVariance]).toEqual([true, true, [25, 75], false]);
  });

  it.each([
    ["low > high", [75, 25]],
    ["low == high", [50, 50]],
    ["a negative percentile", [-1, 50]],
    ["a percentile above 100", [25, 101]],
    ["NaN", [NaN, 75]],
    ["three values", [10, 50, 90]],
    ["a string", "25,75"],
  ])("rejects quantileRange with %s, naming the option and the allowed values", (_label, range) => {
    const make = () => new RobustScaler({ quantileRange: range as unknown as [number, number] });
    expect(make).toThrow(InvalidOptionError);
    expect(message(make)).toMatch(/quantileRange must be two percentiles \[low, high\] with 0 <= low < high <= 100/);
  });

  it("accepts [0, 100] but not with unitVariance (the normal quantile of 0% is infinite)", () => {
    expect(code(() => new RobustScaler({ quantileRange: [0, 100] }))).toBe("ok");
    expect(message(() => new RobustScaler({ quantileRange: [0, 75], unitVariance: true }))).toMatch(/quantileRange must lie strictly inside \(0, 100\) when unitVariance/);
    expect(code(() => new RobustScaler({ quantileRange: [25, 100], unitVariance: true }))).toBe("INVALID_OPTION");
  });

  it("rejects non-boolean flags", () => {
    expect(message(() => new RobustScaler({ withCentering: "yes" as unknown as boolean }))).toMatch(/withCentering must be true or false/);
    expect(code(() => new RobustScaler({ unitVariance: 1 as unknown as boolean }))).toBe("INVALID_OPTION");
  });
});

describe("RobustScaler fit and transform", () => {
  it("centres on the median and divides by the IQR (numpy's linear percentiles)", () => {
    const s = new RobustScaler().fit([1, 2, 3, 4, 10]);
    // median 3, percentiles 25 -> 2, 75 -> 4
    expect(Array.from(state(s).center)).toEqual([3]);
    expect(Array.from(state(s).scale)).toEqual([2]);
    expect(Array.from(s.transform([3, 5, -1]))).toEqual([0, 1, -2]);
  });

  it("skips missing values in fit", () => {
    const a = new RobustScaler().fit([[1, null], [NaN, 2], [3, 4], [undefined, 6]]);
    expect(Array.from(state(a).center)).toEqual([2, 4]);
  });

  it("gives constant and near-constant features scale 1 (spread < 10 eps)", () => {
    const s = new RobustScaler().fit([[5, 1], [5, 1 + 2.2e-16], [5, 1]]);
    expect(Array.from(state(s).scale)).toEqual([1, 1]);
  });

  it("divides the spread by Φ⁻¹(0.75) - Φ⁻¹(0.25) with unitVariance", () => {
    const s = new RobustScaler({ unitVariance: true }).fit([1, 2, 3, 4, 10]);
    // scipy: stats.norm.ppf(0.75) - stats.norm.ppf(0.25) = 1.3489795003921634
    expect(state(s).scale[0]).toBeCloseTo(2 / 1.3489795003921634, 15);
  });

  it("keeps the median finite where (a + b) / 2 would overflow", () => {
    const s = new RobustScaler({ withScaling: false }).fit([1e308, 1.5e308]);
    expect(state(s).center[0]).toBe(1.25e308);
  });

  it("raises typed errors for an all-missing feature, an empty fit and an overflowing spread", () => {
    expect(message(() => new RobustScaler().fit([[1, null], [2, NaN]]).width)).toMatch(/feature 1 has only missing values/);
    expect(code(() => new RobustScaler().fit([]).width)).toBe("INVALID_INPUT");
    expect(code(() => new RobustScaler().fit([-1.7e308, 1.7e308]).width)).toBe("INVALID_INPUT");
    expect(code(() => new RobustScaler().fit([1, Infinity]))).toBe("INVALID_INPUT");
  });

  it("rejects missing values at transform with a pointer to SimpleImputer", () => {
    const s = new RobustScaler({ name: "mass" }).fit([1, 2, 3]);
    expect(message(() => s.transform([2, null]))).toMatch(/mass.*row 1.*missing.*SimpleImputer/);
    expect(code(() => s.transform([NaN]))).toBe("INVALID_INPUT");
  });

  it("round-trips through an artefact with the same options", () => {
    const s = new RobustScaler({ quantileRange: [10, 90], unitVariance: true, withCentering: false }).fit([[1, 4], [2, 8], [9, 0]]);
    const loaded = loadArtefact(s.save()) as RobustScaler;
    expect(loaded).toBeInstanceOf(RobustScaler);
    expect([loaded.quantileRange, loaded.unitVariance, loaded.withCentering]).toEqual([[10, 90], true, false]);
    expect(loaded.transform([[3, 3]])).toEqual(s.transform([[3, 3]]));
  });
});
