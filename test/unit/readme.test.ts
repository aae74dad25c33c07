/** The README's quick start runs as written (imports rewritten from "skewless" to src). */
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { tmpdir } from "node:os";
import { expect, it, vi } from "vitest";

it("README quick start runs and prints the documented output names", async () => {
  const readme = readFileSync(join(__dirname, "..", "..", "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## Quick start"));
  const code = section.slice(section.indexOf("```ts") + 5, section.indexOf("```", section.indexOf("```ts") + 5));
  const src = pathToFileURL(join(__dirname, "..", "..", "src", "index.ts")).href;
  const file = join(mkdtempSync(join(tmpdir(), "readme-")), "quickstart.ts");
  writeFileSync(file, code.replace(/from "skewless"/g, `from ${JSON.stringify(src)}`));
  const logs: unknown[] = [];
  const spy = vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void logs.push(...a));
  try {
    await import(/* @vite-ignore */ pathToFileURL(file).href);
  } finally {
    spy.mockRestore();
  }
  expect(logs[0]).toEqual(["age", "city_Bergen", "city_Oslo", "income"]);
});
