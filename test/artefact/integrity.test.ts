/**
 * Integrity (issue 6.3): the digest is verified on every load, so every single-bit flip
 * of a real artefact is refused with a typed error — checked exhaustively, every bit of
 * the smallest artefacts in the fuzz corpus (all registered kinds are candidates).
 */
import { describe, expect, it } from "vitest";
import { SkewlessError, loadArtefact } from "../../src/index.js";
import { SHA256_BACKEND, sha256, sha256Portable } from "../../src/artefact/sha256.js";
import { buildCorpus, smallest } from "../fuzz/corpus.js";

/** Where a flip lands decides which check catches it first. */
function expectedCodes(byte: number): string[] {
  if (byte < 4) return ["ARTEFACT_MALFORMED"]; // magic
  if (byte < 6) return ["VERSION_UNSUPPORTED"]; // major: refused before anything else is trusted
  return ["INTEGRITY_FAILED"]; // everything else, digest bytes included
}

describe("the digest", () => {
  it(`is SHA-256, the same from ${SHA256_BACKEND} and the portable @noble/hashes path`, () => {
    const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
    expect(hex(sha256(new TextEncoder().encode("abc")))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    for (const n of [0, 1, 55, 56, 63, 64, 65, 1000, 100_003]) {
      const b = new Uint8Array(n).map((_, i) => (i * 31 + n) & 0xff);
      expect(hex(sha256(b)), `${n} bytes`).toBe(hex(sha256Portable(b)));
      expect(hex(sha256(b.subarray(0, n >> 1), b.subarray(n >> 1)))).toBe(hex(sha256Portable(b)));
    }
  });
});

describe("integrity: every single-bit flip is rejected", () => {
  const corpus = buildCorpus();
  const picks = [...smallest(corpus, 3), corpus.entries.find((e) => e.label.endsWith("signed"))!];

  for (const e of picks) {
    it(`${e.label} (${e.bytes.length} bytes, ${e.bytes.length * 8} flips)`, () => {
      expect(loadArtefact(e.bytes)).toBeDefined();
      const codes = new Map<string, number>();
      for (let bit = 0; bit < e.bytes.length * 8; bit++) {
        const b = e.bytes.slice();
        b[bit >>> 3] ^= 1 << (bit & 7);
        let code = "loaded";
        try {
          loadArtefact(b);
        } catch (err) {
          if (!(err instanceof SkewlessError)) throw err;
          code = err.code;
        }
        if (!expectedCodes(bit >>> 3).includes(code)) throw new Error(`flip of bit ${bit & 7} of byte ${bit >>> 3}: ${code}, expected ${expectedCodes(bit >>> 3)}`);
        codes.set(code, (codes.get(code) ?? 0) + 1);
      }
      expect(codes.get("loaded")).toBeUndefined();
      expect(codes.get("INTEGRITY_FAILED")).toBe((e.bytes.length - 6) * 8);
    });
  }

  it("a signed artefact with a flipped bit is refused even with a matching recomputed digest when its signature is checked", async () => {
    const { frame, unframe } = await import("../../src/artefact/envelope.js");
    const e = corpus.entries.find((x) => x.label.endsWith("signed"))!;
    const f = unframe(e.bytes);
    for (const at of [0, 5, Math.floor(f.envelope.length / 2), f.envelope.length - 1]) {
      const env = f.envelope.slice();
      env[at] ^= 0x10;
      const forged = frame(env, f.signatures, f.minor);
      let code = "loaded";
      try {
        loadArtefact(forged, { trustedKeys: [corpus.publicKey] });
      } catch (err) {
        code = (err as SkewlessError).code;
      }
      expect(code).toBe("SIGNATURE_INVALID");
    }
  });
});
