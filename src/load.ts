/**
 * loadArtefact: bytes -> a fitted object ready to transform. The artefact layer turns
 * bytes into plain records; this module knows every kind and rebuilds its class.
 */
import { type ArtefactInfo, type ArtefactRecord, type LoadLimits, decodeArtefact } from "./artefact/index.js";
import type { Kind, NodeRecord, StateByKind } from "./artefact/states.js";
import { ArtefactError } from "./core/errors.js";
import { FACTORIES, type LoadedTransform } from "./transforms/registry.js";

export interface LoadOptions {
  /** Resource limits for untrusted bytes; see DEFAULT_LIMITS. */
  limits?: Partial<LoadLimits>;
}

/** Rebuilds the fitted object of one node (recursively for composites). */
export function fromRecord(node: NodeRecord): LoadedTransform {
  const factory = FACTORIES[node.kind] as (state: StateByKind[Kind], name: string, children: LoadedTransform[]) => LoadedTransform;
  if (!factory) throw new ArtefactError(`no transform is registered for artefact kind ${node.kind}`);
  return factory(node.state, node.name, node.children.map(fromRecord));
}

/** Loads artefact bytes written by `save()`: checks framing, version, digest and limits, then rebuilds the transform. */
export function loadArtefact(bytes: Uint8Array, options: LoadOptions = {}): LoadedTransform {
  return fromRecord(decodeArtefact(bytes, options).record.root);
}

/** Decodes an artefact without building transforms: format, producer, digest, schema, layout, metadata. */
export function inspectArtefact(bytes: Uint8Array, options: LoadOptions = {}): { info: ArtefactInfo; record: ArtefactRecord } {
  return decodeArtefact(bytes, options);
}
