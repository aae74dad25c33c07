import { describe, expect, it } from "vitest";
import { HashedCrossing, SchemaError, csrToDense, loadArtefact } from "../../src/index.js";
import { murmurhash3String } from "../../src/core/murmurhash3.js";

const bucket = (text: string, bins: number): number => (murmurhash3String(text, 0) >>> 0) % bins;

describe("HashedCrossing", () => {
  it("validates options", () => {
    expect(() => new HashedCrossing({ numBins: 0 })).toThrow(/numBins must be an integer/);
    expect(() => new HashedCrossing({ numBins: 4, outputMode: "count" as "int" })).toThrow(/outputMode must be "int" or "oneHot"/);
    expect(() => new HashedCrossing({ numBins: 4, nInputs: 1 })).toThrow(/nInputs must be an integer in \[2, 1024\]/);
  });

  it("hashes the length-prefixed key of the row's values", () => {
    const c = new HashedCrossing({ numBins: 1000 });
    const ids = c.transformIds([["Adelie", "Gentoo"], ["Biscoe", "Dream"]]);
    expect(Array.from(ids)).toEqual([bucket("6:Adelie6:Biscoe", 1000), bucket("6:Gentoo5:Dream", 1000)]);
  });

  it("the key is unambiguous: separators inside values cannot make two tuples collide textually", () => {
    const c = new HashedCrossing({ numBins: 2 ** 31 - 1 });
    const [a, b] = c.transformIds([["a:b", "a"], ["c", "b1:c"]]);
    expect(a).not.toBe(b);
    const [x, y] = c.transformIds([["a", "b"], ["b", "a"]]);
    expect(x).not.toBe(y); // column order matters
  });

  it("oneHot output, 3 columns, numbers as decimal strings", () => {
    const c = new HashedCrossing({ numBins: 8, outputMode: "oneHot", nInputs: 3, name: "cross" });
    const cols = [["FR", "DE"], ["Region", "Land"], [1, 2]];
    const dense = c.transform(cols);
    expect(dense.length).toBe(16);
    expect(dense[bucket("2:FR6:Region1:1", 8)]).toBe(1);
    expect(Array.from(csrToDense(c.transformSparse(cols)))).toEqual(Array.from(dense));
    expect(c.outputNames()).toEqual(Array.from({ length: 8 }, (_, b) => `cross_${b}`));
    expect(Array.from(c.transformIds(cols))).toEqual(Array.from(c.transformIds([["FR", "DE"], ["Region", "Land"], ["1", "2"]])));
  });

  it("checks the number and length of the columns", () => {
    const c = new HashedCrossing({ numBins: 8 });
    expect(() => c.transform([["a"]])).toThrow(SchemaError);
    expect(() => c.transform([["a", "b"], ["c"]])).toThrow(/column 1 has 1 rows but column 0 has 2/);
    expect(() => c.transform([["a"], [null]])).toThrow(/row 0 is missing/);
    expect(c.transform([[], []]).length).toBe(0);
  });

  it("is stateless and round-trips through an artefact", () => {
    const c = new HashedCrossing({ numBins: 32, nInputs: 3, name: "x3" });
    const cols = [["a", "b"], ["c", "d"], [true, false]];
    const loaded = loadArtefact(c.save()) as HashedCrossing;
    expect(loaded.options).toEqual(c.options);
    expect(loaded.nFeaturesIn).toBe(3);
    expect(Array.from(loaded.transform(cols))).toEqual(Array.from(c.transform(cols)));
  });
});
