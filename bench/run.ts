/**
 * `npm run bench`: runs every bench/*.bench.ts (each default-exports a BenchFn) in a
 * process of its own (bench/run-one.ts), then
 * writes bench/RESULTS.md — one section per benchmark (goals, tables of throughput and
 * ratios against baselines, notes) and a machine section, since numbers from a shared
 * 2-core machine mean little without it.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type BenchContext, type BenchResult, renderBench } from "./report.js";

const here = fileURLToPath(new URL(".", import.meta.url));
const only = process.argv.slice(2);

function cpuModel(): string {
  try {
    const line = readFileSync("/proc/cpuinfo", "utf8").split("\n").find((l) => l.startsWith("model name"));
    if (line) return line.split(":")[1].trim();
  } catch {
    // not Linux: fall back to what Node reports
  }
  return cpus()[0]?.model ?? "unknown";
}

function gitDescribe(): string {
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: here, encoding: "utf8" }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain"], { cwd: here, encoding: "utf8" }).trim() !== "";
    return dirty ? `${head} + uncommitted changes` : head;
  } catch {
    return "unknown";
  }
}

const load = (): string => loadavg().map((v) => v.toFixed(2)).join(" / ");

async function main(): Promise<void> {
  const files = readdirSync(here)
    .filter((f) => f.endsWith(".bench.ts") && (only.length === 0 || only.some((o) => f.includes(o))))
    .sort();
  const tmpDir = mkdtempSync(join(tmpdir(), "skewless-bench-"));
  const ctx: BenchContext = { tmpDir, python: process.env.SKEWLESS_BENCH_PYTHON ?? "/usr/bin/python3" };
  const started = new Date();
  const loadBefore = load();
  const t0 = performance.now();
  const results: BenchResult[] = [];
  const failures: string[] = [];
  try {
    for (const f of files) {
      process.stdout.write(`bench: ${f} ...\n`);
      const t = performance.now();
      try {
        // A fresh process per benchmark (bench/run-one.ts): no shared heap or JIT state between them.
        const out = join(tmpDir, `${f}.result.json`);
        execFileSync(process.execPath, ["--import", "tsx", join(here, "run-one.ts"), f, ctx.tmpDir, ctx.python, out], { stdio: "inherit" });
        results.push(JSON.parse(readFileSync(out, "utf8")) as BenchResult);
        process.stdout.write(`bench: ${f} done in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
      } catch (e) {
        failures.push(`${f}: ${(e as Error).stack ?? String(e)}`);
        process.stdout.write(`bench: ${f} FAILED: ${(e as Error).message}\n`);
      }
    }
  } finally {
    rmSync(tmpDir, { recursive: true, force: true });
  }
  const seconds = (performance.now() - t0) / 1000;

  const machine: Record<string, string> = {
    date: started.toISOString(),
    commit: gitDescribe(),
    CPU: cpuModel(),
    "logical cores": String(cpus().length),
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: `${process.version} (V8 ${process.versions.v8}), ${process.platform}/${process.arch}`,
    "load average (1/5/15 min) before / after": `${loadBefore}  →  ${load()}`,
    "total bench time": `${seconds.toFixed(1)} s`,
  };
  for (const r of results) Object.assign(machine, r.machine);

  const md = [
    "# Benchmark results",
    "",
    "Written by `npm run bench` (bench/run.ts); do not edit by hand. The machine is shared, so read medians next to the load average below.",
    "",
    ...results.map(renderBench),
    ...(failures.length > 0 ? ["## Failed benchmarks", "", ...failures.map((f) => "```\n" + f + "\n```"), ""] : []),
    "## Machine",
    "",
    "| | |",
    "| --- | --- |",
    ...Object.entries(machine).map(([k, v]) => `| ${k} | ${v} |`),
    "",
  ].join("\n");
  writeFileSync(join(here, "RESULTS.md"), md);
  for (const r of results) {
    process.stdout.write(`\n${r.title}\n`);
    for (const g of r.goals) process.stdout.write(`  ${g.met ? "met    " : "NOT MET"}  ${g.goal}: ${g.measured} (target ${g.target})\n`);
  }
  process.stdout.write(`\nwrote bench/RESULTS.md in ${seconds.toFixed(1)} s\n`);
  if (failures.length > 0) process.exitCode = 1;
}

await main();
