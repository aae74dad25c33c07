/**
 * SHA-256 behind one synchronous interface that works in Node and browsers.
 *
 * Loading an artefact is synchronous, and Web Crypto's digest is async-only, so the
 * portable path is the audited pure-JS @noble/hashes implementation (~70 MB/s). Where
 * Node's crypto is reachable synchronously (process.getBuiltinModule, Node >= 20.16)
 * it is used instead (~1 GB/s): verifying a large artefact then costs milliseconds, not
 * seconds. Both compute the same function; test/artefact checks they agree.
 */
import { sha256 as nobleSha256 } from "@noble/hashes/sha2.js";

interface NodeHash {
  update(data: Uint8Array): NodeHash;
  digest(): Uint8Array;
}

/** node:crypto's createHash when the runtime offers it without an import (so bundles stay browser-safe). */
const nodeCreateHash: ((algorithm: string) => NodeHash) | undefined = (() => {
  try {
    const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    const crypto = proc?.getBuiltinModule?.("node:crypto") as { createHash?: (algorithm: string) => NodeHash } | undefined;
    return typeof crypto?.createHash === "function" ? crypto.createHash : undefined;
  } catch {
    return undefined;
  }
})();

/** The pure-JS path, always available (exported so tests can compare the two). */
export function sha256Portable(...parts: Uint8Array[]): Uint8Array {
  const h = nobleSha256.create();
  for (const p of parts) h.update(p);
  return h.digest();
}

export function sha256(...parts: Uint8Array[]): Uint8Array {
  if (nodeCreateHash === undefined) return sha256Portable(...parts);
  const h = nodeCreateHash("sha256");
  for (const p of parts) h.update(p);
  // A plain Uint8Array (not a Buffer), as on the portable path.
  return new Uint8Array(h.digest());
}

/** Which implementation sha256() uses here: "node:crypto" or "@noble/hashes". */
export const SHA256_BACKEND = nodeCreateHash === undefined ? "@noble/hashes" : "node:crypto";

export function toHex(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i++) s += bytes[i].toString(16).padStart(2, "0");
  return s;
}
