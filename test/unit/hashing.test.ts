import { describe, expect, it } from "vitest";
import { Hashing, InvalidOptionError, csrToDense, loadArtefact } from "../../src/index.js";
import { murmurhash3String } from "../../src/core/murmurhash3.js";

const bucket = (text: string, bins: number, seed = 0): number => (murmurhash3String(text, seed) >>> 0) % bins;

describe("Hashing options", () => {
  it("validates options with typed errors naming the option and allowed values", () => {
    expect(() => new Hashing(undefined as unknown as { numBins: number })).toThrow(/numBins must be an integer/);
    for (const bad of [0, -3, 2.5, 2 ** 31, NaN]) expect(() => new Hashing({ numBins: bad })).toThrow(InvalidOptionError);
    expect(() => new Hashing({ numBins: 4, outputMode: "tfIdf" as "int" })).toThrow(/outputMode must be "int", "oneHot", "multiHot" or "count"/);
    for (const bad of [-1, 2 ** 32, 1.5, "7"]) expect(() => new Hashing({ numBins: 4, salt: bad as number })).toThrow(/salt must be an integer in \[0, 2\^32\)/);
    expect(() => new Hashing({ numBins: 4, maskValue: NaN })).toThrow(/maskValue must be/);
    expect(() => new Hashing({ numBins: 4, maskValue: {} as unknown as string })).toThrow(/maskValue must be/);
    expect(() => new Hashing({ numBins: 4, maskValue: "\ud800" })).toThrow(/lone UTF-16 surrogate/);
  });
});

describe("Hashing semantics (Keras Hashing with MurmurHash3)", () => {
  it("buckets are unsigned MurmurHash3 (seed = salt) of the UTF-8 text modulo numBins", () => {
    const h = new Hashing({ numBins: 1024 });
    const xs = ["a", "Biscoe", "Zürich", "東京", ""];
    expect(Array.from(h.transformIds(xs))).toEqual(xs.map((x) => bucket(x, 1024)));
    const salted = new Hashing({ numBins: 1024, salt: 42 });
    expect(Array.from(salted.transformIds(xs))).toEqual(xs.map((x) => bucket(x, 1024, 42)));
    expect(Array.from(h.transform(xs))).toEqual(xs.map((x) => bucket(x, 1024)));
  });

  it("maskValue maps to 0 and everything else to 1..numBins-1", () => {
    const h = new Hashing({ numBins: 3, maskValue: "" });
    const xs = ["", "a", "b", "c", "d", "e", "f", ""];
    const ids = Array.from(h.transformIds(xs));
    expect(ids[0]).toBe(0);
    expect(ids[7]).toBe(0);
    for (let i = 1; i < 7; i++) {
      expect(ids[i]).toBe(bucket(xs[i], 2) + 1);
      expect(ids[i]).toBeGreaterThanOrEqual(1);
    }
    // As in Keras, a mask needs at least 2 bins: with 1 bin everything is bucket 0.
    expect(Array.from(new Hashing({ numBins: 1, maskValue: "" }).transformIds(["", "a"]))).toEqual([0, 0]);
  });

  it("hashes numbers via their decimal string and booleans as true/false", () => {
    const h = new Hashing({ numBins: 97 });
    expect(Array.from(h.transformIds([3, -0, 1.5, 1e21, true]))).toEqual(Array.from(h.transformIds(["3", "0", "1.5", "1e+21", "true"])));
    const m = new Hashing({ numBins: 5, maskValue: 0 });
    expect(Array.from(m.transformIds([0, "0", -0]))).toEqual([0, 0, 0]);
  });

  it("oneHot, multiHot and count outputs (masked value counts in bucket 0, as Keras)", () => {
    const bins = 8;
    const oh = new Hashing({ numBins: bins, outputMode: "oneHot" });
    const x = ["a", "b"];
    const dense = oh.transform(x);
    expect(dense.length).toBe(2 * bins);
    expect(dense[bucket("a", bins)]).toBe(1);
    expect(dense[bins + bucket("b", bins)]).toBe(1);
    expect(dense.reduce((s, v) => s + v, 0)).toBe(2);
    expect(oh.outputNames()).toEqual(Array.from({ length: bins }, (_, b) => `x_${b}`));
    expect(() => oh.transform([["a", "b"]])).toThrow(/row 0 is a list/);

    const count = new Hashing({ numBins: bins, outputMode: "count", maskValue: "pad" });
    const rows = [["a", "a", "pad", "b"], [], "a"];
    const c = count.transform(rows);
    const ba = bucket("a", bins - 1) + 1;
    const bb = bucket("b", bins - 1) + 1;
    expect(c[0]).toBe(1);
    expect(c[ba]).toBe(ba === bb ? 3 : 2);
    expect(c.subarray(bins, 2 * bins).every((v) => v === 0)).toBe(true);
    expect(c[2 * bins + ba]).toBe(1);
    expect(Array.from(csrToDense(count.transformSparse(rows)))).toEqual(Array.from(c));

    const multi = new Hashing({ numBins: bins, outputMode: "multiHot", maskValue: "pad" });
    const mh = multi.transform(rows);
    expect(mh[ba]).toBe(1);
    expect(Math.max(...mh)).toBe(1);
  });

  it("int mode gives one id per row; transformSparse is for the encoded modes", () => {
    const h = new Hashing({ numBins: 8, name: "island" });
    expect(h.width).toBe(1);
    expect(h.outputNames()).toEqual(["island"]);
    expect(() => h.transform([["a"]])).toThrow(/takes one value per row/);
    expect(() => h.transformSparse(["a"])).toThrow(/use transformIds/);
    expect(() => new Hashing({ numBins: 8, outputMode: "count" }).transformIds([["a"]])).toThrow(/transformIds/);
  });

  it("rejects missing and non-finite values and lone surrogates with typed errors naming the row", () => {
    const h = new Hashing({ numBins: 8, name: "v" });
    expect(() => h.transform(["a", null])).toThrow(/row 1 is missing/);
    expect(() => h.transform(["a", NaN])).toThrow(/row 1 is missing/);
    expect(() => h.transform([Infinity])).toThrow(/infinite/);
    expect(() => h.transform(["ok", "x\udc00"])).toThrow(/row 1 .*lone UTF-16 surrogate/);
    expect(() => h.transform("abc" as unknown as string[])).toThrow(/expected a column/);
  });

  it("is stateless and round-trips through an artefact", () => {
    const h = new Hashing({ numBins: 16, outputMode: "count", salt: 99, maskValue: "x", name: "tags" });
    const rows = [["a", "x"], ["b"]];
    const loaded = loadArtefact(h.save()) as Hashing;
    expect(loaded).toBeInstanceOf(Hashing);
    expect(loaded.options).toEqual(h.options);
    expect(Array.from(loaded.transform(rows))).toEqual(Array.from(h.transform(rows)));
    expect(Array.from(h.fit(["whatever"]).transform(rows))).toEqual(Array.from(loaded.transform(rows)));
  });
});
