/** MurmurHash3 x86 32-bit against sklearn.utils.murmurhash3_32 (fixtures/parity/MurmurHash3.json). */
import { describe, expect, it } from "vitest";
import { murmurhash3String, murmurhash3_x86_32, toUnsigned32 } from "../../src/core/murmurhash3.js";
import { loadParityCases } from "../parity/fixtures.js";

describe("murmurhash3 matches scikit-learn's murmurhash3_32 bit for bit", () => {
  const cases = loadParityCases<{ seed: number }>("MurmurHash3");
  const strings = cases[0].strings as string[];
  it("covers many real strings, every tail length and h = -2^31", () => {
    expect(strings.length).toBeGreaterThan(1500);
    expect(cases[0].hashes as number[]).toContain(-(2 ** 31));
  });
  for (const c of cases) {
    it(c.name, () => {
      const hashes = c.hashes as number[];
      const got = strings.map((s) => murmurhash3String(s, c.options.seed));
      const bad = got.findIndex((h, i) => h !== hashes[i]);
      expect(bad, bad < 0 ? "" : `${JSON.stringify(strings[bad])}: got ${got[bad]}, sklearn ${hashes[bad]}`).toBe(-1);
    });
  }

  it("hashes bytes: the string helper equals hashing TextEncoder's UTF-8", () => {
    const enc = new TextEncoder();
    for (const s of strings.slice(0, 300)) expect(murmurhash3_x86_32(enc.encode(s), 7)).toBe(murmurhash3String(s, 7));
  });

  it("hashes a prefix of a buffer when given a length", () => {
    const bytes = new TextEncoder().encode("hello world, and more");
    expect(murmurhash3_x86_32(bytes, 0, 11)).toBe(murmurhash3String("hello world", 0));
    expect(murmurhash3_x86_32(bytes, 0, 11)).toBe(1586663183);
  });

  it("returns signed int32; toUnsigned32 gives positive=True", () => {
    expect(murmurhash3String("ab", 0)).toBe(-1681926305);
    expect(toUnsigned32(murmurhash3String("ab", 0))).toBe(2 ** 32 - 1681926305);
  });

  it("rejects lone surrogates with a typed error (Python raises UnicodeEncodeError) instead of hashing U+FFFD", () => {
    for (const s of ["\ud800", "a\udc00", "\ud83d", "x\ud83dy"]) {
      expect(() => murmurhash3String(s, 0, "test", 3)).toThrow(expect.objectContaining({ code: "INVALID_INPUT" }));
    }
    expect(() => murmurhash3String("\ud800", 0, "Hasher \"h\"", 3)).toThrow(/row 3/);
    // A well-formed pair is one code point (4 UTF-8 bytes).
    expect(murmurhash3String("\ud83d\ude00", 0)).toBe(murmurhash3_x86_32(new Uint8Array([0xf0, 0x9f, 0x98, 0x80]), 0));
  });

  it("grows its scratch buffer for long strings", () => {
    const long = "ž".repeat(100_000);
    expect(murmurhash3String(long, 1)).toBe(murmurhash3_x86_32(new TextEncoder().encode(long), 1));
  });
});
