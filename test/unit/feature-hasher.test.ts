import { describe, expect, it } from "vitest";
import { FeatureHasher, type FeaturePair, InvalidInputError, InvalidOptionError, csrToDense, loadArtefact } from "../../src/index.js";
import { murmurhash3String } from "../../src/core/murmurhash3.js";

const code = (fn: () => unknown): string => {
  try {
    fn();
    return "ok";
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  }
};

describe("FeatureHasher options", () => {
  it("validates options with typed errors naming the option and allowed values", () => {
    for (const bad of [0, -1, 1.5, 2 ** 31, NaN, "8"]) {
      expect(() => new FeatureHasher({ nFeatures: bad as number })).toThrow(InvalidOptionError);
      expect(() => new FeatureHasher({ nFeatures: bad as number })).toThrow(/nFeatures must be an integer in \[1, 2\^31-1\]/);
    }
    expect(() => new FeatureHasher({ inputType: "dict" as "pair" })).toThrow(/inputType must be "string" or "pair"/);
    expect(() => new FeatureHasher({ alternateSign: 1 as unknown as boolean })).toThrow(/alternateSign must be true or false/);
  });

  it("defaults to scikit-learn's nFeatures 2^20 and alternateSign true, inputType string", () => {
    const h = new FeatureHasher();
    expect(h.options).toEqual({ nFeatures: 2 ** 20, inputType: "string", alternateSign: true });
    expect(h.width).toBe(2 ** 20);
  });
});

describe("FeatureHasher semantics", () => {
  it("reproduces scikit-learn's docstring example (string input)", () => {
    const h = new FeatureHasher({ nFeatures: 8 });
    const x = h.transform([["dog", "cat", "snake"], ["snake", "dog"], ["cat", "bird"]]);
    expect(Array.from(x)).toEqual([0, 0, 0, -1, 0, -1, 0, 1, 0, 0, 0, -1, 0, -1, 0, 0, 0, -1, 0, 0, 0, 0, 0, 1]);
  });

  it("reproduces scikit-learn's docstring example (dict input as pairs)", () => {
    const h = new FeatureHasher({ nFeatures: 10, inputType: "pair" });
    const rows: FeaturePair[][] = [Object.entries({ dog: 1, cat: 2, elephant: 4 }), Object.entries({ dog: 2, run: 5 })];
    expect(Array.from(h.transform(rows))).toEqual([0, 0, -4, -1, 0, 0, 0, 0, 0, 2, 0, 0, 0, -2, -5, 0, 0, 0, 0, 0]);
  });

  it("hashes string pair values as feature=value with value 1, skips zeros, booleans count 1/0", () => {
    const h = new FeatureHasher({ nFeatures: 4, inputType: "pair" });
    // scikit-learn 1.2.1: [('a',1),('b','x'),('c',0),('d',True),('e',2.5)] -> [[0, 0, 2, 3.5]]
    expect(Array.from(h.transform([[["a", 1], ["b", "x"], ["c", 0], ["d", true], ["e", 2.5]]]))).toEqual([0, 0, 2, 3.5]);
    expect(h.transformSparse([[["c", 0], ["c", -0], ["d", false]]]).indices.length).toBe(0);
    const tokens = new FeatureHasher({ nFeatures: 4 });
    expect(Array.from(h.transform([[["b", "x"]]]))).toEqual(Array.from(tokens.transform([["b=x"]])));
  });

  it("maps h = -2^31 to 2^31 % nFeatures with a negative sign (scikit-learn's special case)", () => {
    expect(murmurhash3String("aaaiTBFZ", 0)).toBe(-(2 ** 31));
    // Values checked against scikit-learn 1.2.1.
    for (const [n, col] of [[1, 0], [3, 2], [7, 2], [1000, 648], [2 ** 20, 0], [2 ** 31 - 1, 1]] as const) {
      const m = new FeatureHasher({ nFeatures: n }).transformSparse([["aaaiTBFZ"]]);
      expect(Array.from(m.indices)).toEqual([col]);
      expect(Array.from(m.data)).toEqual([-1]);
    }
  });

  it("sums duplicates and keeps a duplicate that sums to 0 stored, as scipy's sum_duplicates", () => {
    // scikit-learn 1.2.1, nFeatures=1: [['a','ab'],['a','a']] -> indptr [0 1 2], indices [0 0], data [0, 2]
    const m = new FeatureHasher({ nFeatures: 1 }).transformSparse([["a", "ab"], ["a", "a"]]);
    expect(Array.from(m.indptr)).toEqual([0, 1, 2]);
    expect(Array.from(m.indices)).toEqual([0, 0]);
    expect(Array.from(m.data)).toEqual([0, 2]);
  });

  it("sorts column indices within each row and gives the dense form of the same matrix", () => {
    const h = new FeatureHasher({ nFeatures: 50, alternateSign: false });
    const rows = [["z", "y", "x", "w", "v", "u", "z"], [], Array.from({ length: 100 }, (_, i) => `t${i % 37}`)];
    const m = h.transformSparse(rows);
    for (let i = 0; i < m.rows; i++) for (let k = m.indptr[i] + 1; k < m.indptr[i + 1]; k++) expect(m.indices[k]).toBeGreaterThan(m.indices[k - 1]);
    expect(Array.from(csrToDense(m))).toEqual(Array.from(h.transform(rows)));
    expect(m.indptr[2] - m.indptr[1]).toBe(0);
    let total = 0;
    for (let k = m.indptr[2]; k < m.indptr[3]; k++) total += m.data[k];
    expect(total).toBe(100);
  });

  it("hashes UTF-8 bytes: NFC and NFD spellings are different features", () => {
    const h = new FeatureHasher({ nFeatures: 2 ** 20 });
    const a = h.transformSparse([["\u00e9"]]).indices[0];
    const b = h.transformSparse([["e\u0301"]]).indices[0];
    expect(a).not.toBe(b);
  });

  it("is stateless: works before fit, fit learns nothing, and saves the same artefact either way", () => {
    const x = [["a", "b"], ["c"]];
    const h = new FeatureHasher({ nFeatures: 16, name: "t" });
    expect(h.isFitted).toBe(true);
    const before = h.transform(x);
    const bytes = h.save();
    h.fit([["something", "else"]]);
    expect(Array.from(h.transform(x))).toEqual(Array.from(before));
    expect(h.save()).toEqual(bytes);
    h.partialFit([["more"]]);
    expect(Array.from(h.transform(x))).toEqual(Array.from(before));
    const loaded = loadArtefact(bytes) as FeatureHasher;
    expect(loaded).toBeInstanceOf(FeatureHasher);
    expect(Array.from(loaded.transform(x))).toEqual(Array.from(before));
    // A loaded hasher can still be "fitted" (there is nothing to learn).
    expect(code(() => loaded.partialFit(x))).toBe("ok");
  });

  it("an empty batch gives zero rows (scikit-learn raises instead)", () => {
    const h = new FeatureHasher({ nFeatures: 4 });
    expect(h.transform([]).length).toBe(0);
    expect(h.transformSparse([]).indptr).toEqual(new Int32Array([0]));
  });

  it("rejects bad input with typed errors naming the row", () => {
    const s = new FeatureHasher({ nFeatures: 8, name: "text" });
    expect(() => s.transform(["a b"] as unknown as string[][])).toThrow(/row 0 .*list of tokens/);
    expect(() => s.transform([["a"], [1]] as unknown as string[][])).toThrow(/row 1 has token 1 \(number\)/);
    expect(() => s.transform([["ok"], ["a\ud800"]])).toThrow(/row 1 .*lone UTF-16 surrogate/);
    expect(() => s.transform([["ok"], null] as unknown as string[][])).toThrow(InvalidInputError);
    const p = new FeatureHasher({ nFeatures: 8, inputType: "pair", name: "pairs" });
    expect(() => p.transform([[["mass", NaN]]])).toThrow(/row 0, feature "mass" has value NaN/);
    expect(() => p.transform([[["mass", Infinity]]])).toThrow(InvalidInputError);
    expect(() => p.transform([[["sex", null]]] as unknown as FeaturePair[][])).toThrow(/fill or drop missing values/);
    expect(() => p.transform([[[null, 1]]] as unknown as FeaturePair[][])).toThrow(/feature name of pair null/);
    expect(() => p.transform([[["a", 3e38], ["a", 3e38]]])).toThrow(/outside the float32 range/);
    expect(() => p.transform([["ab"]] as unknown as FeaturePair[][])).toThrow(/must be a \[feature, value\] pair/);
  });

  it("refuses a huge dense output and points to transformSparse", () => {
    const h = new FeatureHasher();
    const rows = Array.from({ length: 300 }, () => ["a"]);
    expect(() => h.transform(rows)).toThrow(/use transformSparse/);
    expect(h.transformSparse(rows).indices.length).toBe(300);
  });
});
