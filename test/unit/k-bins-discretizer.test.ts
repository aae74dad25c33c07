import { describe, expect, it } from "vitest";
import { InvalidOptionError, KBinsDiscretizer, SkewlessError, loadArtefact } from "../../src/index.js";
import { linspace, pruneNarrowBins } from "../../src/transforms/numeric/k-bins-discretizer.js";

function code(fn: () => unknown): string {
  try {
    fn();
    return "ok";
  } catch (e) {
    if (e instanceof SkewlessError) return e.code;
    throw e;
  }
}

function state(t: KBinsDiscretizer): { nBins: number[]; edges: number[] } {
  const rec = t.toRecord();
  if (rec.kind !== "KBinsDiscretizer") throw new Error("kind");
  return { nBins: Array.from(rec.state.nBins), edges: Array.from(rec.state.binEdges) };
}

const SPREAD = [0, 0.1, 0, 5, 5.2, 5.1, 100];
const PROBES = [-5, 0.05, 5.1, 200];

describe("KBinsDiscretizer options", () => {
  it("defaults to 5 quantile bins, one-hot encoded", () => {
    const t = new KBinsDiscretizer();
    expect([t.nBins, t.encode, t.strategy]).toEqual([5, "onehot", "quantile"]);
  });

  it("rejects bad options, naming the option and the allowed values", () => {
    expect(() => new KBinsDiscretizer({ nBins: 1 })).toThrow(InvalidOptionError);
    expect(() => new KBinsDiscretizer({ nBins: 1 })).toThrow(/option nBins is 1; pass an integer from 2 to/);
    expect(() => new KBinsDiscretizer({ nBins: 2.5 })).toThrow(/option nBins is 2.5/);
    expect(() => new KBinsDiscretizer({ nBins: "5" as never })).toThrow(/option nBins is "5"/);
    expect(() => new KBinsDiscretizer({ encode: "onehot-dense" as never })).toThrow(/option encode is "onehot-dense"; allowed values are "onehot" .* and "ordinal"/);
    expect(() => new KBinsDiscretizer({ strategy: "kmean" as never })).toThrow(/option strategy is "kmean"; allowed values are "quantile", "uniform" and "kmeans"/);
  });
});

describe("KBinsDiscretizer edges (sklearn 1.2.1 values)", () => {
  it("uniform: np.linspace(min, max, nBins + 1)", () => {
    const t = new KBinsDiscretizer({ strategy: "uniform", nBins: 4, encode: "ordinal" }).fit(SPREAD);
    expect(state(t).edges).toEqual([0, 25, 50, 75, 100]);
    expect(Array.from(t.transform(PROBES))).toEqual([0, 0, 0, 3]);
    expect(Array.from(linspace(0, 1, 4))).toEqual([0, 0.3333333333333333, 0.6666666666666666, 1]);
  });

  it("quantile: np.percentile at np.linspace(0, 100, nBins + 1)", () => {
    const t = new KBinsDiscretizer({ nBins: 4, encode: "ordinal" }).fit(SPREAD);
    expect(state(t).edges).toEqual([0, 0.05, 5, 5.15, 100]);
    expect(Array.from(t.transform(PROBES))).toEqual([0, 1, 2, 3]);
  });

  it("kmeans: 1-D Lloyd from the uniform midpoints, edges at midpoints of the sorted centers", () => {
    const t = new KBinsDiscretizer({ strategy: "kmeans", nBins: 4, encode: "ordinal" }).fit(SPREAD);
    expect(state(t).edges).toEqual([0, 2.541666666666668, 5.125, 52.6, 100]);
    expect(Array.from(t.transform(PROBES))).toEqual([0, 0, 1, 3]);
  });

  it("kmeans relocates empty clusters like sklearn 1.2.1, then narrow bins are pruned", () => {
    const t = new KBinsDiscretizer({ strategy: "kmeans", nBins: 3, encode: "ordinal" }).fit([0, 0, 0, 1, 1, 1]);
    expect(state(t)).toEqual({ nBins: [2], edges: [0, 0.5, 1] });
  });

  it("removes bins narrower than 1e-8 (compared with the previous unpruned edge), leaving fewer bins", () => {
    const t = new KBinsDiscretizer({ nBins: 3, encode: "onehot" }).fit([0, 0, 0, 1, 1, 1]);
    expect(state(t)).toEqual({ nBins: [1], edges: [0, 1] });
    expect(t.width).toBe(1);
    expect(t.outputNames()).toEqual(["x_0"]);
    expect(Array.from(pruneNarrowBins(Float64Array.of(0, 1, 1 + 5e-9, 1 + 1e-8 + 5e-9, 2)))).toEqual([0, 1, 2]);
  });

  it("keeps one bin [first, last] when every bin is narrower than 1e-8 (sklearn keeps 0 bins)", () => {
    const t = new KBinsDiscretizer({ nBins: 4, encode: "ordinal" }).fit([0, 1e-10, 2e-10, 3e-10]);
    expect(state(t)).toEqual({ nBins: [1], edges: [0, 3e-10] });
    expect(Array.from(t.transform([-1, 0, 1]))).toEqual([0, 0, 0]);
  });

  it("gives a constant feature one bin with edges [-Infinity, Infinity]", () => {
    const t = new KBinsDiscretizer({ nBins: 3 }).fit([[1, 7], [2, 7], [3, 7]]);
    const s = state(t);
    expect(s.nBins).toEqual([3, 1]);
    expect(s.edges.slice(4)).toEqual([-Infinity, Infinity]);
    expect(t.outputNames()).toEqual(["x_0_0", "x_0_1", "x_0_2", "x_1_0"]);
    expect(Array.from(t.transform([[2.5, -100]]))).toEqual([0, 0, 1, 1]);
  });
});

describe("KBinsDiscretizer fit policies", () => {
  it("skips missing values in fit (sklearn rejects them)", () => {
    const a = new KBinsDiscretizer({ nBins: 3 }).fit([1, NaN, 2, null, 3, 4, 5]);
    const b = new KBinsDiscretizer({ nBins: 3 }).fit([1, 2, 3, 4, 5]);
    expect(state(a)).toEqual(state(b));
  });

  it("rejects all-missing features, infinite values, overflowing ranges and too few values for kmeans", () => {
    expect(() => new KBinsDiscretizer().fit([[1, NaN]]).width).toThrow(/feature 1 has only missing values/);
    expect(code(() => new KBinsDiscretizer().fit([1, Infinity]))).toBe("INVALID_INPUT");
    expect(() => new KBinsDiscretizer({ strategy: "uniform" }).fit([-1e308, 1e308]).width).toThrow(/range too large for float64/);
    expect(code(() => new KBinsDiscretizer({ strategy: "kmeans" }).fit([-1e200, 1e200]).width)).toBe("INVALID_INPUT");
    expect(() => new KBinsDiscretizer({ strategy: "kmeans", nBins: 5 }).fit([1, 2, 3]).width).toThrow(/has 3 non-missing value\(s\) but kmeans needs at least nBins = 5/);
  });

  it("partialFit + merge equals fit bit for bit", () => {
    const rows = [[1, -2], [3, 0.5], [4, 9], [8, -7], [2.5, 3], [6, 1], [7, 2]];
    for (const strategy of ["quantile", "uniform", "kmeans"] as const) {
      const whole = new KBinsDiscretizer({ strategy, nBins: 3 }).fit(rows);
      const a = new KBinsDiscretizer({ strategy, nBins: 3 }).partialFit(rows.slice(0, 3));
      a.merge(new KBinsDiscretizer({ strategy, nBins: 3 }).partialFit(rows.slice(3)));
      expect(state(a)).toEqual(state(whole));
    }
  });
});

describe("KBinsDiscretizer transform", () => {
  it("one-hot writes zeros and a single 1 per feature, even into a dirty buffer", () => {
    const t = new KBinsDiscretizer({ nBins: 2 }).fit([[0, 10], [1, 20], [2, 30], [3, 40]]);
    const out = new Float32Array(8).fill(9);
    expect(Array.from(t.transform([[0, 40], [3, 10]], out))).toEqual([1, 0, 0, 1, 0, 1, 1, 0]);
  });

  it("clips out-of-range values into the outer bins", () => {
    const t = new KBinsDiscretizer({ nBins: 4, encode: "ordinal", strategy: "uniform" }).fit([0, 4]);
    expect(Array.from(t.transform([-1e300, 0, 0.999, 1, 3.5, 4, 1e300]))).toEqual([0, 0, 0, 1, 3, 3, 3]);
  });

  it("rejects missing, infinite and non-numeric cells with typed errors", () => {
    const t = new KBinsDiscretizer({ name: "age" }).fit([1, 2, 3, 4, 5, 6]);
    expect(() => t.transform([NaN])).toThrow(/KBinsDiscretizer "age": row 0 is missing/);
    expect(code(() => t.transform([null]))).toBe("INVALID_INPUT");
    expect(() => t.transform([1, -Infinity])).toThrow(/row 1 is -Infinity/);
    expect(code(() => t.transform(["3"] as never))).toBe("INVALID_INPUT");
  });

  it("round-trips through an artefact, including ±Infinity edges", () => {
    const t = new KBinsDiscretizer({ name: "f", strategy: "kmeans", nBins: 3 }).fit([[1, 5], [2, 5], [9, 5], [10, 5]]);
    const loaded = loadArtefact(t.save());
    if (!(loaded instanceof KBinsDiscretizer)) throw new Error("loaded the wrong class");
    const x = [[0, 5], [5.5, 1], [11, 9]];
    expect(Array.from(loaded.transform(x))).toEqual(Array.from(t.transform(x)));
    expect(loaded.outputNames()).toEqual(t.outputNames());
  });
});
