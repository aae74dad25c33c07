/**
 * Wire-compatibility check between two protobuf descriptors (the JSON of `pbjs -t json`
 * or protobufjs Root#toJSON): what a reader built from `current` would misread in bytes
 * written against `released`. The evolution rules it enforces are in
 * proto/skewless/v1/artefact.proto.
 */

export interface ProtoJson {
  nested?: Record<string, ProtoJson>;
  fields?: Record<string, { type: string; id: number; rule?: string; keyType?: string }>;
  values?: Record<string, number>;
  reserved?: (number[] | string)[];
  oneofs?: Record<string, { oneof: string[] }>;
}

interface Flat {
  messages: Map<string, ProtoJson>;
  enums: Map<string, ProtoJson>;
}

function flatten(root: ProtoJson): Flat {
  const flat: Flat = { messages: new Map(), enums: new Map() };
  const walk = (ns: ProtoJson, path: string) => {
    for (const [name, child] of Object.entries(ns.nested ?? {})) {
      const full = path ? `${path}.${name}` : name;
      if (child.values) flat.enums.set(full, child);
      else if (child.fields) flat.messages.set(full, child);
      walk(child, full);
    }
  };
  walk(root, "");
  return flat;
}

/** A field's type as a scalar name or the full name of the message/enum it resolves to. */
function resolve(type: string, scope: string, flat: Flat): string {
  const parts = scope.split(".");
  for (let k = parts.length; k >= 0; k--) {
    const candidate = [...parts.slice(0, k), type].join(".");
    if (flat.messages.has(candidate) || flat.enums.has(candidate)) return candidate;
  }
  return type;
}

function reservedNumber(desc: ProtoJson | undefined, n: number): boolean {
  return (desc?.reserved ?? []).some((r) => Array.isArray(r) && n >= r[0] && n <= r[1]);
}

function oneofOf(desc: ProtoJson, field: string): string {
  for (const [name, o] of Object.entries(desc.oneofs ?? {})) if (o.oneof.includes(field)) return name;
  return "";
}

function label(f: { rule?: string; keyType?: string }): string {
  return f.keyType !== undefined ? `map<${f.keyType}>` : f.rule === "repeated" ? "repeated" : "singular";
}

/** Every wire-incompatible difference from `released` to `current`, as readable sentences. */
export function wireIncompatibilities(released: ProtoJson, current: ProtoJson): string[] {
  const a = flatten(released);
  const b = flatten(current);
  const out: string[] = [];
  for (const [name, old] of a.messages) {
    const cur = b.messages.get(name);
    if (!cur) {
      out.push(`message ${name} was removed; keep it (deprecated) so released artefacts still decode`);
      continue;
    }
    const curById = new Map(Object.entries(cur.fields ?? {}).map(([n, f]) => [f.id, { name: n, ...f }]));
    const oldIds = new Set<number>();
    for (const [fname, f] of Object.entries(old.fields ?? {})) {
      oldIds.add(f.id);
      const g = curById.get(f.id);
      if (!g) {
        if (!reservedNumber(cur, f.id)) out.push(`field ${name}.${fname} = ${f.id} was removed without "reserved ${f.id};"`);
        continue;
      }
      const t0 = resolve(f.type, name, a);
      const t1 = resolve(g.type, name, b);
      if (t0 !== t1) out.push(`field number ${name} #${f.id} changed type: ${fname} ${t0} -> ${g.name} ${t1}`);
      if (label(f) !== label(g)) out.push(`field number ${name} #${f.id} changed label: ${label(f)} -> ${label(g)}`);
      if (f.keyType !== g.keyType) out.push(`field number ${name} #${f.id} changed map key type`);
      if (oneofOf(old, fname) !== oneofOf(cur, g.name)) out.push(`field number ${name} #${f.id} moved between oneofs: "${oneofOf(old, fname)}" -> "${oneofOf(cur, g.name)}"`);
    }
    for (const [fname, g] of Object.entries(cur.fields ?? {})) {
      if (!oldIds.has(g.id) && reservedNumber(old, g.id)) out.push(`field ${name}.${fname} = ${g.id} reuses a number reserved in the released format`);
    }
  }
  for (const [name, old] of a.enums) {
    const cur = b.enums.get(name);
    if (!cur) {
      out.push(`enum ${name} was removed`);
      continue;
    }
    const curNumbers = new Set(Object.values(cur.values ?? {}));
    const oldNumbers = new Set(Object.values(old.values ?? {}));
    for (const [v, n] of Object.entries(old.values ?? {})) {
      const m = cur.values?.[v];
      if (m !== undefined && m !== n) out.push(`enum value ${name}.${v} was renumbered: ${n} -> ${m}`);
      if (m === undefined && !curNumbers.has(n) && !reservedNumber(cur, n)) out.push(`enum value ${name}.${v} = ${n} was removed without "reserved ${n};"`);
    }
    for (const [v, n] of Object.entries(cur.values ?? {})) {
      if (!oldNumbers.has(n) && reservedNumber(old, n)) out.push(`enum value ${name}.${v} = ${n} reuses a number reserved in the released format`);
    }
  }
  return out;
}
