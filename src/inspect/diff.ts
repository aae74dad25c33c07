/**
 * What changed between two fitted artefacts: schema and layout columns added or
 * removed, per node the vocabulary/categories added and removed and how far numeric
 * state (means, scales, quantiles, idf, ...) moved, and the training statistics.
 */
import type { ArtefactRecord } from "../artefact/record.js";
import type { CategoryList, NodeRecord } from "../artefact/states.js";

export type Change =
  | { kind: "schema"; column: string; change: "added" | "removed" | "type"; detail?: string }
  | { kind: "layout"; column: string; change: "added" | "removed" }
  | { kind: "node"; path: string; change: "replaced"; detail: string }
  | { kind: "values"; path: string; added: string[]; removed: string[]; addedCount: number; removedCount: number }
  | { kind: "numeric"; path: string; maxAbsChange: number; maxRelChange: number; at: number; before: number; after: number; lengthBefore: number; lengthAfter: number }
  | { kind: "option"; path: string; before: string; after: string }
  | { kind: "statistics"; column: string; field: string; before: number; after: number };

const SHOW = 20;

function isCategoryList(v: unknown): v is CategoryList {
  return typeof v === "object" && v !== null && "type" in v && "values" in v && "includesMissing" in v;
}

function listValues(l: CategoryList): string[] {
  const vals = l.type === "string" ? l.values.slice() : Array.from(l.values, (v) => (l.type === "boolean" ? String(v === 1) : String(v)));
  if (l.includesMissing) vals.push("<missing>");
  return vals;
}

function setDiff(path: string, before: string[], after: string[]): Change | null {
  const b = new Set(before);
  const a = new Set(after);
  const added = after.filter((v) => !b.has(v));
  const removed = before.filter((v) => !a.has(v));
  if (added.length === 0 && removed.length === 0) return null;
  return { kind: "values", path, added: added.slice(0, SHOW), removed: removed.slice(0, SHOW), addedCount: added.length, removedCount: removed.length };
}

function numericDiff(path: string, before: ArrayLike<number>, after: ArrayLike<number>): Change | null {
  let maxAbs = 0;
  let maxRel = 0;
  let at = -1;
  const n = Math.min(before.length, after.length);
  for (let i = 0; i < n; i++) {
    const x = before[i];
    const y = after[i];
    if (Object.is(x, y)) continue;
    const abs = Math.abs(y - x);
    const rel = abs / Math.max(Math.abs(x), Math.abs(y), Number.MIN_VALUE);
    if (!(abs <= maxAbs)) {
      maxAbs = abs;
      at = i;
    }
    if (rel > maxRel) maxRel = rel;
  }
  if (at < 0 && before.length === after.length) return null;
  return {
    kind: "numeric",
    path,
    maxAbsChange: maxAbs,
    maxRelChange: maxRel,
    at,
    before: at >= 0 ? before[at] : NaN,
    after: at >= 0 ? after[at] : NaN,
    lengthBefore: before.length,
    lengthAfter: after.length,
  };
}

function diffState(path: string, a: unknown, b: unknown, out: Change[]): void {
  if (isCategoryList(a) && isCategoryList(b)) {
    const c = setDiff(path, listValues(a), listValues(b));
    if (c) out.push(c);
    return;
  }
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) {
    const c = numericDiff(path, a as unknown as ArrayLike<number>, b as unknown as ArrayLike<number>);
    if (c) out.push(c);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.every((v) => typeof v === "string") && b.every((v) => typeof v === "string")) {
      const c = setDiff(path, a as string[], b as string[]);
      if (c) out.push(c);
      return;
    }
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) diffState(`${path}[${i}]`, a[i], b[i], out);
    return;
  }
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) diffState(`${path}.${k}`, (a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], out);
    return;
  }
  if (typeof a === "number" && typeof b === "number") {
    if (!Object.is(a, b)) out.push({ kind: "numeric", path, maxAbsChange: Math.abs(b - a), maxRelChange: Math.abs(b - a) / Math.max(Math.abs(a), Math.abs(b)), at: 0, before: a, after: b, lengthBefore: 1, lengthAfter: 1 });
    return;
  }
  if (!Object.is(a, b)) out.push({ kind: "option", path, before: JSON.stringify(a) ?? "undefined", after: JSON.stringify(b) ?? "undefined" });
}

function diffNodes(path: string, a: NodeRecord, b: NodeRecord, out: Change[]): void {
  if (a.kind !== b.kind) {
    out.push({ kind: "node", path, change: "replaced", detail: `${a.kind} -> ${b.kind}` });
    return;
  }
  diffState(`${path}`, a.state, b.state, out);
  const n = Math.max(a.children.length, b.children.length);
  for (let i = 0; i < n; i++) {
    const ca = a.children[i];
    const cb = b.children[i];
    const label = `${path}/${(cb ?? ca).name || i}:${(cb ?? ca).kind}`;
    if (!ca || !cb) out.push({ kind: "node", path: label, change: "replaced", detail: ca ? "removed" : "added" });
    else diffNodes(label, ca, cb, out);
  }
}

/** Changes from artefact `a` to artefact `b`. */
export function diffArtefacts(a: ArtefactRecord, b: ArtefactRecord): Change[] {
  const out: Change[] = [];
  const sa = new Map(a.inputSchema.map((c) => [c.name, c]));
  const sb = new Map(b.inputSchema.map((c) => [c.name, c]));
  for (const [name, c] of sb) {
    const old = sa.get(name);
    if (!old) out.push({ kind: "schema", column: name, change: "added" });
    else if (old.type !== c.type || old.width !== c.width) out.push({ kind: "schema", column: name, change: "type", detail: `${old.type}[${old.width}] -> ${c.type}[${c.width}]` });
  }
  for (const name of sa.keys()) if (!sb.has(name)) out.push({ kind: "schema", column: name, change: "removed" });
  const la = new Set(a.layout.map((c) => c.name));
  const lb = new Set(b.layout.map((c) => c.name));
  for (const n of lb) if (!la.has(n)) out.push({ kind: "layout", column: n, change: "added" });
  for (const n of la) if (!lb.has(n)) out.push({ kind: "layout", column: n, change: "removed" });
  diffNodes(`${a.root.name || "root"}:${a.root.kind}`, a.root, b.root, out);
  const stA = new Map(a.statistics.map((s) => [s.name, s]));
  for (const s of b.statistics) {
    const old = stA.get(s.name);
    if (!old) continue;
    for (const field of ["count", "missing", "mean", "std", "min", "max", "distinct"] as const) {
      if (!Object.is(old[field], s[field])) out.push({ kind: "statistics", column: s.name, field, before: old[field], after: s[field] });
    }
  }
  return out;
}

/** Human-readable lines for `skewless diff`. */
export function formatChanges(changes: Change[]): string[] {
  if (changes.length === 0) return ["no differences in schema, layout, fitted state or statistics"];
  return changes.map((c) => {
    switch (c.kind) {
      case "schema":
        return `schema  ${c.change.padEnd(8)} ${c.column}${c.detail ? ` (${c.detail})` : ""}`;
      case "layout":
        return `layout  ${c.change.padEnd(8)} ${c.column}`;
      case "node":
        return `node    ${c.change.padEnd(8)} ${c.path} (${c.detail})`;
      case "values":
        return `values  ${c.path}: +${c.addedCount} [${c.added.map((v) => JSON.stringify(v)).join(", ")}${c.addedCount > c.added.length ? ", ..." : ""}] -${c.removedCount} [${c.removed.map((v) => JSON.stringify(v)).join(", ")}${c.removedCount > c.removed.length ? ", ..." : ""}]`;
      case "numeric":
        return `moved   ${c.path}: max |change| ${c.maxAbsChange.toPrecision(4)} (rel ${c.maxRelChange.toPrecision(3)}) at [${c.at}] ${c.before} -> ${c.after}${c.lengthBefore !== c.lengthAfter ? ` (length ${c.lengthBefore} -> ${c.lengthAfter})` : ""}`;
      case "option":
        return `option  ${c.path}: ${c.before} -> ${c.after}`;
      case "statistics":
        return `stats   ${c.column}.${c.field}: ${c.before} -> ${c.after}`;
    }
  });
}
