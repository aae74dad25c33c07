import { describe, expect, it } from "vitest";
import { InvalidOptionError, QuantileTransformer, SkewlessError, loadArtefact } from "../../src/index.js";
import { linspace01 } from "../../src/transforms/numeric/quantile-transformer.js";

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

function state(t: QuantileTransformer) {
  const rec = t.toRecord();
  if (rec.kind !== "QuantileTransformer") throw new Error("kind");
  return rec.state;
}

describe("QuantileTransformer options", () => {
  it("defaults to 1000 quantiles, uniform output and sklearn 1.2.1's subsample 10000", () => {
    const t = new QuantileTransformer();
    expect([t.nQuantiles, t.outputDistribution, t.subsample]).toEqual([1000, "uniform", 10_000]);
  });

  it.each([0, 1.5, -3, NaN, "10"])("rejects nQuantiles %s, naming the option and the allowed values", (v) => {
    const make = () => new QuantileTransformer({ nQuantiles: v as number });
    expect(make).toThrow(InvalidOptionError);
    expect(message(make)).toMatch(/nQuantiles must be an integer from 1/);
  });

  it("rejects a bad outputDistribution or subsample, and nQuantiles > subsample as sklearn does", () => {
    expect(message(() => new QuantileTransformer({ outputDistribution: "gaussian" as "normal" }))).toMatch(/outputDistribution must be "uniform" or "normal"/);
    expect(message(() => new QuantileTransformer({ subsample: 0 }))).toMatch(/subsample must be an integer/);
    expect(message(() => new QuantileTransformer({ nQuantiles: 20000 }))).toMatch(/nQuantiles \(20000\) cannot be greater than option subsample \(10000\)/);
    expect(code(() => new QuantileTransformer({ nQuantiles: 20000, subsample: 20000 }))).toBe("ok");
  });
});

describe("QuantileTransformer fit", () => {
  it("builds references as numpy.linspace(0, 1, n)", () => {
    expect(Array.from(linspace01(1))).toEqual([0]);
    expect(Array.from(linspace01(2))).toEqual([0, 1]);
    expect(Array.from(linspace01(5))).toEqual([0, 0.25, 0.5, 0.75, 1]);
    // np.linspace(0, 1, 1000)[[1, 333, 998]]
    const r = linspace01(1000);
    expect([r[1], r[333], r[998], r[999]]).toEqual([0.001001001001001001, 0.3333333333333333, 0.998998998998999, 1]);
  });

  it("uses min(nQuantiles, rows) quantiles, counting rows with missing cells as sklearn does", () => {
    const t = new QuantileTransformer().fit([[1, null], [2, 5], [NaN, 6], [4, 7]]);
    expect(state(t).nQuantiles).toBe(4);
    expect(t.width).toBe(2);
  });

  it("stores quantiles feature-major", () => {
    const t = new QuantileTransformer({ nQuantiles: 3 }).fit([[1, 10], [2, 20], [3, 30]]);
    expect(Array.from(state(t).quantiles)).toEqual([1, 2, 3, 10, 20, 30]);
  });

  it("uses every value even past subsample (no random subsample), so the fit is exact", () => {
    const xs = Array.from({ length: 101 }, (_, i) => (i * 37) % 101);
    const t = new QuantileTransformer({ nQuantiles: 5, subsample: 10 }).fit(xs);
    expect(Array.from(state(t).quantiles)).toEqual([0, 25, 50, 75, 100]);
  });

  it("raises typed errors for an all-missing feature, an empty fit and overflowing quantiles", () => {
    expect(message(() => new QuantileTransformer().fit([[1, null], [2, NaN]]).width)).toMatch(/feature 1 has only missing values/);
    expect(code(() => new QuantileTransformer().fit([]).width)).toBe("INVALID_INPUT");
    expect(code(() => new QuantileTransformer({ nQuantiles: 2 }).fit([-1.7e308, 1.7e308]).width)).toBe("INVALID_INPUT");
  });
});

describe("QuantileTransformer transform", () => {
  const fitted = (opts = {}) => new QuantileTransformer({ nQuantiles: 5, ...opts }).fit([0, 1, 2, 3, 4]);

  it("maps the fitted range onto [0, 1] and clamps outside it", () => {
    expect(Array.from(fitted().transform([-10, 0, 0.5, 2, 4, 99]))).toEqual([0, 0, 0.125, 0.5, 1, 1]);
  });

  it("maps repeated values to the middle of their references", () => {
    const t = new QuantileTransformer({ nQuantiles: 5 }).fit([0, 1, 1, 1, 2]);
    // quantiles [0, 1, 1, 1, 2]: x = 1 averages the last (0.75) and the first (0.25) reference of the run.
    expect(Array.from(t.transform([1]))).toEqual([0.5]);
  });

  it("gives a normal output clipped to ±Φ⁻¹(1e-7 - eps)", () => {
    const y = fitted({ outputDistribution: "normal" }).transform([-10, 0, 2, 4, 99]);
    expect(y[0]).toBe(Math.fround(-5.199337582605575));
    expect(y[1]).toBe(y[0]);
    expect(y[2]).toBe(0);
    expect(y[3]).toBe(Math.fround(5.19933758270342));
    expect(y[4]).toBe(y[3]);
  });

  it("rejects missing and infinite values at transform with typed errors", () => {
    const t = fitted({ name: "age" });
    expect(message(() => t.transform([1, NaN]))).toMatch(/age.*row 1.*missing.*SimpleImputer/);
    expect(code(() => t.transform([null]))).toBe("INVALID_INPUT");
    expect(code(() => t.transform([-Infinity]))).toBe("INVALID_INPUT");
  });

  it("round-trips through an artefact; the loaded nQuantiles is the fitted count", () => {
    const t = new QuantileTransformer({ outputDistribution: "normal" }).fit([[3, 1], [1, 2], [2, 9]]);
    const loaded = loadArtefact(t.save()) as QuantileTransformer;
    expect(loaded).toBeInstanceOf(QuantileTransformer);
    expect(loaded.nQuantiles).toBe(3);
    expect(loaded.transform([[2.5, 5]])).toEqual(t.transform([[2.5, 5]]));
  });
});
