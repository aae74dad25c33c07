// Writes fixtures/data/NormalizationTest-sample.txt: a sample of the Unicode
// NormalizationTest.txt from Debian's unicode-data package (apt-get install
// unicode-data), for the text normalizer tests. Kept: the file's header (copyright and
// format notes), all of Part 0 (specific cases) and Part 3 (PRI #29), every 4th line
// of Part 2 (canonical order) and every 16th line of Part 1 (character by character),
// each test line without its trailing comment.
// The sample is a modified copy of a Unicode data file; see fixtures/README.md and
// fixtures/data/LICENSE-unicode.txt.
//
// Usage: node scripts/sample-normalization-test.mjs
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(fileURLToPath(new URL(".", import.meta.url)), "..");
const text = execFileSync("bzcat", ["/usr/share/unicode/NormalizationTest.txt.bz2"], { encoding: "utf8", maxBuffer: 64 << 20 });
const keepEvery = { "": 1, "@Part0": 1, "@Part1": 16, "@Part2": 4, "@Part3": 1 };
let part = "";
let n = 0;
const out = [];
for (const line of text.split("\n")) {
  if (line.startsWith("@Part")) {
    part = line.split(" ")[0];
    n = 0;
    out.push(line);
    continue;
  }
  if (line === "" || line.startsWith("#")) {
    if (part === "") out.push(line);
    continue;
  }
  // The five columns only: the trailing comment (names of the characters) is dropped.
  if (n++ % keepEvery[part] === 0) out.push(line.split(";").slice(0, 5).join(";") + ";");
}
out.splice(1, 0, "# SAMPLED by skewless scripts/sample-normalization-test.mjs: Part 0 and Part 3 whole, every 4th test of Part 2, every 16th of Part 1; character names after each test dropped.");
writeFileSync(join(root, "fixtures", "data", "NormalizationTest-sample.txt"), out.join("\n") + "\n");
console.log(`wrote ${out.length} lines`);
