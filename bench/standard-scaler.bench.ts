/**
 * StandardScaler on 1,000,000 x 32 float32: fit, and transform into a caller's buffer,
 * against memcpy (Float32Array.prototype.set of the same bytes) and scikit-learn 1.2.1
 * (bench/sklearn_standard_scaler.py on the same bytes), plus tfjs's cpu backend for
 * context, plus the loop shapes tried for the hot loops (bench/standard-scaler-variants.ts).
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as tf from "@tensorflow/tfjs";
import { StandardScaler, matrix } from "../src/index.js";
import { batchMoments } from "../src/core/moments.js";
import { type BenchContext, type BenchResult, type Goal, type Row, type Table, fmt, ratio } from "./report.js";
import { FIT_VARIANTS, type FitMoments, TRANSFORM_VARIANTS } from "./standard-scaler-variants.js";
import { type Timing, measure, measureInterleaved } from "./timing.js";
import { scaleRowsWasm, wasmCopyOnly, wasmKernel } from "./wasm-scale.js";

const N = 1_000_000;
const D = 32;
const BYTES = N * D * 4;
const TARGET = { transformVsSklearn: 3, transformVsMemcpy: 0.5, fitVsSklearn: 2 };

interface SklearnRun {
  versions: Record<string, string>;
  blas: { threadpoolctl: string | null; pools: Record<string, unknown>[] };
  numpySimd: { baseline: string[]; dispatchAvailable: string[] } | null;
  env: Record<string, string | null>;
  outputDtype: string;
  fit: Timing;
  transform: Timing;
  mean: number[];
  scale: number[];
  firstRows: number[];
}

/**
 * Deterministic data: feature j ~ N(mu_j, sigma_j) with means and spreads over several
 * orders of magnitude, from a seeded xorshift generator (sum of four uniforms).
 */
function makeData(n: number, d: number): Float32Array {
  const x = new Float32Array(n * d);
  const mu = Array.from({ length: d }, (_, j) => (j - 12) * 10 ** ((j % 5) - 2));
  const sigma = Array.from({ length: d }, (_, j) => 0.25 + ((j * 7) % 11) * 10 ** ((j % 4) - 1));
  let s = 0x9e3779b9;
  const u = (): number => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
  for (let i = 0, k = 0; i < n; i++) {
    for (let j = 0; j < d; j++, k++) x[k] = mu[j] + sigma[j] * (u() + u() + u() + u() - 2) * 1.7320508;
  }
  return x;
}

function runSklearn(ctx: BenchContext, x: Float32Array): { run: SklearnRun; unset: string[] } {
  const file = join(ctx.tmpDir, "standard-scaler.f32");
  writeFileSync(file, new Uint8Array(x.buffer, x.byteOffset, x.byteLength));
  // OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE may be set on this machine for correctness of
  // old OpenBLAS builds; they slow numpy down, so the baseline child runs without them.
  const env = { ...process.env };
  const unset = ["OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"].filter((k) => k in env).map((k) => `${k}=${env[k]}`);
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const script = fileURLToPath(new URL("./sklearn_standard_scaler.py", import.meta.url));
  const r = spawnSync(ctx.python, [script, file, String(N), String(D), "5", "1"], { env, encoding: "utf8", maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`sklearn baseline failed (${r.status}): ${r.stderr}`);
  return { run: JSON.parse(r.stdout) as SklearnRun, unset };
}

function sameBits(a: Float32Array, b: Float32Array): number {
  let diff = 0;
  for (let k = 0; k < a.length; k++) if (!Object.is(a[k], b[k])) diff++;
  return diff;
}

function sameMoments(a: FitMoments, b: FitMoments): boolean {
  for (const key of ["count", "sum", "m2", "min", "max"] as const) {
    for (let j = 0; j < a[key].length; j++) if (!Object.is(a[key][j], b[key][j])) return false;
  }
  return true;
}

function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let k = 0; k < a.length; k++) {
    const den = Math.max(Math.abs(a[k]), Math.abs(b[k]));
    if (den > 0) worst = Math.max(worst, Math.abs(a[k] - b[k]) / den);
  }
  return worst;
}

function row(c: string, timing: Timing, extra?: Record<string, string>): Row {
  return { case: c, timing, bytes: BYTES, rows: N, extra };
}

export default async function standardScalerBench(ctx: BenchContext): Promise<BenchResult> {
  const x = makeData(N, D);
  const m = matrix(x, N, D);
  const out = new Float32Array(N * D);
  const who = 'StandardScaler "x"';

  const { run: sk, unset } = runSklearn(ctx, x);

  // Fit.
  const fitT = measureInterleaved({ fit: () => void new StandardScaler().fit(m) }, { warmup: 2, repeats: 7 });
  const scaler = new StandardScaler().fit(m);
  const rec = scaler.toRecord();
  if (rec.kind !== "StandardScaler") throw new Error("unexpected record kind");
  const { mean, scale } = rec.state;

  // Transform, interleaved with its baselines.
  await tf.setBackend("cpu");
  await tf.ready();
  const meanT = tf.tensor1d(Float32Array.from(mean));
  const scaleT = tf.tensor1d(Float32Array.from(scale));
  const x64 = Float64Array.from(x);
  const tr = measureInterleaved(
    {
      memcpy: () => out.set(x),
      into: () => void scaler.transform(m, out),
      alloc: () => void scaler.transform(m),
    },
    { warmup: 2, repeats: 7 },
  );
  // Context only (float32 arithmetic, about 20x slower): fewer repeats keep the run short.
  const tfjsT = measure(
    () => {
      const y = tf.tidy(() => tf.sub(tf.tensor2d(x, [N, D]), meanT).div(scaleT));
      y.dataSync();
      y.dispose();
    },
    { warmup: 1, repeats: 2 },
  );
  scaler.transform(m, out);
  const shipped = out.slice();
  const tfY = tf.tidy(() => tf.sub(tf.tensor2d(x, [N, D]), meanT).div(scaleT));
  const tfDiff = sameBits(shipped, tfY.dataSync() as Float32Array);
  tfY.dispose();
  meanT.dispose();
  scaleT.dispose();

  const fitTable: Table = {
    title: "fit (StandardScaler().fit on the whole matrix)",
    rows: [row("skewless StandardScaler.fit", fitT.fit), row("scikit-learn StandardScaler.fit", sk.fit)],
    ratios: [{ label: "vs sklearn", baseline: "scikit-learn StandardScaler.fit" }],
  };
  const trTable: Table = {
    title: "transform",
    note: "MB/s counts the float32 input bytes (128 MB per run). Ratios: baseline median time / this row's median time.",
    rows: [
      row("memcpy (Float32Array.prototype.set)", tr.memcpy),
      row("skewless transform into caller buffer", tr.into),
      row("skewless transform, new output array", tr.alloc),
      row("scikit-learn StandardScaler.transform (copy=True)", sk.transform),
      row("tfjs cpu: tensor2d(x).sub(mean).div(scale) + dataSync (2 repeats)", tfjsT),
    ],
    ratios: [
      { label: "vs memcpy", baseline: "memcpy (Float32Array.prototype.set)" },
      { label: "vs sklearn", baseline: "scikit-learn StandardScaler.transform (copy=True)" },
    ],
  };

  // Loop shapes, re-measured next to the shipped code.
  const vOut = new Float32Array(N * D);
  const kernels = TRANSFORM_VARIANTS.map((v) => ({ v, k: v.prepare(mean, scale) }));
  const vCases: Record<string, () => void> = { shipped: () => void scaler.transform(m, vOut) };
  for (const { v, k } of kernels) vCases[v.name] = () => void k(x, N, D, mean, scale, vOut);
  // WebAssembly SIMD prototype (bench/wasm-scale.ts; not in src/): chunks are copied into
  // wasm memory and back, since a caller's Float32Array cannot be handed to wasm.
  const wasm = wasmKernel();
  const sumFlag = TRANSFORM_VARIANTS.find((v) => v.name === "sum-flag");
  if (sumFlag === undefined) throw new Error("variant sum-flag missing");
  const scalarTail = sumFlag.prepare(mean, scale);
  vCases["scalar JS copy loop"] = () => {
    for (let k = 0; k < x.length; k++) vOut[k] = x[k];
  };
  if (wasm !== null) {
    vCases["wasm copy in/out only"] = () => void wasmCopyOnly(wasm, x, vOut);
    vCases["wasm-simd-division"] = () => void scaleRowsWasm(wasm, x, N, D, mean, scale, vOut, scalarTail, "div");
    vCases["wasm-simd-reciprocal-checked"] = () => void scaleRowsWasm(wasm, x, N, D, mean, scale, vOut, scalarTail, "recip");
  }
  const vt = measureInterleaved(vCases, { warmup: 1, repeats: 3 });
  const vRows: Row[] = [row("shipped: column-blocked-4 (via transform())", vt.shipped, { idea: "blocks of ~4096 cells, 4 features at a time with their statistics in registers; flag = running sum of y - y", "bit-identical": "yes" })];
  for (const { v, k } of kernels) {
    vOut.fill(0);
    k(x, N, D, mean, scale, vOut);
    const diff = sameBits(shipped, vOut);
    const exact = diff !== 0 ? `no (${diff.toLocaleString("en-US")} cells differ)` : v.exact ? "yes" : "same bits on this data, not guaranteed";
    if (v.exact && diff !== 0) throw new Error(`variant ${v.name} should be bit-identical but ${diff} cells differ`);
    vRows.push(row(v.name, vt[v.name], { idea: v.idea, "bit-identical": exact }));
  }
  vRows.push(row("scalar JS copy loop", vt["scalar JS copy loop"], { idea: "reference: `for (k) out[k] = x[k]`, no arithmetic (floor of any scalar JS loop)", "bit-identical": "n/a" }));
  if (wasm !== null) {
    vRows.push(row("wasm copy in/out only", vt["wasm copy in/out only"], { idea: "reference: the wasm driver's chunk copies with no kernel call (floor of the wasm design)", "bit-identical": "n/a" }));
    const ideas: Record<string, string> = {
      "wasm-simd-division": "prototype: f64x2 sub + div + demote per 4 cells, 8192-cell chunks copied into wasm memory and back",
      "wasm-simd-reciprocal-checked": "prototype: as above with the reciprocal-checked rounding test (OR-ed flag; a flagged chunk is redone with division)",
    };
    for (const mode of ["division", "reciprocal-checked"] as const) {
      const key = `wasm-simd-${mode}`;
      vOut.fill(0);
      scaleRowsWasm(wasm, x, N, D, mean, scale, vOut, scalarTail, mode === "division" ? "div" : "recip");
      const diff = sameBits(shipped, vOut);
      if (diff !== 0) throw new Error(`${key} should be bit-identical but ${diff} cells differ`);
      vRows.push(row(key, vt[key], { idea: ideas[key], "bit-identical": "yes" }));
    }
  }
  // Polymorphic: the kernel after it has also seen Float64Array input (as in an app that
  // passes arrays of rows, which are packed into a Float64Array, and typed arrays).
  const m64 = matrix(x64, N, D);
  const poly = measureInterleaved({ f64: () => void scaler.transform(m64, vOut), f32: () => void scaler.transform(m, vOut) }, { warmup: 1, repeats: 3 });
  vRows.push(row("shipped, after Float64Array input too (polymorphic)", poly.f32, { idea: "same code, element-kind feedback for both array types", "bit-identical": "yes" }));
  vOut.fill(0);
  scaler.transform(m64, vOut);
  vRows.push(row("shipped, Float64Array input (same values)", poly.f64, { idea: "input 256 MB of float64; MB/s still counts 128 MB", "bit-identical": sameBits(shipped, vOut) === 0 ? "yes" : "no" }));
  const vTable: Table = {
    title: "what we tried: transform loop shapes",
    note: "Each variant writes the same 1,000,000 x 32 output; timed interleaved in this run (1 warm-up + 3 rounds, so read the medians as rough).",
    rows: vRows,
    ratios: [
      { label: "vs head", baseline: "head" },
      { label: "vs memcpy", baseline: "memcpy (Float32Array.prototype.set)" },
    ],
  };
  vTable.rows.push(row("memcpy (Float32Array.prototype.set)", tr.memcpy, { idea: "from the transform table" }));

  const refMoments = batchMoments(m, who);
  const fCases: Record<string, () => void> = { shipped: () => void batchMoments(m, who) };
  for (const v of FIT_VARIANTS) fCases[v.name] = () => void v.run(x, N, D);
  const ft = measureInterleaved(fCases, { warmup: 1, repeats: 3 });
  const fRows: Row[] = [row("shipped: blocked, 4 features at a time (batchMoments)", ft.shipped, { idea: "each pass its own function; blocks of ~4096 cells, 4 features per sweep with running values in locals (4 independent addition chains)", "bit-identical": "yes" })];
  for (const v of FIT_VARIANTS) {
    const same = sameMoments(v.run(x, N, D), refMoments);
    if (!same) throw new Error(`fit variant ${v.name} is not bit-identical`);
    fRows.push(row(v.name, ft[v.name], { idea: v.idea, "bit-identical": "yes" }));
  }
  const fTable: Table = {
    title: "what we tried: fit (batchMoments) loop shapes",
    note: "count / sum / m2 / min / max must stay bit-identical (the accumulator is saved state); sums keep row order within a feature.",
    rows: fRows,
    ratios: [{ label: "vs head", baseline: "head" }],
  };

  const fitRatio = ratio(fitTable, "skewless StandardScaler.fit", "scikit-learn StandardScaler.fit");
  const skRatio = ratio(trTable, "skewless transform into caller buffer", "scikit-learn StandardScaler.transform (copy=True)");
  const memRatio = ratio(trTable, "skewless transform into caller buffer", "memcpy (Float32Array.prototype.set)");
  const cpuNote = (r: number): string => ` (CPU time: ${fmt(r, 2)}x)`;
  const goals: Goal[] = [
    {
      goal: "transform into caller buffer vs scikit-learn transform",
      target: `>= ${TARGET.transformVsSklearn}x`,
      measured: `${fmt(skRatio, 2)}x${cpuNote(ratio(trTable, "skewless transform into caller buffer", "scikit-learn StandardScaler.transform (copy=True)", true))}`,
      met: skRatio >= TARGET.transformVsSklearn,
    },
    {
      goal: "transform into caller buffer vs memcpy throughput",
      target: `>= ${TARGET.transformVsMemcpy}x`,
      measured: `${fmt(memRatio, 2)}x${cpuNote(ratio(trTable, "skewless transform into caller buffer", "memcpy (Float32Array.prototype.set)", true))}`,
      met: memRatio >= TARGET.transformVsMemcpy,
    },
    {
      goal: "fit vs scikit-learn fit",
      target: `>= ${TARGET.fitVsSklearn}x`,
      measured: `${fmt(fitRatio, 2)}x${cpuNote(ratio(fitTable, "skewless StandardScaler.fit", "scikit-learn StandardScaler.fit", true))}`,
      met: fitRatio >= TARGET.fitVsSklearn,
    },
  ];

  const firstRows = shipped.subarray(0, sk.firstRows.length);
  const pools = sk.blas.pools.map((p) => `${p.internal_api} ${p.version ?? ""} (${p.architecture ?? p.threading_layer ?? "?"}, ${p.num_threads} threads)`).join("; ");
  return {
    title: "StandardScaler, 1,000,000 x 32 float32",
    summary:
      "One run, same bytes for every contender: a deterministic 1,000,000 x 32 float32 matrix (128 MB; features with means and spreads over several orders of magnitude). " +
      "skewless fits and transforms it in this process; scikit-learn loads the same bytes with numpy.fromfile in a child `/usr/bin/python3` (bench/sklearn_standard_scaler.py, time.perf_counter, 1 warm-up + 5 repeats). " +
      "Timings are wall-clock milliseconds; the headline is the median, best is the fastest repeat; cpu ms is the median CPU time of the process per repeat " +
      "(close to the unloaded wall time when other jobs share the 2 cores; the goal column also gives the CPU-time ratio). Goals are judged on wall-clock medians.",
    goals,
    tables: [fitTable, trTable, vTable, fTable],
    notes: [
      `Same data check: max relative difference of mean_ ${maxRelDiff(mean, sk.mean).toExponential(2)}, of scale_ ${maxRelDiff(scale, sk.scale).toExponential(2)}; ` +
        `first 8 output rows ${maxRelDiff(firstRows, sk.firstRows).toExponential(2)} relative (scikit-learn rounds x - mean to float32 before dividing, skewless rounds once). ` +
        `tfjs computes in float32 and differs from skewless in ${tfDiff.toLocaleString("en-US")} of ${(N * D).toLocaleString("en-US")} cells.`,
      "Why these shapes. (1) V8 compiles a long loop on-stack in the middle of a call, and code compiled that way for one loop of a big function deoptimizes when it reaches the next loop " +
        "(`--trace-deopt` showed the old batchMoments and apply() bailing out on every call: \"Insufficient type feedback\"), so every hot loop is now its own small function. " +
        "(2) V8 neither unrolls nor vectorizes. Going through a block of ~4096 cells four features at a time keeps those features' statistics (transform) or running sums (fit) in registers and gives four independent addition chains; " +
        "within a feature the rows are still visited in order, so every float64 sum rounds exactly as before. " +
        "(3) The per-cell branch on y became a running `bad += y - y` (NaN from the first non-finite y on); the rare error path re-scans in row-major order to name the same cell as before. " +
        "(4) Storing the float64 quotient into the Float32Array rounds exactly as Math.fround does. Reciprocal multiplication (not guaranteed to give the same bits) and float32 statistics (different bits) are not used; " +
        "the exact reciprocal-checked form costs more than the division it saves in scalar JS.",
      "Limits. The scalar JS loop cannot get near memcpy: even a plain element copy loop (row `scalar JS copy loop`) is several times slower than memcpy, because V8 emits one scalar load/convert/store with bounds checks per element. " +
        "The WebAssembly SIMD prototype (bench/wasm-scale.ts, bit-identical, not in src/) roughly halves the transform time of the shipped JS loop, but a caller's Float32Array cannot be handed to wasm: " +
        "copying chunks into wasm memory and back alone (row `wasm copy in/out only`) already costs about twice a memcpy, so 0.5x memcpy is out of reach for this design on one thread. " +
        "Shipping the wasm kernel would be a design decision (compiled wasm in the library, a JS fallback where WebAssembly is unavailable or CSP forbids it), left to the maintainers.",
    ],
    machine: {
      "python (sklearn baseline)": `${sk.versions.python}, numpy ${sk.versions.numpy}, scikit-learn ${sk.versions.sklearn}`,
      "numpy BLAS / threads (threadpoolctl)": pools || "threadpoolctl not available",
      "numpy SIMD dispatch available": sk.numpySimd ? sk.numpySimd.dispatchAvailable.join(" ") : "unknown",
      "OpenBLAS env for the python child": unset.length > 0 ? `unset (${unset.join(", ")} in the parent)` : "OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE not set in the parent; child env without them",
      "tfjs": `${tf.version.tfjs}, backend ${tf.getBackend()}`,
    },
  };
}
