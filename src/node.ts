/** Node-only helpers: artefacts on disk. */
import { readFileSync, writeFileSync } from "node:fs";
import { type LoadOptions, type Loaded, loadArtefact, loadAs } from "./load.js";


/** Writes artefact bytes (from save()) to a file. */
export function writeArtefactFile(path: string, bytes: Uint8Array): void {
  writeFileSync(path, bytes);
}

/** Reads and loads an artefact file. */
export function loadArtefactFile(path: string, options?: LoadOptions): Loaded {
  const buf = readFileSync(path);
  return loadArtefact(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength), options);
}

/** Reads an artefact file and checks it holds the expected class (see loadAs). */
export function loadFileAs<T extends Loaded>(cls: abstract new (...args: never[]) => T, path: string, options?: LoadOptions): T {
  const buf = readFileSync(path);
  return loadAs(cls, new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength), options);
}

export { csvBatches, type CsvOptions, DEFAULT_MISSING } from "./node/csv.js";
export { npyBytes } from "./node/npy.js";
export { startKernelThreads, type KernelThreads } from "./node/kernel-threads.js";
export { readWordVectors, type ReadWordVectorsOptions, type WordVectorsFormat } from "./node/word-vectors.js";
export { diffArtefacts, formatChanges, type Change } from "./inspect/diff.js";
export { featureSpaceFromSpec, SPEC_KINDS, type SpaceSpecJson } from "./space/spec.js";
