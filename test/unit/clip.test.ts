import { describe, expect, it } from "vitest";
import { Clip, InvalidOptionError, SkewlessError, loadArtefact } from "../../src/index.js";

function code(fn: () => unknown): string {
  try {
    fn();
    return "ok";
  } catch (e) {
    if (e instanceof SkewlessError) return e.code;
    throw e;
  }
}

describe("Clip options", () => {
  it("defaults to no bounds", () => {
    const c = new Clip();
    expect(c.min).toBe(-Infinity);
    expect(c.max).toBe(Infinity);
    expect(Array.from(c.fit([0]).transform([-1e30, 1e30]))).toEqual([Math.fround(-1e30), Math.fround(1e30)]);
  });

  it("rejects min > max, NaN and non-numbers, naming the option", () => {
    expect(() => new Clip({ min: 2, max: 1 })).toThrow(InvalidOptionError);
    expect(() => new Clip({ min: 2, max: 1 })).toThrow(/need min <= max, got min 2 and max 1/);
    expect(() => new Clip({ min: NaN })).toThrow(/option min must be a number/);
    expect(() => new Clip({ max: "3" as unknown as number })).toThrow(/option max must be a number/);
    expect(() => new Clip({ min: Infinity })).toThrow(/option min must be a number \(or -Infinity for no bound\), got Infinity/);
    expect(() => new Clip({ max: -Infinity })).toThrow(/option max must be a number/);
  });

  it("allows min == max", () => {
    expect(Array.from(new Clip({ min: 1.5, max: 1.5 }).fit([0]).transform([-3, 1.5, 9]))).toEqual([1.5, 1.5, 1.5]);
  });
});

describe("Clip transform", () => {
  it("clamps each cell to [min, max]", () => {
    const c = new Clip({ min: 0, max: 10 }).fit([[0, 0]]);
    expect(Array.from(c.transform([[-5, 3], [12, 10]]))).toEqual([0, 3, 10, 10]);
  });

  it("clamps ±Infinity to a finite bound, and rejects it where the bound is open", () => {
    const both = new Clip({ min: -1, max: 1 }).fit([0]);
    expect(Array.from(both.transform([Infinity, -Infinity]))).toEqual([1, -1]);
    const lower = new Clip({ name: "x", min: -1 }).fit([0]);
    expect(Array.from(lower.transform([-Infinity]))).toEqual([-1]);
    expect(() => lower.transform([Infinity])).toThrow(/Clip "x": row 0 is Infinity, and clipping it to max Infinity leaves a value outside the float32 range.*set Clip's max option/);
    expect(code(() => lower.transform([1e39]))).toBe("INVALID_INPUT");
  });

  it("rejects missing values at transform", () => {
    const c = new Clip({ min: 0, max: 1 }).fit([0]);
    expect(() => c.transform([NaN])).toThrow(/missing.*SimpleImputer/);
    expect(code(() => c.transform([null]))).toBe("INVALID_INPUT");
    expect(code(() => c.transform(["1"] as unknown as number[]))).toBe("INVALID_INPUT");
  });

  it("fit records only the width", () => {
    const c = new Clip({ min: 0 }).fit([[NaN, -3, null]]);
    expect(c.nFeaturesIn).toBe(3);
    expect(code(() => c.transform([[1, 2]]))).toBe("SCHEMA_MISMATCH");
  });

  it("keeps infinite and negative-zero bounds through an artefact", () => {
    const c = new Clip({ min: -0, name: "v" }).fit([0]);
    const loaded = loadArtefact(c.save()) as Clip;
    expect(loaded).toBeInstanceOf(Clip);
    expect(Object.is(loaded.min, -0)).toBe(true);
    expect(loaded.max).toBe(Infinity);
    const x = [-0, -3, 2];
    expect(Array.from(loaded.transform(x))).toEqual(Array.from(c.transform(x)));
  });

  it("refuses an artefact state with min > max as a malformed artefact", () => {
    expect(code(() => Clip.fromState({ nFeaturesIn: 1, min: 2, max: 1 }))).toBe("ARTEFACT_MALFORMED");
  });
});
