/**
 * loadArtefact: bytes -> a fitted object ready to transform. The artefact layer turns
 * bytes into plain records; this module knows every kind and rebuilds its class.
 */
import { type ArtefactInfo, type ArtefactRecord, type LoadLimits, decodeArtefact, rememberOrigin } from "./artefact/index.js";
import type { Kind, NodeRecord, StateByKind } from "./artefact/states.js";
import { ArtefactError } from "./core/errors.js";
import { FACTORIES, type LoadedTransform } from "./transforms/registry.js";
import { FeatureSpace } from "./space/feature-space.js";
import type { FeatureStatisticsRecord } from "./artefact/record.js";

export interface LoadOptions {
  /** Resource limits for untrusted bytes; see DEFAULT_LIMITS. Exceeding one is an ARTEFACT_LIMIT error. */
  limits?: Partial<LoadLimits>;
  /**
   * ed25519 public keys (32 bytes each, from publicKeyOf) whose signatures are checked.
   * A signature by one of them that does not verify is always refused (SIGNATURE_INVALID).
   */
  trustedKeys?: Uint8Array[];
  /** Refuse the artefact unless one of `trustedKeys` signed it (SIGNATURE_INVALID). */
  requireSignature?: boolean;
}

/** Everything loadArtefact can return: a transform, a Pipeline or a FeatureSpace. */
export type Loaded = LoadedTransform | FeatureSpace;

/** Rebuilds the fitted object of one node (recursively for composites). */
export function fromRecord(node: NodeRecord, statistics: FeatureStatisticsRecord[] = []): Loaded {
  if (node.kind === "FeatureSpace") {
    // The space layer sits above the transforms' registry, so it is rebuilt here.
    const chains = node.children.map((c) => fromRecord(c));
    if (chains.length !== node.state.features.length || chains.some((c) => c instanceof FeatureSpace)) {
      throw new ArtefactError(`artefact FeatureSpace has ${chains.length} child nodes for ${node.state.features.length} features`);
    }
    return FeatureSpace.fromParts(node.state, chains as LoadedTransform[] as never, statistics);
  }
  return transformFromRecord(node);
}

function transformFromRecord(node: NodeRecord): LoadedTransform {
  const factory = FACTORIES[node.kind] as (state: StateByKind[Kind], name: string, children: LoadedTransform[]) => LoadedTransform;
  if (!factory) throw new ArtefactError(`no transform is registered for artefact kind ${node.kind}`);
  return factory(node.state, node.name, node.children.map(transformFromRecord));
}

/**
 * Loads artefact bytes written by `save()`: checks framing, version, digest, signatures
 * and limits, then rebuilds the transform. The object remembers what the artefact held
 * beyond its state (unknown fields of a newer minor, metadata, statistics), so that
 * `save()` of the unmodified object writes it back (see src/artefact/origin.ts).
 */
export function loadArtefact(bytes: Uint8Array, options: LoadOptions = {}): Loaded {
  const { record, origin } = decodeArtefact(bytes, options);
  const loaded = fromRecord(record.root, record.statistics);
  rememberOrigin(loaded, origin);
  return loaded;
}

/**
 * Loads an artefact and checks it holds the expected class, giving a precisely typed
 * result: `const scaler = loadAs(StandardScaler, bytes)`.
 */
export function loadAs<T extends Loaded>(cls: abstract new (...args: never[]) => T, bytes: Uint8Array, options: LoadOptions = {}): T {
  const loaded = loadArtefact(bytes, options);
  if (!(loaded instanceof cls)) {
    throw new ArtefactError(`artefact holds a ${loaded.kind}, not a ${cls.name}; load it with loadArtefact() or loadAs(${loaded.kind}, bytes)`);
  }
  return loaded;
}

/** Decodes an artefact without building transforms: format, producer, digest, signatures, schema, layout, metadata. */
export function inspectArtefact(bytes: Uint8Array, options: LoadOptions = {}): { info: ArtefactInfo; record: ArtefactRecord } {
  const { info, record } = decodeArtefact(bytes, options);
  return { info, record };
}
