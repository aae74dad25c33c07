/** EmbeddingTable: options, vocabulary, OOV policies, pooling, storage precision, corpus fit. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EmbeddingTable, type EmbeddingTableOptions, SkewlessError, inspectArtefact, loadArtefact, loadAs, parseWord2vecBinary, wordVectors } from "../../src/index.js";
import { decodeArtefact } from "../../src/artefact/index.js";
import type { EmbeddingTableState } from "../../src/artefact/states.js";
import { murmurhash3String } from "../../src/core/murmurhash3.js";

function code(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (e instanceof SkewlessError) return `${e.code}: ${e.message}`;
    throw e;
  }
  return "ok";
}

const same = (a: ArrayBufferView, b: ArrayBufferView): boolean =>
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

/** A hand-made table: a = (1, 2), b = (3, -4), c = (-5, 6). */
const ABC = wordVectors(
  new Map([
    ["a", [1, 2]],
    ["b", [3, -4]],
    ["c", [-5, 6]],
  ]),
);

const KJV = readFileSync(new URL("../../fixtures/data/kjv-sample.jsonl", import.meta.url), "utf8")
  .trim()
  .split("\n")
  .map((l) => (JSON.parse(l) as { text: string }).text.toLowerCase().match(/[a-z]+/g) ?? []);
const KJV_VECTORS = parseWord2vecBinary(new Uint8Array(readFileSync(new URL("../../fixtures/embedding/vectors/kjv-16d.w2v.bin", import.meta.url))));

const stateOf = (t: EmbeddingTable): EmbeddingTableState => t.toRecord().state as EmbeddingTableState;

describe("options", () => {
  const bad: [string, EmbeddingTableOptions, RegExp][] = [
    ["unknown source", { source: "file" as "corpus" }, /source must be one of "pretrained", "corpus", "random", got "file"/],
    ["pretrained without vectors", { source: "pretrained" }, /source "pretrained" needs vectors/],
    ["vectors for a corpus", { source: "corpus", vectors: ABC }, /vectors apply to source "pretrained" only/],
    ["window with pretrained vectors", { vectors: ABC, window: 3 }, /window applies to source "corpus" only/],
    ["eigenWeight with random", { source: "random", eigenWeight: 1 }, /eigenWeight applies to source "corpus" only/],
    ["dims unlike the vectors", { vectors: ABC, dims: 3 }, /dims is 3 but the pretrained vectors have 2 values/],
    ["dims 0", { dims: 0 }, /dims must be an integer from 1 to 65536, got 0/],
    ["oov policy", { oov: "skip" as "zero" }, /oov must be one of "zero", "mean", "random", "hashBuckets", got "skip"/],
    ["oovBuckets without hashBuckets", { oov: "mean", oovBuckets: 8 }, /oovBuckets applies to oov "hashBuckets" only/],
    ["oovBuckets 0", { oov: "hashBuckets", oovBuckets: 0 }, /oovBuckets must be an integer from 1 to 1048576/],
    ["pooling", { pooling: "median" as "mean" }, /pooling must be one of "mean", "sum", "max", "tfIdfMean"/],
    ["maskToken object", { maskToken: {} as string }, /maskToken must be a string, a finite number or null/],
    ["maskToken lone surrogate", { maskToken: "\ud800" }, /maskToken must be a string/],
    ["missing", { missing: "drop" as "mask" }, /missing must be one of "mask", "error"/],
    ["storage", { storage: "bfloat16" as "float16" }, /storage must be one of "float32", "float16", "int8"/],
    ["minCount 0", { minCount: 0 }, /minCount must be an integer from 1/],
    ["maxTokens fraction", { maxTokens: 1.5 }, /maxTokens must be an integer from 1/],
    ["contextSmoothing 0", { contextSmoothing: 0 }, /contextSmoothing must be a number in \(0, 1\]/],
    ["eigenWeight 2", { eigenWeight: 2 }, /eigenWeight must be a number in \[0, 1\]/],
    ["seed negative", { seed: -1 }, /seed must be an integer from 0 to 4294967295/],
    ["normalize string", { normalize: "yes" as unknown as boolean }, /normalize must be true or false/],
    ["vectors of the wrong shape", { vectors: { tokens: ["a"], dims: 2, vectors: new Float32Array(3) } }, /vectors.vectors holds 3 values, but 1 tokens x 2 dims need 2/],
    ["vectors with NaN", { vectors: { tokens: ["a"], dims: 1, vectors: Float32Array.of(NaN) } }, /vectors.vectors\[0\] \(token "a"\) is NaN/],
    ["vectors with a token twice", { vectors: { tokens: ["a", "a"], dims: 1, vectors: new Float32Array(2) } }, /holds "a" twice/],
    ["vectors of mixed token types", { vectors: { tokens: ["a", 1], dims: 1, vectors: new Float32Array(2) } }, /mixes strings and numbers/],
    ["vectors as a plain object", { vectors: { a: [1] } as never }, /vectors must be \{ tokens, dims, vectors: Float32Array \}/],
    ["a Map with uneven vectors", { vectors: new Map([["a", [1]], ["b", [1, 2]]]) }, /INVALID_OPTION: EmbeddingTable: vectors: .*same length/],
  ];
  for (const [label, options, message] of bad) {
    it(`rejects ${label}`, () => {
      const got = code(() => new EmbeddingTable(options));
      expect(got).toMatch(/^INVALID_OPTION: EmbeddingTable/);
      expect(got).toMatch(message);
    });
  }

  it("has documented defaults", () => {
    const corpus = new EmbeddingTable().options;
    expect([corpus.source, corpus.dims, corpus.window, corpus.minCount, corpus.normalize, corpus.oov, corpus.pooling, corpus.storage]).toEqual([
      "corpus", 100, 5, 5, true, "zero", "mean", "float32",
    ]);
    const pre = new EmbeddingTable({ vectors: ABC }).options;
    expect([pre.source, pre.dims, pre.minCount, pre.normalize]).toEqual(["pretrained", 2, 1, false]);
    expect(new EmbeddingTable({ oov: "hashBuckets" }).options.oovBuckets).toBe(64);
  });
});

describe("vocabulary from pretrained vectors", () => {
  it("keeps the fitted tokens that have vectors, most frequent first, ties by token descending", () => {
    const t = new EmbeddingTable({ vectors: ABC }).fit([["a", "b", "zz"], "c", ["b"], "zz", "zz"]);
    expect(t.vocabulary()).toEqual(["b", "c", "a"]);
    expect(t.table().oovRows).toBe(1);
    expect(t.outputNames()).toEqual(["x_0", "x_1"]);
    expect(new EmbeddingTable({ vectors: ABC, maxTokens: 1 }).fit(["c", "a", "a"]).vocabulary()).toEqual(["a"]);
    expect(new EmbeddingTable({ vectors: ABC, minCount: 2 }).fit(["c", "a", "a", "b"]).vocabulary()).toEqual(["a"]);
  });

  it("a fit with no usable token is a typed error that says why", () => {
    expect(code(() => new EmbeddingTable({ vectors: ABC }).fit(["A", "B"]).width)).toMatch(/INVALID_INPUT: .*none of the 2 distinct tokens seen has a pretrained vector \(check case/);
    expect(code(() => new EmbeddingTable({ vectors: ABC, minCount: 3 }).fit(["a", "b"]).width)).toMatch(/no token occurs at least minCount = 3 times/);
    expect(code(() => new EmbeddingTable({ vectors: ABC }).fit([null, [], [NaN]]).width)).toMatch(/INVALID_INPUT: .*fit saw no token/);
    expect(code(() => new EmbeddingTable({ vectors: ABC, maskToken: 0 }).fit(["a"]).width)).toMatch(/INVALID_OPTION: .*maskToken 0 is a number but the column holds strings/);
    expect(code(() => new EmbeddingTable({ vectors: ABC }).fit(["a", 1]))).toMatch(/INVALID_INPUT: .*row 1 is 1 \(number\) but the column holds strings/);
    expect(code(() => new EmbeddingTable({ vectors: ABC }).fit(["\ud800"]))).toMatch(/lone UTF-16 surrogate/);
  });
});

describe("pooling", () => {
  const fit = (o: EmbeddingTableOptions = {}): EmbeddingTable => new EmbeddingTable({ vectors: ABC, ...o }).fit(["a", "b", "c"]);

  it("mean, sum and max over a row's tokens; a token alone is its vector", () => {
    const rows = [["a", "b", "b"], "c", ["c", "a"]];
    expect(Array.from(fit().transform(rows))).toEqual([7 / 3, -2, -5, 6, -2, 4].map(Math.fround));
    expect(Array.from(fit({ pooling: "sum" }).transform(rows))).toEqual([7, -6, -5, 6, -4, 8]);
    expect(Array.from(fit({ pooling: "max" }).transform(rows))).toEqual([3, 2, -5, 6, 1, 6]);
  });

  it("tfIdfMean weights each token by its idf (Keras: log(1 + documents / (1 + df)))", () => {
    const t = new EmbeddingTable({ vectors: ABC, pooling: "tfIdfMean" }).fit([["a", "b"], ["a"], ["a", "c"], ["b"]]);
    const idf = (df: number): number => Math.fround(Math.log(1 + 4 / (1 + df)));
    const [wa, wb] = [idf(3), idf(2)];
    const y = t.transform([["a", "b", "b"]]);
    expect(y[0]).toBe(Math.fround((wa * 1 + 2 * wb * 3) / (wa + 2 * wb)));
    expect(y[1]).toBe(Math.fround((wa * 2 + 2 * wb * -4) / (wa + 2 * wb)));
    // The OOV row gets the mean weight of the vocabulary (as Keras' OOV index).
    const s = stateOf(t);
    expect(s.idf[0]).toBe(Math.fround((idf(3) + idf(2) + idf(1)) / 3));
  });

  it("skips the mask token and missing values; empty, all-padding and missing rows are zeros", () => {
    const t = new EmbeddingTable({ vectors: ABC, maskToken: "" }).fit(["a", "b", "", null]);
    expect(Array.from(t.transform([["a", "", null, "b", undefined, NaN], [], ["", ""], null, undefined, ""]))).toEqual([2, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(t.vocabulary()).toEqual(["b", "a"]);
    const strict = new EmbeddingTable({ vectors: ABC, missing: "error" }).fit(["a"]);
    expect(code(() => strict.transform([["a", null]]))).toMatch(/INVALID_INPUT: .*row 0 is or holds a missing value \(null\) and missing is "error"/);
    expect(code(() => strict.transform([undefined]))).toMatch(/INVALID_INPUT/);
  });

  it("rejects tokens of another type than the fitted column, and objects", () => {
    const t = fit();
    expect(code(() => t.transform([["a", 5]]))).toMatch(/INVALID_INPUT: .*row 0 is 5 \(number\) but the column holds strings/);
    expect(code(() => t.transform([{} as string]))).toMatch(/INVALID_INPUT/);
    expect(code(() => t.transform("abc" as never))).toMatch(/INVALID_INPUT: .*expected a column/);
  });

  it("a sum beyond float32 is a typed error, not Infinity", () => {
    const big = new EmbeddingTable({ vectors: wordVectors(new Map([["x", [3e38]]])), pooling: "sum" }).fit(["x"]);
    expect(code(() => big.transform([["x", "x"]]))).toMatch(/INVALID_INPUT: .*row 0 sums to 6[.\d]*e\+38 in dimension 0, beyond the float32 range/);
    const mean = new EmbeddingTable({ vectors: wordVectors(new Map([["x", [3e38]]])) }).fit(["x"]);
    expect(mean.transform([["x", "x"]])[0]).toBe(Math.fround(3e38));
  });
});

describe("OOV policies", () => {
  const rows = ["a", "b", "c"];
  it("zero: unknown tokens are zero vectors and count in the mean", () => {
    const t = new EmbeddingTable({ vectors: ABC }).fit(rows);
    expect(Array.from(t.transform(["nope", ["a", "nope"]]))).toEqual([0, 0, 0.5, 1]);
  });

  it("mean: the mean of the vocabulary's vectors", () => {
    const t = new EmbeddingTable({ vectors: ABC, oov: "mean" }).fit(rows);
    expect(Array.from(t.transform(["nope"]))).toEqual([Math.fround(-1 / 3), Math.fround(4 / 3)]);
  });

  it("random: one seeded vector at the table's RMS scale, the same for every unknown token", () => {
    const t = new EmbeddingTable({ vectors: ABC, oov: "random", seed: 9 }).fit(rows);
    const y = t.transform(["nope", "other"]);
    expect(Array.from(y.subarray(0, 2))).toEqual(Array.from(y.subarray(2, 4)));
    expect(same(y, new EmbeddingTable({ vectors: ABC, oov: "random", seed: 9 }).fit(rows).transform(["nope", "other"]))).toBe(true);
    expect(same(y, new EmbeddingTable({ vectors: ABC, oov: "random", seed: 10 }).fit(rows).transform(["nope", "other"]))).toBe(false);
    const rms = Math.sqrt((1 + 4 + 9 + 16 + 25 + 36) / 6);
    for (const v of y) expect(Math.abs(v)).toBeLessThanOrEqual(Math.sqrt(3) * rms);
  });

  it("hashBuckets: murmurhash3(token text, seed) mod buckets; numbers hash as their decimal text", () => {
    const t = new EmbeddingTable({ vectors: ABC, oov: "hashBuckets", oovBuckets: 5, seed: 3 }).fit(rows);
    const { vectors } = t.table();
    for (const tok of ["nope", "other", "日本", "__proto__"]) {
      const b = (murmurhash3String(tok, 3) >>> 0) % 5;
      expect(Array.from(t.transform([tok]))).toEqual(Array.from(vectors.subarray(b * 2, b * 2 + 2)));
    }
    const ids = new EmbeddingTable({ vectors: wordVectors(new Map([[1, [1]], [2, [2]]])), oov: "hashBuckets", oovBuckets: 7 }).fit([1, 2]);
    const b = (murmurhash3String("12345", 0) >>> 0) % 7;
    expect(ids.transform([12345])[0]).toBe(ids.table().vectors[b]);
    // A lone surrogate is unknown, and has no UTF-8 text to hash: a typed error.
    expect(code(() => t.transform(["\ud800"]))).toMatch(/INVALID_INPUT/);
    expect(new EmbeddingTable({ vectors: ABC }).fit(rows).transform(["\ud800"])[0]).toBe(0);
  });
});

describe("storage precision", () => {
  const fit = (storage: "float32" | "float16" | "int8"): EmbeddingTable => new EmbeddingTable({ vectors: KJV_VECTORS, storage, oov: "hashBuckets", oovBuckets: 4 }).fit(KJV);

  it("records the storage in the artefact; float16 halves and int8 quarters the table, within their error bounds", () => {
    const f32 = fit("float32");
    const exact = f32.table().vectors;
    const sizes: Record<string, number> = {};
    for (const storage of ["float32", "float16", "int8"] as const) {
      const t = storage === "float32" ? f32 : fit(storage);
      const bytes = t.save();
      sizes[storage] = bytes.length;
      const record = decodeArtefact(bytes).record.root;
      expect((record.state as EmbeddingTableState).storage).toBe(storage);
      const loaded = loadAs(EmbeddingTable, bytes);
      expect(same(loaded.transform(KJV.slice(0, 50)), t.transform(KJV.slice(0, 50)))).toBe(true);
      const got = t.table().vectors;
      const s = stateOf(t);
      let worst = 0;
      for (let i = 0; i < got.length; i++) {
        const err = Math.abs(got[i] - exact[i]);
        worst = Math.max(worst, err);
        if (storage === "float16") expect(err).toBeLessThanOrEqual(Math.abs(exact[i]) * 2 ** -11 + 2 ** -25);
        if (storage === "int8") expect(err).toBeLessThanOrEqual(s.scales[Math.floor(i / s.dims)] * 0.5 * (1 + 1e-6));
      }
      if (storage === "float32") expect(worst).toBe(0);
      else expect(worst).toBeGreaterThan(0);
    }
    const table = (f32.table().vectors.length * 4) as number;
    expect(sizes.float32 - sizes.float16).toBe(table / 2);
    expect(sizes.float32 - sizes.int8).toBe((table * 3) / 4 - (f32.table().vectors.length / 16) * 4);
  });

  it("int8 codes and scales follow the documented rule; a zero row has scale 0", () => {
    const t = new EmbeddingTable({ vectors: wordVectors(new Map([["a", [1, -0.5, 0.25]], ["z", [0, 0, 0]]])), storage: "int8" }).fit(["a", "z"]);
    const s = stateOf(t);
    const scale = Math.fround(1 / 127);
    // Rows: the OOV row, then "z" and "a" (equal counts: ties by token, descending).
    expect(Array.from(s.scales)).toEqual([0, 0, scale]);
    expect(Array.from(s.values)).toEqual([0, 0, 0, 0, 0, 0, 127, -64, 32]);
    expect(t.transform(["a"])[1]).toBe(Math.fround(-64 * scale));
  });

  it("float16 refuses values beyond its range with a typed error", () => {
    const big = wordVectors(new Map([["a", [70000]]]));
    expect(code(() => new EmbeddingTable({ vectors: big, storage: "float16" }).fit(["a"]).width)).toMatch(
      /INVALID_INPUT: .*value 0 of the vector of "a" is 70000, beyond the float16 \(±65504\) range of storage "float16"; use storage "float32" or "int8"/,
    );
    expect(new EmbeddingTable({ vectors: big, storage: "int8" }).fit(["a"]).transform(["a"])[0]).toBe(70000);
  });
});

describe("learning from a corpus (PPMI + SVD)", () => {
  const options = { dims: 24, window: 4, minCount: 3, seed: 1 };
  const t = new EmbeddingTable(options).fit(KJV);

  it("finds sensible neighbours in 408 KJV verses", () => {
    const near = (w: string): string[] => t.mostSimilar(w, 5).map((x) => x.token as string);
    expect(near("day")).toEqual(expect.arrayContaining(["night", "evening"]));
    expect(near("waters")).toContain("firmament");
    expect(t.width).toBe(24);
    // Unit-length rows (normalize defaults to true for a corpus).
    const { vectors, oovRows } = t.table();
    let n = 0;
    for (let j = 0; j < 24; j++) n += vectors[(oovRows + 3) * 24 + j] ** 2;
    expect(Math.abs(n - 1)).toBeLessThan(1e-6);
  });

  it("is deterministic, and sharded partialFit + merge gives the same artefact bytes", () => {
    const again = new EmbeddingTable(options).fit(KJV);
    expect(same(again.save(), t.save())).toBe(true);
    const a = new EmbeddingTable(options);
    const b = new EmbeddingTable(options);
    KJV.forEach((row, i) => (i % 3 === 1 ? b : a).partialFit([row]));
    expect(same(b.merge(a).save(), t.save())).toBe(true);
    const c = new EmbeddingTable({ ...options, seed: 2 }).fit(KJV);
    expect(same(c.save(), t.save())).toBe(false);
  });

  it("gives zero dimensions beyond what the data determines, and zero vectors to tokens seen alone", () => {
    const small = new EmbeddingTable({ dims: 10, minCount: 1 }).fit([["x", "y"], ["y", "z"], "w"]);
    expect(small.vocabulary()).toEqual(["y", "z", "x", "w"]);
    const y = small.transform(["w", "y"]);
    expect(Array.from(y.subarray(0, 10)).every((v) => v === 0)).toBe(true);
    expect(Array.from(y.subarray(13, 20)).every((v) => v === 0)).toBe(true);
  });
});

describe("random vectors: entity embeddings for categories", () => {
  it("gives each category a seeded vector that does not depend on the other categories", () => {
    const a = new EmbeddingTable({ source: "random", dims: 8, seed: 4 }).fit([17, 23, 17]);
    const b = new EmbeddingTable({ source: "random", dims: 8, seed: 4 }).fit([17, 99]);
    expect(same(a.transform([17]), b.transform([17]))).toBe(true);
    expect(same(a.transform([17]), a.transform([23]))).toBe(false);
    const bools = new EmbeddingTable({ source: "random", dims: 3 }).fit([true, false, true]);
    expect(bools.vocabulary()).toEqual([true, false]);
    expect(same(bools.transform([true]), loadAs(EmbeddingTable, bools.save()).transform([true]))).toBe(true);
  });

  it("keys numbers by value (-0 is 0), and hashes unknown categories into buckets", () => {
    const t = new EmbeddingTable({ source: "random", dims: 4, oov: "hashBuckets", oovBuckets: 16, maxTokens: 2 }).fit([0, 1, 1, 2, 2, 3]);
    expect(t.vocabulary()).toEqual([2, 1]);
    expect(same(t.transform([-0]), t.transform([0]))).toBe(true);
    expect(same(t.transform([0]), t.transform([1]))).toBe(false);
  });
});

describe("loaded tables", () => {
  it("transform like the fitted one, report their kind and storage, and refuse to refit from missing vectors", () => {
    const t = new EmbeddingTable({ vectors: ABC, name: "words", storage: "float16" }).fit(["a", "b"]);
    const bytes = t.save();
    expect(inspectArtefact(bytes).record.root.kind).toBe("EmbeddingTable");
    const loaded = loadArtefact(bytes) as EmbeddingTable;
    expect(loaded.name).toBe("words");
    expect(loaded.outputNames()).toEqual(["words_0", "words_1"]);
    expect(code(() => loaded.partialFit(["a"]))).toMatch(/STATE_UNAVAILABLE/);
    expect(code(() => loaded.fit(["a"]))).toMatch(/STATE_UNAVAILABLE: .*keeps its table but not the full pretrained vectors/);
    const corpus = loadAs(EmbeddingTable, new EmbeddingTable({ dims: 4, minCount: 1 }).fit([["a", "b"]]).save());
    expect(corpus.fit([["c", "d"]]).vocabulary()).toEqual(["d", "c"]);
  });
});
