/**
 * The fourth "no skew" property: the same artefact gives the same output bytes in Node
 * and in a real browser (Debian's headless Chromium, driven by playwright-core).
 * Every registered conformance case is fitted on its real data, saved, and transformed
 * in both; so is a mixed numeric + categorical FeatureSpace on the penguins data.
 * .ci/run installs chromium (apt-get install -y chromium).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FeatureSpace, OneHotEncoder, SimpleImputer, StandardScaler, loadArtefact } from "../../src/index.js";
import { emojiDataset } from "../../examples/emoji.js";
import { emojiSpace } from "../../examples/multimodal.js";
import { ALL_CASES } from "../conformance/all-cases.js";
import { penguinColumn } from "../conformance/categorical-arbitraries.js";
import { penguinRows } from "../conformance/arbitraries.js";
import { fitted } from "../conformance/checks.js";
import { encodeValue } from "../golden/codec.js";

const CHROMIUM = "/usr/bin/chromium";
let browser: Browser;
let run: (artefact: Uint8Array, input: unknown) => Promise<{ bytes?: number[]; error?: string; code?: string }>;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does this)`);
  const bundle = await build({
    entryPoints: [join(__dirname, "entry.ts")],
    bundle: true,
    format: "iife",
    platform: "browser",
    write: false,
    logLevel: "silent",
    // The browser build must not need Node built-ins; a stray import fails the bundle here.
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const page = await browser.newPage();
  await page.setContent("<!doctype html><title>skewless</title>");
  await page.addScriptTag({ content: bundle.outputFiles[0].text });
  run = async (artefact, input) => {
    const r = await page.evaluate(([a, x]) => globalThis.skewlessTransform(a, x), [Buffer.from(artefact).toString("base64"), JSON.stringify(encodeValue(input))] as const);
    return "bytes" in r ? { bytes: Array.from(Buffer.from(r.bytes, "base64")) } : r;
  };
}, 120_000);

afterAll(async () => {
  await browser?.close();
});


function nodeBytes(artefact: Uint8Array, input: unknown): number[] {
  const t = loadArtefact(artefact);
  const y = t instanceof FeatureSpace ? t.transformToArray(input as never) : (t as unknown as { transform(x: unknown): Float32Array }).transform(input);
  return Array.from(new Uint8Array(y.buffer, y.byteOffset, y.byteLength));
}

describe("Node and Chromium give identical bytes", () => {
  for (const c of ALL_CASES) {
    it(c.label, async () => {
      const f = fitted(c, c.realRows);
      if (!f.ok) throw new Error(f.message);
      const artefact = f.value.save();
      const input = c.toInput(c.realTransformRows ?? c.realRows);
      const got = await run(artefact, input);
      expect(got.error, got.error).toBeUndefined();
      expect(got.bytes!.length).toBeGreaterThan(0);
      expect(got.bytes).toEqual(nodeBytes(artefact, input));
    });
  }

  it("a multimodal FeatureSpace (text, image, number, category) on the emoji data", async () => {
    const { rows } = emojiDataset();
    const space = emojiSpace().fit(rows.slice(0, 180));
    const artefact = space.save();
    const got = await run(artefact, rows.slice(180));
    expect(got.error).toBeUndefined();
    expect(got.bytes).toEqual(nodeBytes(artefact, rows.slice(180)));
  });

  it("a mixed numeric + categorical FeatureSpace on penguins", async () => {
    const island = penguinColumn("Island");
    const sex = penguinColumn("Sex");
    const rows = penguinRows().map((r, i) => ({ mass: r[3], bill: r[0], depth: r[1], island: island[i], sex: sex[i] }));
    const space = new FeatureSpace({
      mass: [new SimpleImputer({ strategy: "median" }), new StandardScaler()],
      island: new OneHotEncoder({ handleUnknown: "ignore" }),
      sex: new OneHotEncoder(),
      bill: { input: ["bill", "depth"], transform: [new SimpleImputer(), new StandardScaler()] },
    }).fit(rows);
    const artefact = space.save();
    const got = await run(artefact, rows);
    expect(got.error).toBeUndefined();
    expect(got.bytes).toEqual(nodeBytes(artefact, rows));
    const bad = await run(artefact, [{ mass: "x", bill: 1, depth: 1, island: "Dream", sex: null }]);
    expect(bad.code).toBe("INVALID_INPUT");
  });
});
