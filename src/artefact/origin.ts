/**
 * Provenance of loaded objects, so that re-saving an unmodified loaded object gives
 * back its artefact: unknown fields of a newer minor kept in place, metadata,
 * statistics, schema and layout kept, and the newer minor still declared.
 *
 * loadArtefact registers, for the object it returns, what the artefact held beyond the
 * fitted state: the unknown fields (copied, indexed by their position in the message
 * tree) and the non-state parts of the record. Nothing proportional to the fitted state
 * is kept: state arrays are shared with the object itself, by reference.
 *
 * A save() that passes `source: this` to encodeArtefact gets that provenance back as
 * long as the object's record is still equal to the loaded one; after a re-fit it does
 * not (the unknown fields described the old state), and the artefact is written fresh.
 */
import type { ArtefactRecord } from "./record.js";
import type { NodeRecord } from "./states.js";

/** Unknown fields of one decoded message and, by field name, of the messages under it. */
export interface UnknownTree {
  unknowns?: Uint8Array[];
  fields?: Record<string, UnknownTree | (UnknownTree | undefined)[]>;
}

export interface Origin {
  /** The record as loaded (its state objects are shared with the loaded object). */
  record: ArtefactRecord;
  /** Format minor the artefact declared. */
  minor: number;
  /** Unknown fields of the Body and everything inside it; undefined when there were none. */
  unknowns: UnknownTree | undefined;
}

const ORIGINS = new WeakMap<object, Origin>();

export function rememberOrigin(loaded: object, origin: Origin): void {
  ORIGINS.set(loaded, origin);
}

/** The provenance of `source` if its current record is still the one it was loaded with. */
export function originFor(source: object | undefined, current: NodeRecord): Origin | undefined {
  if (source === undefined) return undefined;
  const origin = ORIGINS.get(source);
  return origin && sameValue(origin.record.root, current) ? origin : undefined;
}

/**
 * Collects `$unknowns` (protobufjs keeps unknown fields there when the reader does not
 * discard them) from a decoded message tree. Returns undefined for a subtree without any.
 */
export function collectUnknowns(message: unknown, depth = 0): UnknownTree | undefined {
  if (message === null || typeof message !== "object" || ArrayBuffer.isView(message) || depth > 200) return undefined;
  const tree: UnknownTree = {};
  const own = (message as { $unknowns?: unknown }).$unknowns;
  if (Array.isArray(own) && own.length > 0 && Object.prototype.hasOwnProperty.call(message, "$unknowns")) {
    tree.unknowns = own.map((u: Uint8Array) => u.slice());
  }
  for (const [key, value] of Object.entries(message)) {
    if (Array.isArray(value)) {
      // Repeated fields are homogeneous: a list of strings or numbers (a vocabulary) has no messages.
      if (value.length === 0 || value[0] === null || typeof value[0] !== "object") continue;
      const items = value.map((v) => collectUnknowns(v, depth + 1));
      if (items.some((t) => t !== undefined)) (tree.fields ??= {})[key] = items;
    } else if (value !== null && typeof value === "object" && !ArrayBuffer.isView(value)) {
      const sub = collectUnknowns(value, depth + 1);
      if (sub) (tree.fields ??= {})[key] = sub;
    }
  }
  return tree.unknowns || tree.fields ? tree : undefined;
}

/**
 * Puts collected unknown fields back on a tree of plain objects about to be encoded
 * (generated encoders write an own `$unknowns` array after the known fields).
 * Where the new tree has no counterpart (fewer children), the unknowns are dropped.
 */
export function graftUnknowns(target: unknown, tree: UnknownTree | undefined): void {
  if (!tree || target === null || typeof target !== "object") return;
  if (tree.unknowns) Object.defineProperty(target, "$unknowns", { value: tree.unknowns.map((u) => u.slice()), enumerable: false, writable: true, configurable: true });
  for (const [key, sub] of Object.entries(tree.fields ?? {})) {
    const value = (target as Record<string, unknown>)[key];
    if (Array.isArray(sub)) {
      if (Array.isArray(value)) sub.forEach((t, i) => graftUnknowns(value[i], t));
    } else graftUnknowns(value, sub);
  }
}

/** Structural equality of plain state data (typed arrays by content, -0 and NaN exact). */
function sameValue(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    if (!ArrayBuffer.isView(a) || !ArrayBuffer.isView(b) || a.constructor !== b.constructor || a.byteLength !== b.byteLength) return false;
    const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    return true;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
    if (!sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}
