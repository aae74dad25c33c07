/**
 * Browser bundle entry for the browser proof: exposes one function on globalThis that
 * loads artefact bytes and transforms an input, returning the output bytes.
 */
import { FeatureSpace, loadArtefact } from "../../src/index.js";
import { decodeValue } from "../golden/codec.js";

declare global {
  // eslint-disable-next-line no-var
  var skewlessTransform: (artefactBase64: string, inputJson: string) => { bytes: string; kind: string } | { error: string; code: string };
}

function fromBase64(s: string): Uint8Array {
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

function toBase64(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode(...b.subarray(i, i + 0x8000));
  return btoa(s);
}

// Inputs and outputs cross the page boundary as strings (JSON with the golden codec for
// -0/NaN/Infinity/undefined/typed arrays, base64 for bytes): one cheap copy each way.
globalThis.skewlessTransform = (artefactBase64, inputJson) => {
  try {
    const artefact = fromBase64(artefactBase64);
    const input = decodeValue(JSON.parse(inputJson));
    const t = loadArtefact(artefact);
    const y = t instanceof FeatureSpace ? t.transformToArray(input as never) : (t as { transform(x: unknown): Float32Array }).transform(input);
    return { bytes: toBase64(new Uint8Array(y.buffer, y.byteOffset, y.byteLength)), kind: t.kind };
  } catch (e) {
    const err = e as { message?: string; code?: string };
    return { error: String(err.message), code: String(err.code) };
  }
};
