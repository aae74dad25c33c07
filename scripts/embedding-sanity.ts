// Sanity check of corpus-learned embeddings (EmbeddingTable source "corpus": PPMI +
// truncated SVD) on real text that ships offline: the whole King James Version from
// Debian's bible-kjv package (public domain; `apt-get install bible-kjv`), 31,102
// verses, lowercased, words = [a-z]+, one verse per row.
//
// Prints (Markdown): fit time and size, nearest neighbours of common words, an analogy,
// and a similarity check — the mean cosine between words of the same group (numbers,
// metals, animals, kin, body parts) against the mean between words of different groups.
//
// Usage: npx tsx scripts/embedding-sanity.ts [dims=100] [window=5] [minCount=5]
import { execFileSync } from "node:child_process";
import { EmbeddingTable } from "../src/index.js";

const [dims, window, minCount] = [Number(process.argv[2] ?? 100), Number(process.argv[3] ?? 5), Number(process.argv[4] ?? 5)];

function verses(): string[][] {
  const text = execFileSync("bible", ["-f", "Ge1:1-Re22:21"], { encoding: "utf8", env: { ...process.env, COLUMNS: "100000" }, maxBuffer: 64 << 20 });
  const out: string[][] = [];
  for (const line of text.split("\n")) {
    const m = /^\S+:\d+\s+(.*)$/.exec(line.trim());
    if (m) out.push(m[1].toLowerCase().match(/[a-z]+/g) ?? []);
  }
  return out;
}

const rows = verses();
const tokens = rows.reduce((s, r) => s + r.length, 0);
const c0 = process.cpuUsage();
const t0 = performance.now();
const table = new EmbeddingTable({ dims, window, minCount, seed: 0 }).fit(rows);
void table.width;
const wall = performance.now() - t0;
const cpu = process.cpuUsage(c0);
const { vectors, oovRows, tokens: vocab } = table.table();
const row = new Map(vocab.map((t, i) => [t as string, oovRows + i]));

const vec = (w: string): Float32Array => {
  const r = row.get(w);
  if (r === undefined) throw new Error(`"${w}" is not in the vocabulary`);
  return vectors.subarray(r * dims, (r + 1) * dims);
};
const cosine = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let d = 0;
  let na = 0;
  let nb = 0;
  for (let j = 0; j < dims; j++) {
    d += a[j] * b[j];
    na += a[j] * a[j];
    nb += b[j] * b[j];
  }
  return d / Math.sqrt(na * nb);
};

const lines: string[] = [];
lines.push(`Corpus: the King James Version (Debian bible-kjv), ${rows.length.toLocaleString("en-US")} verses, ${tokens.toLocaleString("en-US")} words.`);
lines.push(
  `EmbeddingTable({ dims: ${dims}, window: ${window}, minCount: ${minCount} }): ${vocab.length.toLocaleString("en-US")} words, fit ${(wall / 1000).toFixed(1)} s wall / ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU (one thread).`,
);
lines.push("", "| word | 6 nearest neighbours (cosine) |", "| --- | --- |");
for (const w of ["god", "king", "water", "bread", "gold", "son", "night", "sword", "sheep", "priest", "heart", "seven"]) {
  lines.push(`| ${w} | ${table.mostSimilar(w, 6).map((x) => `${x.token} ${x.similarity.toFixed(2)}`).join(", ")} |`);
}

// king - man + woman, nearest word other than the three.
const analogy = (a: string, b: string, c: string): string => {
  const q = new Float64Array(dims);
  const [va, vb, vc] = [vec(a), vec(b), vec(c)];
  for (let j = 0; j < dims; j++) q[j] = va[j] - vb[j] + vc[j];
  let best = "";
  let score = -2;
  for (const w of vocab as string[]) {
    if (w === a || w === b || w === c) continue;
    const s = cosine(q, vec(w));
    if (s > score) [best, score] = [w, s];
  }
  return `${a} - ${b} + ${c} ≈ **${best}** (${score.toFixed(2)})`;
};
lines.push("", `Analogies: ${analogy("king", "man", "woman")}; ${analogy("brother", "man", "woman")}; ${analogy("sons", "son", "daughter")}.`);

const groups: Record<string, string[]> = {
  numbers: ["two", "three", "four", "five", "six", "seven", "ten", "twelve"],
  metals: ["gold", "silver", "brass", "iron", "tin"],
  animals: ["sheep", "oxen", "goats", "camels", "asses", "horses", "lambs"],
  kin: ["father", "mother", "son", "daughter", "brother", "sister", "wife"],
  body: ["hand", "eyes", "head", "mouth", "feet", "ears", "face"],
};
let within = 0;
let nWithin = 0;
let across = 0;
let nAcross = 0;
const names = Object.keys(groups);
names.forEach((g, gi) => {
  for (let i = 0; i < groups[g].length; i++) {
    for (let j = i + 1; j < groups[g].length; j++) {
      within += cosine(vec(groups[g][i]), vec(groups[g][j]));
      nWithin++;
    }
    for (const h of names.slice(gi + 1)) {
      for (const w of groups[h]) {
        across += cosine(vec(groups[g][i]), vec(w));
        nAcross++;
      }
    }
  }
});
lines.push(
  "",
  `Similarity check (${names.join(", ")}; ${nWithin} same-group pairs, ${nAcross} cross-group pairs): mean cosine within groups **${(within / nWithin).toFixed(3)}**, across groups **${(across / nAcross).toFixed(3)}**.`,
);
console.log(lines.join("\n"));
