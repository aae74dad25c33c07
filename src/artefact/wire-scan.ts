/**
 * Wire pre-scan: one pass over protobuf bytes, guided by the JSON descriptor of the
 * proto (generated/descriptor.ts), that enforces the load limits BEFORE protobufjs
 * decodes them. protobufjs allocates an object per message and an array slot per
 * repeated element as it reads, so a 2^31-entry vocabulary or a million nested nodes
 * must be refused here, by counting, rather than after decoding.
 *
 * Checked: well-formed wire data (tags, varints, lengths within their message), no
 * groups (proto3 never writes them), Node count (maxNodes) and nesting (maxDepth),
 * elements of every repeated field and of every raw `*_f64`/`*_u32` array
 * (maxTensorElements). Fields not in the descriptor (a newer minor's) are skipped
 * without being parsed, exactly as protobufjs keeps them: as opaque bytes.
 */
import { ArtefactError } from "../core/errors.js";
import { DESCRIPTOR } from "./generated/descriptor.js";
import { type LoadLimits, MAX_DEPTH_CAP, exceeded } from "./limits.js";

/** The shape of `pbjs -t json` output that the scanner reads. */
export interface ProtoNamespace {
  nested?: Record<string, ProtoNamespace & ProtoMessage & ProtoEnum>;
  [other: string]: unknown;
}
export interface ProtoField {
  type: string;
  id: number;
  rule?: string;
  keyType?: string;
  [other: string]: unknown;
}
export interface ProtoMessage {
  fields?: Record<string, ProtoField>;
  [other: string]: unknown;
}
export interface ProtoEnum {
  values?: Record<string, number>;
  [other: string]: unknown;
}

const PACKAGE = "skewless.v1";
const VARINT_SCALARS = new Set(["int32", "int64", "uint32", "uint64", "sint32", "sint64", "bool"]);
const FIXED64 = new Set(["double", "fixed64", "sfixed64"]);
const FIXED32 = new Set(["float", "fixed32", "sfixed32"]);

type Scalar = "varint" | "fixed64" | "fixed32" | "bytes" | "string";

interface FieldPlan {
  name: string;
  repeated: boolean;
  /** Set for message-typed fields. */
  message?: MessagePlan;
  scalar?: Scalar;
  /** Bytes per element of a raw little-endian array field (`*_f64` = 8, `*_u32` = 4). */
  elementWidth?: number;
}

interface MessagePlan {
  name: string;
  fields: Map<number, FieldPlan>;
}

/**
 * Bytes per element of a raw array field, from its name: `*_f64`, `*_f32`, `*_u32`,
 * `*_i8`, ... (protobufjs camel-cases them: meanF64). Undefined for other bytes fields.
 */
function rawArrayWidth(name: string): number | undefined {
  const m = /(?:[a-z0-9][FUI]|_[fui])(8|16|32|64)$/.exec(name);
  return m ? Number(m[1]) / 8 : undefined;
}

let plans: Map<string, MessagePlan> | null = null;

/** Compiles the descriptor once into field-number lookups. */
function compile(): Map<string, MessagePlan> {
  if (plans) return plans;
  const messages = new Map<string, ProtoMessage>();
  const enums = new Set<string>();
  const walk = (ns: ProtoNamespace & ProtoMessage & ProtoEnum, path: string) => {
    for (const [name, child] of Object.entries(ns.nested ?? {})) {
      const full = path ? `${path}.${name}` : name;
      if (child.values) enums.add(full);
      else if (child.fields) messages.set(full, child);
      walk(child, full);
    }
  };
  walk(DESCRIPTOR as ProtoNamespace & ProtoMessage & ProtoEnum, "");
  // protobuf name resolution: innermost enclosing scope outwards.
  const resolve = (type: string, scope: string): string | undefined => {
    const parts = scope.split(".");
    for (let k = parts.length; k >= 0; k--) {
      const candidate = [...parts.slice(0, k), type].join(".");
      if (messages.has(candidate) || enums.has(candidate)) return candidate;
    }
    return undefined;
  };
  const out = new Map<string, MessagePlan>();
  for (const full of messages.keys()) out.set(full, { name: full, fields: new Map() });
  for (const [full, desc] of messages) {
    const plan = out.get(full)!;
    for (const [name, f] of Object.entries(desc.fields ?? {})) {
      const repeated = f.rule === "repeated" || f.keyType !== undefined;
      let field: FieldPlan;
      if (f.keyType !== undefined) {
        // map<K, V> entries are messages on the wire; count them, skip their contents.
        field = { name, repeated: true, scalar: "bytes" };
      } else if (f.type === "bytes") {
        field = { name, repeated, scalar: "bytes", elementWidth: rawArrayWidth(name) };
      } else if (f.type === "string") field = { name, repeated, scalar: "string" };
      else if (VARINT_SCALARS.has(f.type)) field = { name, repeated, scalar: "varint" };
      else if (FIXED64.has(f.type)) field = { name, repeated, scalar: "fixed64" };
      else if (FIXED32.has(f.type)) field = { name, repeated, scalar: "fixed32" };
      else {
        const target = resolve(f.type, full);
        if (target !== undefined && enums.has(target)) field = { name, repeated, scalar: "varint" };
        else if (target !== undefined) field = { name, repeated, message: out.get(target)! };
        else throw new Error(`wire-scan: descriptor type ${f.type} of ${full}.${name} does not resolve`);
      }
      plan.fields.set(f.id, field);
    }
  }
  plans = out;
  return out;
}

export function messagePlan(name: string): MessagePlan {
  const plan = compile().get(`${PACKAGE}.${name}`);
  if (!plan) throw new Error(`wire-scan: no message ${name} in the descriptor`);
  return plan;
}

function malformed(what: string, at: number): ArtefactError {
  return new ArtefactError(`artefact body is malformed: ${what} at byte ${at}`);
}

interface ScanState {
  readonly buf: Uint8Array;
  pos: number;
  nodes: number;
  readonly limits: LoadLimits;
}

/** Reads a varint (up to 10 bytes). Returns the low 32 bits exactly and the value as a float for size checks. */
function varint(s: ScanState): number {
  const { buf } = s;
  let value = 0;
  let mul = 1;
  for (let i = 0; i < 10; i++) {
    if (s.pos >= buf.length) throw malformed("truncated varint", s.pos);
    const b = buf[s.pos++];
    value += (b & 0x7f) * mul;
    if ((b & 0x80) === 0) return value;
    mul *= 128;
  }
  throw malformed("varint longer than 10 bytes", s.pos);
}

/** Counts the varints in a packed run (elements end at bytes without the continuation bit). */
function packedVarints(buf: Uint8Array, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) if ((buf[i] & 0x80) === 0) n++;
  return n;
}

/**
 * Scans one message occupying [s.pos, end). `nodeDepth` counts the Node messages
 * enclosing it (so the root node has depth 0, as in checkTree), `msgDepth` all messages.
 */
function scanMessage(s: ScanState, plan: MessagePlan, end: number, nodeDepth: number, msgDepth: number): void {
  const { limits, buf } = s;
  if (msgDepth > MAX_DEPTH_CAP * 2 + 8) throw exceeded("maxDepth", msgDepth, limits.maxDepth, "message nesting");
  const isNode = plan.name === `${PACKAGE}.Node`;
  if (isNode) {
    if (++s.nodes > limits.maxNodes) throw exceeded("maxNodes", s.nodes, limits.maxNodes, "node count");
    if (nodeDepth > limits.maxDepth) throw exceeded("maxDepth", nodeDepth, limits.maxDepth, "node nesting");
  }
  const counts = new Map<number, number>();
  while (s.pos < end) {
    const tagAt = s.pos;
    const tag = varint(s);
    if (tag > 0xffffffff) throw malformed("tag out of range", tagAt);
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    if (field === 0) throw malformed("field number 0", tagAt);
    const f = plan.fields.get(field);
    let elements = 1;
    switch (wire) {
      case 0:
        varint(s);
        break;
      case 1:
        s.pos += 8;
        break;
      case 5:
        s.pos += 4;
        break;
      case 2: {
        const len = varint(s);
        const start = s.pos;
        if (len > end - start) throw malformed(`length ${len} runs past the end of its message`, tagAt);
        const stop = start + len;
        if (f?.message) {
          scanMessage(s, f.message, stop, isNode ? nodeDepth + 1 : nodeDepth, msgDepth + 1);
        } else if (f?.repeated && f.scalar === "varint") elements = packedVarints(buf, start, stop);
        else if (f?.repeated && f.scalar === "fixed64") elements = Math.ceil(len / 8);
        else if (f?.repeated && f.scalar === "fixed32") elements = Math.ceil(len / 4);
        else if (f?.elementWidth && Math.floor(len / f.elementWidth) > limits.maxTensorElements) {
          throw exceeded("maxTensorElements", Math.floor(len / f.elementWidth), limits.maxTensorElements, `array ${plan.name.slice(PACKAGE.length + 1)}.${f.name}`);
        }
        s.pos = stop;
        break;
      }
      case 3:
      case 4:
        // Groups are proto2-only; no skewless writer emits them and protobufjs would recurse on them.
        throw malformed("group wire type (not used by the artefact format)", tagAt);
      default:
        throw malformed(`invalid wire type ${wire}`, tagAt);
    }
    if (s.pos > end) throw malformed("field runs past the end of its message", tagAt);
    if (f?.repeated) {
      const n = (counts.get(field) ?? 0) + elements;
      if (n > limits.maxTensorElements) {
        throw exceeded("maxTensorElements", n, limits.maxTensorElements, `repeated field ${plan.name.slice(PACKAGE.length + 1)}.${f.name}`);
      }
      counts.set(field, n);
    }
  }
}

/**
 * Throws a typed ArtefactError (ARTEFACT_MALFORMED or ARTEFACT_LIMIT) unless `bytes`
 * is well-formed wire data for `message` within the limits.
 */
export function scanWire(bytes: Uint8Array, message: "Envelope" | "SignatureSet" | "Body", limits: LoadLimits): void {
  const s: ScanState = { buf: bytes, pos: 0, nodes: 0, limits };
  scanMessage(s, messagePlan(message), bytes.length, 0, 0);
}
