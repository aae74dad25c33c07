/**
 * StringLookup against Keras' documented semantics (keras.layers.StringLookup and
 * IndexLookup): index layout [mask (int mode)] [OOV...] [vocabulary], fitted order
 * count descending then token descending, maxTokens counting mask + OOV, output modes,
 * invert. Expected values are worked out by hand in the comments; where a Keras
 * docstring gives the example, the numbers are Keras' own.
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

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  return "";
}

const f32 = Math.fround;

describe("StringLookup: fitted vocabulary (Keras adapt)", () => {
  it("orders by count descending, then by token descending (Keras docstring example)", () => {
    // data [["a","c","d"],["d","z","b"]]: d has count 2; a, b, c, z have 1 and sort high to low: z, c, b, a.
    const data = ["a", "c", "d", "d", "z", "b"];
    const l = new StringLookup().fit(data);
    expect(l.getVocabulary()).toEqual(["[UNK]", "d", "z", "c", "b", "a"]);
    // Keras: layer(data) -> [[5, 3, 1], [1, 2, 4]].
    expect(Array.from(l.transform(data))).toEqual([5, 3, 1, 1, 2, 4]);
    expect(Array.from(l.transformIds(data))).toEqual([5, 3, 1, 1, 2, 4]);
    expect(l.getVocabulary({ includeSpecialTokens: false })).toEqual(["d", "z", "c", "b", "a"]);
    expect(l.vocabularySize()).toBe(6);
    expect(l.width).toBe(1);
    expect(l.outputNames()).toEqual(["x"]);
  });

  it("breaks ties by code point, not UTF-16 unit (astral characters after U+FFxx)", () => {
    // U+FF01 < U+1F600 by code point, so descending puts the emoji first. By UTF-16 units
    // the emoji (0xD83D...) would sort below U+FF01 and come last.
    const l = new StringLookup().fit(["\uff01", "😀", "a", "a"]);
    expect(l.getVocabulary()).toEqual(["[UNK]", "a", "😀", "\uff01"]);
    // With no surrogates the same rule holds: "é" (U+00E9) > "e" (U+0065) > "E".
    expect(new StringLookup().fit(["e", "é", "E"]).getVocabulary({ includeSpecialTokens: false })).toEqual(["é", "e", "E"]);
  });

  it("truncates to maxTokens, which counts the OOV indices (and the mask in int mode)", () => {
    // counts: b 3, a 2, c 2, d 1. maxTokens 3 with 1 OOV leaves 2 tokens: b, then c (ties a/c: c > a).
    const data = ["a", "a", "b", "b", "b", "c", "c", "d"];
    expect(new StringLookup({ maxTokens: 3 }).fit(data).getVocabulary()).toEqual(["[UNK]", "b", "c"]);
    // Mask "" in int mode takes index 0 too: maxTokens 4 = mask + OOV + 2 tokens.
    expect(new StringLookup({ maxTokens: 4, maskToken: "" }).fit(data).getVocabulary()).toEqual(["", "[UNK]", "b", "c"]);
    // In multiHot mode the mask takes no index: maxTokens 4 = OOV + 3 tokens.
    expect(new StringLookup({ maxTokens: 4, maskToken: "", outputMode: "multiHot" }).fit(data).getVocabulary()).toEqual(["[UNK]", "b", "c", "a"]);
  });

  it("never learns the mask or OOV token, even when frequent", () => {
    const l = new StringLookup({ maskToken: "" }).fit(["", "", "", "[UNK]", "[UNK]", "x"]);
    expect(l.getVocabulary()).toEqual(["", "[UNK]", "x"]);
    // The data's "[UNK]" is then an unknown value: OOV index 1.
    expect(Array.from(l.transformIds(["", "[UNK]", "x", "y"]))).toEqual([0, 1, 2, 1]);
  });

  it("skips missing values in fit and rejects them at transform", () => {
    const l = new StringLookup().fit(["a", null, undefined, NaN as unknown as string, "b", "b"]);
    expect(l.getVocabulary()).toEqual(["[UNK]", "b", "a"]);
    expect(code(() => l.transform(["a", null]))).toBe("INVALID_INPUT");
    expect(message(() => l.transform(["a", null]))).toMatch(/row 1 is missing/);
  });

  it("rejects a fit that learns no token", () => {
    expect(code(() => new StringLookup().fit([]).width)).toBe("INVALID_INPUT");
    expect(code(() => new StringLookup().fit([null, "[UNK]"]).width)).toBe("INVALID_INPUT");
  });

  it("treats prototype names, the empty string and NFC/NFD spellings as ordinary, distinct tokens", () => {
    const data = ["__proto__", "constructor", "", "\u00e9", "e\u0301", "__proto__"];
    const l = new StringLookup().fit(data);
    // __proto__ (2) first; the rest (1 each) descending by code point: "é" U+00E9 > "e\u0301" > "constructor" > "".
    expect(l.getVocabulary()).toEqual(["[UNK]", "__proto__", "\u00e9", "e\u0301", "constructor", ""]);
    expect(Array.from(l.transformIds(["toString", "hasOwnProperty", "__proto__"]))).toEqual([0, 0, 1]);
  });

  it("rejects non-strings and lone surrogates in fit", () => {
    expect(code(() => new StringLookup().fit(["a", 5 as unknown as string]))).toBe("INVALID_INPUT");
    expect(code(() => new StringLookup().fit([true as unknown as string]))).toBe("INVALID_INPUT");
    expect(code(() => new StringLookup().fit(["\ud800"]))).toBe("INVALID_INPUT");
  });

  it("partialFit over parts + merge equals fit, bit for bit", () => {
    const data = ["a", "b", "b", "c", "c", "c", "d", "e", "e"];
    const whole = new StringLookup({ outputMode: "tfIdf" }).fit(data.map((x) => [x, "z"]));
    const a = new StringLookup({ outputMode: "tfIdf" }).partialFit(data.slice(0, 4).map((x) => [x, "z"]));
    const b = new StringLookup({ outputMode: "tfIdf" }).partialFit(data.slice(4).map((x) => [x, "z"]));
    a.merge(b);
    expect(a.save()).toEqual(whole.save());
  });
});

describe("StringLookup: given vocabulary (Keras vocabulary=)", () => {
  it("maps known tokens after the OOV index and unknowns to it (Keras docstring)", () => {
    const l = new StringLookup({ vocabulary: ["a", "b", "c", "d"] });
    expect(l.isFitted).toBe(true);
    // [["a","c","d"],["d","z","b"]] -> [[1,3,4],[4,0,2]]
    expect(Array.from(l.transformIds(["a", "c", "d", "d", "z", "b"]))).toEqual([1, 3, 4, 4, 0, 2]);
  });

  it("hashes unknowns across several OOV indices with MurmurHash3 (not Keras' FarmHash)", () => {
    const l = new StringLookup({ vocabulary: ["a", "b", "c", "d"], numOovIndices: 2 });
    // Known tokens shift by one: a 2, b 3, c 4, d 5. Unknown t -> murmurhash3_32(utf8(t), 0) as uint32 % 2,
    // with sklearn.utils.murmurhash3_32(t, seed=0, positive=True) as reference:
    // "m" 1524906076 % 2 = 0, "z" 3254163991 % 2 = 1, "日本" 3302619458 % 2 = 0, "😀" 3199479546 % 2 = 0, "Atlantis" 520903459 % 2 = 1.
    expect(Array.from(l.transformIds(["a", "c", "d", "m", "z", "b"]))).toEqual([2, 4, 5, 0, 1, 3]);
    expect(Array.from(l.transformIds(["日本", "😀", "Atlantis"]))).toEqual([0, 0, 1]);
    // With three buckets: "m" % 3 = 1, "z" % 3 = 1, "q" 4286712296 % 3 = 2, "😀" % 3 = 0.
    const l3 = new StringLookup({ vocabulary: ["a"], numOovIndices: 3 });
    expect(Array.from(l3.transformIds(["m", "z", "q", "😀", "a"]))).toEqual([1, 1, 2, 0, 3]);
    // A lone surrogate has no UTF-8 bytes to hash: typed error. With one OOV index it is just OOV.
    expect(code(() => l3.transformIds(["\udfff"]))).toBe("INVALID_INPUT");
    expect(Array.from(new StringLookup({ vocabulary: ["a"] }).transformIds(["\udfff"]))).toEqual([0]);
  });

  it("raises a typed error for unknowns when numOovIndices is 0", () => {
    const l = new StringLookup({ vocabulary: ["a", "b"], numOovIndices: 0 });
    expect(Array.from(l.transformIds(["b", "a"]))).toEqual([1, 0]);
    expect(code(() => l.transformIds(["c"]))).toBe("INVALID_INPUT");
    expect(message(() => l.transformIds(["a", "c"]))).toMatch(/row 1 is "c".*numOovIndices/);
  });

  it("skips leading special tokens that match exactly, and rejects misplaced ones", () => {
    // Special tokens in int mode with mask "": ["", "[UNK]"].
    const l = new StringLookup({ maskToken: "", vocabulary: ["", "[UNK]", "a", "b"] });
    expect(l.getVocabulary()).toEqual(["", "[UNK]", "a", "b"]);
    expect(Array.from(l.transformIds(["", "b", "zz"]))).toEqual([0, 3, 1]);
    expect(code(() => new StringLookup({ maskToken: "", vocabulary: ["a", ""] }))).toBe("INVALID_OPTION");
    expect(code(() => new StringLookup({ vocabulary: ["a", "a"] }))).toBe("INVALID_OPTION");
    expect(code(() => new StringLookup({ vocabulary: [] }))).toBe("INVALID_OPTION");
    // The OOV token inside the vocabulary is only refused for an inverted lookup (Keras).
    expect(new StringLookup({ vocabulary: ["a", "[UNK]"], numOovIndices: 2 }).getVocabulary()).toEqual(["[UNK]", "[UNK]", "a", "[UNK]"]);
    expect(code(() => new StringLookup({ vocabulary: ["a", "[UNK]"], invert: true, numOovIndices: 2 }))).toBe("INVALID_OPTION");
    expect(code(() => new StringLookup({ vocabulary: ["a", "b", "c"], maxTokens: 3 }))).toBe("INVALID_OPTION");
  });

  it("fit with a given vocabulary learns nothing but still checks types", () => {
    const l = new StringLookup({ vocabulary: ["a"] });
    l.fit(["q", "q", "r"]);
    expect(l.getVocabulary()).toEqual(["[UNK]", "a"]);
    expect(code(() => new StringLookup({ vocabulary: ["a"] }).fit([1 as unknown as string]))).toBe("INVALID_INPUT");
  });
});

describe("StringLookup: output modes", () => {
  const vocab = ["a", "b", "c", "d"];

  it("oneHot: one row per value, OOV at column 0 (Keras docstring)", () => {
    const l = new StringLookup({ vocabulary: vocab, outputMode: "oneHot" });
    expect(l.width).toBe(5);
    expect(l.outputNames()).toEqual(["x_[UNK]", "x_a", "x_b", "x_c", "x_d"]);
    expect(Array.from(l.transform(["a", "b", "c", "d", "z"]))).toEqual([0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0]);
    expect(code(() => l.transform([["a", "b"]]))).toBe("INVALID_INPUT");
  });

  it("multiHot and count over rows of several values (Keras docstring)", () => {
    const rows = [
      ["a", "c", "d", "d"],
      ["d", "z", "b", "z"],
    ];
    expect(Array.from(new StringLookup({ vocabulary: vocab, outputMode: "multiHot" }).transform(rows))).toEqual([0, 1, 0, 1, 1, 1, 0, 1, 0, 1]);
    expect(Array.from(new StringLookup({ vocabulary: vocab, outputMode: "count" }).transform(rows))).toEqual([0, 1, 0, 1, 2, 2, 0, 1, 0, 1]);
    // A scalar row is a one-value row; an empty row is all zeros.
    expect(Array.from(new StringLookup({ vocabulary: vocab, outputMode: "count" }).transform(["b", []]))).toEqual([0, 0, 1, 0, 0, 0, 0, 0, 0, 0]);
  });

  it("tfIdf with given weights: OOV weight is their mean, or given with the special tokens (Keras docstring)", () => {
    const rows = [
      ["a", "c", "d", "d"],
      ["d", "z", "b", "z"],
    ];
    // Weights [0.25, 0.75, 0.6, 0.4] for a..d; OOV gets their mean 0.5. Row 2 has z twice: 2 x 0.5 = 1.0.
    const l = new StringLookup({ vocabulary: vocab, outputMode: "tfIdf", idfWeights: [0.25, 0.75, 0.6, 0.4] });
    expect(Array.from(l.transform(rows))).toEqual([0, f32(0.25), 0, f32(0.6), f32(2 * f32(0.4)), 1.0, 0, f32(0.75), 0, f32(0.4)]);
    // With "[UNK]" and its weight 0.9 given first: z twice -> 1.8.
    const k = new StringLookup({ vocabulary: ["[UNK]", ...vocab], outputMode: "tfIdf", idfWeights: [0.9, 0.25, 0.75, 0.6, 0.4] });
    expect(Array.from(k.transform(rows))).toEqual([0, f32(0.25), 0, f32(0.6), f32(2 * f32(0.4)), f32(2 * f32(0.9)), 0, f32(0.75), 0, f32(0.4)]);
    expect(code(() => new StringLookup({ vocabulary: vocab, outputMode: "tfIdf" }))).toBe("INVALID_OPTION");
    expect(code(() => new StringLookup({ vocabulary: vocab, outputMode: "tfIdf", idfWeights: [1, 2] }))).toBe("INVALID_OPTION");
    expect(code(() => new StringLookup({ vocabulary: vocab, idfWeights: [1, 2, 3, 4] }))).toBe("INVALID_OPTION");
  });

  it("tfIdf fitted: idf = log(1 + documents / (1 + document count)), rows are documents", () => {
    // Documents: [a b], [a], [b b c]. Counts b 3, a 2, c 1 -> vocabulary b, a, c.
    // Document counts a 2, b 2, c 1; 3 documents: idf(b) = idf(a) = ln(1 + 3/3) = ln 2, idf(c) = ln(1 + 3/2) = ln 2.5.
    const l = new StringLookup({ outputMode: "tfIdf" }).fit([["a", "b"], ["a"], ["b", "b", "c"]]);
    expect(l.getVocabulary()).toEqual(["[UNK]", "b", "a", "c"]);
    const ln2 = f32(Math.log(2));
    const ln25 = f32(Math.log(2.5));
    const oov = f32((ln2 + ln2 + ln25) / 3);
    expect(Array.from(l.idfWeights)).toEqual([oov, ln2, ln2, ln25]);
    // Row [b b z]: z is OOV once, b twice.
    expect(Array.from(l.transform([["b", "b", "z"]]))).toEqual([f32(oov), f32(2 * ln2), 0, 0]);
  });

  it("drops the mask in encoded modes (no index; zero one-hot row; not counted)", () => {
    const l = new StringLookup({ vocabulary: ["a", "b"], maskToken: "", outputMode: "oneHot" });
    expect(l.getVocabulary()).toEqual(["[UNK]", "a", "b"]);
    expect(Array.from(l.transform(["", "b"]))).toEqual([0, 0, 0, 0, 0, 1]);
    const c = new StringLookup({ vocabulary: ["a", "b"], maskToken: "", outputMode: "count" });
    expect(Array.from(c.transform([["", "", "a", "q"]]))).toEqual([1, 1, 0]);
  });

  it("pads encoded output to maxTokens, with zero idf for padding", () => {
    const l = new StringLookup({ vocabulary: ["a", "b"], outputMode: "multiHot", maxTokens: 6, padToMaxTokens: true });
    expect(l.width).toBe(6);
    expect(l.outputNames()).toEqual(["x_[UNK]", "x_a", "x_b", "x_[PAD]_0", "x_[PAD]_1", "x_[PAD]_2"]);
    expect(Array.from(l.transform([["b", "q"]]))).toEqual([1, 0, 1, 0, 0, 0]);
    const t = new StringLookup({ outputMode: "tfIdf", maxTokens: 5, padToMaxTokens: true }).fit([["a"], ["b"]]);
    // ln(1 + 2/2) = ln 2 for both; OOV = mean = ln 2; two padding columns of 0.
    expect(Array.from(t.idfWeights)).toEqual([f32(Math.log(2)), f32(Math.log(2)), f32(Math.log(2)), 0, 0]);
  });

  it("sparse output equals the dense output", () => {
    const rows = [["a", "c", "d", "d"], ["d", "z", "b", "z"], [], ["b"]];
    for (const outputMode of ["multiHot", "count", "tfIdf"] as const) {
      const l = new StringLookup({ vocabulary: vocab, outputMode, ...(outputMode === "tfIdf" ? { idfWeights: [0.25, 0.75, 0.6, 0.4] } : {}) });
      const s = l.transformSparse(rows);
      expect(Array.from(s.indptr)).toEqual([0, 3, 6, 6, 7]);
      expect(Array.from(csrToDense(s))).toEqual(Array.from(l.transform(rows)));
    }
    const o = new StringLookup({ vocabulary: vocab, outputMode: "oneHot", maskToken: "" });
    const s = o.transformSparse(["d", "", "z"]);
    expect(Array.from(s.indptr)).toEqual([0, 1, 1, 2]);
    expect(Array.from(s.indices)).toEqual([4, 0]);
    expect(code(() => new StringLookup({ vocabulary: vocab }).transformSparse(["a"]))).toBe("INVALID_OPTION");
  });

  it("transformIds writes Int32 ids into a caller's buffer", () => {
    const l = new StringLookup({ vocabulary: vocab });
    const out = new Int32Array(5).fill(-7);
    const ids = l.transformIds(["d", "a", "q"], out);
    expect(Array.from(ids)).toEqual([4, 1, 0]);
    expect(out[3]).toBe(-7);
    expect(code(() => l.transformIds(["a", "b"], new Int32Array(1)))).toBe("BUFFER_TOO_SMALL");
    expect(code(() => new StringLookup({ vocabulary: vocab, outputMode: "count" }).transformIds(["a"]))).toBe("INVALID_OPTION");
  });
});

describe("StringLookup: invert", () => {
  it("maps ids back to tokens with lookupTokens; transform is a typed error (Keras docstring)", () => {
    const inv = new StringLookup({ vocabulary: ["a", "b", "c", "d"], invert: true });
    // [[1,3,4],[4,0,2]] -> [["a","c","d"],["d","[UNK]","b"]]; out of range -> "[UNK]".
    expect(inv.lookupTokens([1, 3, 4, 4, 0, 2, 99, -3])).toEqual(["a", "c", "d", "d", "[UNK]", "b", "[UNK]", "[UNK]"]);
    expect(code(() => inv.transform(["a"]))).toBe("INVALID_OPTION");
    expect(code(() => inv.transformIds(["a"]))).toBe("INVALID_OPTION");
    expect(code(() => inv.lookupTokens([1.5]))).toBe("INVALID_INPUT");
    // Index 0 is the mask when there is one.
    const m = new StringLookup({ vocabulary: ["a"], maskToken: "<pad>", oovToken: "?", invert: true });
    expect(m.lookupTokens([0, 1, 2])).toEqual(["<pad>", "?", "a"]);
  });

  it("round-trips ids through a forward lookup and its inverse; invert survives save/load", () => {
    const fwd = new StringLookup().fit(["x", "y", "y"]);
    const inv = new StringLookup({ vocabulary: fwd.getVocabulary(), invert: true });
    const ids = Array.from(fwd.transformIds(["y", "x", "nope"]));
    expect(inv.lookupTokens(ids)).toEqual(["y", "x", "[UNK]"]);
    const loaded = loadArtefact(inv.save()) as StringLookup;
    expect(loaded.options.invert).toBe(true);
    expect(loaded.lookupTokens(ids)).toEqual(["y", "x", "[UNK]"]);
    expect(code(() => loaded.transform(["x"]))).toBe("INVALID_OPTION");
  });
});

describe("StringLookup: options", () => {
  const cases: [string, () => unknown, RegExp][] = [
    ["outputMode", () => new StringLookup({ outputMode: "binary" as never }), /outputMode must be one of "int", "oneHot"/],
    ["numOovIndices", () => new StringLookup({ numOovIndices: -1 }), /numOovIndices must be an integer/],
    ["numOovIndices", () => new StringLookup({ numOovIndices: 1.5 }), /numOovIndices/],
    ["maxTokens", () => new StringLookup({ maxTokens: 1 }), /maxTokens must be an integer from 2/],
    ["maxTokens", () => new StringLookup({ maxTokens: 3, numOovIndices: 3 }), /maxTokens 3 .* leaves no room/],
    ["invert", () => new StringLookup({ invert: true, outputMode: "count" }), /invert needs outputMode "int"/],
    ["padToMaxTokens", () => new StringLookup({ padToMaxTokens: true, outputMode: "count" }), /padToMaxTokens needs maxTokens/],
    ["padToMaxTokens", () => new StringLookup({ padToMaxTokens: true, maxTokens: 5 }), /padToMaxTokens applies to outputMode/],
    ["maskToken", () => new StringLookup({ maskToken: 0 as unknown as string }), /maskToken must be a single string token/],
    ["oovToken", () => new StringLookup({ oovToken: "\ud800" }), /oovToken must be a single string token/],
    ["maskToken", () => new StringLookup({ maskToken: "[UNK]" }), /maskToken and oovToken/],
    ["idfWeights", () => new StringLookup({ outputMode: "tfIdf", idfWeights: [1] }), /idfWeights go with a given vocabulary/],
    ["vocabulary", () => new StringLookup({ vocabulary: ["a", 1 as unknown as string] }), /vocabulary entry 1 is 1/],
  ];
  for (const [option, make, pattern] of cases) {
    it(`rejects a bad ${option} with a typed error naming it`, () => {
      expect(code(make)).toBe("INVALID_OPTION");
      expect(message(make)).toMatch(pattern);
    });
  }

  it("has Keras 3 defaults", () => {
    const l = new StringLookup();
    expect(l.options).toEqual({ maxTokens: null, numOovIndices: 1, maskToken: null, oovToken: "[UNK]", outputMode: "int", invert: false, padToMaxTokens: false });
  });

  it("is not fitted without data or vocabulary", () => {
    expect(code(() => new StringLookup().transform(["a"]))).toBe("NOT_FITTED");
  });
});

describe("StringLookup: artefact", () => {
  it("round-trips every output mode bit for bit", () => {
    const rows = [["a", "b"], ["b"], ["c", "a", "a"], []];
    for (const outputMode of ["oneHot", "multiHot", "count", "tfIdf"] as const) {
      const l = new StringLookup({ outputMode, maskToken: "", numOovIndices: 2 }).fit(outputMode === "oneHot" ? ["a", "b", "b", ""] : rows);
      const x = outputMode === "oneHot" ? ["a", "zz", "", "b"] : [["a", "zz", "", "b"], []];
      const loaded = loadArtefact(l.save()) as StringLookup;
      expect(loaded).toBeInstanceOf(StringLookup);
      expect(loaded.outputNames()).toEqual(l.outputNames());
      expect(Array.from(loaded.transform(x))).toEqual(Array.from(l.transform(x)));
      expect(loaded.save()).toEqual(l.save());
    }
  });

  it("refuses inconsistent state from an artefact with ArtefactError", () => {
    const good = new StringLookup({ outputMode: "tfIdf" }).fit([["a", "b"]]).toRecord().state as LookupState;
    const tamper = (patch: Partial<LookupState>) => code(() => StringLookup.fromState({ ...good, ...patch }));
    expect(tamper({})).toBe("ok");
    expect(tamper({ idf: new Float64Array(2) })).toBe("ARTEFACT_MALFORMED");
    expect(tamper({ flavour: "integer" })).toBe("ARTEFACT_MALFORMED");
    expect(tamper({ vocabulary: { type: "string", values: ["a", "a"], includesMissing: false } })).toBe("ARTEFACT_MALFORMED");
    expect(tamper({ vocabulary: { type: "number", values: new Float64Array([1]), includesMissing: false } })).toBe("ARTEFACT_MALFORMED");
    expect(tamper({ numOovIndices: 2 ** 30 })).toBe("ARTEFACT_MALFORMED");
    expect(tamper({ invert: true })).toBe("ARTEFACT_MALFORMED");
    expect(tamper({ maxTokens: 2 })).toBe("ARTEFACT_MALFORMED");
    expect(code(() => IntegerLookup.fromState(good))).toBe("ARTEFACT_MALFORMED");
    // Padding is backed by no bytes: a huge declared padded width is refused, not allocated.
    const multi = new StringLookup({ outputMode: "multiHot" }).fit([["a"]]).toRecord().state as LookupState;
    expect(code(() => StringLookup.fromState({ ...multi, padToMaxTokens: true, maxTokens: 2 ** 31 - 1 }))).toBe("ARTEFACT_MALFORMED");
    expect(StringLookup.fromState({ ...multi, padToMaxTokens: true, maxTokens: 1000 }).width).toBe(1000);
  });
});
