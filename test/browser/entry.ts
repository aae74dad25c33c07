/**
 * Browser bundle entry for the browser proof: exposes one function on globalThis that
 * loads artefact bytes and transforms an input, returning the output bytes.
 */
import { FeatureSpace, loadArtefact } from "../../src/index.js";

declare global {
  // eslint-disable-next-line no-var
  var skewlessTransform: (artefact: Uint8Array, input: unknown) => { bytes: number[]; kind: string; digest: string } | { error: string; code: string };
}

globalThis.skewlessTransform = (artefact, input) => {
  try {
    const t = loadArtefact(artefact);
    const y = t instanceof FeatureSpace ? t.transformToArray(input as never) : (t as { transform(x: unknown): Float32Array }).transform(input);
    return { bytes: Array.from(new Uint8Array(y.buffer, y.byteOffset, y.byteLength)), kind: t.kind, digest: "" };
  } catch (e) {
    const err = e as { message?: string; code?: string };
    return { error: String(err.message), code: String(err.code) };
  }
};
