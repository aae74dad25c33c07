import { describe, expect, it } from "vitest";
import { SkewlessError, TfidfVectorizer } from "../../src/index.js";

function codeOf(fn: () => unknown): string {
  try {
    fn();
    return "ok";
  } catch (e) {
    if (e instanceof SkewlessError) return e.code;
    throw e;
  }
}

const DOCS = ["the cat sat", "the dog sat", "a cat and a dog", "the end"];

describe("TfidfVectorizer", () => {
  it("idf = ln((1 + n) / (1 + df)) + 1, l2-normalized rows", () => {
    const v = new TfidfVectorizer().fit(DOCS);
    expect(v.vocabulary).toEqual(["and", "cat", "dog", "end", "sat", "the"]);
    const df = [1, 2, 2, 1, 2, 3];
    expect(Array.from(v.idf)).toEqual(df.map((d) => Math.log(5 / (1 + d)) + 1));
    const row = v.transform(["the the cat"]);
    const raw = [0, 1 * v.idf[1], 0, 0, 0, 2 * v.idf[5]];
    const norm = Math.hypot(...raw);
    expect(Array.from(row)).toEqual(raw.map((x) => Math.fround(x / norm)));
  });

  it("norm none, l1, sublinearTf, useIdf false", () => {
    const none = new TfidfVectorizer({ norm: "none", smoothIdf: false }).fit(DOCS);
    expect(Array.from(none.idf)).toEqual([1, 2, 2, 1, 2, 3].map((d) => Math.log(4 / d) + 1));
    const l1 = new TfidfVectorizer({ norm: "l1", sublinearTf: true, useIdf: false }).fit(DOCS);
    expect(l1.idf.length).toBe(0);
    const r = l1.transform(["sat sat sat cat"]);
    const a = 1 + Math.log(3);
    expect(Array.from(r)).toEqual([0, Math.fround(1 / (a + 1)), 0, 0, Math.fround(a / (a + 1)), 0]);
  });

  it("leaves an all-zero row zero", () => {
    expect(Array.from(new TfidfVectorizer().fit(DOCS).transform(["nothing known"]))).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it("refuses an infinite idf (given term in no document, smoothIdf false)", () => {
    expect(codeOf(() => new TfidfVectorizer({ vocabulary: ["cat", "unicorn"], smoothIdf: false }).fit(DOCS).width)).toBe("INVALID_INPUT");
    expect(new TfidfVectorizer({ vocabulary: ["cat", "unicorn"] }).fit(DOCS).idf[1]).toBe(Math.log(5) + 1);
    expect(codeOf(() => new TfidfVectorizer({ vocabulary: ["cat"] }).fit([]).width)).toBe("INVALID_INPUT");
  });

  it("fitTransform equals fit then transform bit for bit", () => {
    const a = new TfidfVectorizer({ ngramRange: [1, 2], sublinearTf: true }).fitTransform(DOCS);
    const b = new TfidfVectorizer({ ngramRange: [1, 2], sublinearTf: true }).fit(DOCS).transform(DOCS);
    expect(Buffer.from(a.buffer).equals(Buffer.from(b.buffer))).toBe(true);
  });
});
