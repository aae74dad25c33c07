import { describe, expect, it } from "vitest";
import { InvalidOptionError, SimpleImputer, SkewlessError, loadArtefact } from "../../src/index.js";

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

function stats(imp: SimpleImputer): number[] {
  const rec = imp.toRecord();
  if (rec.kind !== "SimpleImputer") throw new Error("kind");
  return Array.from(rec.state.statistics);
}

describe("SimpleImputer options", () => {
  it("defaults to mean, fillValue 0, no indicator, empty features dropped", () => {
    const imp = new SimpleImputer();
    expect([imp.strategy, imp.fillValue, imp.addIndicator, imp.keepEmptyFeatures]).toEqual(["mean", 0, false, false]);
  });

  it("rejects an unknown strategy, naming the allowed values", () => {
    const make = () => new SimpleImputer({ strategy: "most_frequent" as "mostFrequent" });
    expect(make).toThrow(InvalidOptionError);
    expect(message(make)).toMatch(/strategy must be one of "mean", "median", "mostFrequent", "constant"/);
  });

  it.each([NaN, Infinity, "0"])("rejects fillValue %s", (v) => {
    expect(message(() => new SimpleImputer({ strategy: "constant", fillValue: v as number }))).toMatch(/fillValue must be a finite number/);
  });

  it("rejects non-boolean flags", () => {
    expect(code(() => new SimpleImputer({ addIndicator: "true" as unknown as boolean }))).toBe("INVALID_OPTION");
    expect(message(() => new SimpleImputer({ keepEmptyFeatures: 0 as unknown as boolean }))).toMatch(/keepEmptyFeatures must be true or false/);
  });
});

describe("SimpleImputer statistics", () => {
  const x = [
    [1, 7, null],
    [NaN, 7, 2],
    [3, 9, 2],
    [4, undefined, 5],
  ];

  it("mean, median, most frequent (smallest among ties) and constant", () => {
    expect(stats(new SimpleImputer().fit(x))).toEqual([8 / 3, 23 / 3, 3]);
    expect(stats(new SimpleImputer({ strategy: "median" }).fit(x))).toEqual([3, 7, 2]);
    expect(stats(new SimpleImputer({ strategy: "mostFrequent" }).fit([[3], [1], [3], [1], [2]]))).toEqual([1]);
    expect(stats(new SimpleImputer({ strategy: "mostFrequent" }).fit(x))).toEqual([1, 7, 2]);
    expect(stats(new SimpleImputer({ strategy: "constant", fillValue: -1 }).fit(x))).toEqual([-1, -1, -1]);
  });

  it("takes the mean from the correctly rounded sum, whatever the order", () => {
    const a = new SimpleImputer().fit([0.1, 0.2, 0.3, 1e16, -1e16]);
    const b = new SimpleImputer().fit([1e16, 0.3, -1e16, 0.2, 0.1]);
    expect(stats(a)).toEqual(stats(b));
    // math.fsum([0.1, 0.2, 0.3, 1e16, -1e16]) == 0.6 (a left-to-right sum gives 0).
    expect(stats(a)[0]).toBe(0.6 / 5);
  });

  it("keeps the mean finite when the sum overflows", () => {
    expect(stats(new SimpleImputer().fit([1e308, 1.5e308]))).toEqual([1.25e308]);
  });

  it("stores NaN for an all-missing feature and drops it, or keeps it filled with 0", () => {
    const data = [[1, null], [3, NaN]];
    const dropped = new SimpleImputer().fit(data);
    expect(stats(dropped)).toEqual([2, NaN]);
    expect(dropped.width).toBe(1);
    expect(Array.from(dropped.transform([[null, 5]]))).toEqual([2]);
    const kept = new SimpleImputer({ strategy: "median", keepEmptyFeatures: true }).fit(data);
    expect(stats(kept)).toEqual([2, 0]);
    expect(Array.from(kept.transform([[null, null]]))).toEqual([2, 0]);
    const constant = new SimpleImputer({ strategy: "constant", fillValue: 4 }).fit(data);
    expect(Array.from(constant.transform([[null, null]]))).toEqual([4, 4]);
  });

  it("refuses a fit that would output no column at all", () => {
    expect(message(() => new SimpleImputer().fit([[null], [NaN]]).width)).toMatch(/every feature has only missing values/);
    expect(new SimpleImputer({ addIndicator: true }).fit([[null], [NaN]]).outputNames()).toEqual(["missingindicator_x"]);
    expect(code(() => new SimpleImputer().fit([]).width)).toBe("INVALID_INPUT");
  });

  it("keeps only counts for the constant strategy (no 8 bytes per value)", () => {
    const imp = new SimpleImputer({ strategy: "constant" });
    imp.partialFit([[1, 2], [null, 3]]);
    const acc = imp.accumulator();
    expect(acc.runs.map((r) => r.length)).toEqual([0, 0]);
    expect(Array.from(acc.missing)).toEqual([1, 0]);
  });
});

describe("SimpleImputer transform", () => {
  it("fills NaN, null and undefined and appends indicators for features missing in fit", () => {
    const imp = new SimpleImputer({ name: "p", strategy: "median", addIndicator: true }).fit([
      [1, 10, 5],
      [null, 20, 6],
      [3, NaN, 7],
    ]);
    expect(imp.outputNames()).toEqual(["p_0", "p_1", "p_2", "missingindicator_p_0", "missingindicator_p_1"]);
    expect(imp.outputNames(["a", "b", "c"])).toEqual(["a", "b", "c", "missingindicator_a", "missingindicator_b"]);
    // Feature 2 had no missing value in fit: imputed, but no indicator (sklearn's error_on_new=False).
    expect(Array.from(imp.transform([[undefined, 4, null], [2, null, 8]]))).toEqual([2, 4, 6, 1, 0, 2, 15, 8, 0, 1]);
  });

  it("rejects ±Infinity in any feature, dropped ones included", () => {
    const imp = new SimpleImputer({ name: "p" }).fit([[1, null], [2, null]]);
    expect(message(() => imp.transform([[1, Infinity]]))).toMatch(/"p": row 0, feature 1 is Infinity/);
    expect(code(() => imp.transform([[-Infinity, 1]]))).toBe("INVALID_INPUT");
  });

  it("rejects a value or an imputed statistic beyond the float32 range", () => {
    const imp = new SimpleImputer().fit([1e300, 1e300]);
    expect(code(() => imp.transform([null]))).toBe("INVALID_INPUT");
    expect(code(() => new SimpleImputer().fit([1]).transform([1e39]))).toBe("INVALID_INPUT");
  });

  it("round-trips through an artefact", () => {
    const imp = new SimpleImputer({ strategy: "mostFrequent", addIndicator: true, keepEmptyFeatures: true }).fit([[1, null], [1, null], [2, 3]]);
    const loaded = loadArtefact(imp.save()) as SimpleImputer;
    expect(loaded).toBeInstanceOf(SimpleImputer);
    expect(loaded.outputNames()).toEqual(imp.outputNames());
    expect(loaded.transform([[null, null]])).toEqual(imp.transform([[null, null]]));
  });
});
