/**
 * Ways to damage an artefact, as fast-check arbitraries of (bytes, load options, label).
 * Shared by the CI fuzz test (test/fuzz/loader.fuzz.test.ts) and `npm run fuzz`.
 *
 * Byte-level damage mostly dies at the digest, so most strategies RE-FRAME: they damage
 * the envelope, the body or a decoded field and frame the result again with a correct
 * digest, so the damage reaches the protobuf scanner, the decoder and the codecs.
 */
import fc from "fast-check";
import $protobuf from "protobufjs/minimal.js";
import { frame, unframe } from "../../src/artefact/envelope.js";
import { DESCRIPTOR } from "../../src/artefact/generated/descriptor.js";
import { skewless } from "../../src/artefact/generated/skewless.js";
import type { LoadLimits, LoadOptions } from "../../src/index.js";
import type { Corpus } from "./corpus.js";

import pb = skewless.v1;

export interface FuzzCase {
  label: string;
  bytes: Uint8Array;
  options: LoadOptions;
}

/**
 * A seeded generator (xorshift128+). Mutations draw many values; fast-check's gen()
 * would cache every arbitrary built on the fly (and its constants) for the whole run,
 * so the strategies draw one seed from fast-check and their choices from this.
 */
export class Gen {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  constructor(seed: number) {
    // splitmix32 to spread the seed over the state
    const mix = () => {
      seed = (seed + 0x9e3779b9) | 0;
      let z = seed;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = mix();
    this.b = mix();
    this.c = mix();
    this.d = mix() | 1;
  }
  /** xoshiro128** */
  u32(): number {
    const r = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return r;
  }
  /** Integer in [0, max]. */
  nat(max: number): number {
    return max <= 0 ? 0 : Math.floor((this.u32() / 2 ** 32) * (max + 1));
  }
  int(min: number, max: number): number {
    return min + this.nat(max - min);
  }
  bool(): boolean {
    return (this.u32() & 1) === 1;
  }
  oneOf<T>(items: readonly T[]): T {
    return items[this.nat(items.length - 1)];
  }
  double(): number {
    const view = new DataView(new ArrayBuffer(8));
    view.setUint32(0, this.u32());
    view.setUint32(4, this.u32());
    return view.getFloat64(0);
  }
  bytes(maxLength: number): Uint8Array {
    const out = new Uint8Array(this.nat(maxLength));
    for (let i = 0; i < out.length; i++) out[i] = this.u32() & 0xff;
    return out;
  }
  string(maxLength: number): string {
    const n = this.nat(maxLength);
    let s = "";
    for (let i = 0; i < n; i++) s += String.fromCodePoint(this.bool() ? 0x20 + this.nat(0x5e) : this.nat(0x10ffff - 0x800) + (this.bool() ? 0 : 0x800));
    return s;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** One seed from fast-check, everything else from {@link Gen}. */
const gen = () => fc.integer().map((seed) => new Gen(seed));

interface Parts {
  minor: number;
  producer: string;
  body: Uint8Array;
  signatures: Uint8Array;
}

function split(bytes: Uint8Array): Parts {
  const f = unframe(bytes);
  const env = pb.Envelope.decode(f.envelope);
  return { minor: f.minor, producer: env.producer ?? "", body: env.body ?? new Uint8Array(0), signatures: f.signatures };
}

function join(p: Parts, major?: number): Uint8Array {
  const envelope = pb.Envelope.encode({ producer: p.producer, body: p.body }).finish();
  return frame(envelope, p.signatures, p.minor, major);
}

/** The corpus split once (decoding is the expensive part of a mutation). */
const splitCache = new WeakMap<Uint8Array, Parts>();
function parts(bytes: Uint8Array): Parts {
  let p = splitCache.get(bytes);
  if (!p) splitCache.set(bytes, (p = split(bytes)));
  return { ...p };
}

/** Decoded body with unknown fields kept (a fresh object each time: mutators edit it). */
function decodeBody(body: Uint8Array): pb.Body {
  const r = $protobuf.Reader.create(body);
  r.discardUnknown = false;
  return pb.Body.decode(r);
}

// ---------------------------------------------------------------- hostile values

export const HOSTILE_NUMBERS = [
  0, -0, 1, -1, 2, 3, 7, 255, 256, 65535, 65536, 2 ** 24, 2 ** 24 + 1, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 53, -(2 ** 31), NaN, Infinity, -Infinity,
  Number.MIN_VALUE, -Number.MIN_VALUE, Number.MAX_VALUE, -Number.MAX_VALUE, 1e308, 0.5, 1e-300,
];

const HOSTILE_STRINGS = [
  "", "__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf", "StandardScaler", "Pipeline", "uniform", "normal",
  "ordinal", "onehot", "mean", "median", "most_frequent", "constant", "error", "ignore", "\u0000", "\uffff", "😀".repeat(50), "x".repeat(70_000),
];

function hostileNumber(g: Gen): number {
  const k = g.nat(2);
  return k === 0 ? g.oneOf(HOSTILE_NUMBERS) : k === 1 ? g.double() : g.int(-1000, 5000);
}

function hostileString(g: Gen): string {
  const k = g.nat(2);
  return k === 0 ? g.oneOf(HOSTILE_STRINGS) : k === 1 ? g.string(40) : g.oneOf(kindNames());
}

function hostileBytes(g: Gen, like: Uint8Array | undefined): Uint8Array {
  const n = like?.length ?? 0;
  const len = g.oneOf([0, 1, 3, 4, 7, 8, Math.max(0, n - 8), Math.max(0, n - 1), n + 1, n + 8, n * 2, 4096 * 8, g.nat(600)]);
  const mode = g.oneOf(["random", "f64", "u32", "copy"]);
  const out = new Uint8Array(len);
  if (mode === "random") for (let i = 0; i < len; i++) out[i] = g.nat(255);
  else if (mode === "f64") {
    const view = new DataView(out.buffer);
    for (let i = 0; i + 8 <= len; i += 8) view.setFloat64(i, hostileNumber(g), true);
  } else if (mode === "u32") {
    const view = new DataView(out.buffer);
    const v = g.oneOf([0, 1, 2, 5, 0x7fffffff, 0x80000000, 0xffffffff]);
    for (let i = 0; i + 4 <= len; i += 4) view.setUint32(i, v, true);
  } else if (like) out.set(like.subarray(0, Math.min(len, like.length)));
  return out;
}

let kinds: string[] | null = null;
/** Kind names and state fields of the current proto: new kinds are mutated into automatically. */
function kindNames(): string[] {
  if (kinds) return kinds;
  const v1 = (DESCRIPTOR.nested?.skewless?.nested?.v1?.nested ?? {}) as Record<string, { fields?: Record<string, unknown> }>;
  kinds = Object.keys(v1)
    .filter((k) => k.endsWith("State"))
    .map((k) => k.slice(0, -"State".length));
  return kinds;
}

function nodeStateFields(): string[] {
  const v1 = (DESCRIPTOR.nested?.skewless?.nested?.v1?.nested ?? {}) as Record<string, { oneofs?: Record<string, { oneof: string[] }> }>;
  return v1.Node?.oneofs?.state?.oneof ?? [];
}

// ---------------------------------------------------------------- structure walks

interface Slot {
  parent: Record<string, unknown>;
  key: string;
  value: unknown;
}

/** Every own field of every message in the tree (parents first), depth-capped. */
function slots(root: unknown, out: Slot[] = [], depth = 0): Slot[] {
  if (depth > 12 || root === null || typeof root !== "object" || ArrayBuffer.isView(root)) return out;
  for (const [key, value] of Object.entries(root)) {
    out.push({ parent: root as Record<string, unknown>, key, value });
    if (Array.isArray(value)) value.slice(0, 8).forEach((v) => slots(v, out, depth + 1));
    else slots(value, out, depth + 1);
  }
  return out;
}

function nodes(root: pb.Node | null | undefined, out: pb.Node[] = [], depth = 0): pb.Node[] {
  if (!root || depth > 50 || out.length > 200) return out;
  out.push(root);
  for (const c of root.children ?? []) nodes(c as pb.Node, out, depth + 1);
  return out;
}

function someNode(g: Gen, body: pb.Body): pb.Node | undefined {
  const all = nodes(body.root as pb.Node | null | undefined);
  return all.length === 0 ? undefined : pick(g, all);
}

function pick<T>(g: Gen, items: readonly T[]): T {
  return g.oneOf(items);
}

// ---------------------------------------------------------------- field-level mutations

type Mutation = (g: Gen, body: pb.Body, corpus: Corpus) => string;

const MUTATIONS: Record<string, Mutation> = {
  nFeaturesIn(g, body) {
    const n = someNode(g, body);
    if (!n) return "no node";
    n.nFeaturesIn = hostileNumber(g) >>> 0;
    return `n_features_in=${n.nFeaturesIn}`;
  },
  anyField(g, body) {
    const all = slots(body);
    if (all.length === 0) return "none";
    const s = pick(g, all);
    const v = s.value;
    if (typeof v === "number") s.parent[s.key] = hostileNumber(g);
    else if (typeof v === "string") s.parent[s.key] = hostileString(g);
    else if (typeof v === "boolean") s.parent[s.key] = !v;
    else if (v instanceof Uint8Array) s.parent[s.key] = hostileBytes(g, v);
    else if (Array.isArray(v)) {
      // Scalars may be repeated thousands of times; messages (whole subtrees) only a few, to keep bodies small.
      const scalars = v.length > 0 && (typeof v[0] !== "object" || ArrayBuffer.isView(v[0]));
      const k = g.oneOf(scalars ? [0, 1, 2, v.length + 1, 1000, 5000] : [0, 1, 2, v.length + 1, 8]);
      s.parent[s.key] = v.length === 0 ? [] : Array.from({ length: k }, (_, i) => v[i % v.length]);
    } else delete s.parent[s.key];
    return `field ${s.key}`;
  },
  stateArray(g, body) {
    const n = someNode(g, body);
    if (!n) return "no node";
    const field = n.state;
    const msg = field ? (n as unknown as Record<string, Record<string, unknown>>)[field] : undefined;
    if (!msg) return "no state";
    const keys = Object.keys(msg).filter((k) => msg[k] instanceof Uint8Array);
    if (keys.length === 0) return "no arrays";
    const k = pick(g, keys);
    msg[k] = hostileBytes(g, msg[k] as Uint8Array);
    return `state array ${k}`;
  },
  kind(g, body) {
    const n = someNode(g, body);
    if (!n) return "no node";
    n.kind = hostileString(g);
    return `kind=${n.kind.slice(0, 20)}`;
  },
  swapState(g, body, corpus) {
    const n = someNode(g, body);
    if (!n) return "no node";
    const other = decodeBody(parts(pick(g, corpus.entries).bytes).body);
    const donor = someNode(g, other);
    if (!donor) return "no donor";
    const field = g.oneOf([donor.state ?? "", ...nodeStateFields()]);
    const rec = n as unknown as Record<string, unknown>;
    if (n.state) delete rec[n.state];
    rec[field || "pipeline"] = donor.state ? (donor as unknown as Record<string, unknown>)[donor.state] : {};
    (rec as { state?: string }).state = field || "pipeline";
    if (g.bool()) n.kind = donor.kind ?? "";
    return `state->${field}`;
  },
  dropState(g, body) {
    const n = someNode(g, body);
    if (!n) return "no node";
    if (n.state) delete (n as unknown as Record<string, unknown>)[n.state];
    return "drop state";
  },
  deepNesting(g, body) {
    const depth = g.oneOf([1, 2, 31, 32, 33, 40, 41, 60, 99, 100, 101, 500]);
    let root = body.root as pb.INode;
    for (let i = 0; i < depth; i++) root = { kind: "Pipeline", name: `p${i}`, nFeaturesIn: root?.nFeaturesIn ?? 0, pipeline: {}, children: root ? [root] : [] };
    body.root = root as pb.Node;
    return `nest ${depth}`;
  },
  manyChildren(g, body) {
    // 10,001 crosses the default maxNodes; the smaller counts meet the small limits of limitsOf().
    const k = g.oneOf([2, 2, 100, 100, 1000, 10_001]);
    const empty = g.bool();
    // Distinct objects: a later mutation of one child must not grow all of them.
    const child = (): pb.INode => (empty ? {} : { kind: "Log1p", log1p: {}, nFeaturesIn: 1 });
    body.root = { kind: "Pipeline", pipeline: {}, nFeaturesIn: 1, children: Array.from({ length: k }, child) } as pb.Node;
    return `children ${k}`;
  },
  metadata(g, body) {
    const k = g.oneOf([1, 3, 100, 3000]);
    const short = () => (g.bool() ? g.oneOf(["__proto__", "constructor", "prototype", ""]) : g.string(12));
    body.metadata = Array.from({ length: k }, (_, i) => ({ key: i === 0 ? hostileString(g) : short(), value: i === 0 ? hostileString(g) : short() })) as pb.KeyValue[];
    return `metadata ${k}`;
  },
  schema(g, body) {
    body.inputSchema = { columns: [{ name: hostileString(g), type: hostileNumber(g) | 0, width: hostileNumber(g) >>> 0 }] } as pb.Schema;
    return "schema";
  },
  statistics(g, body) {
    const k = g.oneOf([1, 50, 2000]);
    body.statistics = Array.from({ length: k }, () => ({ name: "__proto__", count: hostileNumber(g), mean: hostileNumber(g) })) as pb.FeatureStatistics[];
    return `statistics ${k}`;
  },
  unknownField(g, body) {
    const all = [body as object, ...slots(body).map((s) => s.value).filter((v): v is object => v !== null && typeof v === "object" && !ArrayBuffer.isView(v) && !Array.isArray(v))];
    const target = pick(g, all);
    const raw = g.oneOf([
      Uint8Array.of(0xf8, 0x06, 0x2a), // field 111 varint 42: a newer minor's field
      Uint8Array.of(0xfa, 0x06, 0x03, 0x61, 0x62, 0x63), // field 111 bytes "abc"
      g.bytes(12), // anything, valid wire or not
    ]);
    Object.defineProperty(target, "$unknowns", { value: [raw], enumerable: false, configurable: true, writable: true });
    return "unknown field";
  },
};

const MUTATION_NAMES = Object.keys(MUTATIONS);

// ---------------------------------------------------------------- raw hostile bodies

function varintBytes(v: number): number[] {
  const out: number[] = [];
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
  return out;
}

/** Bodies written by hand: declared sizes far beyond the bytes, nesting, long varints. */
function rawBody(g: Gen): { body: Uint8Array; label: string } {
  const which = g.nat(6);
  switch (which) {
    case 0: {
      // root Node { standard_scaler { mean_f64: <declared 2^31 - 1 bytes> } } with a few bytes present
      const declared = g.oneOf([2 ** 31 - 1, 2 ** 32 - 1, 2 ** 31, 1 << 20]);
      const inner = [0x1a, ...varintBytes(declared), 1, 2, 3];
      const state = [0x8a, 0x01, ...varintBytes(inner.length), ...inner];
      return { body: Uint8Array.from([0x0a, ...varintBytes(state.length), ...state]), label: `declared length ${declared}` };
    }
    case 1: {
      // children nested far deeper than any limit, built inside out
      const depth = g.oneOf([50, 200, 5000]);
      // Built back to front into one buffer: each level prepends a tag and its length.
      const buf = new Uint8Array(depth * 4 + 8);
      let start = buf.length;
      for (let i = 0; i <= depth; i++) {
        const head = [i === depth ? 0x0a : 0x1a, ...varintBytes(buf.length - start)];
        start -= head.length;
        buf.set(head, start);
      }
      return { body: buf.subarray(start), label: `raw nesting ${depth}` };
    }
    case 2: {
      // a million empty children: two bytes each
      const k = g.oneOf([10_001, 100_000, 1_000_000]);
      const node = new Uint8Array(2 * k);
      for (let i = 0; i < k; i++) node[2 * i] = 0x1a;
      const head = [0x0a, ...varintBytes(node.length)];
      const out = new Uint8Array(head.length + node.length);
      out.set(head);
      out.set(node, head.length);
      return { body: out, label: `raw ${k} children` };
    }
    case 3: {
      // metadata: many entries (a repeated field counted against maxTensorElements)
      const k = g.oneOf([1000, 100_000]);
      const out = new Uint8Array(2 * k);
      for (let i = 0; i < k; i++) out[2 * i] = 0x22;
      return { body: out, label: `raw ${k} metadata entries` };
    }
    case 4:
      // over-long varints and a bad wire type
      return { body: Uint8Array.from(g.oneOf([[0x20, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01], [0x0f], [0x0b, 0x0c], [0x00, 0x00], [0x0a, 0x80]])), label: "raw bad varint/wire" };
    case 5: {
      // a group wrapping deep groups (proto2 wire types 3/4)
      const depth = g.oneOf([10, 150, 3000]);
      const arr: number[] = [];
      for (let i = 0; i < depth; i++) arr.push(0xfb, 0x06); // start group field 111
      for (let i = 0; i < depth; i++) arr.push(0xfc, 0x06); // end group
      return { body: Uint8Array.from(arr), label: `raw groups ${depth}` };
    }
    default: {
      const bytes = g.bytes(300);
      return { body: bytes, label: "random body" };
    }
  }
}

// ---------------------------------------------------------------- byte-level edits

function editBytes(g: Gen, src: Uint8Array, donor: Uint8Array): Uint8Array {
  let b = src.slice();
  const ops = g.int(1, 4);
  for (let k = 0; k < ops; k++) {
    const op = g.nat(5);
    const at = b.length === 0 ? 0 : g.nat(b.length - 1);
    if (op === 0 && b.length > 0) b[at] ^= 1 << g.nat(7);
    else if (op === 1 && b.length > 0) b[at] = g.oneOf([0x00, 0x01, 0x7f, 0x80, 0xff, 0x0a, 0x12, 0x1a, 0x22]);
    else if (op === 2) {
      const ins = g.bytes(8);
      b = Uint8Array.from([...b.subarray(0, at), ...ins, ...b.subarray(at)]);
    } else if (op === 3) b = Uint8Array.from([...b.subarray(0, at), ...b.subarray(Math.min(b.length, at + g.int(1, 16)))]);
    else if (op === 4 && donor.length > 0) {
      const from = g.nat(donor.length - 1);
      const chunk = donor.subarray(from, from + g.int(1, 64));
      b = Uint8Array.from([...b.subarray(0, at), ...chunk, ...b.subarray(at)]);
    } else if (b.length > 0) b = b.subarray(0, at);
  }
  return b;
}

// ---------------------------------------------------------------- load options

function limitsOf(g: Gen): Partial<LoadLimits> | undefined {
  if (!g.bool()) return undefined;
  const small = () => (g.bool() ? g.nat(20) : g.oneOf([100, 1000, 4096]));
  const limits: Partial<LoadLimits> = {};
  if (g.bool()) limits.maxBytes = g.oneOf([64, 1000, 100_000]);
  if (g.bool()) limits.maxNodes = small();
  if (g.bool()) limits.maxDepth = g.nat(40);
  if (g.bool()) limits.maxFeatures = small();
  if (g.bool()) limits.maxTensorElements = small();
  return limits;
}

// ---------------------------------------------------------------- strategies

export interface Strategy {
  name: string;
  /** Runs in CI (the full fuzz scales them up). */
  ciRuns: number;
  arbitrary: (corpus: Corpus) => fc.Arbitrary<FuzzCase>;
}

/** Artefacts up to 64 KB: mutation cost grows with size, and the few larger ones are covered by the truncation passes. */
const entry = (corpus: Corpus) => fc.constantFrom(...corpus.entries.filter((e) => e.bytes.length <= 65_536));

export const STRATEGIES: Strategy[] = [
  {
    name: "random bytes",
    ciRuns: 2000,
    arbitrary: () =>
      fc.oneof(fc.uint8Array({ maxLength: 600 }), fc.uint8Array({ maxLength: 64 }).map((t) => Uint8Array.from([0x53, 0x4b, 0x57, 0x4c, 1, 0, 0, 0, ...t]))).map((bytes) => ({
        label: "random bytes",
        bytes,
        options: {},
      })),
  },
  {
    name: "random envelope and signature sections, framed with a valid digest",
    ciRuns: 2000,
    arbitrary: () =>
      fc.tuple(fc.uint8Array({ maxLength: 300 }), fc.uint8Array({ maxLength: 100 }), fc.nat({ max: 3 })).map(([env, sig, minor]) => ({
        label: "framed random",
        bytes: frame(env, sig, minor),
        options: {},
      })),
  },
  {
    name: "truncation at a random offset",
    ciRuns: 1000,
    arbitrary: (corpus) =>
      entry(corpus).chain((e) =>
        fc.nat({ max: e.bytes.length - 1 }).map((n) => ({ label: `truncate ${e.label} at ${n}`, bytes: e.bytes.subarray(0, n), options: {} })),
      ),
  },
  {
    name: "single- and multi-bit flips",
    ciRuns: 2000,
    arbitrary: (corpus) =>
      fc.tuple(entry(corpus), fc.array(fc.nat(), { minLength: 1, maxLength: 8 })).map(([e, bits]) => {
        const b = e.bytes.slice();
        for (const bit of bits) b[(bit >>> 3) % b.length] ^= 1 << (bit & 7);
        return { label: `flip ${bits.length} bit(s) of ${e.label}`, bytes: b, options: {} };
      }),
  },
  {
    name: "bit flips and byte edits of the body, re-framed",
    ciRuns: 4000,
    arbitrary: (corpus) =>
      fc.tuple(entry(corpus), entry(corpus), gen()).map(([e, donor, g]) => {
        const p = parts(e.bytes);
        p.body = editBytes(g, p.body, parts(donor.bytes).body);
        return { label: `edit body of ${e.label}`, bytes: join(p), options: {} };
      }),
  },
  {
    name: "truncated body, re-framed",
    ciRuns: 1000,
    arbitrary: (corpus) =>
      entry(corpus).chain((e) => {
        const p = parts(e.bytes);
        return fc.nat({ max: Math.max(0, p.body.length - 1) }).map((n) => ({ label: `truncate body of ${e.label} at ${n}`, bytes: join({ ...p, body: p.body.subarray(0, n) }), options: {} }));
      }),
  },
  {
    name: "field-level mutations of decoded bodies, re-framed",
    ciRuns: 6000,
    arbitrary: (corpus) =>
      fc.tuple(entry(corpus), gen()).map(([e, g]) => {
        const p = parts(e.bytes);
        const body = decodeBody(p.body);
        const names: string[] = [];
        const count = g.int(1, 3);
        for (let i = 0; i < count; i++) {
          const m = pick(g, MUTATION_NAMES);
          names.push(MUTATIONS[m](g, body, corpus));
        }
        let encoded: Uint8Array;
        try {
          encoded = pb.Body.encode(body).finish();
        } catch {
          encoded = p.body; // the mutation made an unencodable message; load the original
        }
        // Shared subtrees can multiply a mutation; size is not what this strategy tests.
        if (encoded.length > 4 << 20) encoded = p.body;
        const options: LoadOptions = { limits: limitsOf(g) };
        return { label: `${e.label}: ${names.join(", ")}`, bytes: join({ ...p, body: encoded }), options };
      }),
  },
  {
    name: "hand-written hostile bodies (declared sizes, nesting, counts)",
    ciRuns: 600,
    arbitrary: () =>
      gen().map((g) => {
        const { body, label } = rawBody(g);
        return { label, bytes: join({ minor: 0, producer: "fuzz", body, signatures: new Uint8Array(0) }), options: { limits: limitsOf(g) } };
      }),
  },
  {
    name: "header versions and envelope fields",
    ciRuns: 1000,
    arbitrary: (corpus) =>
      fc.tuple(entry(corpus), gen()).map(([e, g]) => {
        const p = parts(e.bytes);
        const major = g.oneOf([0, 1, 1, 1, 2, 0xffff]);
        p.minor = g.oneOf([0, 1, 2, 0xffff]);
        if (g.bool()) p.producer = hostileString(g);
        return { label: `version ${major}.${p.minor} of ${e.label}`, bytes: join(p, major), options: {} };
      }),
  },
  {
    name: "signature sections and signature options",
    ciRuns: 1000,
    arbitrary: (corpus) =>
      fc.tuple(entry(corpus), gen()).map(([e, g]) => {
        const p = parts(e.bytes);
        const signed = corpus.entries.find((x) => x.label.endsWith("signed"))!;
        const real = parts(signed.bytes);
        const mode = g.nat(4);
        if (mode === 0) p.signatures = real.signatures; // a real signature over different bytes
        else if (mode === 1) p.signatures = editBytes(g, real.signatures, real.signatures);
        else if (mode === 2) p.signatures = g.bytes(200);
        else if (mode === 3) {
          const sig = pb.SignatureSet.decode(real.signatures);
          const s = sig.signatures[0];
          p.signatures = pb.SignatureSet.encode({
            signatures: [{ algorithm: hostileString(g), publicKey: s.publicKey, signature: hostileBytes(g, s.signature ?? undefined) }],
          }).finish();
        }
        const options: LoadOptions = g.bool() ? { trustedKeys: [corpus.publicKey], requireSignature: g.bool() } : {};
        return { label: `signature mode ${mode} on ${e.label}`, bytes: join(p), options };
      }),
  },
];

/** Every strategy's CI runs, summed. */
export const CI_TOTAL = STRATEGIES.reduce((n, s) => n + s.ciRuns, 0);
