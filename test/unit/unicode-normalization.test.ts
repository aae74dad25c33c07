/**
 * The unicodeNormalize stage (String.prototype.normalize) against the Unicode
 * conformance file NormalizationTest.txt: the committed sample
 * (fixtures/data/NormalizationTest-sample.txt, Unicode 15.0 from Debian's unicode-data)
 * always, and the whole file when Debian's /usr/share/unicode/NormalizationTest.txt.bz2
 * and bzcat are present (skipped with a message otherwise).
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileNormalizer } from "../../src/text/normalizer.js";

const FORMS = ["NFC", "NFD", "NFKC", "NFKD"] as const;
const nf = Object.fromEntries(FORMS.map((f) => [f, compileNormalizer({ type: "unicodeNormalize", form: f }, "test")])) as Record<(typeof FORMS)[number], (s: string) => string>;

/** Checks the file's invariants; returns the number of test lines and the failures. */
function check(text: string): { lines: number; failures: string[] } {
  const failures: string[] = [];
  let lines = 0;
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#") || line.startsWith("@")) continue;
    const cols = line.split(";").slice(0, 5).map((c) => String.fromCodePoint(...c.trim().split(" ").map((h) => parseInt(h, 16))));
    const [c1, c2, c3, c4, c5] = cols;
    lines++;
    const want: [string, string][] = [
      [nf.NFC(c1), c2], [nf.NFC(c2), c2], [nf.NFC(c3), c2], [nf.NFC(c4), c4], [nf.NFC(c5), c4],
      [nf.NFD(c1), c3], [nf.NFD(c2), c3], [nf.NFD(c3), c3], [nf.NFD(c4), c5], [nf.NFD(c5), c5],
      [nf.NFKC(c1), c4], [nf.NFKC(c2), c4], [nf.NFKC(c3), c4], [nf.NFKC(c4), c4], [nf.NFKC(c5), c4],
      [nf.NFKD(c1), c5], [nf.NFKD(c2), c5], [nf.NFKD(c3), c5], [nf.NFKD(c4), c5], [nf.NFKD(c5), c5],
    ];
    if (want.some(([a, b]) => a !== b)) failures.push(line);
  }
  return { lines, failures };
}

describe("unicodeNormalize on NormalizationTest.txt", () => {
  it("passes every test line of the committed sample", () => {
    const r = check(readFileSync(join(__dirname, "..", "..", "fixtures", "data", "NormalizationTest-sample.txt"), "utf8"));
    expect(r.lines).toBeGreaterThan(1500);
    expect(r.failures.slice(0, 5)).toEqual([]);
  });

  const full = "/usr/share/unicode/NormalizationTest.txt.bz2";
  const haveFull = existsSync(full) && existsSync("/usr/bin/bzcat");
  it.skipIf(!haveFull)(`passes the whole Debian file (${haveFull ? full : `skipped: ${full} or bzcat absent — apt-get install unicode-data bzip2`})`, () => {
    const r = check(execFileSync("bzcat", [full], { encoding: "utf8", maxBuffer: 64 << 20 }));
    expect(r.lines).toBeGreaterThan(18000);
    expect(r.failures.slice(0, 5)).toEqual([]);
  });
});
