/**
 * The artefact framing:
 *
 *   offset 0   "SKWL" magic (4 bytes)
 *          4   format major, u16 LE
 *          6   format minor, u16 LE
 *          8   envelope length E, u32 LE
 *         12   Envelope protobuf (producer, body)            E bytes
 *     12 + E   signature-section length S, u32 LE
 *     16 + E   SignatureSet protobuf                         S bytes
 *  16 + E + S  SHA-256 of every preceding byte               32 bytes (end of artefact)
 *
 * The version sits before any protobuf so a reader can refuse a newer major without
 * parsing it; the digest trails so it covers header, producer, body and signatures.
 * Every declared length is checked against the bytes actually present before use.
 */
import { ArtefactError, IntegrityError, VersionError } from "../core/errors.js";
import { sha256, toHex } from "./sha256.js";

export const MAGIC = new Uint8Array([0x53, 0x4b, 0x57, 0x4c]); // "SKWL"
export const FORMAT_MAJOR = 1;
export const FORMAT_MINOR = 0;
export const DIGEST_BYTES = 32;
const FIXED_OVERHEAD = 16 + DIGEST_BYTES;

export interface Frame {
  major: number;
  minor: number;
  /** Bytes of the Envelope message. */
  envelope: Uint8Array;
  /** Bytes of the SignatureSet message (may be empty). */
  signatures: Uint8Array;
  /** Bytes [0, 12 + E): what signatures sign (through its SHA-256). */
  signedPart: Uint8Array;
  digest: Uint8Array;
}

/** Bytes [0, 12 + E): magic, version, envelope length and the envelope — what signatures sign. */
export function signedPartOf(envelope: Uint8Array, minor = FORMAT_MINOR, major = FORMAT_MAJOR): Uint8Array {
  const out = new Uint8Array(12 + envelope.length);
  writeHeader(out, envelope.length, minor, major);
  out.set(envelope, 12);
  return out;
}

function writeHeader(out: Uint8Array, envelopeLength: number, minor: number, major: number): void {
  if (!Number.isInteger(minor) || minor < 0 || minor > 0xffff || !Number.isInteger(major) || major < 0 || major > 0xffff) {
    throw new RangeError(`format version ${major}.${minor} does not fit the u16 header fields`);
  }
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  out.set(MAGIC, 0);
  view.setUint16(4, major, true);
  view.setUint16(6, minor, true);
  view.setUint32(8, envelopeLength, true);
}

/**
 * Frames an Envelope and a SignatureSet into artefact bytes with a correct trailing
 * digest. `major` is a parameter only so that tests can build other-version artefacts.
 */
export function frame(envelope: Uint8Array, signatures: Uint8Array, minor = FORMAT_MINOR, major = FORMAT_MAJOR): Uint8Array {
  const total = FIXED_OVERHEAD + envelope.length + signatures.length;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  writeHeader(out, envelope.length, minor, major);
  out.set(envelope, 12);
  view.setUint32(12 + envelope.length, signatures.length, true);
  out.set(signatures, 16 + envelope.length);
  out.set(sha256(out.subarray(0, total - DIGEST_BYTES)), total - DIGEST_BYTES);
  return out;
}

/** Splits and checks the framing: magic, version, lengths, digest. Parses no protobuf. */
export function unframe(bytes: Uint8Array): Frame {
  if (!(bytes instanceof Uint8Array)) {
    throw new ArtefactError(`loadArtefact expects a Uint8Array of artefact bytes, got ${Object.prototype.toString.call(bytes)}`);
  }
  if (bytes.length < MAGIC.length || MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new ArtefactError(
      `not a skewless artefact: it does not start with the "SKWL" magic (${bytes.length} bytes given); pass the bytes written by save()`,
    );
  }
  if (bytes.length < 8) throw new ArtefactError(`artefact is truncated: ${bytes.length} bytes, the framing alone needs ${FIXED_OVERHEAD}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = view.getUint16(4, true);
  const minor = view.getUint16(6, true);
  if (major !== FORMAT_MAJOR) {
    throw new VersionError(
      `artefact format ${major}.${minor} is not readable by this skewless, which reads format ${FORMAT_MAJOR}.x (up to ${FORMAT_MAJOR}.${FORMAT_MINOR}); ` +
        (major > FORMAT_MAJOR ? "upgrade skewless to load it" : "re-fit with this version or load it with the skewless that wrote it"),
    );
  }
  // The version is checked first: a newer major may frame its bytes differently.
  if (bytes.length < FIXED_OVERHEAD) throw new ArtefactError(`artefact is truncated: ${bytes.length} bytes, the framing alone needs ${FIXED_OVERHEAD}`);
  const digestAt = bytes.length - DIGEST_BYTES;
  const digest = bytes.subarray(digestAt);
  const actual = sha256(bytes.subarray(0, digestAt));
  if (!equalBytes(actual, digest)) {
    throw new IntegrityError(
      `artefact digest mismatch: stored ${toHex(digest).slice(0, 16)}..., computed ${toHex(actual).slice(0, 16)}...; the bytes were corrupted or modified after save()`,
    );
  }
  const envLen = view.getUint32(8, true);
  if (12 + envLen + 4 > digestAt) throw new ArtefactError(`artefact envelope length ${envLen} runs past the end of the ${bytes.length} bytes`);
  const sigLen = view.getUint32(12 + envLen, true);
  if (16 + envLen + sigLen !== digestAt) {
    throw new ArtefactError(`artefact section lengths (${envLen} + ${sigLen}) do not add up to its ${bytes.length} bytes`);
  }
  return {
    major,
    minor,
    envelope: bytes.subarray(12, 12 + envLen),
    signatures: bytes.subarray(16 + envLen, 16 + envLen + sigLen),
    signedPart: bytes.subarray(0, 12 + envLen),
    digest,
  };
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}
