/**
 * Optional ed25519 signatures (RFC 8032) over an artefact, through @noble/ed25519: an
 * audited, dependency-free implementation whose synchronous API runs the same in Node
 * and browsers once given a SHA-512 (from @noble/hashes, already used for the digest).
 * Web Crypto's Ed25519 is async-only and missing from some browsers, and loading stays
 * synchronous.
 *
 * What is signed: the SHA-256 of bytes [0, 12 + E) of the artefact — magic, version,
 * envelope length and the Envelope (producer and body). The signature section itself
 * and the trailing digest are outside it, so signatures can be added without changing
 * what they sign. Ed25519 signing is deterministic, so a signed save is reproducible.
 */
import * as ed from "@noble/ed25519";
import { sha512 } from "@noble/hashes/sha2.js";
import { IntegrityError, InvalidOptionError } from "../core/errors.js";
import { sha256, toHex } from "./sha256.js";

export const ED25519 = "ed25519";
const KEY_BYTES = 32;
const SIGNATURE_BYTES = 64;

/** Wires noble's synchronous API to SHA-512 (done on first use, not at import). */
function engine(): typeof ed {
  if (ed.hashes.sha512 === undefined) ed.hashes.sha512 = (message) => sha512(message) as ReturnType<NonNullable<typeof ed.hashes.sha512>>;
  return ed;
}

function requireKey(key: unknown, what: string): Uint8Array {
  if (!(key instanceof Uint8Array) || key.length !== KEY_BYTES) {
    throw new InvalidOptionError(
      `${what} must be a ${KEY_BYTES}-byte Uint8Array (an ed25519 ${what.includes("private") ? "secret key seed from generateSigningKey()" : "public key from publicKeyOf()"}), got ${
        key instanceof Uint8Array ? `${key.length} bytes` : Object.prototype.toString.call(key)
      }`,
    );
  }
  return key;
}

/** A fresh random ed25519 private key (32-byte seed), from the platform's CSPRNG. */
export function generateSigningKey(): Uint8Array {
  return engine().utils.randomSecretKey();
}

/** The 32-byte public key of an ed25519 private key; give it to loaders as a trusted key. */
export function publicKeyOf(privateKey: Uint8Array): Uint8Array {
  return engine().getPublicKey(requireKey(privateKey, "sign.privateKey"));
}

export interface SignatureRecord {
  algorithm: string;
  publicKey: Uint8Array;
  signature: Uint8Array;
}

/** Signs the signed part (header + envelope) of an artefact. */
export function signPart(signedPart: Uint8Array, privateKey: Uint8Array): SignatureRecord {
  const key = requireKey(privateKey, "sign.privateKey");
  const e = engine();
  return { algorithm: ED25519, publicKey: e.getPublicKey(key), signature: e.sign(sha256(signedPart), key) };
}

export interface VerifyOptions {
  trustedKeys?: readonly Uint8Array[];
  requireSignature?: boolean;
}

/** Validates the caller's options before any bytes are looked at. */
export function checkVerifyOptions(options: VerifyOptions): { trusted: Uint8Array[]; required: boolean } {
  const { trustedKeys, requireSignature } = options;
  if (requireSignature !== undefined && typeof requireSignature !== "boolean") {
    throw new InvalidOptionError(`loadArtefact option requireSignature must be true or false, got ${String(requireSignature)}`);
  }
  if (trustedKeys !== undefined && !Array.isArray(trustedKeys)) {
    throw new InvalidOptionError("loadArtefact option trustedKeys must be an array of 32-byte ed25519 public keys (publicKeyOf(privateKey))");
  }
  const trusted = (trustedKeys ?? []).map((k, i) => requireKey(k, `trustedKeys[${i}]`));
  if (requireSignature === true && trusted.length === 0) {
    throw new InvalidOptionError(
      "loadArtefact: requireSignature is true but trustedKeys is empty, so no signature could be accepted; pass the signer's public key in trustedKeys",
    );
  }
  return { trusted, required: requireSignature === true };
}

function sameKey(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Checks the signatures against the trusted keys. A signature that claims a trusted key
 * but does not verify is always refused (the bytes were altered after signing); when a
 * signature is required, at least one trusted key must have signed. Signatures by other
 * keys, or by algorithms this reader does not know, are ignored: they prove nothing to
 * this caller. Returns the hex public keys whose signatures verified.
 */
export function verifySignatures(signedPart: Uint8Array, signatures: readonly SignatureRecord[], trusted: readonly Uint8Array[], required: boolean): string[] {
  if (trusted.length === 0) return [];
  const digest = sha256(signedPart);
  const e = engine();
  const verified: string[] = [];
  const tried = new Set<string>();
  for (const sig of signatures) {
    if (sig.algorithm !== ED25519 || !trusted.some((k) => sameKey(k, sig.publicKey))) continue;
    const hex = toHex(sig.publicKey);
    // Each trusted key costs at most one verification, however many signatures claim it.
    if (tried.has(hex)) continue;
    tried.add(hex);
    let ok = false;
    try {
      ok = sig.signature.length === SIGNATURE_BYTES && e.verify(sig.signature, digest, sig.publicKey);
    } catch {
      ok = false; // malformed point or signature encoding
    }
    if (!ok) {
      throw new IntegrityError(
        `artefact signature by trusted key ${hex.slice(0, 16)}... does not verify: the artefact was modified after it was signed, or the signature is forged`,
        "SIGNATURE_INVALID",
      );
    }
    verified.push(hex);
  }
  if (required && verified.length === 0) {
    const others = signatures.filter((s) => s.algorithm === ED25519).length;
    throw new IntegrityError(
      signatures.length === 0
        ? "artefact is not signed, but loadArtefact was called with requireSignature: true; sign it with save({ sign: { privateKey } })"
        : `artefact carries ${signatures.length} signature(s)${others > 0 ? ", none by a key in trustedKeys" : ", none in an algorithm this reader verifies (ed25519)"}; it was not signed by a trusted key`,
      "SIGNATURE_INVALID",
    );
  }
  return verified;
}
