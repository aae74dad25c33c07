/**
 * The shared vocabulary machinery (src/core/vocabulary): mergeable counts, deterministic
 * selection, the Keras layout's OOV buckets, idf weights and bag encodings. Expected
 * values are worked out by hand in the comments.
 */
import { describe, expect, it } from "vitest";
import {
  addDocument,
  bagsToCsr,
  bagsToDense,
  emptyTokenCounts,
  fittedIdfWeights,
  indexLayout,
  integerOovBucket,
  kerasIdf,
  mergeTokenCounts,
  selectTokens,
} from "../../src/core/vocabulary/index.js";

const counts = <T>(entries: [T, number][]): Map<T, number> => new Map(entries);

describe("selectTokens", () => {
  it("orders by count descending, ties by token descending (Keras) or ascending", () => {
    const c = counts([["a", 1], ["c", 2], ["b", 2], ["d", 1], ["e", 3]]);
    expect(selectTokens(c)).toEqual(["e", "c", "b", "d", "a"]);
    expect(selectTokens(c, { ties: "ascending" })).toEqual(["e", "b", "c", "a", "d"]);
    // The limit cuts inside a tie group by the tie order: 3 tokens -> e, then c over b.
    expect(selectTokens(c, { limit: 3 })).toEqual(["e", "c", "b"]);
    expect(selectTokens(c, { limit: 2 })).toEqual(["e", "c"]);
    expect(selectTokens(c, { limit: 0 })).toEqual([]);
    expect(selectTokens(c, { exclude: ["e", null] })).toEqual(["c", "b", "d", "a"]);
  });

  it("orders strings by code point (astral after U+E000..U+FFFF) and numbers numerically", () => {
    // Code points: "z" U+7A < "\uffff" < "😀" U+1F600 (its UTF-16 units 0xD83D.. would sort it before "\uffff").
    expect(selectTokens(counts([["\uffff", 1], ["😀", 1], ["z", 1]]), { ties: "ascending" })).toEqual(["z", "\uffff", "😀"]);
    expect(selectTokens(counts([[10, 1], [-2, 1], [9, 1], [100, 1]]))).toEqual([100, 10, 9, -2]);
  });

  it("uses a custom comparator for ties when given", () => {
    const terms = ["b", "a", "c"];
    const c = counts([[0, 1], [1, 1], [2, 5]]);
    expect(selectTokens(c, { ties: "ascending", compare: (x, y) => (terms[x] < terms[y] ? -1 : terms[x] > terms[y] ? 1 : 0) })).toEqual([2, 1, 0]);
  });

  it("does not depend on the order counts were accumulated in", () => {
    const xs = ["q", "r", "s", "t", "u", "v", "w"].flatMap((t, i) => Array(1 + (i % 3)).fill(t) as string[]);
    const a = emptyTokenCounts<string>(false);
    const b = emptyTokenCounts<string>(false);
    for (const t of xs) addDocument(a, [t]);
    for (const t of xs.slice().reverse()) addDocument(b, [t]);
    expect(selectTokens(a.counts, { limit: 4 })).toEqual(selectTokens(b.counts, { limit: 4 }));
  });
});

describe("token counts", () => {
  it("counts occurrences and documents (deduplicated per document), and empty documents", () => {
    const acc = emptyTokenCounts<string>(true);
    addDocument(acc, ["a", "b", "a"]);
    addDocument(acc, []);
    addDocument(acc, ["a", "x"], 1); // only the first entry
    expect([...acc.counts]).toEqual([["a", 3], ["b", 1]]);
    expect([...acc.documentCounts!]).toEqual([["a", 2], ["b", 1]]);
    expect(acc.documents).toBe(3);
  });

  it("merges without mutating its arguments, with the empty accumulator as identity", () => {
    const a = emptyTokenCounts<string>(true);
    addDocument(a, ["a", "b"]);
    const b = emptyTokenCounts<string>(true);
    addDocument(b, ["b", "c", "c"]);
    const ab = mergeTokenCounts(a, b);
    expect([...ab.counts].sort()).toEqual([["a", 1], ["b", 2], ["c", 2]]);
    expect([...ab.documentCounts!].sort()).toEqual([["a", 1], ["b", 2], ["c", 1]]);
    expect(ab.documents).toBe(2);
    expect([...a.counts]).toEqual([["a", 1], ["b", 1]]);
    const id = mergeTokenCounts(emptyTokenCounts<string>(true), a);
    expect([...id.counts]).toEqual([...a.counts]);
    expect(() => mergeTokenCounts(a, emptyTokenCounts<string>(false))).toThrow(/document frequencies/);
    // Plain data: survives structured cloning.
    expect([...structuredClone(ab).counts].sort()).toEqual([...ab.counts].sort());
  });
});

describe("layout, OOV buckets and idf", () => {
  it("lays out [mask] [OOV] [tokens]", () => {
    expect(indexLayout(true, 2, 5)).toEqual({ oovStart: 1, numOov: 2, tokenStart: 3, tokens: 5, size: 8 });
    expect(indexLayout(false, 0, 5)).toEqual({ oovStart: 0, numOov: 0, tokenStart: 0, tokens: 5, size: 5 });
  });

  it("buckets integers by floor mod (never negative)", () => {
    expect([7, -7, 8, -8, 0, -0, 2 ** 53 - 1].map((t) => integerOovBucket(t, 4))).toEqual([3, 1, 0, 0, 0, 0, 3]);
    expect(Object.is(integerOovBucket(-4, 4), 0)).toBe(true);
  });

  it("computes Keras idf weights: OOV = mean, padding = 0, all float32", () => {
    // 4 documents; df(a) = 3 -> ln(1 + 4/4) = ln 2; df(b) = 1 -> ln(1 + 4/2) = ln 3.
    expect(kerasIdf(4, 3)).toBe(Math.log(2));
    const w = fittedIdfWeights(indexLayout(false, 1, 2), ["a", "b"], new Map([["a", 3], ["b", 1]]), 4, 5);
    const a = Math.fround(Math.log(2));
    const b = Math.fround(Math.log(3));
    expect(Array.from(w)).toEqual([Math.fround((a + b) / 2), a, b, 0, 0]);
  });
});

describe("bags", () => {
  it("encodes multi-hot, count and tf-idf densely and as CSR, dropping negative ids", () => {
    // Row 0: ids 2, 0, 2, -1 (dropped); row 1: empty; row 2: id 1.
    const bags = { rows: 3, ptr: Int32Array.from([0, 4, 4, 5]), ids: Int32Array.from([2, 0, 2, -1, 1]) };
    const idf = Float64Array.from([0.5, 2, Math.fround(0.1)]);
    const dense = new Float32Array(9);
    bagsToDense(bags, 3, "count", null, dense);
    expect(Array.from(dense)).toEqual([1, 0, 2, 0, 0, 0, 0, 1, 0]);
    bagsToDense(bags, 3, "multiHot", null, dense);
    expect(Array.from(dense)).toEqual([1, 0, 1, 0, 0, 0, 0, 1, 0]);
    bagsToDense(bags, 3, "tfIdf", idf, dense);
    expect(Array.from(dense)).toEqual([0.5, 0, Math.fround(2 * Math.fround(0.1)), 0, 0, 0, 0, 2, 0]);
    const csr = bagsToCsr(bags, 3, "tfIdf", idf);
    expect(Array.from(csr.indptr)).toEqual([0, 2, 2, 3]);
    expect(Array.from(csr.indices)).toEqual([0, 2, 1]);
    expect(Array.from(csr.data)).toEqual([0.5, Math.fround(2 * Math.fround(0.1)), 2]);
  });
});
