/**
 * bytes <-> ArtefactRecord. The only module that touches generated protobuf code.
 *
 * Loading untrusted bytes, in order, each step before anything sized by the next:
 *  1. maxBytes, then the framing: magic, major version, trailing SHA-256, section lengths;
 *  2. the wire pre-scan of Envelope and SignatureSet, their decoding, and the signatures
 *     (when the caller trusts keys) — before the body is parsed at all;
 *  3. the wire pre-scan of the Body (node count, nesting, elements per array), then
 *     protobufjs decoding with unknown fields kept, then per-node limits, then the
 *     codecs (array lengths against n_features_in, maxTensorElements before allocating).
 * Every failure is a typed SkewlessError; anything else escaping protobufjs or a codec
 * is wrapped as ARTEFACT_MALFORMED.
 */
import $protobuf from "protobufjs/minimal.js";
import { ArtefactError, InvalidOptionError, SkewlessError } from "../core/errors.js";
import { VERSION } from "../version.js";
import { withElementLimit } from "./bytes.js";
import { decodeNode, encodeNode } from "./codecs.js";
import { FORMAT_MAJOR, FORMAT_MINOR, frame, signedPartOf, unframe } from "./envelope.js";
import { skewless } from "./generated/skewless.js";
import { type LoadLimits, exceeded, resolveLimits } from "./limits.js";
import { type Origin, collectUnknowns, graftUnknowns, originFor } from "./origin.js";
import type { ArtefactInfo, ArtefactRecord, ColumnType } from "./record.js";
import { toHex } from "./sha256.js";
import { compressLayout } from "./layout.js";
import { type SignatureRecord, type VerifyOptions, checkVerifyOptions, signPart, verifySignatures } from "./signing.js";
import { scanWire } from "./wire-scan.js";

import pb = skewless.v1;

export type { ArtefactInfo, ArtefactRecord, ColumnType, FeatureStatisticsRecord, InputColumnRecord, OutputColumnRecord, SignatureInfo } from "./record.js";
export type { LoadLimits } from "./limits.js";
export type { Origin } from "./origin.js";
export { rememberOrigin } from "./origin.js";
export { DEFAULT_LIMITS } from "./limits.js";
export { FORMAT_MAJOR, FORMAT_MINOR } from "./envelope.js";
export { generateSigningKey, publicKeyOf } from "./signing.js";
export type * from "./states.js";

const COLUMN_TYPES: Record<ColumnType, pb.ColumnType> = {
  numeric: pb.ColumnType.COLUMN_TYPE_NUMERIC,
  vector: pb.ColumnType.COLUMN_TYPE_VECTOR,
  string: pb.ColumnType.COLUMN_TYPE_STRING,
  categorical: pb.ColumnType.COLUMN_TYPE_CATEGORICAL,
  text: pb.ColumnType.COLUMN_TYPE_TEXT,
  image: pb.ColumnType.COLUMN_TYPE_IMAGE,
};

export const PRODUCER = `skewless@${VERSION}`;

export interface SignOptions {
  /** 32-byte ed25519 private key (seed), e.g. from generateSigningKey(). */
  privateKey: Uint8Array;
}

export interface EncodeOptions {
  /** Sign the artefact with ed25519; loaders verify it with `trustedKeys`. */
  sign?: SignOptions;
  /**
   * The object being saved. When it came from loadArtefact and its record is unchanged,
   * what the artefact held beyond the state is written back: unknown fields of a newer
   * minor (and that minor), metadata (record.metadata entries are added over it),
   * statistics, schema and layout. Every save() should pass `this`.
   */
  source?: object;
}

function bodyMessage(record: ArtefactRecord): pb.Body.$Properties {
  return {
    root: encodeNode(record.root),
    inputSchema: { columns: record.inputSchema.map((c) => ({ name: c.name, type: COLUMN_TYPES[c.type], width: c.width })) },
    layout: { columns: compressLayout(record.layout) },
    metadata: Object.keys(record.metadata)
      .sort()
      .map((key) => ({ key, value: record.metadata[key] })),
    statistics: record.statistics.map((s) => ({ ...s, topValues: s.topValues.map((t) => ({ ...t })) })),
  };
}

/** Serializes a record. Deterministic: same record (and key), same bytes (metadata sorted by key). */
export function encodeArtefact(record: ArtefactRecord, options: EncodeOptions = {}): Uint8Array {
  const origin = originFor(options.source, record.root);
  let minor = FORMAT_MINOR;
  let message: pb.Body.$Properties;
  if (origin) {
    const metadataAdded = Object.keys(record.metadata).length > 0;
    message = bodyMessage({ ...origin.record, root: record.root, metadata: { ...origin.record.metadata, ...record.metadata } });
    const unknowns = origin.unknowns;
    // Unknown fields inside metadata entries are positional; they cannot follow a re-sort.
    graftUnknowns(message, metadataAdded && unknowns?.fields?.metadata ? { ...unknowns, fields: { ...unknowns.fields, metadata: [] } } : unknowns);
    minor = Math.max(minor, origin.minor);
  } else {
    message = bodyMessage(record);
  }
  const body = pb.Body.encode(message).finish();
  const envelope = pb.Envelope.encode({ producer: PRODUCER, body }).finish();
  let signatures: Uint8Array = new Uint8Array(0);
  if (options.sign !== undefined) {
    const sig = signPart(signedPartOf(envelope, minor), options.sign?.privateKey);
    signatures = pb.SignatureSet.encode({ signatures: [sig] }).finish();
  }
  return frame(envelope, signatures, minor);
}

export interface DecodeOptions extends VerifyOptions {
  limits?: Partial<LoadLimits>;
}

export interface Decoded {
  record: ArtefactRecord;
  info: ArtefactInfo;
  /** What loadArtefact registers for the object it builds (see origin.ts). */
  origin: Origin;
}

/** A reader that keeps unknown fields (protobufjs discards them by default). */
function keepingReader(bytes: Uint8Array): $protobuf.Reader {
  const reader = $protobuf.Reader.create(bytes);
  reader.discardUnknown = false;
  return reader;
}

/** Checks framing, digest, signatures and limits, then decodes. Every failure is a typed SkewlessError. */
export function decodeArtefact(bytes: Uint8Array, options: DecodeOptions = {}): Decoded {
  if (options === null || typeof options !== "object") throw new InvalidOptionError(`loadArtefact options must be an object, got ${String(options)}`);
  const limits = resolveLimits(options.limits);
  const { trusted, required } = checkVerifyOptions(options);
  if (bytes instanceof Uint8Array && bytes.length > limits.maxBytes) throw exceeded("maxBytes", bytes.length, limits.maxBytes, "artefact size");
  const f = unframe(bytes);
  try {
    scanWire(f.envelope, "Envelope", limits);
    const env = pb.Envelope.decode(f.envelope);
    scanWire(f.signatures, "SignatureSet", limits);
    const signatures: SignatureRecord[] = (pb.SignatureSet.decode(f.signatures).signatures ?? []).map((s) => ({
      algorithm: s.algorithm ?? "",
      publicKey: s.publicKey ?? new Uint8Array(0),
      signature: s.signature ?? new Uint8Array(0),
    }));
    const verifiedBy = verifySignatures(f.signedPart, signatures, trusted, required);
    const bodyBytes = env.body ?? new Uint8Array(0);
    scanWire(bodyBytes, "Body", limits);
    const body = pb.Body.decode(keepingReader(bodyBytes));
    if (!body.root) throw new ArtefactError("artefact body has no root node");
    checkTree(body.root as pb.Node, limits);
    const root = withElementLimit(limits.maxTensorElements, () => decodeNode(body.root as pb.Node));
    const typeNames = Object.entries(COLUMN_TYPES) as [ColumnType, pb.ColumnType][];
    const record: ArtefactRecord = {
      root,
      inputSchema: (body.inputSchema?.columns ?? []).map((c) => {
        const t = typeNames.find(([, v]) => v === c.type);
        if (!t) throw new ArtefactError(`artefact input column ${JSON.stringify(c.name)} has unknown type ${c.type}`);
        return { name: c.name ?? "", type: t[0], width: c.width ?? 0 };
      }),
      layout: (body.layout?.columns ?? []).map((c) =>
        c.count ? { name: c.name ?? "", source: c.source ?? "", transform: c.transform ?? "", count: c.count, first: c.first ?? 0 } : { name: c.name ?? "", source: c.source ?? "", transform: c.transform ?? "" },
      ),
      // fromEntries defines own properties, so a "__proto__" key stays an ordinary entry.
      metadata: Object.fromEntries((body.metadata ?? []).map((kv) => [kv.key ?? "", kv.value ?? ""])),
      statistics: (body.statistics ?? []).map((s) => ({
        name: s.name ?? "",
        count: rowCount(s.count, "count", s.name),
        missing: rowCount(s.missing, "missing", s.name),
        mean: s.mean ?? 0,
        std: s.std ?? 0,
        min: s.min ?? 0,
        max: s.max ?? 0,
        kind: s.kind ?? "",
        topValues: (s.topValues ?? []).map((t) => ({ value: t.value ?? "", count: Number(t.count ?? 0) })),
        distinct: Number(s.distinct ?? 0),
      })),
    };
    const info: ArtefactInfo = {
      formatMajor: f.major,
      formatMinor: f.minor,
      producer: env.producer ?? "",
      digest: toHex(f.digest),
      byteLength: bytes.length,
      signatures: signatures.map((s) => ({ algorithm: s.algorithm, publicKey: toHex(s.publicKey) })),
      verifiedBy,
    };
    return { record, info, origin: { record, minor: f.minor, unknowns: collectUnknowns(body) } };
  } catch (e) {
    if (e instanceof SkewlessError) throw e;
    // protobufjs throws RangeError/Error on malformed wire data; the digest matched, so
    // the writer itself produced these bytes (or an attacker recomputed the digest).
    throw new ArtefactError(`artefact body is malformed: ${(e as Error)?.message ?? String(e)}`);
  }
}

/** uint64 row counts arrive as JS numbers; above 2^53 they would not survive a re-save. */
function rowCount(v: number | null | undefined, field: string, name: string | null | undefined): number {
  const n = Number(v ?? 0);
  if (!Number.isSafeInteger(n) || n < 0) throw new ArtefactError(`artefact statistics ${JSON.stringify(name ?? "")}: ${field} ${n} is not a row count`);
  return n;
}

function checkTree(root: pb.Node, limits: LoadLimits): void {
  let count = 0;
  const stack: [pb.Node, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (++count > limits.maxNodes) throw exceeded("maxNodes", count, limits.maxNodes, "node count");
    if (depth > limits.maxDepth) throw exceeded("maxDepth", depth, limits.maxDepth, "node nesting");
    const d = node.nFeaturesIn ?? 0;
    if (d > limits.maxFeatures) throw exceeded("maxFeatures", d, limits.maxFeatures, `n_features_in of node ${JSON.stringify(node.kind ?? "")}`);
    for (const c of node.children ?? []) stack.push([c as pb.Node, depth + 1]);
  }
}

export const FORMAT_VERSION = `${FORMAT_MAJOR}.${FORMAT_MINOR}`;
