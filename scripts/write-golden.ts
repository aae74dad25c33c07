/**
 * Writes golden artefacts for every registered conformance case that has none yet:
 * fixtures/artefacts/v1/<slug>.skw (the artefact), <slug>.input.json (the transform
 * input, see test/golden/codec.ts) and <slug>.output.bin (the float32 output bytes).
 * Existing files are NEVER overwritten: golden artefacts are the backward-compatibility
 * promise (test/golden/golden.test.ts loads each and compares bit for bit).
 * Run: npx tsx scripts/write-golden.ts
 */
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { FeatureSpace, OneHotEncoder, SimpleImputer, StandardScaler, VERSION, FORMAT_MAJOR, FORMAT_MINOR } from "../src/index.js";
import { ALL_CASES } from "../test/conformance/all-cases.js";
import { penguinColumn } from "../test/conformance/categorical-arbitraries.js";
import { penguinRows } from "../test/conformance/arbitraries.js";
import { fitted } from "../test/conformance/checks.js";
import { encodeValue } from "../test/golden/codec.js";
import { sha256, toHex } from "../src/artefact/sha256.js";

const DIR = fileURLToPath(new URL("../fixtures/artefacts/v1/", import.meta.url));

export function slug(label: string): string {
  return label.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "").slice(0, 80);
}

/** Outputs up to this size are stored whole; wider ones (text vocabularies) by SHA-256 only. */
const MAX_OUTPUT_BYTES = 64 * 1024;

function write(name: string, artefact: Uint8Array, input: unknown, output: Float32Array): boolean {
  const base = join(DIR, name);
  if (existsSync(`${base}.skw`)) return false;
  const bytes = new Uint8Array(output.buffer, output.byteOffset, output.byteLength);
  writeFileSync(`${base}.skw`, artefact);
  writeFileSync(`${base}.input.json`, JSON.stringify(encodeValue(input)) + "\n");
  writeFileSync(`${base}.output.sha256`, `${toHex(sha256(bytes))}  ${bytes.length} bytes\n`);
  if (bytes.length <= MAX_OUTPUT_BYTES) writeFileSync(`${base}.output.bin`, bytes);
  return true;
}

let added = 0;
for (const c of ALL_CASES) {
  const f = fitted(c, c.realRows);
  if (!f.ok) throw new Error(`${c.label}: ${f.message}`);
  // A few rows keep the fixtures small; the artefact itself is fitted on all the real rows.
  const input = c.toInput((c.realTransformRows ?? c.realRows).slice(0, 24));
  const out = f.value.transform(input) as Float32Array;
  if (write(slug(c.label), f.value.save({ metadata: { golden: c.label } }), input, out)) added++;
}

const island = penguinColumn("Island");
const sex = penguinColumn("Sex");
const rows = penguinRows().map((r, i) => ({ mass: r[3], bill: r[0], depth: r[1], island: island[i], sex: sex[i] }));
const space = new FeatureSpace({
  mass: [new SimpleImputer({ strategy: "median" }), new StandardScaler()],
  island: new OneHotEncoder({ handleUnknown: "ignore" }),
  sex: new OneHotEncoder(),
  bill: { input: ["bill", "depth"], transform: [new SimpleImputer(), new StandardScaler()] },
}).fit(rows);
if (write("feature-space-penguins", space.save({ metadata: { golden: "FeatureSpace penguins" } }), rows, space.transformToArray(rows))) added++;
console.log(`write-golden: ${added} new golden artefact(s) in fixtures/artefacts/v1 (skewless ${VERSION}, format ${FORMAT_MAJOR}.${FORMAT_MINOR})`);
