/**
 * The CLI end to end, in-process: fit a spec on the bundled penguins CSV, inspect,
 * transform to csv/npy/bin (outputs equal the API's), diff two fits, verify, and typed
 * errors for bad specs and data.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { main } from "../../src/cli/main.js";
import { FeatureSpace, loadAs } from "../../src/index.js";
import { csvBatches } from "../../src/node.js";

const ROOT = join(__dirname, "..", "..");
const SPEC = join(ROOT, "examples", "cli", "penguins-spec.json");
const DATA = join(ROOT, "fixtures", "data", "penguins_raw.csv");

let out: string[] = [];
let err: string[] = [];
beforeEach(() => {
  out = [];
  err = [];
  vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
  vi.spyOn(process.stderr, "write").mockImplementation(((s: string) => (err.push(String(s)), true)) as never);
});
afterEach(() => vi.restoreAllMocks());

const run = (...args: string[]) => main(["node", "skewless", ...args]);

describe("skewless CLI", () => {
  const dir = mkdtempSync(join(tmpdir(), "skewless-cli-"));
  const artefact = join(dir, "prep.skw");

  it("fits, inspects, transforms and verifies", async () => {
    expect(await run("fit", "--spec", SPEC, "--data", DATA, "-o", artefact, "-q", "--metadata", "run=test")).toBe(0);
    expect(out.join("\n")).toMatch(/wrote .*prep.skw: \d+ bytes, 10 output columns, sha256 [0-9a-f]{64}/);
    const space = loadAs(FeatureSpace, new Uint8Array(readFileSync(artefact)));

    out = [];
    expect(await run("inspect", artefact)).toBe(0);
    const text = out.join("\n");
    expect(text).toContain("format     1.0");
    expect(text).toContain("Island: count 344, missing 0, distinct 3");
    expect(text).toContain("metadata   run = test");

    let expected: Float32Array = new Float32Array(0);
    for await (const batch of csvBatches(DATA, { numericColumns: space.inputSchema.filter((c) => c.type === "numeric").map((c) => c.name) })) {
      expected = space.transformToArray(batch);
    }
    const bin = join(dir, "out.bin");
    expect(await run("transform", artefact, DATA, "-o", bin)).toBe(0);
    const got = new Float32Array(new Uint8Array(readFileSync(bin)).buffer);
    expect(Array.from(got)).toEqual(Array.from(expected));

    const npy = join(dir, "out.npy");
    expect(await run("transform", artefact, DATA, "-o", npy)).toBe(0);
    const npyBytes = new Uint8Array(readFileSync(npy));
    const headerLen = npyBytes[8] | (npyBytes[9] << 8);
    expect(new TextDecoder().decode(npyBytes.subarray(10, 10 + headerLen))).toContain("'shape': (344, 10)");
    expect((10 + headerLen) % 64).toBe(0);
    expect(Array.from(new Float32Array(npyBytes.slice(10 + headerLen).buffer))).toEqual(Array.from(expected));

    const csv = join(dir, "out.csv");
    expect(await run("transform", artefact, DATA, "-o", csv)).toBe(0);
    const lines = readFileSync(csv, "utf8").trim().split("\n");
    expect(lines[0]).toBe(space.outputNames().map((n) => (n.includes(",") ? `"${n}"` : n)).join(","));
    expect(lines[1].split(",").map(Number)).toEqual(Array.from(expected.subarray(0, 10)));

    out = [];
    expect(await run("verify", artefact)).toBe(0);
    expect(out.join("\n")).toMatch(/^OK .*FeatureSpace, sha256 [0-9a-f]{64} verified, unsigned/);
  });

  it("diffs two fits: categories removed, moments moved", async () => {
    const small = join(dir, "small.csv");
    writeFileSync(small, readFileSync(DATA, "utf8").split("\n").slice(0, 30).join("\n") + "\n");
    const other = join(dir, "small.skw");
    expect(await run("fit", "--spec", SPEC, "--data", small, "-o", other, "-q")).toBe(0);
    out = [];
    expect(await run("diff", artefact, other)).toBe(0);
    const text = out.join("\n");
    expect(text).toMatch(/values .*OneHotEncoder\.categories: \+0 \[\] -1 \["Dream"\]/);
    expect(text).toMatch(/moved .*StandardScaler\.mean/);
    expect(text).toContain("layout  removed  Island_Dream");
    out = [];
    expect(await run("diff", artefact, artefact)).toBe(0);
    expect(out).toEqual(["no differences in schema, layout, fitted state or statistics"]);
  });

  it("reports typed errors, not stack traces", async () => {
    const bad = join(dir, "bad.json");
    writeFileSync(bad, JSON.stringify({ features: { x: { type: "StandardScaler", withMaen: false } } }));
    expect(await run("fit", "--spec", bad, "--data", DATA, "-o", join(dir, "x.skw"), "-q")).toBe(1);
    expect(err.join("")).toMatch(/^error \[INVALID_OPTION\]: spec feature "x" transform: StandardScaler has no option "withMaen"/);

    err = [];
    const badCsv = join(dir, "bad.csv");
    writeFileSync(badCsv, "Body Mass (g),Flipper Length (mm),Island,Sex,Culmen Length (mm),Culmen Depth (mm)\n3000,180,Dream,MALE,40,18\nheavy,181,Dream,MALE,40,18\n");
    expect(await run("transform", artefact, badCsv, "-o", join(dir, "y.bin"))).toBe(1);
    expect(err.join("")).toMatch(/error \[INVALID_INPUT\]: CSV column "Body Mass \(g\)" line 3 is "heavy", not a number/);

    err = [];
    const corrupt = join(dir, "corrupt.skw");
    const bytes = new Uint8Array(readFileSync(artefact));
    bytes[bytes.length - 40] ^= 4;
    writeFileSync(corrupt, bytes);
    expect(await run("verify", corrupt)).toBe(1);
    expect(err.join("")).toMatch(/^error \[INTEGRITY_FAILED\]/);
  });
});
