/**
 * ed25519 signatures (issue 6.4): save({ sign: { privateKey } }) signs the SHA-256 of the
 * header and envelope; loadArtefact(bytes, { trustedKeys, requireSignature }) verifies.
 */
import { describe, expect, it } from "vitest";
import { Pipeline, SkewlessError, StandardScaler, generateSigningKey, inspectArtefact, loadArtefact, publicKeyOf } from "../../src/index.js";
import { completePenguinRows, penguinRows } from "../conformance/arbitraries.js";
import { join, pb, rewrite, split } from "./build.js";

function code(op: () => unknown): string {
  try {
    op();
    return "ok";
  } catch (e) {
    if (e instanceof SkewlessError) return e.code;
    throw e;
  }
}

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

describe("signatures", () => {
  const key = generateSigningKey();
  const pub = publicKeyOf(key);
  const otherKey = generateSigningKey();
  const scaler = new StandardScaler({ name: "penguin" }).fit(penguinRows());
  const signed = scaler.save({ sign: { privateKey: key } });
  const unsigned = scaler.save();

  it("makes 32-byte keys and deterministic signatures", () => {
    expect(key.length).toBe(32);
    expect(pub.length).toBe(32);
    expect(hex(scaler.save({ sign: { privateKey: key } }))).toBe(hex(signed));
    expect(signed.length).toBeGreaterThan(unsigned.length);
  });

  it("loads a signed artefact signed by a trusted key, and says so", () => {
    expect(code(() => loadArtefact(signed, { trustedKeys: [pub], requireSignature: true }))).toBe("ok");
    const { info } = inspectArtefact(signed, { trustedKeys: [generateSigningKey().subarray(0, 32), pub].map((k, i) => (i === 0 ? publicKeyOf(k) : k)) });
    expect(info.verifiedBy).toEqual([hex(pub)]);
    expect(info.signatures).toEqual([{ algorithm: "ed25519", publicKey: hex(pub) }]);
  });

  it("loads signed artefacts without checking when no key is trusted", () => {
    expect(code(() => loadArtefact(signed))).toBe("ok");
    expect(inspectArtefact(signed).info.verifiedBy).toEqual([]);
  });

  it("refuses an unsigned artefact when a signature is required", () => {
    expect(code(() => loadArtefact(unsigned, { trustedKeys: [pub], requireSignature: true }))).toBe("SIGNATURE_INVALID");
    expect(code(() => loadArtefact(unsigned, { trustedKeys: [pub] }))).toBe("ok");
  });

  it("does not accept a signature by an untrusted key as the required one", () => {
    const byOther = scaler.save({ sign: { privateKey: otherKey } });
    expect(code(() => loadArtefact(byOther, { trustedKeys: [pub], requireSignature: true }))).toBe("SIGNATURE_INVALID");
    expect(code(() => loadArtefact(byOther, { trustedKeys: [publicKeyOf(otherKey)], requireSignature: true }))).toBe("ok");
  });

  it("refuses content changed after signing, even with a recomputed digest", () => {
    const tampered = rewrite(signed, (b) => {
      b.metadata = [new pb.KeyValue({ key: "owner", value: "mallory" })];
    });
    // rewrite() drops signatures; put the original signature back over the new content
    const withSig = join({ ...split(tampered), signatures: split(signed).signatures });
    expect(code(() => loadArtefact(withSig))).toBe("ok"); // no trusted keys: nothing is checked
    expect(code(() => loadArtefact(withSig, { trustedKeys: [pub] }))).toBe("SIGNATURE_INVALID");
    expect(code(() => loadArtefact(withSig, { trustedKeys: [pub], requireSignature: true }))).toBe("SIGNATURE_INVALID");
  });

  it("refuses a signature moved from another artefact, and a forged one", () => {
    const other = new StandardScaler({ name: "other" }).fit(completePenguinRows()).save({ sign: { privateKey: key } });
    const moved = join({ ...split(unsigned), signatures: split(other).signatures });
    expect(code(() => loadArtefact(moved, { trustedKeys: [pub] }))).toBe("SIGNATURE_INVALID");
    const set = pb.SignatureSet.decode(split(signed).signatures);
    for (const signature of [new Uint8Array(64), new Uint8Array(63), set.signatures[0].signature!.map((v, i) => (i === 10 ? v ^ 1 : v))]) {
      const forged = pb.SignatureSet.encode({ signatures: [{ algorithm: "ed25519", publicKey: pub, signature }] }).finish();
      expect(code(() => loadArtefact(join({ ...split(signed), signatures: forged }), { trustedKeys: [pub] }))).toBe("SIGNATURE_INVALID");
    }
  });

  it("ignores signatures in unknown algorithms, and says why when one was required", () => {
    const set = pb.SignatureSet.decode(split(signed).signatures);
    const renamed = pb.SignatureSet.encode({ signatures: [{ ...set.signatures[0], algorithm: "rsa-pss" }] }).finish();
    const bytes = join({ ...split(signed), signatures: renamed });
    expect(code(() => loadArtefact(bytes, { trustedKeys: [pub] }))).toBe("ok");
    try {
      loadArtefact(bytes, { trustedKeys: [pub], requireSignature: true });
      throw new Error("loaded");
    } catch (e) {
      expect((e as SkewlessError).code).toBe("SIGNATURE_INVALID");
      expect((e as Error).message).toMatch(/algorithm/);
    }
  });

  it("signs pipelines too", () => {
    const p = new Pipeline([new StandardScaler(), new StandardScaler({ withMean: false })]).fit(completePenguinRows());
    expect(code(() => loadArtefact(p.save({ sign: { privateKey: key } }), { trustedKeys: [pub], requireSignature: true }))).toBe("ok");
  });

  it("rejects bad keys and options with INVALID_OPTION", () => {
    expect(code(() => scaler.save({ sign: { privateKey: new Uint8Array(31) } }))).toBe("INVALID_OPTION");
    expect(code(() => scaler.save({ sign: {} as { privateKey: Uint8Array } }))).toBe("INVALID_OPTION");
    expect(code(() => publicKeyOf("key" as unknown as Uint8Array))).toBe("INVALID_OPTION");
    expect(code(() => loadArtefact(signed, { requireSignature: true }))).toBe("INVALID_OPTION");
    expect(code(() => loadArtefact(signed, { trustedKeys: [new Uint8Array(33)] }))).toBe("INVALID_OPTION");
    expect(code(() => loadArtefact(signed, { trustedKeys: pub as unknown as Uint8Array[] }))).toBe("INVALID_OPTION");
    expect(code(() => loadArtefact(signed, { requireSignature: "yes" as unknown as boolean, trustedKeys: [pub] }))).toBe("INVALID_OPTION");
  });

  it("re-saving a loaded signed object without a key writes an unsigned artefact", () => {
    const loaded = loadArtefact(signed, { trustedKeys: [pub], requireSignature: true });
    const again = loaded.save();
    expect(inspectArtefact(again).info.signatures).toEqual([]);
    expect(hex(loaded.save({ sign: { privateKey: key } }))).toBe(hex(signed));
  });
});
