// Writes the committed text corpora under fixtures/data/ (see fixtures/README.md):
//
//   fixtures/data/udhr-sample.jsonl  the first paragraphs of the Universal Declaration of
//                                    Human Rights in 37 languages, from the npm package
//                                    `udhr` (a devDependency), one {"lang","text"} per line
//   fixtures/data/kjv-sample.jsonl   King James Version verses (public domain), from
//                                    Debian's bible-kjv (`apt-get install bible-kjv`),
//                                    one {"ref","text"} per line
//
// Usage: npx tsx scripts/make-text-corpus.ts
// Also exports udhrDocuments() (every paragraph of every declaration in the package),
// the benchmark corpus of bench/tfidf.bench.ts.
import { execFileSync } from "node:child_process";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// The package exports only its index; the declarations sit beside it.
const declarations = join(dirname(fileURLToPath(import.meta.resolve("udhr"))), "declaration");

/** Latin, Cyrillic, Greek (both orthographies), RTL, Indic, Southeast Asian, CJK, Ethiopic, ... */
export const LANGUAGES = [
  "eng", "fra", "deu_1996", "spa", "por_PT", "ita", "nld", "swe", "pol", "ces", "tur", "fin", "hun", "vie", "yor", "swh", "ind",
  "rus", "ukr", "ell_monotonic", "ell_polytonic", "kat", "hye",
  "arb", "heb", "pes_1", "urd",
  "hin", "ben", "tam",
  "tha", "khm",
  "cmn_hans", "cmn_hant", "jpn", "kor",
  "amh",
];
const PARAGRAPHS_PER_LANGUAGE = 24;

function unescape(s: string): string {
  return s.replace(/&#x([0-9a-fA-F]+);/g, (_, h: string) => String.fromCodePoint(parseInt(h, 16))).replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)));
}

/** The paragraphs (headings, paragraphs, list items) of one declaration, in order. */
export function paragraphs(code: string): string[] {
  const html = readFileSync(join(declarations, `${code}.html`), "utf8");
  const out: string[] = [];
  for (const m of html.matchAll(/<(h[1-6]|p|li)(?:\s[^>]*)?>([\s\S]*?)<\/\1>/g)) {
    const text = unescape(m[2].replace(/<[^>]+>/g, "")).trim();
    if (text !== "") out.push(text);
  }
  return out;
}

/** Every paragraph of every declaration in the package (file order). */
export function udhrDocuments(): string[] {
  return readdirSync(declarations)
    .filter((f) => f.endsWith(".html"))
    .sort()
    .flatMap((f) => paragraphs(f.slice(0, -5)));
}

function kjv(): { ref: string; text: string }[] {
  // Genesis 1-4 and Psalms 1-23: plain narrative and verse, with repetition for min/max df.
  const refs = ["Ge1:1-4:26", "Ps1:1-23:6"];
  const out: { ref: string; text: string }[] = [];
  for (const ref of refs) {
    // -f prints "Ge1:1 text" per verse; a wide COLUMNS keeps each verse on one line.
    const text = execFileSync("bible", ["-f", ref], { encoding: "utf8", env: { ...process.env, COLUMNS: "100000" } });
    for (const line of text.split("\n")) {
      const m = /^(\S+:\d+)\s+(.*)$/.exec(line.trim());
      if (m) out.push({ ref: m[1], text: m[2] });
    }
  }
  return out;
}

function main(): void {
  const udhr = LANGUAGES.flatMap((lang) => paragraphs(lang).slice(0, PARAGRAPHS_PER_LANGUAGE).map((text) => ({ lang, text })));
  writeFileSync(join(root, "fixtures", "data", "udhr-sample.jsonl"), udhr.map((r) => JSON.stringify(r)).join("\n") + "\n");
  const verses = kjv();
  writeFileSync(join(root, "fixtures", "data", "kjv-sample.jsonl"), verses.map((r) => JSON.stringify(r)).join("\n") + "\n");
  console.log(`wrote ${udhr.length} UDHR paragraphs in ${LANGUAGES.length} languages and ${verses.length} KJV verses`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
