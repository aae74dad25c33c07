/**
 * bytes <-> ArtefactRecord. The only module that touches generated protobuf code.
 */
import { ArtefactError, SkewlessError } from "../core/errors.js";
import { VERSION } from "../version.js";
import { decodeNode, encodeNode } from "./codecs.js";
import { FORMAT_MAJOR, FORMAT_MINOR, frame, unframe } from "./envelope.js";
import { skewless } from "./generated/skewless.js";
import { type LoadLimits, exceeded, resolveLimits } from "./limits.js";
import type { ArtefactInfo, ArtefactRecord, ColumnType } from "./record.js";
import { toHex } from "./sha256.js";

import pb = skewless.v1;

export type { ArtefactInfo, ArtefactRecord, ColumnType, FeatureStatisticsRecord, InputColumnRecord, OutputColumnRecord } from "./record.js";
export type { LoadLimits } from "./limits.js";
export { DEFAULT_LIMITS } from "./limits.js";
export { FORMAT_MAJOR, FORMAT_MINOR } from "./envelope.js";
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

/** Serializes a record. Deterministic: same record, same bytes (metadata sorted by key). */
export function encodeArtefact(record: ArtefactRecord): Uint8Array {
  const body = pb.Body.encode({
    root: encodeNode(record.root),
    inputSchema: { columns: record.inputSchema.map((c) => ({ name: c.name, type: COLUMN_TYPES[c.type], width: c.width })) },
    layout: { columns: record.layout.map((c) => ({ name: c.name, source: c.source, transform: c.transform })) },
    metadata: Object.keys(record.metadata)
      .sort()
      .map((key) => ({ key, value: record.metadata[key] })),
    statistics: record.statistics.map((s) => ({ ...s })),
  }).finish();
  const envelope = pb.Envelope.encode({ producer: PRODUCER, body }).finish();
  return frame(envelope, new Uint8Array(0));
}

export interface DecodeOptions {
  limits?: Partial<LoadLimits>;
}

/** Checks framing, digest and limits, then decodes. Every failure is a typed SkewlessError. */
export function decodeArtefact(bytes: Uint8Array, options: DecodeOptions = {}): { record: ArtefactRecord; info: ArtefactInfo } {
  const limits = resolveLimits(options.limits);
  if (bytes instanceof Uint8Array && bytes.length > limits.maxBytes) throw exceeded("maxBytes", bytes.length, limits.maxBytes);
  const f = unframe(bytes);
  try {
    const env = pb.Envelope.decode(f.envelope);
    const body = pb.Body.decode(env.body);
    if (!body.root) throw new ArtefactError("artefact body has no root node");
    checkTree(body.root as pb.Node, limits);
    const root = decodeNode(body.root as pb.Node);
    const typeNames = Object.entries(COLUMN_TYPES) as [ColumnType, pb.ColumnType][];
    const record: ArtefactRecord = {
      root,
      inputSchema: (body.inputSchema?.columns ?? []).map((c) => {
        const t = typeNames.find(([, v]) => v === c.type);
        if (!t) throw new ArtefactError(`artefact input column ${JSON.stringify(c.name)} has unknown type ${c.type}`);
        return { name: c.name ?? "", type: t[0], width: c.width ?? 0 };
      }),
      layout: (body.layout?.columns ?? []).map((c) => ({ name: c.name ?? "", source: c.source ?? "", transform: c.transform ?? "" })),
      metadata: Object.fromEntries((body.metadata ?? []).map((kv) => [kv.key ?? "", kv.value ?? ""])),
      statistics: (body.statistics ?? []).map((s) => ({
        name: s.name ?? "",
        count: Number(s.count ?? 0),
        missing: Number(s.missing ?? 0),
        mean: s.mean ?? 0,
        std: s.std ?? 0,
        min: s.min ?? 0,
        max: s.max ?? 0,
      })),
    };
    const info: ArtefactInfo = {
      formatMajor: f.major,
      formatMinor: f.minor,
      producer: env.producer ?? "",
      digest: toHex(f.digest),
      byteLength: bytes.length,
    };
    return { record, info };
  } catch (e) {
    if (e instanceof SkewlessError) throw e;
    // protobufjs throws RangeError/Error on malformed wire data; the digest matched, so
    // the writer itself produced these bytes (or an attacker recomputed the digest).
    throw new ArtefactError(`artefact body is malformed: ${(e as Error)?.message ?? String(e)}`);
  }
}

function checkTree(root: pb.Node, limits: LoadLimits): void {
  let count = 0;
  const stack: [pb.Node, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (++count > limits.maxNodes) throw exceeded("maxNodes", count, limits.maxNodes);
    if (depth > limits.maxDepth) throw exceeded("maxDepth", depth, limits.maxDepth);
    const d = node.nFeaturesIn ?? 0;
    if (d > limits.maxFeatures) throw exceeded("maxFeatures", d, limits.maxFeatures);
    for (const c of node.children ?? []) stack.push([c as pb.Node, depth + 1]);
  }
}

export const FORMAT_VERSION = `${FORMAT_MAJOR}.${FORMAT_MINOR}`;
