/**
 * SHA-256 behind one synchronous interface that works in Node and browsers.
 * Web Crypto is async-only, and loading an artefact should not have to be; the
 * audited pure-JS @noble/hashes implementation is synchronous and browser-safe.
 */
import { sha256 as nobleSha256 } from "@noble/hashes/sha2.js";

export function sha256(...parts: Uint8Array[]): Uint8Array {
  const h = nobleSha256.create();
  for (const p of parts) h.update(p);
  return h.digest();
}

export function toHex(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i++) s += bytes[i].toString(16).padStart(2, "0");
  return s;
}
