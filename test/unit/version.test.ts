import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { StandardScaler, VERSION, inspectArtefact } from "../../src/index.js";

it("VERSION equals package.json's version and is the artefact producer", () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8")) as { version: string };
  expect(VERSION).toBe(pkg.version);
  const bytes = new StandardScaler().fit([1, 2, 3]).save();
  expect(inspectArtefact(bytes).info.producer).toBe(`skewless@${pkg.version}`);
});
