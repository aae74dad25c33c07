import { describe, expect, it } from "vitest";
import { InvalidOptionError, Normalizer, SkewlessError, loadArtefact } from "../../src/index.js";

function code(fn: () => unknown): string {
  try {
    fn();
    return "ok";
  } catch (e) {
    if (e instanceof SkewlessError) return e.code;
    throw e;
  }
}

const f32 = (xs: number[]) => xs.map(Math.fround);

describe("Normalizer options", () => {
  it("defaults to l2", () => {
    expect(new Normalizer().norm).toBe("l2");
  });

  it("rejects an unknown norm, listing the allowed values", () => {
    expect(() => new Normalizer({ norm: "l3" as "l2" })).toThrow(InvalidOptionError);
    expect(() => new Normalizer({ norm: "l3" as "l2" })).toThrow(/norm must be one of "l2", "l1", "max", got "l3"/);
  });
});

describe("Normalizer transform", () => {
  it.each([
    ["l2", [0.6, -0.8, 0]],
    ["l1", [3 / 7, -4 / 7, 0]],
    ["max", [0.75, -1, 0]],
  ] as const)("scales each row to unit %s norm", (norm, want) => {
    const s = new Normalizer({ norm }).fit([[1, 2, 3]]);
    expect(Array.from(s.transform([[3, -4, 0]]))).toEqual(f32([...want]));
  });

  it("leaves an all-zero row and a row with norm below 10 * eps unchanged", () => {
    const s = new Normalizer().fit([[0, 0]]);
    expect(Array.from(s.transform([[0, 0], [1e-16, -1e-16]]))).toEqual(f32([0, 0, 1e-16, -1e-16]));
  });

  it("normalizes each row on its own", () => {
    const s = new Normalizer({ norm: "max" }).fit([[1, 1]]);
    expect(Array.from(s.transform([[2, 4], [-10, 5]]))).toEqual([0.5, 1, -1, 0.5]);
  });

  it("fit records only the width: missing values in fit are fine", () => {
    const s = new Normalizer().fit([[1, NaN, null]]);
    expect(s.nFeaturesIn).toBe(3);
    expect(code(() => s.transform([[1, 2]]))).toBe("SCHEMA_MISMATCH");
  });

  it("rejects a missing or infinite cell at transform, naming the row and feature", () => {
    const s = new Normalizer({ name: "emb" }).fit([[1, 2]]);
    expect(() => s.transform([[1, 2], [3, NaN]])).toThrow(/Normalizer "emb": row 1, feature 1 is missing/);
    expect(code(() => s.transform([[1, null]]))).toBe("INVALID_INPUT");
    expect(code(() => s.transform([[Infinity, 1]]))).toBe("INVALID_INPUT");
  });

  it("rejects a row whose l2 or l1 norm overflows float64 (sklearn would return zeros), but max copes", () => {
    expect(() => new Normalizer().fit([[1, 1]]).transform([[1e200, 1]])).toThrow(/row 0 has an l2 norm that overflows float64/);
    expect(code(() => new Normalizer({ norm: "l1" }).fit([[1, 1]]).transform([[1.5e308, 1.5e308]]))).toBe("INVALID_INPUT");
    expect(Array.from(new Normalizer({ norm: "max" }).fit([[1, 1]]).transform([[1e300, -5e299]]))).toEqual([1, -0.5]);
  });

  it("fit with no rows is an error; merging different widths is a schema error", () => {
    expect(code(() => new Normalizer().fit([]).width)).toBe("INVALID_INPUT");
    const a = new Normalizer().partialFit([[1, 2]]);
    expect(code(() => a.merge(new Normalizer().partialFit([[1, 2, 3]])))).toBe("SCHEMA_MISMATCH");
    expect(a.merge(new Normalizer().partialFit([[5, 6]])).nFeaturesIn).toBe(2);
  });

  it("keeps its norm through an artefact", () => {
    const s = new Normalizer({ norm: "l1" }).fit([[1, 2, 3]]);
    const loaded = loadArtefact(s.save()) as Normalizer;
    expect(loaded).toBeInstanceOf(Normalizer);
    expect(loaded.norm).toBe("l1");
    expect(Array.from(loaded.transform([[1, 1, 2]]))).toEqual([0.25, 0.25, 0.5]);
  });
});
