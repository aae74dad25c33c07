import { describe, expect, it } from "vitest";
import { InvalidOptionError, MinMaxScaler, SkewlessError, loadArtefact } from "../../src/index.js";

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

describe("MinMaxScaler options", () => {
  it("defaults to featureRange [0, 1] without clip", () => {
    const s = new MinMaxScaler();
    expect(s.featureRange).toEqual([0, 1]);
    expect(s.clip).toBe(false);
  });

  it.each([
    ["min > max", [1, 0]],
    ["min == max", [1, 1]],
    ["an infinite bound", [0, Infinity]],
    ["NaN", [NaN, 1]],
    ["a width past float64", [-1e308, 1e308]],
    ["one value", [0]],
    ["a string", "0,1"],
  ])("rejects featureRange with %s, naming the option", (_label, range) => {
    expect(() => new MinMaxScaler({ featureRange: range as unknown as [number, number] })).toThrow(InvalidOptionError);
    expect(message(() => new MinMaxScaler({ featureRange: range as unknown as [number, number] }))).toMatch(/featureRange must be \[min, max\].*min < max/);
  });

  it("rejects a non-boolean clip", () => {
    expect(message(() => new MinMaxScaler({ clip: "yes" as unknown as boolean }))).toMatch(/option clip must be true or false/);
  });
});

describe("MinMaxScaler fit and transform", () => {
  it("maps the fitted min and max to the feature range, per feature", () => {
    const s = new MinMaxScaler({ featureRange: [-1, 1] }).fit([
      [0, 10],
      [4, 30],
    ]);
    expect(Array.from(s.transform([[2, 20], [0, 30]]))).toEqual([0, 0, -1, 1]);
  });

  it("skips missing values in fit", () => {
    const s = new MinMaxScaler().fit([1, null, NaN, 3]);
    expect(Array.from(s.transform([1, 2, 3]))).toEqual([0, 0.5, 1]);
  });

  it("divides a constant feature's range width by 1 (sklearn's _handle_zeros_in_scale): the value lands on rangeMin", () => {
    const s = new MinMaxScaler({ featureRange: [2, 5] }).fit([7, 7, 7]);
    expect(Array.from(s.transform([7, 8]))).toEqual([2, 5]);
  });

  it("treats a range below 10 * eps as constant, not only an exact zero", () => {
    const s = new MinMaxScaler({ featureRange: [0, 2] }).fit([1, 1 + 1.1e-15]);
    const rec = s.toRecord();
    if (rec.kind !== "MinMaxScaler") throw new Error("kind");
    expect(rec.state.scale[0]).toBe(2);
  });

  it("extrapolates outside the fitted range without clip and clamps with clip", () => {
    const open = new MinMaxScaler().fit([0, 10]);
    expect(Array.from(open.transform([-5, 15]))).toEqual([-0.5, 1.5]);
    const clipped = new MinMaxScaler({ clip: true }).fit([0, 10]);
    expect(Array.from(clipped.transform([-5, 15, 5]))).toEqual([0, 1, 0.5]);
  });

  it("rejects missing values at transform and points to SimpleImputer", () => {
    const s = new MinMaxScaler({ name: "age" }).fit([1, 2]);
    expect(code(() => s.transform([1, NaN]))).toBe("INVALID_INPUT");
    expect(message(() => s.transform([1, null]))).toMatch(/MinMaxScaler "age": row 1 is missing.*SimpleImputer/);
  });

  it("rejects infinity at transform even with clip (sklearn rejects inf)", () => {
    const s = new MinMaxScaler({ clip: true }).fit([1, 2]);
    expect(message(() => s.transform([Infinity]))).toMatch(/row 0 is Infinity; infinite values/);
  });

  it("rejects a result beyond the float32 range without clip, and clamps it with clip", () => {
    expect(code(() => new MinMaxScaler().fit([0, 1]).transform([1e300]))).toBe("INVALID_INPUT");
    expect(Array.from(new MinMaxScaler({ clip: true }).fit([0, 1e-300]).transform([1e300]))).toEqual([1]);
  });

  it("rejects at fit a feature with only missing values, naming it", () => {
    expect(message(() => new MinMaxScaler().fit([[1, null], [2, NaN]]).width)).toMatch(/feature 1 has only missing values/);
  });

  it("rejects at fit a range that overflows float64", () => {
    expect(message(() => new MinMaxScaler().fit([-1e308, 1e308]).width)).toMatch(/overflows float64/);
  });

  it("rejects infinity at fit", () => {
    expect(code(() => new MinMaxScaler().fit([1, -Infinity]))).toBe("INVALID_INPUT");
  });

  it("merges partial fits exactly", () => {
    const rows = [[3, -1], [NaN, 4], [-0, 0], [0, 2], [9, null]];
    const whole = new MinMaxScaler().fit(rows).toRecord();
    const a = new MinMaxScaler().partialFit(rows.slice(0, 2)).partialFit([]);
    const b = new MinMaxScaler().partialFit(rows.slice(2));
    expect(a.merge(b).toRecord()).toEqual(whole);
  });

  it("rejects merging fits of different widths", () => {
    const a = new MinMaxScaler().partialFit([[1, 2]]);
    const b = new MinMaxScaler().partialFit([[1, 2, 3]]);
    expect(code(() => a.merge(b))).toBe("SCHEMA_MISMATCH");
  });

  it("keeps featureRange and clip through an artefact", () => {
    const s = new MinMaxScaler({ featureRange: [-3, 0.5], clip: true, name: "v" }).fit([1, 5, 2]);
    const loaded = loadArtefact(s.save());
    expect(loaded).toBeInstanceOf(MinMaxScaler);
    const m = loaded as MinMaxScaler;
    expect(m.featureRange).toEqual([-3, 0.5]);
    expect(m.clip).toBe(true);
    expect(Array.from(m.transform([0, 3, 9]))).toEqual(Array.from(s.transform([0, 3, 9])));
  });

  it("refuses an artefact state with an invalid feature range as a malformed artefact", () => {
    const state = { nFeaturesIn: 1, featureRange: [1, 0] as [number, number], clip: false, dataMin: new Float64Array(1), dataMax: new Float64Array(1), scale: new Float64Array(1), min: new Float64Array(1) };
    expect(code(() => MinMaxScaler.fromState(state))).toBe("ARTEFACT_MALFORMED");
  });
});
