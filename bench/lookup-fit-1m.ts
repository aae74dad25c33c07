/**
 * Fit time and peak memory of StringLookup / IntegerLookup on 1,000,000 distinct tokens
 * (issue 3: "fitting 1,000,000 distinct categories completes in bounded time and
 * memory"). Each scenario runs in its own child process so peak RSS is its own.
 *
 *   npx tsx bench/lookup-fit-1m.ts            # all scenarios, a table
 *   npx tsx bench/lookup-fit-1m.ts <scenario> # one, JSON (used by the table run)
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { IntegerLookup, StringLookup } from "../src/index.js";

const N = 1_000_000;

/** Distinct, realistic-length tokens in a shuffled order (a fixed LCG permutation). */
function strings(): string[] {
  const out: string[] = new Array(N);
  for (let i = 0; i < N; i++) out[i] = `user-${((i * 7919 + 13) % N).toString(36)}-${i % 97}`;
  return out;
}
function integers(): number[] {
  const out: number[] = new Array(N);
  for (let i = 0; i < N; i++) out[i] = ((i * 7919 + 13) % N) * 1009 - 5e8;
  return out;
}

type Fitted = { vocabularySize(): number };
const SCENARIOS: Record<string, () => { fit: () => Fitted; rows: number }> = {
  "StringLookup int, full vocabulary": () => {
    const data = strings();
    return { rows: N, fit: () => new StringLookup().fit(data) };
  },
  "StringLookup int, maxTokens 100000": () => {
    const data = strings();
    return { rows: N, fit: () => new StringLookup({ maxTokens: 100_000 }).fit(data) };
  },
  "StringLookup tfIdf, maxTokens 100000": () => {
    const data = strings();
    return { rows: N, fit: () => new StringLookup({ maxTokens: 100_000, outputMode: "tfIdf" }).fit(data) };
  },
  "IntegerLookup int, full vocabulary": () => {
    const data = integers();
    return { rows: N, fit: () => new IntegerLookup().fit(data) };
  },
};

function runOne(name: string): void {
  const make = SCENARIOS[name];
  if (!make) throw new Error(`unknown scenario ${name}`);
  const { fit } = make();
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const fitted = fit();
  const ms = performance.now() - t0;
  // CPU time (user + system) is less sensitive than wall time to other processes on a busy machine.
  const c1 = process.cpuUsage(c0);
  const cpuMs = (c1.user + c1.system) / 1000;
  // The transform-time lookup table (token -> index Map) is built on first use; timed apart.
  const t1 = performance.now();
  const size = fitted.vocabularySize();
  const tableMs = performance.now() - t1;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  const maxRss = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(JSON.stringify({ name, ms, cpuMs, tableMs, size, inputRssMB: before / 2 ** 20, peakRssMB: Math.max(peak, maxRss) / 2 ** 20 }));
}

if (process.argv[2]) runOne(process.argv[2]);
else {
  const self = fileURLToPath(import.meta.url);
  console.log(`| scenario (${N.toLocaleString("en")} distinct tokens) | fit wall time | fit CPU time | lookup table build | vocabulary size | RSS with input | peak RSS |`);
  console.log("|---|---:|---:|---:|---:|---:|---:|");
  for (const name of Object.keys(SCENARIOS)) {
    const out = execFileSync(process.execPath, ["--import", "tsx", self, name], { encoding: "utf8" });
    const r = JSON.parse(out) as { ms: number; cpuMs: number; tableMs: number; size: number; inputRssMB: number; peakRssMB: number };
    console.log(`| ${name} | ${(r.ms / 1000).toFixed(2)} s | ${(r.cpuMs / 1000).toFixed(2)} s | ${(r.tableMs / 1000).toFixed(2)} s | ${r.size} | ${r.inputRssMB.toFixed(0)} MB | ${r.peakRssMB.toFixed(0)} MB |`);
  }
}
