/**
 * The "serving" side of the demo, run as a separate process: loads the artefact file,
 * transforms the rows it is given, and writes the float32 output bytes.
 * Usage: node --import tsx examples/serve-once.ts <artefact> <rows.json> <out.bin>
 */
import { readFileSync, writeFileSync } from "node:fs";
import { Pipeline } from "../src/index.js";
import { loadFileAs } from "../src/node.js";

const [artefactPath, rowsPath, outPath] = process.argv.slice(2);
const served = loadFileAs(Pipeline, artefactPath);
const rows = JSON.parse(readFileSync(rowsPath, "utf8")) as (number | null)[][];
const y = served.transform(rows);
writeFileSync(outPath, new Uint8Array(y.buffer, y.byteOffset, y.byteLength));
