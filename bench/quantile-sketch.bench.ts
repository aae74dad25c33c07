/**
 * Streaming quantiles (issue 2): RobustScaler.partialFit over 10,000,000 values in
 * batches of 100,000 — the exact sorted store against the bounded sketch
 * (exactValuesLimit 1,000,000, default sketchCapacity 8192) — with scikit-learn's
 * RobustScaler.fit on the same values (child /usr/bin/python3) as the baseline. Reports
 * time, the extra memory each held at its peak, and the sketch's measured rank error of
 * the median and quartiles against its certified bound.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { lognormalColumn } from "../scripts/lognormal-column.js";
import { rankErrorBound } from "../src/core/quantile-sketch.js";
import { RobustScaler } from "../src/index.js";
import { type BenchFn, type Table, fmt, ratio } from "./report.js";
import { type Timing, summarize } from "./timing.js";

const N = 10_000_000;
const BATCH = 100_000;

/** partialFit in batches + finalize; peak extra memory sampled after every batch. */
function streamFit(data: Float64Array, options: { exactValuesLimit: number }): { scaler: RobustScaler; ms: number; cpuMs: number; peakBytes: number } {
  const base = process.memoryUsage();
  const baseline = base.arrayBuffers + base.heapUsed;
  let peak = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const s = new RobustScaler(options);
  for (let i = 0; i < data.length; i += BATCH) {
    s.partialFit(data.subarray(i, i + BATCH));
    const m = process.memoryUsage();
    peak = Math.max(peak, m.arrayBuffers + m.heapUsed - baseline);
  }
  void s.quantileRankError; // finalizes
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { scaler: s, ms, cpuMs: (c.user + c.system) / 1000, peakBytes: peak };
}

const bench: BenchFn = async (ctx) => {
  const data = lognormalColumn(N, 2026);
  const file = join(ctx.tmpDir, "robust.f64");
  writeFileSync(file, new Uint8Array(data.buffer));
  const script = fileURLToPath(new URL("./sklearn_robust_scaler.py", import.meta.url));
  const r = spawnSync(ctx.python, [script, file, String(N), "3"], { encoding: "utf8", maxBuffer: 16 << 20 });
  if (r.status !== 0) throw new Error(`sklearn baseline failed: ${r.stderr}`);
  const sk = JSON.parse(r.stdout) as Timing & { center: number; scale: number; versions: Record<string, string> };

  const runs = { exact: [] as ReturnType<typeof streamFit>[], sketch: [] as ReturnType<typeof streamFit>[] };
  if (global.gc) global.gc();
  for (let k = 0; k < 3; k++) {
    runs.exact.push(streamFit(data, { exactValuesLimit: Infinity }));
    if (global.gc) global.gc();
    runs.sketch.push(streamFit(data, { exactValuesLimit: 1_000_000 }));
    if (global.gc) global.gc();
  }
  const timing = (xs: ReturnType<typeof streamFit>[]): Timing => summarize(xs.map((x) => x.ms), xs.map((x) => x.cpuMs));
  const exact = runs.exact[0].scaler.toRecord().state as { center: Float64Array; scale: Float64Array };
  const sketch = runs.sketch[0].scaler;
  const st = sketch.toRecord().state as { center: Float64Array; scale: Float64Array };
  const e = sketch.quantileRankError![0];

  // Measured rank error: where the sketch's median and quartiles sit in the sorted data.
  const sorted = data.slice().sort();
  const rankOf = (x: number): number => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const medianRankError = Math.abs(rankOf(st.center[0]) - (N - 1) / 2);
  const maxMB = (xs: ReturnType<typeof streamFit>[]): string => fmt(Math.max(...xs.map((x) => x.peakBytes)) / 2 ** 20, 1);

  const table: Table = {
    title: `RobustScaler partialFit, ${N.toLocaleString("en-US")} float64 values in batches of ${BATCH.toLocaleString("en-US")}`,
    rows: [
      { case: "scikit-learn RobustScaler.fit (all in memory)", timing: sk, bytes: N * 8, rows: N, extra: { "peak extra memory MiB": "—", "rank error": "0" } },
      { case: "skewless exact store (exactValuesLimit Infinity)", timing: timing(runs.exact), bytes: N * 8, rows: N, extra: { "peak extra memory MiB": maxMB(runs.exact), "rank error": "0" } },
      {
        case: "skewless sketch (exactValuesLimit 1e6, capacity 8192)",
        timing: timing(runs.sketch),
        bytes: N * 8,
        rows: N,
        extra: { "peak extra memory MiB": maxMB(runs.sketch), "rank error": `median: ${medianRankError} ranks; certified E = ${e} (bound ${fmt(rankErrorBound(N, 8192), 0)})` },
      },
    ],
    ratios: [{ label: "vs scikit-learn", baseline: "scikit-learn RobustScaler.fit (all in memory)" }],
  };
  const rel = (a: number, b: number): string => (Math.abs(a - b) / Math.abs(b)).toExponential(2);
  return {
    title: "Streaming quantiles: exact store vs bounded sketch",
    summary:
      `Lognormal values (seeded), one feature. The exact store keeps 8 bytes per value and merges sorted runs; the sketch (src/core/quantile-sketch.ts) keeps at most 8192 values per level. ` +
      `Peak extra memory is sampled (heap + array buffers above the start) after every batch. scikit-learn loads the same bytes in a child /usr/bin/python3 (1 warm-up + 3 repeats); skewless runs 3 times each, interleaved.`,
    goals: [
      {
        goal: "sketch rank error within its certified bound",
        target: `<= E = ${e}`,
        measured: `${medianRankError} ranks at the median`,
        met: medianRankError <= e + 1,
      },
    ],
    tables: [table],
    notes: [
      `Exact store vs scikit-learn: center ${exact.center[0]} vs ${sk.center} (relative ${rel(exact.center[0], sk.center)}), scale relative ${rel(exact.scale[0], sk.scale)}. ` +
        `Sketch vs exact: center relative ${rel(st.center[0], exact.center[0])}, scale relative ${rel(st.scale[0], exact.scale[0])}. ` +
        `Sketch vs exact speed: ${fmt(ratio(table, "skewless sketch (exactValuesLimit 1e6, capacity 8192)", "skewless exact store (exactValuesLimit Infinity)"), 2)}x.`,
    ],
    machine: { "scikit-learn (robust scaler bench)": `numpy ${sk.versions.numpy}, scikit-learn ${sk.versions.sklearn}` },
  };
};

export default bench;
