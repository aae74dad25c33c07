/**
 * `npm run fuzz`: the loader fuzz of test/fuzz at full size (>= 1,000,000 cases by
 * default) with a summary: cases, typed errors by code, successes, load time mean/max.
 * Findings (an untyped error, a broken limit, a re-save mismatch) do not stop the run;
 * each distinct one is printed with an example, and the exit code is 1.
 *
 *   npm run fuzz                      # >= 1,000,000 cases, random seed
 *   npm run fuzz -- --cases 50000 --seed 42 [--exhaustive 0] [--only "field-level"]
 *   (--exhaustive 0 skips the every-offset passes; --only runs the strategies whose name contains it;
 *   FUZZ_TRACE=1 prints every case before it runs, to find one that crashes the process)
 */
import fc from "fast-check";

// test/conformance reads its fixtures relative to __dirname, which ESM under tsx lacks.
(globalThis as { __dirname?: string }).__dirname = new URL("../test/conformance/", import.meta.url).pathname;

const { frame, unframe } = await import("../src/artefact/envelope.js");
const { buildCorpus } = await import("../test/fuzz/corpus.js");
const { FuzzFinding, attempt, mergeStats, newStats, summary } = await import("../test/fuzz/harness.js");
const { CI_TOTAL, STRATEGIES } = await import("../test/fuzz/mutators.js");

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

const target = arg("cases", 1_000_000);
const seed = arg("seed", Date.now() % 2 ** 31);
const started = performance.now();
const corpus = buildCorpus();
console.log(`corpus: ${corpus.entries.length} artefacts (${corpus.entries.reduce((n, e) => n + e.bytes.length, 0)} bytes), seed ${seed}`);

const total = newStats();
const findings = new Map<string, { count: number; example: string }>();

function run(name: string, body: (stats: ReturnType<typeof newStats>) => void): void {
  const stats = newStats();
  const t0 = performance.now();
  body(stats);
  mergeStats(total, stats);
  const s = ((performance.now() - t0) / 1000).toFixed(1);
  console.log(`${name.padEnd(72)} ${String(stats.cases).padStart(8)} cases ${s.padStart(6)} s  max load ${stats.maxMs.toFixed(2)} ms`);
}

/** One case; findings are collected, not thrown, so the run goes on. */
function guarded(bytes: Uint8Array, options: Parameters<typeof attempt>[1], stats: ReturnType<typeof newStats>, label: string): void {
  if (process.env.FUZZ_TRACE) console.log(`${stats.cases} ${process.memoryUsage().heapUsed >> 20}MB ${label.slice(0, 200)} ${JSON.stringify(options.limits ?? {})}`);
  try {
    attempt(bytes, options, stats, label);
  } catch (e) {
    const stage = e instanceof FuzzFinding ? e.stage.replace(/\(.*\)/, "") : "harness";
    const first = (e instanceof FuzzFinding && e.cause instanceof Error ? e.cause.message : String(e)).split("\n")[0].replace(/\d+/g, "N").slice(0, 160);
    const key = `${stage}: ${first}`;
    const f = findings.get(key);
    if (f) f.count++;
    else findings.set(key, { count: 1, example: `${label}\n${e instanceof Error ? e.message : String(e)}`.slice(0, 1500) });
  }
}

const exhaustive = arg("exhaustive", 1) !== 0;
if (exhaustive) run("truncation at every offset of every corpus artefact", (stats) => {
  for (const e of corpus.entries) for (let k = 0; k < e.bytes.length; k++) guarded(e.bytes.subarray(0, k), {}, stats, `truncate ${e.label} at ${k}`);
});
if (exhaustive) run("envelope truncated at every offset, re-framed", (stats) => {
  for (const e of corpus.entries) {
    const f = unframe(e.bytes);
    for (let k = 0; k < f.envelope.length; k++) guarded(frame(f.envelope.subarray(0, k), f.signatures, f.minor), {}, stats, `truncate envelope of ${e.label} at ${k}`);
  }
});

// The mutation strategies get what the exhaustive passes left, and never less than half the target.
const remaining = Math.max(target - total.cases, target / 2);
const scale = remaining / CI_TOTAL;
const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : undefined;
for (const s of STRATEGIES.filter((x) => only === undefined || x.name.includes(only))) {
  run(s.name, (stats) => {
    fc.check(
      fc.property(s.arbitrary(corpus), (c) => {
        guarded(c.bytes, c.options, stats, c.label);
      }),
      { numRuns: Math.ceil(s.ciRuns * scale), seed },
    );
  });
}

console.log(`\nfuzz summary (${((performance.now() - started) / 1000).toFixed(0)} s, seed ${seed})\n${summary(total)}`);
if (findings.size > 0) {
  console.log(`\n${findings.size} distinct finding(s):`);
  for (const [key, f] of findings) console.log(`\n[${f.count}x] ${key}\n  e.g. ${f.example.replace(/\n/g, "\n  ")}`);
  process.exitCode = 1;
} else {
  console.log("\nno findings: every failure was a typed SkewlessError with a code");
}
