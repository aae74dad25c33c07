import { describe, expect, it } from "vitest";
import { OrdinalEncoder, type OrdinalEncoderOptions, SkewlessError, loadArtefact } from "../../src/index.js";

function error(fn: () => unknown): SkewlessError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SkewlessError) return e;
    throw e;
  }
  throw new Error("expected a SkewlessError");
}

describe("OrdinalEncoder options", () => {
  it.each<[string, OrdinalEncoderOptions, RegExp]>([
    ["handleUnknown", { handleUnknown: "ignore" as never }, /handleUnknown must be "error" or "useEncodedValue"/],
    ["unknownValue missing", { handleUnknown: "useEncodedValue" }, /needs unknownValue/],
    ["unknownValue without useEncodedValue", { unknownValue: -1 }, /only used with handleUnknown "useEncodedValue"/],
    ["unknownValue NaN", { handleUnknown: "useEncodedValue", unknownValue: NaN }, /unknownValue must be an integer.*NaN is not allowed/],
    ["unknownValue fractional", { handleUnknown: "useEncodedValue", unknownValue: -0.5 }, /unknownValue must be an integer/],
    ["unknownValue beyond float32", { handleUnknown: "useEncodedValue", unknownValue: 2 ** 24 + 1 }, /unknownValue must be an integer with \|value\| <= 16777216/],
    ["encodedMissingValue NaN", { encodedMissingValue: NaN }, /encodedMissingValue must be an integer/],
    ["encodedMissingValue Infinity", { encodedMissingValue: -Infinity }, /encodedMissingValue must be an integer/],
    ["missing", { missing: "ignore" as never }, /missing must be "category" or "error"/],
    ["categories", { categories: "sorted" as never }, /categories must be "auto" or an array/],
  ])("rejects a bad %s with INVALID_OPTION naming it", (_label, options, message) => {
    const e = error(() => new OrdinalEncoder(options));
    expect(e.code).toBe("INVALID_OPTION");
    expect(e.message).toMatch(message);
  });

  it("rejects codes that collide with a category index at fit, the missing slot included (as sklearn)", () => {
    expect(error(() => new OrdinalEncoder({ handleUnknown: "useEncodedValue", unknownValue: 1 }).fit(["a", "b"]).width).code).toBe("INVALID_OPTION");
    expect(error(() => new OrdinalEncoder({ handleUnknown: "useEncodedValue", unknownValue: 2 }).fit(["a", "b", null]).width).code).toBe("INVALID_OPTION");
    expect(error(() => new OrdinalEncoder({ encodedMissingValue: 0 }).fit(["a", null]).width).code).toBe("INVALID_OPTION");
    // Without a missing category, encodedMissingValue is never used and cannot collide.
    expect(new OrdinalEncoder({ encodedMissingValue: 0 }).fit(["a", "b"]).width).toBe(1);
    expect(new OrdinalEncoder({ handleUnknown: "useEncodedValue", unknownValue: 2 }).fit(["a", "b"]).width).toBe(1);
  });

  it("rejects a given missing category that is not last", () => {
    expect(error(() => new OrdinalEncoder({ categories: [null, "a"] }).fit(["a"]).width).code).toBe("INVALID_OPTION");
  });
});

describe("OrdinalEncoder behaviour", () => {
  it("encodes sorted categories, missing as -1 by default (never NaN)", () => {
    const enc = new OrdinalEncoder({ name: "c" }).fit(["b", null, "a", NaN, undefined]);
    expect(enc.categories).toEqual(["a", "b", null]);
    expect(Array.from(enc.transform(["a", "b", null, undefined, NaN]))).toEqual([0, 1, -1, -1, -1]);
    expect(enc.outputNames()).toEqual(["c"]);
  });

  it("treats a missing value unseen in fit as an unknown", () => {
    const strict = new OrdinalEncoder().fit(["a"]);
    expect(error(() => strict.transform([null])).code).toBe("INVALID_INPUT");
    const lenient = new OrdinalEncoder({ handleUnknown: "useEncodedValue", unknownValue: -9 }).fit(["a"]);
    expect(Array.from(lenient.transform([null, "zz", "a"]))).toEqual([-9, -9, 0]);
  });

  it("missing: error rejects missing values at fit and transform, naming the row", () => {
    const e = error(() => new OrdinalEncoder({ name: "c", missing: "error" }).fit(["a", null]));
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.message).toMatch(/row 1 is missing/);
    const enc = new OrdinalEncoder({ name: "c", missing: "error" }).fit(["a"]);
    expect(error(() => enc.transform(["a", undefined])).message).toMatch(/row 1 is missing/);
  });

  it("rejects a value of another type whatever handleUnknown says", () => {
    const enc = new OrdinalEncoder({ handleUnknown: "useEncodedValue", unknownValue: -1 }).fit(["1", "2"]);
    expect(error(() => enc.transform([1])).code).toBe("INVALID_INPUT");
  });

  it("encodes numbers and booleans by value; -0 and 0 are one category", () => {
    const n = new OrdinalEncoder().fit([3, -0, 10, 0]);
    expect(n.categories).toEqual([0, 3, 10]);
    expect(Array.from(n.transform([0, -0, 10]))).toEqual([0, 0, 2]);
    const b = new OrdinalEncoder().fit([true, false]);
    expect(Array.from(b.transform([false, true]))).toEqual([0, 1]);
  });

  it("round-trips its state through an artefact, codes included", () => {
    const enc = new OrdinalEncoder({ name: "c", handleUnknown: "useEncodedValue", unknownValue: -3, encodedMissingValue: 5 }).fit(["x", "y", null]);
    const loaded = loadArtefact(enc.save()) as OrdinalEncoder;
    const input = ["y", null, "unknown", "x"];
    expect(Array.from(loaded.transform(input))).toEqual([1, 5, -3, 0]);
    expect(loaded.save()).toEqual(enc.save());
    // -0 is stored as 0: one code, one artefact (protobuf would otherwise drop the sign).
    const zero = new OrdinalEncoder({ categories: ["a"], handleUnknown: "useEncodedValue", unknownValue: 5, encodedMissingValue: -0 }).fit([]);
    const state = zero.toRecord().state as { encodedMissingValue: number };
    expect(Object.is(state.encodedMissingValue, 0)).toBe(true);
  });

  it("given categories: unknowns in fit are an error with handleUnknown error, fine with useEncodedValue", () => {
    expect(error(() => new OrdinalEncoder({ categories: ["a"] }).fit(["a", "b"]).width).code).toBe("INVALID_INPUT");
    const enc = new OrdinalEncoder({ categories: ["z", "a"], handleUnknown: "useEncodedValue", unknownValue: -1 }).fit(["a", "b"]);
    expect(Array.from(enc.transform(["a", "z", "b"]))).toEqual([1, 0, -1]);
  });
});
