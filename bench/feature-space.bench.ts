/**
 * FeatureSpace benchmarks (issue 5):
 *  1. batch: 1,000,000 rows x 32 numeric columns from a columnar object (32 Float32Arrays)
 *     into one float32 matrix, vs scikit-learn StandardScaler.transform on the same
 *     1,000,000 x 32 matrix in the same run, and vs memcpy of the output size;
 *  2. single-row latency (p50/p99) of a ~20-column mixed space (12 numeric, 6 categorical,
 *     2 short-text token lists) on records;
 *  3. artefact load time for a space with a 30,000-token vocabulary.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { FeatureSpace, OneHotEncoder, SimpleImputer, StandardScaler, StringLookup, loadArtefact } from "../src/index.js";
import { type BenchContext, type BenchResult, fmt } from "./report.js";
import { measure, measureInterleaved } from "./timing.js";

const N = 1_000_000;
const D = 32;

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function sklearnTransform(ctx: BenchContext, x: Float32Array): { median: number; best: number; cpuMedian: number; samples: number[] } {
  const file = join(ctx.tmpDir, "feature-space.f32");
  writeFileSync(file, new Uint8Array(x.buffer, x.byteOffset, x.byteLength));
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const script = fileURLToPath(new URL("./sklearn_standard_scaler.py", import.meta.url));
  const r = spawnSync(ctx.python, [script, file, String(N), String(D), "5", "1"], { env, encoding: "utf8", maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`sklearn baseline failed: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { transform: { median: number; best: number; cpuMedian: number; samples: number[] } }).transform;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

export default async function bench(ctx: BenchContext): Promise<BenchResult> {
  // 1. batch throughput
  const rnd = lcg(42);
  const columns: Record<string, Float32Array> = {};
  const matrix = new Float32Array(N * D);
  for (let j = 0; j < D; j++) {
    const c = new Float32Array(N);
    const scale = 1 + j;
    for (let i = 0; i < N; i++) {
      c[i] = (rnd() - 0.5) * scale * 100 + j;
      matrix[i * D + j] = c[i];
    }
    columns[`c${j}`] = c;
  }
  const spec: Record<string, StandardScaler> = {};
  for (let j = 0; j < D; j++) spec[`c${j}`] = new StandardScaler();
  const space = new FeatureSpace(spec).fit(columns);
  const out = new Float32Array(N * D);
  const copy = new Float32Array(N * D);
  const t = measureInterleaved(
    {
      "FeatureSpace.transformToArray (32 StandardScaler features, caller buffer)": () => void space.transformToArray(columns, out),
      "memcpy of the output (Float32Array.set)": () => copy.set(matrix),
    },
    { warmup: 2, repeats: 7 },
  );
  const sk = sklearnTransform(ctx, matrix);
  const ours = t["FeatureSpace.transformToArray (32 StandardScaler features, caller buffer)"];
  const mem = t["memcpy of the output (Float32Array.set)"];
  const bytes = N * D * 4;

  // 2. single-row latency of a mixed ~20-column space
  const r2 = lcg(7);
  const words = ["brown", "adult", "nest", "egg", "blood", "sample", "not", "enough", "clutch", "sex", "chick", "colony"];
  const cats = ["Biscoe", "Dream", "Torgersen", "Anvers", "Palmer", "Cape"];
  const mkRow = () => {
    const row: Record<string, unknown> = {};
    for (let j = 0; j < 12; j++) row[`n${j}`] = r2() < 0.05 ? null : r2() * 100;
    for (let j = 0; j < 6; j++) row[`k${j}`] = cats[Math.floor(r2() * cats.length)];
    for (let j = 0; j < 2; j++) row[`t${j}`] = Array.from({ length: 1 + Math.floor(r2() * 6) }, () => words[Math.floor(r2() * words.length)]);
    return row;
  };
  const train = Array.from({ length: 5000 }, mkRow);
  const mixedSpec: Record<string, unknown> = {};
  for (let j = 0; j < 12; j++) mixedSpec[`n${j}`] = [new SimpleImputer({ strategy: "median" }), new StandardScaler()];
  for (let j = 0; j < 6; j++) mixedSpec[`k${j}`] = new OneHotEncoder({ handleUnknown: "ignore" });
  for (let j = 0; j < 2; j++) mixedSpec[`t${j}`] = new StringLookup({ outputMode: "multiHot" });
  const mixed = new FeatureSpace(mixedSpec as never).fit(train);
  const rowOut = new Float32Array(mixed.width);
  const samples: number[] = [];
  for (let k = 0; k < 2000; k++) mixed.transformToArray([train[k % train.length]], rowOut);
  for (let k = 0; k < 20000; k++) {
    const row = [train[k % train.length]];
    const t0 = performance.now();
    mixed.transformToArray(row, rowOut);
    samples.push((performance.now() - t0) * 1000);
  }
  samples.sort((a, b) => a - b);

  // 3. load time for a 30,000-token vocabulary
  const vocab = Array.from({ length: 30_000 }, (_, i) => `tok${i.toString(36)}`);
  const vocabSpace = new FeatureSpace({ text: new StringLookup({ vocabulary: vocab, outputMode: "multiHot" }) }).fit({ text: [["tok0"]] });
  const vocabBytes = vocabSpace.save();
  const load = measure(() => void loadArtefact(vocabBytes), { warmup: 3, repeats: 15 });

  const ratioSk = sk.median / ours.median;
  const ratioSkCpu = sk.cpuMedian / (ours.cpuMedian ?? NaN);
  return {
    title: "FeatureSpace",
    summary:
      "Batch: 1,000,000 rows x 32 numeric columns given as a columnar object of Float32Arrays, one StandardScaler per column, transformed into a caller's buffer (row blocks of 4096), against scikit-learn StandardScaler.transform on the same 1,000,000 x 32 float32 matrix (child /usr/bin/python3, 1 warm-up + 5 repeats) and memcpy of the output size, in the same run. Latency: one record at a time through a 20-column space (12 numeric SimpleImputer -> StandardScaler, 6 OneHotEncoder, 2 token-list StringLookup multiHot; width " +
      `${mixed.width}). Load: loadArtefact of a FeatureSpace holding a 30,000-token StringLookup (${vocabBytes.length} bytes).`,
    goals: [
      { goal: "batch transform vs scikit-learn StandardScaler.transform", target: ">= 3x", measured: `${fmt(ratioSk, 2)}x wall, ${fmt(ratioSkCpu, 2)}x CPU`, met: ratioSk >= 3 },
    ],
    tables: [
      {
        title: "Batch: 1,000,000 x 32 into one float32 matrix",
        rows: [
          { case: "FeatureSpace.transformToArray", timing: ours, bytes, rows: N },
          { case: "memcpy (Float32Array.set)", timing: mem, bytes, rows: N },
          { case: "scikit-learn StandardScaler.transform", timing: sk, bytes, rows: N },
        ],
        ratios: [
          { label: "vs scikit-learn", baseline: "scikit-learn StandardScaler.transform" },
          { label: "vs memcpy", baseline: "memcpy (Float32Array.set)" },
        ],
      },
    ],
    notes: [
      `Single-row latency over 20,000 calls (after 2,000 warm-up): p50 ${fmt(percentile(samples, 0.5), 1)} µs, p99 ${fmt(percentile(samples, 0.99), 1)} µs, max ${fmt(samples[samples.length - 1], 0)} µs (width ${mixed.width}).`,
      `Artefact load, 30,000-token vocabulary (${(vocabBytes.length / 1024).toFixed(0)} KiB): median ${fmt(load.median, 2)} ms, best ${fmt(load.best, 2)} ms over 15 loads.`,
    ],
    machine: {},
  };
}
