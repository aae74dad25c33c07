/** OneHotEncoder: Unicode spellings, the empty string and prototype names are ordinary categories. */
import { describe, expect, it } from "vitest";
import { OneHotEncoder, SkewlessError, loadArtefact } from "../../src/index.js";

const NFC = "\u00e9"; // é, one code point
const NFD = "e\u0301"; // e + combining acute accent

function hot(enc: OneHotEncoder, values: (string | null)[]): number[] {
  const w = enc.width;
  const y = enc.transform(values);
  return values.map((_, i) => {
    const row = Array.from(y.subarray(i * w, (i + 1) * w));
    return row.indexOf(1);
  });
}

function code(fn: () => unknown): string {
  try {
    fn();
    return "ok";
  } catch (e) {
    if (e instanceof SkewlessError) return e.code;
    throw e;
  }
}

describe("OneHotEncoder Unicode and prototype-name categories", () => {
  it("keeps NFC and NFD spellings of é as different categories (no normalization)", () => {
    expect(NFC.normalize("NFD")).toBe(NFD);
    const enc = new OneHotEncoder({ name: "s" }).fit([NFC, NFD, NFC]);
    expect(enc.categories).toEqual([NFD, NFC]); // "e" (U+0065) sorts before "é" (U+00E9)
    expect(enc.outputNames()).toEqual([`s_${NFD}`, `s_${NFC}`]);
    expect(hot(enc, [NFC, NFD, NFC.normalize("NFD"), NFD.normalize("NFC")])).toEqual([1, 0, 0, 1]);
  });

  it("treats the empty string as a category, distinct from missing", () => {
    const enc = new OneHotEncoder({ name: "s" }).fit(["", "a", null]);
    expect(enc.categories).toEqual(["", "a", null]);
    expect(enc.outputNames()).toEqual(["s_", "s_a", "s_None"]);
    expect(hot(enc, ["", null, "a"])).toEqual([0, 2, 1]);
  });

  it("treats __proto__, constructor, toString and other prototype names as ordinary categories", () => {
    const names = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "__defineGetter__", "prototype"];
    const enc = new OneHotEncoder({ name: "p" }).fit(names);
    expect(enc.width).toBe(names.length);
    expect(enc.categories).toEqual([...names].sort());
    const loaded = loadArtefact(enc.save()) as OneHotEncoder;
    expect(hot(loaded, names)).toEqual(hot(enc, names));
    expect(new Set(hot(enc, names)).size).toBe(names.length);
  });

  it("does not find prototype names it never saw (no plain-object lookups)", () => {
    const enc = new OneHotEncoder({ name: "s" }).fit(["a", "b"]);
    for (const v of ["__proto__", "constructor", "toString"]) expect(code(() => enc.transform([v]))).toBe("INVALID_INPUT");
    const ignore = new OneHotEncoder({ name: "s", handleUnknown: "ignore" }).fit(["a", "b"]);
    expect(Array.from(ignore.transform(["__proto__", "constructor", "toString"]))).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it("sorts by code point: BMP private use (U+E000) before astral characters, as Python does", () => {
    const enc = new OneHotEncoder({ name: "s" }).fit(["\u{1F600}", "\uE000", "\uFB01", "\u{10000}"]);
    expect(enc.categories).toEqual(["\uE000", "\uFB01", "\u{10000}", "\u{1F600}"]);
  });

  it("rejects a given missing category that is not last (its column would move)", () => {
    expect(code(() => new OneHotEncoder({ categories: ["a", null, "b"] }).fit(["a"]).width)).toBe("INVALID_OPTION");
    expect(new OneHotEncoder({ categories: ["b", "a", null] }).fit(["a", null]).categories).toEqual(["b", "a", null]);
  });
});
