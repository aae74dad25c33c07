/**
 * IntegerLookup against Keras' documented semantics (keras.layers.IntegerLookup):
 * oov_token -1, floor-mod OOV buckets (Keras' default oov_method), ties broken by
 * integer value high to low. Where a Keras docstring gives the example, the expected
 * numbers are Keras' own; the others are worked out by hand in the comments.
 */
import { describe, expect, it } from "vitest";
import { IntegerLookup, SkewlessError, StringLookup, csrToDense, loadArtefact } from "../../src/index.js";
import type { LookupState } from "../../src/artefact/states.js";

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof SkewlessError) return e.code;
    throw e;
  }
  return "ok";
}

const f32 = Math.fround;

describe("IntegerLookup: fitted vocabulary", () => {
  it("orders by count descending, then by value descending (Keras docstring example)", () => {
    // [[12, 1138, 42], [42, 1000, 36]]: 42 twice; the rest once, high to low: 1138, 1000, 36, 12.
    const data = [12, 1138, 42, 42, 1000, 36];
    const l = new IntegerLookup().fit(data);
    expect(l.getVocabulary()).toEqual([-1, 42, 1138, 1000, 36, 12]);
    // Keras: layer(data) -> [[5, 2, 1], [1, 3, 4]].
    expect(Array.from(l.transformIds(data))).toEqual([5, 2, 1, 1, 3, 4]);
    expect(Array.from(l.transform(data))).toEqual([5, 2, 1, 1, 3, 4]);
  });

  it("orders negative numbers numerically and never learns the OOV token -1", () => {
    // -1 is the default oovToken: removed from the counts even though it is the most frequent.
    const l = new IntegerLookup().fit([-1, -1, -1, -5, 3, -20, 3]);
    expect(l.getVocabulary()).toEqual([-1, 3, -5, -20]);
    expect(Array.from(l.transformIds([-1, -20, 7]))).toEqual([0, 3, 0]);
  });

  it("truncates to maxTokens counting OOV and mask, ties cut by value descending", () => {
    // counts: 7 x3, 1 x2, 2 x2, 9 x1. maxTokens 4 with mask 0 and 1 OOV leaves 2 tokens: 7, then 2 (2 > 1).
    const data = [7, 7, 7, 1, 1, 2, 2, 9, 0, 0, 0, 0];
    const l = new IntegerLookup({ maxTokens: 4, maskToken: 0 }).fit(data);
    expect(l.getVocabulary()).toEqual([0, -1, 7, 2]);
    expect(Array.from(l.transformIds([0, 7, 2, 1, 9]))).toEqual([0, 2, 3, 1, 1]);
  });

  it("accepts -0 as 0 and typed arrays as input; rejects fractions, unsafe integers, booleans and strings", () => {
    const l = new IntegerLookup().fit(new Int32Array([0, 5, 5]));
    expect(l.getVocabulary()).toEqual([-1, 5, 0]);
    expect(Array.from(l.transformIds([-0, 5]))).toEqual([2, 1]);
    expect(code(() => new IntegerLookup().fit([1.5]))).toBe("INVALID_INPUT");
    expect(code(() => new IntegerLookup().fit([2 ** 60]))).toBe("INVALID_INPUT");
    expect(code(() => new IntegerLookup().fit([Infinity]))).toBe("INVALID_INPUT");
    expect(code(() => new IntegerLookup().fit([true as unknown as number]))).toBe("INVALID_INPUT");
    expect(code(() => l.transform(["5" as unknown as number]))).toBe("INVALID_INPUT");
    // Missing values are skipped in fit (NaN included) and refused at transform.
    expect(new IntegerLookup().fit([NaN, null, 3]).getVocabulary()).toEqual([-1, 3]);
    expect(code(() => l.transform([NaN]))).toBe("INVALID_INPUT");
  });
});

describe("IntegerLookup: OOV indices", () => {
  it("maps unknowns to OOV index 0 by default (Keras docstring)", () => {
    const l = new IntegerLookup({ vocabulary: [12, 36, 1138, 42] });
    // [[12, 1138, 42], [42, 1000, 36]] -> [[1, 3, 4], [4, 0, 2]]
    expect(Array.from(l.transformIds([12, 1138, 42, 42, 1000, 36]))).toEqual([1, 3, 4, 4, 0, 2]);
  });

  it("spreads unknowns over several OOV indices by floor mod (Keras docstring)", () => {
    const l = new IntegerLookup({ vocabulary: [12, 36, 1138, 42], numOovIndices: 2 });
    // [[12, 1138, 42], [37, 1000, 36]] -> [[2, 4, 5], [1, 0, 3]]: 37 mod 2 = 1, 1000 mod 2 = 0.
    expect(Array.from(l.transformIds([12, 1138, 42, 37, 1000, 36]))).toEqual([2, 4, 5, 1, 0, 3]);
    // Keras docstring: vocabulary [10, 20, 30], 4 OOV indices, floormod: all multiples of 4 -> 0.
    const f = new IntegerLookup({ vocabulary: [10, 20, 30], numOovIndices: 4 });
    expect(Array.from(f.transformIds([100, 300, 700, 1100, 1700, 2000]))).toEqual([0, 0, 0, 0, 0, 0]);
    // Floor mod is never negative: -3 mod 4 = 1, -8 mod 4 = 0, -1 mod 4 = 3; with a mask they shift by one.
    expect(Array.from(f.transformIds([-3, -8, -1, 5]))).toEqual([1, 0, 3, 1]);
    const m = new IntegerLookup({ vocabulary: [10], numOovIndices: 4, maskToken: 0 });
    expect(Array.from(m.transformIds([-3, 0, 10]))).toEqual([2, 0, 5]);
  });

  it("raises a typed error for unknowns when numOovIndices is 0", () => {
    const l = new IntegerLookup({ vocabulary: [3, 4], numOovIndices: 0 });
    expect(Array.from(l.transformIds([4, 3]))).toEqual([1, 0]);
    expect(code(() => l.transformIds([5]))).toBe("INVALID_INPUT");
  });
});

describe("IntegerLookup: output modes", () => {
  const vocab = [12, 36, 1138, 42];
  const rows = [
    [12, 1138, 42, 42],
    [42, 7, 36, 7],
  ];

  it("oneHot (Keras docstring)", () => {
    const l = new IntegerLookup({ vocabulary: vocab, outputMode: "oneHot" });
    expect(l.outputNames()).toEqual(["x_-1", "x_12", "x_36", "x_1138", "x_42"]);
    expect(Array.from(l.transform([12, 36, 1138, 42, 7]))).toEqual([0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0]);
  });

  it("multiHot, count and tfIdf (Keras docstrings)", () => {
    expect(Array.from(new IntegerLookup({ vocabulary: vocab, outputMode: "multiHot" }).transform(rows))).toEqual([0, 1, 0, 1, 1, 1, 0, 1, 0, 1]);
    expect(Array.from(new IntegerLookup({ vocabulary: vocab, outputMode: "count" }).transform(rows))).toEqual([0, 1, 0, 1, 2, 2, 0, 1, 0, 1]);
    // Weights [0.25, 0.75, 0.6, 0.4]; OOV weight = mean 0.5, 7 twice -> 1.0; 42 twice -> 0.8.
    const t = new IntegerLookup({ vocabulary: vocab, outputMode: "tfIdf", idfWeights: [0.25, 0.75, 0.6, 0.4] });
    expect(Array.from(t.transform(rows))).toEqual([0, f32(0.25), 0, f32(0.6), f32(2 * f32(0.4)), 1, 0, f32(0.75), 0, f32(0.4)]);
    // Vocabulary given with the OOV token -1 first and its weight 0.9: 7 twice -> 1.8.
    const u = new IntegerLookup({ vocabulary: [-1, ...vocab], outputMode: "tfIdf", idfWeights: [0.9, 0.25, 0.75, 0.6, 0.4] });
    expect(Array.from(u.transform(rows))).toEqual([0, f32(0.25), 0, f32(0.6), f32(2 * f32(0.4)), f32(2 * f32(0.9)), 0, f32(0.75), 0, f32(0.4)]);
    expect(Array.from(csrToDense(u.transformSparse(rows)))).toEqual(Array.from(u.transform(rows)));
  });

  it("accepts typed-array rows in bag modes", () => {
    const l = new IntegerLookup({ outputMode: "count" }).fit([new Int32Array([1, 2, 2]), new Float64Array([2, NaN])]);
    // counts 2 x3, 1 x1 -> [-1, 2, 1]; the NaN is a missing value, skipped in fit.
    expect(l.getVocabulary()).toEqual([-1, 2, 1]);
    expect(Array.from(l.transform([new Int32Array([2, 2, 9])]))).toEqual([1, 2, 0]);
  });
});

describe("IntegerLookup: invert", () => {
  it("maps ids back to integers, -1 for OOV (Keras docstring)", () => {
    const inv = new IntegerLookup({ vocabulary: [12, 36, 1138, 42], invert: true });
    // [[1, 3, 4], [4, 0, 2]] -> [[12, 1138, 42], [42, -1, 36]]
    expect(inv.lookupTokens([1, 3, 4, 4, 0, 2])).toEqual([12, 1138, 42, 42, -1, 36]);
    expect(code(() => inv.transform([1]))).toBe("INVALID_OPTION");
  });

  it("forward then inverse lookup gives the token or -1 (Keras docstring)", () => {
    const fwd = new IntegerLookup({ vocabulary: [12, 36, 1138, 42] });
    const inv = new IntegerLookup({ vocabulary: fwd.getVocabulary(), invert: true });
    const ids = Array.from(fwd.transformIds([12, 1138, 42, 42, 1000, 36]));
    expect(inv.lookupTokens(ids)).toEqual([12, 1138, 42, 42, -1, 36]);
  });
});

describe("IntegerLookup: options and artefact", () => {
  it("has Keras 3 defaults", () => {
    expect(new IntegerLookup().options).toEqual({ maxTokens: null, numOovIndices: 1, maskToken: null, oovToken: -1, outputMode: "int", invert: false, padToMaxTokens: false });
  });

  it("rejects bad options with typed errors", () => {
    expect(code(() => new IntegerLookup({ maskToken: 0.5 }))).toBe("INVALID_OPTION");
    expect(code(() => new IntegerLookup({ oovToken: "x" as unknown as number }))).toBe("INVALID_OPTION");
    expect(code(() => new IntegerLookup({ vocabulary: [1, 2, 2] }))).toBe("INVALID_OPTION");
    expect(code(() => new IntegerLookup({ vocabulary: [1, 2.5] }))).toBe("INVALID_OPTION");
    expect(code(() => new IntegerLookup({ maskToken: -1 }))).toBe("INVALID_OPTION");
  });

  it("round-trips through an artefact, including the mask and several OOV indices", () => {
    const l = new IntegerLookup({ maskToken: 0, numOovIndices: 3 }).fit([5, 5, 6, 0, 2 ** 40]);
    const loaded = loadArtefact(l.save()) as IntegerLookup;
    expect(loaded).toBeInstanceOf(IntegerLookup);
    expect(loaded.getVocabulary()).toEqual([0, -1, -1, -1, 5, 2 ** 40, 6]);
    const x = [0, 5, 6, 7, 8, 9, 2 ** 40, -4];
    expect(Array.from(loaded.transformIds(x))).toEqual(Array.from(l.transformIds(x)));
    // 7 mod 3 = 1, 8 mod 3 = 2, 9 mod 3 = 0, -4 mod 3 = 2; OOV indices start at 1 after the mask.
    expect(Array.from(l.transformIds(x))).toEqual([0, 4, 6, 2, 3, 1, 5, 3]);
    expect(loaded.save()).toEqual(l.save());
  });

  it("refuses a StringLookup state, and non-integer vocabulary, from an artefact", () => {
    const s = new StringLookup().fit(["a"]).toRecord().state as LookupState;
    expect(code(() => IntegerLookup.fromState(s))).toBe("ARTEFACT_MALFORMED");
    const good = new IntegerLookup().fit([1]).toRecord().state as LookupState;
    expect(code(() => IntegerLookup.fromState({ ...good, vocabulary: { type: "number", values: new Float64Array([1.5]), includesMissing: false } }))).toBe(
      "ARTEFACT_MALFORMED",
    );
    expect(code(() => IntegerLookup.fromState({ ...good, oovToken: "x" }))).toBe("ARTEFACT_MALFORMED");
  });
});
