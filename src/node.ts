/** Node-only helpers: artefacts on disk. */
import { readFileSync, writeFileSync } from "node:fs";
import { type LoadOptions, loadArtefact } from "./load.js";
import type { LoadedTransform } from "./transforms/registry.js";

/** Writes artefact bytes (from save()) to a file. */
export function writeArtefactFile(path: string, bytes: Uint8Array): void {
  writeFileSync(path, bytes);
}

/** Reads and loads an artefact file. */
export function loadArtefactFile(path: string, options?: LoadOptions): LoadedTransform {
  const buf = readFileSync(path);
  return loadArtefact(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength), options);
}
