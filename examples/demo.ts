/**
 * npm run demo: fit a numeric pipeline on the bundled Palmer penguins data, save the
 * artefact, load it in a separate Node process, transform the same rows there, and
 * check the outputs are identical bit for bit.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Pipeline, SimpleImputer, StandardScaler, inspectArtefact } from "../src/index.js";
import { writeArtefactFile } from "../src/node.js";
import { PENGUIN_NUMERIC, numericRows, readPenguins } from "./penguins.js";

const records = readPenguins();
const rows = numericRows(records);
const missing = rows.reduce((n, r) => n + r.filter((v) => v === null).length, 0);
console.log(`data: fixtures/data/penguins_raw.csv, ${rows.length} rows x ${PENGUIN_NUMERIC.length} numeric columns, ${missing} missing cells`);

const pipeline = new Pipeline([new SimpleImputer({ strategy: "median", addIndicator: true }), new StandardScaler()], { name: "penguin" });
pipeline.fit(rows);
const trained = pipeline.transform(rows);
const names = pipeline.outputNames(PENGUIN_NUMERIC.slice());
console.log(`fitted: SimpleImputer(median, addIndicator) -> StandardScaler; output width ${pipeline.width}:`);
for (const n of names) console.log(`  - ${n}`);

const dir = mkdtempSync(join(tmpdir(), "skewless-demo-"));
const artefactPath = join(dir, "penguins.skw");
const bytes = pipeline.save({ metadata: { dataset: "palmerpenguins penguins_raw.csv" } });
writeArtefactFile(artefactPath, bytes);
const { info } = inspectArtefact(bytes);
console.log(`artefact: ${artefactPath}`);
console.log(`  format ${info.formatMajor}.${info.formatMinor}, producer ${info.producer}, ${info.byteLength} bytes`);
console.log(`  sha256 ${info.digest}`);

const rowsPath = join(dir, "rows.json");
const outPath = join(dir, "served.bin");
writeFileSync(rowsPath, JSON.stringify(rows));
execFileSync(process.execPath, ["--import", "tsx", fileURLToPath(new URL("./serve-once.ts", import.meta.url)), artefactPath, rowsPath, outPath], { stdio: "inherit" });
const served = new Float32Array(new Uint8Array(readFileSync(outPath)).buffer);

const a = new Uint8Array(trained.buffer, trained.byteOffset, trained.byteLength);
const b = new Uint8Array(served.buffer, served.byteOffset, served.byteLength);
let differing = 0;
for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) differing++;
console.log(`served in a separate process (pid != ${process.pid}): ${served.length / pipeline.width} rows x ${pipeline.width} columns`);
console.log(`first row, training : ${Array.from(trained.subarray(0, pipeline.width), (v) => v.toFixed(6)).join(", ")}`);
console.log(`first row, serving  : ${Array.from(served.subarray(0, pipeline.width), (v) => v.toFixed(6)).join(", ")}`);
if (differing === 0 && a.length === b.length) {
  console.log(`IDENTICAL: ${trained.length} float32 values, 0 differing bytes`);
} else {
  console.log(`SKEW: ${differing} differing bytes (lengths ${a.length} vs ${b.length})`);
  process.exit(1);
}
