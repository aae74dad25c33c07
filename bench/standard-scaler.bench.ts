/**
 * StandardScaler on 1,000,000 x 32 float32: fit, and transform into a caller's buffer,
 * against memcpy (Float32Array.prototype.set of the same bytes) and scikit-learn 1.2.1
 * (bench/sklearn_standard_scaler.py on the same bytes), plus tfjs's cpu backend for
 * context. Each path is timed in the same run: the shipped WebAssembly SIMD kernels on
 * plain Float32Arrays (copied through wasm memory in chunks), on KernelArena buffers
 * (zero-copy), and the JS fallback (setKernelBackend("js")); then the loop shapes tried
 * for the hot loops (bench/standard-scaler-variants.ts, bench/wasm-scale.ts).
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { KernelArena, StandardScaler, kernelBackend, matrix, setKernelBackend } from "../src/index.js";
import { batchMoments } from "../src/core/moments.js";
import { partsRun } from "../src/core/wasm/kernel-threads.js";
import { startKernelThreads } from "../src/node.js";
import { type BenchContext, type BenchResult, type Goal, type Row, type Table, fmt, ratio } from "./report.js";
import { FIT_VARIANTS, type FitMoments, TRANSFORM_VARIANTS } from "./standard-scaler-variants.js";
import { type Timing, measure, measureInterleaved } from "./timing.js";
import { scaleRowsWasm, wasmCopyOnly, wasmKernel } from "./wasm-scale.js";

const N = 1_000_000;
const D = 32;
const BYTES = N * D * 4;
const TARGET = { transformVsSklearn: 3, transformVsMemcpy: 0.5, fitVsSklearn: 2 };

/** Runs `fn` on the JS loops, then restores the automatic choice. */
function onJs(fn: () => void): void {
  setKernelBackend("js");
  try {
    fn();
  } finally {
    setKernelBackend("auto");
  }
}

/** The case names of the main tables (ratios and goals refer to them). */
const C = {
  fit: "skewless StandardScaler.fit (wasm SIMD, plain Float32Array)",
  fitArena: "skewless StandardScaler.fit (wasm SIMD, KernelArena buffer)",
  fitJs: "skewless StandardScaler.fit (JS fallback)",
  fitSk: "scikit-learn StandardScaler.fit",
  memcpy: "memcpy (Float32Array.prototype.set)",
  into: "skewless transform into caller buffer (wasm SIMD, plain Float32Arrays)",
  arena: "skewless transform, input and output in a KernelArena (wasm SIMD, zero-copy)",
  threads: "skewless transform, shared KernelArena + 1 helper thread (2 threads, wasm SIMD, zero-copy)",
  js: "skewless transform into caller buffer (JS fallback)",
  alloc: "skewless transform, new output array (wasm SIMD)",
  sk: "scikit-learn StandardScaler.transform (copy=True)",
};

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
  setKernelBackend("auto");
  const backend = kernelBackend();
  const x = makeData(N, D);
  const m = matrix(x, N, D);
  const out = new Float32Array(N * D);
  const who = 'StandardScaler "x"';
  // Input and output inside the kernels' wasm memory: transform and fit read and write them in place.
  const arena = new KernelArena(2 * N * D);
  const xa = arena.allocateFloat32(N * D);
  xa.set(x);
  const oa = arena.allocateFloat32(N * D);
  const ma = matrix(xa, N, D);
  // The same in a shared arena with one helper thread (skewless/node startKernelThreads).
  const sharedArena = new KernelArena(2 * N * D, { shared: true });
  const xs = sharedArena.allocateFloat32(N * D);
  xs.set(x);
  const os = sharedArena.allocateFloat32(N * D);
  const ms = matrix(xs, N, D);
  const helpers = startKernelThreads(sharedArena, 1);

  const { run: sk, unset } = runSklearn(ctx, x);

  // Fit, every path interleaved.
  const fitT = measureInterleaved(
    {
      wasm: () => void new StandardScaler().fit(m),
      arena: () => void new StandardScaler().fit(ma),
      js: () => onJs(() => void new StandardScaler().fit(m)),
    },
    { warmup: 2, repeats: 7 },
  );
  const scaler = new StandardScaler().fit(m);
  const fitBytes = Buffer.from(scaler.save()).toString("base64");
  let jsFitBytes = "";
  onJs(() => void (jsFitBytes = Buffer.from(new StandardScaler().fit(m).save()).toString("base64")));
  const arenaFitBytes = Buffer.from(new StandardScaler().fit(ma).save()).toString("base64");
  if (fitBytes !== jsFitBytes || fitBytes !== arenaFitBytes) throw new Error("fit artefacts differ between the wasm, arena and JS paths");
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
      arena: () => void scaler.transform(ma, oa),
      threads: () => void scaler.transform(ms, os),
      js: () => onJs(() => void scaler.transform(m, out)),
      alloc: () => void scaler.transform(m),
    },
    { warmup: 2, repeats: 7 },
  );
  // The kernel's compute cost alone: the same 32M cells as 977 calls over one 128 KB block that stays in cache.
  const blockCells = 32 * 1024;
  const blockIn = matrix(xa.subarray(0, blockCells), blockCells / D, D);
  const blockOut = oa.subarray(0, blockCells);
  const inCache = measure(
    () => {
      for (let r = 0; r < Math.round((N * D) / blockCells); r++) scaler.transform(blockIn, blockOut);
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
  // The same on tfjs' wasm backend (its .wasm ships inside the npm package).
  const tfjsOp = (): Float32Array => {
    const y = tf.tidy(() => tf.sub(tf.tensor2d(x, [N, D]), tf.tensor1d(Float32Array.from(mean))).div(tf.tensor1d(Float32Array.from(scale))));
    const data = y.dataSync() as Float32Array;
    y.dispose();
    return data;
  };
  const wasmOk = await tf.setBackend("wasm").catch(() => false);
  const tfjsWasmT = wasmOk ? measure(() => void tfjsOp(), { warmup: 1, repeats: 5 }) : undefined;
  let tfjsWasmDiff = 0;
  if (wasmOk) {
    onJs(() => void scaler.transform(m, out));
    tfjsWasmDiff = sameBits(out, tfjsOp());
  }
  await tf.setBackend("cpu");
  onJs(() => void scaler.transform(m, out));
  const shipped = out.slice();
  out.fill(0);
  scaler.transform(m, out);
  const wasmDiff = sameBits(shipped, out);
  oa.fill(0);
  scaler.transform(ma, oa);
  const arenaDiff = sameBits(shipped, oa);
  os.fill(0);
  scaler.transform(ms, os);
  const threadsDiff = sameBits(shipped, os);
  const helperParts = partsRun(sharedArena.helperMailboxes[0]);
  await helpers.close();
  if (wasmDiff !== 0 || arenaDiff !== 0 || threadsDiff !== 0) {
    throw new Error(`wasm transform differs from the JS loop in ${wasmDiff} (plain) / ${arenaDiff} (arena) / ${threadsDiff} (2 threads) cells`);
  }
  if (helperParts === 0) throw new Error("the helper thread ran no part of the 2-thread transforms");
  const tfY = tf.tidy(() => tf.sub(tf.tensor2d(x, [N, D]), meanT).div(scaleT));
  const tfDiff = sameBits(shipped, tfY.dataSync() as Float32Array);
  tfY.dispose();
  meanT.dispose();
  scaleT.dispose();

  // CPU-time ratios beside the wall-clock ones (the machine is shared).
  const cpuVs = (t: Timing, base: Timing | undefined): string => (base?.cpuMedian && t.cpuMedian ? `${fmt(base.cpuMedian / t.cpuMedian, 2)}x` : "");
  const fitRow = (c: string, t: Timing, path: string): Row => row(c, t, { path, "cpu vs sklearn": cpuVs(t, sk.fit) });
  const fitTable: Table = {
    title: "fit (StandardScaler().fit on the whole matrix)",
    note: "Every skewless row saves byte-identical artefacts (checked in this run).",
    rows: [
      fitRow(C.fit, fitT.wasm, "row blocks of ~32K cells copied into wasm memory; two SIMD passes (sums/min/max/count, then squared deviations), 4 features per vector pair"),
      fitRow(C.fitArena, fitT.arena, "the same kernels reading the matrix in place"),
      fitRow(C.fitJs, fitT.js, "blocked JS loops, 4 features at a time"),
      fitRow(C.fitSk, sk.fit, ""),
    ],
    ratios: [{ label: "vs sklearn", baseline: C.fitSk }],
  };
  const trRow = (c: string, t: Timing, path: string): Row => row(c, t, { path, "cpu vs memcpy": cpuVs(t, tr.memcpy), "cpu vs sklearn": cpuVs(t, sk.transform) });
  const trTable: Table = {
    title: "transform",
    note: "MB/s counts the float32 input bytes (128 MB per run). Ratios: baseline median time / this row's median time; the cpu columns divide median CPU times. Every skewless row gives the JS loop's bits (checked in this run).",
    rows: [
      trRow(C.memcpy, tr.memcpy, "one 128 MB copy"),
      trRow(C.into, tr.into, "32K-cell chunks copied into wasm memory, SIMD kernel, copied out"),
      trRow(C.arena, tr.arena, "one kernel call over the arena's buffers, no copies"),
      trRow(C.threads, tr.threads, `the caller and one helper thread each run the kernel on half the rows (helper ran ${helperParts} parts)`),
      trRow(C.js, tr.js, "blocked JS loop (column-blocked-4)"),
      trRow(C.alloc, tr.alloc, "as the caller-buffer row, plus a fresh 128 MB Float32Array"),
      trRow(C.sk, sk.transform, ""),
      trRow("tfjs cpu: tensor2d(x).sub(mean).div(scale) + dataSync (2 repeats)", tfjsT, "float32 arithmetic"),
      ...(tfjsWasmT ? [trRow("tfjs wasm: tensor2d(x).sub(mean).div(scale) + dataSync", tfjsWasmT, `float32 arithmetic; differs from skewless in ${tfjsWasmDiff.toLocaleString("en-US")} cells`)] : []),
    ],
    ratios: [
      { label: "vs memcpy", baseline: C.memcpy },
      { label: "vs sklearn", baseline: C.sk },
    ],
  };

  // Loop shapes, re-measured next to the shipped code.
  const vOut = new Float32Array(N * D);
  const kernels = TRANSFORM_VARIANTS.map((v) => ({ v, k: v.prepare(mean, scale) }));
  const vCases: Record<string, () => void> = { shippedJs: () => onJs(() => void scaler.transform(m, vOut)) };
  for (const { v, k } of kernels) vCases[v.name] = () => void k(x, N, D, mean, scale, vOut);
  vCases["scalar JS copy loop"] = () => {
    for (let k = 0; k < x.length; k++) vOut[k] = x[k];
  };
  // A single 128 MB memcpy streams with non-temporal stores (no read of the destination);
  // copies below glibc's non-temporal threshold, and any wasm or JS store loop, do not.
  for (const chunk of [32768, 4194304]) {
    vCases[`memcpy in ${chunk}-cell chunks`] = () => {
      for (let c = 0; c < x.length; c += chunk) vOut.set(x.subarray(c, Math.min(x.length, c + chunk)), c);
    };
  }
  // The first WebAssembly prototype (bench/wasm-scale.ts): its own module and copy driver.
  const wasm = wasmKernel();
  const sumFlag = TRANSFORM_VARIANTS.find((v) => v.name === "sum-flag");
  if (sumFlag === undefined) throw new Error("variant sum-flag missing");
  const scalarTail = sumFlag.prepare(mean, scale);
  if (wasm !== null) {
    vCases["wasm copy in/out only"] = () => void wasmCopyOnly(wasm, x, vOut);
    vCases["wasm-simd-division"] = () => void scaleRowsWasm(wasm, x, N, D, mean, scale, vOut, scalarTail, "div");
    vCases["wasm-simd-reciprocal-checked"] = () => void scaleRowsWasm(wasm, x, N, D, mean, scale, vOut, scalarTail, "recip");
  }
  const vt = measureInterleaved(vCases, { warmup: 1, repeats: 3 });
  const vRows: Row[] = [
    row("shipped wasm, plain Float32Arrays (via transform())", tr.into, { idea: "from the transform table: 32K-cell chunks copied through wasm memory; f64x2 sub + div + demote, 16 cells per kernel round, flag = OR of y - y", "bit-identical": "yes" }),
    row("shipped wasm, KernelArena buffers (via transform())", tr.arena, { idea: "from the transform table: the same kernel in place, no copies", "bit-identical": "yes" }),
    row("shipped wasm, one 128 KB block in cache, 977 calls (compute only)", inCache, {
      idea: "the same 32M cells' worth of kernel work on a block that never leaves L2: what the kernel costs without main-memory traffic",
      "bit-identical": "yes",
    }),
    row("shipped wasm, shared KernelArena + 1 helper thread", tr.threads, { idea: "from the transform table: half the rows each on two cores", "bit-identical": "yes" }),
    row("shipped JS fallback: column-blocked-4 (via transform())", vt.shippedJs, { idea: "blocks of ~4096 cells, 4 features at a time with their statistics in registers; flag = running sum of y - y", "bit-identical": "yes" }),
  ];
  for (const { v, k } of kernels) {
    vOut.fill(0);
    k(x, N, D, mean, scale, vOut);
    const diff = sameBits(shipped, vOut);
    const exact = diff !== 0 ? `no (${diff.toLocaleString("en-US")} cells differ)` : v.exact ? "yes" : "same bits on this data, not guaranteed";
    if (v.exact && diff !== 0) throw new Error(`variant ${v.name} should be bit-identical but ${diff} cells differ`);
    vRows.push(row(v.name, vt[v.name], { idea: v.idea, "bit-identical": exact }));
  }
  vRows.push(row("scalar JS copy loop", vt["scalar JS copy loop"], { idea: "reference: `for (k) out[k] = x[k]`, no arithmetic (floor of any scalar JS loop)", "bit-identical": "n/a" }));
  vRows.push(row("memcpy in 32768-cell chunks", vt["memcpy in 32768-cell chunks"], { idea: "reference: the same 128 MB copied in 128 KB pieces (ordinary stores: each destination line is read before it is written)", "bit-identical": "n/a" }));
  vRows.push(row("memcpy in 4194304-cell chunks", vt["memcpy in 4194304-cell chunks"], { idea: "reference: in 16 MB pieces, still below the size where memcpy switches to non-temporal stores", "bit-identical": "n/a" }));
  if (wasm !== null) {
    vRows.push(row("wasm copy in/out only", vt["wasm copy in/out only"], { idea: "reference: the prototype driver's 8192-cell chunk copies with no kernel call", "bit-identical": "n/a" }));
    const ideas: Record<string, string> = {
      "wasm-simd-division": "first prototype (bench/wasm-scale.ts): f64x2 sub + div + demote per 4 cells, 8192-cell chunks copied into wasm memory and back",
      "wasm-simd-reciprocal-checked": "prototype: multiply by 1/scale, round q'(1 + 2^-50) and q'(1 - 2^-50) to float32, OR-ed flag when they differ (the chunk is redone with division); more conversions than the division saves",
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
  // Polymorphic JS loop: after it has also seen Float64Array input (as in an app that
  // passes arrays of rows, which are packed into a Float64Array, and typed arrays).
  // Float64Array input always runs the JS loop (the kernels read float32).
  const m64 = matrix(x64, N, D);
  const poly = measureInterleaved(
    { f64: () => void scaler.transform(m64, vOut), f32: () => onJs(() => void scaler.transform(m, vOut)) },
    { warmup: 1, repeats: 3 },
  );
  vRows.push(row("shipped JS fallback, after Float64Array input too (polymorphic)", poly.f32, { idea: "same code, element-kind feedback for both array types", "bit-identical": "yes" }));
  vOut.fill(0);
  scaler.transform(m64, vOut);
  vRows.push(row("shipped, Float64Array input (same values; JS loop)", poly.f64, { idea: "input 256 MB of float64; MB/s still counts 128 MB", "bit-identical": sameBits(shipped, vOut) === 0 ? "yes" : "no" }));
  const vTable: Table = {
    title: "what we tried: transform loop shapes",
    note: "Each variant writes the same 1,000,000 x 32 output; timed interleaved in this run (1 warm-up + 3 rounds, so read the medians as rough).",
    rows: vRows,
    ratios: [
      { label: "vs head", baseline: "head" },
      { label: "vs memcpy", baseline: C.memcpy },
    ],
  };
  vTable.rows.push(row(C.memcpy, tr.memcpy, { idea: "from the transform table" }));

  const refMoments = batchMoments(m, who);
  const fCases: Record<string, () => void> = {
    shipped: () => void batchMoments(m, who),
    shippedArena: () => void batchMoments(ma, who),
    shippedJs: () => onJs(() => void batchMoments(m, who)),
  };
  for (const v of FIT_VARIANTS) fCases[v.name] = () => void v.run(x, N, D);
  const ft = measureInterleaved(fCases, { warmup: 1, repeats: 3 });
  let jsMoments = refMoments;
  onJs(() => void (jsMoments = batchMoments(m, who)));
  if (!sameMoments(jsMoments, refMoments) || !sameMoments(batchMoments(ma, who), refMoments)) throw new Error("wasm fit moments differ from the JS loops");
  const fRows: Row[] = [
    row("shipped wasm: batchMoments, plain Float32Array", ft.shipped, { idea: "SIMD passes over row blocks of ~32K cells copied into wasm memory; 4 features per group, float64 lanes, rows in order (NaN adds -0)", "bit-identical": "yes" }),
    row("shipped wasm: batchMoments, KernelArena buffer", ft.shippedArena, { idea: "the same kernels reading the matrix in place", "bit-identical": "yes" }),
    row("shipped JS fallback: blocked, 4 features at a time", ft.shippedJs, { idea: "each pass its own function; blocks of ~4096 cells, 4 features per sweep with running values in locals (4 independent addition chains)", "bit-identical": "yes" }),
  ];
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

  const cpuNote = (t: Table, c: string, base: string): string => ` (CPU time: ${fmt(ratio(t, c, base, true), 2)}x)`;
  const goal = (text: string, target: number, t: Table, c: string, base: string): Goal => {
    const r = ratio(t, c, base);
    return { goal: text, target: `>= ${target}x`, measured: `${fmt(r, 2)}x${cpuNote(t, c, base)}`, met: r >= target };
  };
  const goals: Goal[] = [
    goal("transform into caller buffer vs scikit-learn transform (plain Float32Arrays)", TARGET.transformVsSklearn, trTable, C.into, C.sk),
    goal("transform into caller buffer vs memcpy throughput (plain Float32Arrays)", TARGET.transformVsMemcpy, trTable, C.into, C.memcpy),
    goal("transform vs memcpy throughput, input and output in a KernelArena (zero-copy), one thread", TARGET.transformVsMemcpy, trTable, C.arena, C.memcpy),
    goal("transform vs memcpy throughput, shared KernelArena + 1 helper thread (2 threads; memcpy is 1 thread)", TARGET.transformVsMemcpy, trTable, C.threads, C.memcpy),
    goal("fit vs scikit-learn fit", TARGET.fitVsSklearn, fitTable, C.fit, C.fitSk),
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
      "WebAssembly kernels (src/core/wasm/, shipped; the JS loops remain the fallback). The module (under 3 KB) is assembled from opcodes by a tiny assembler on first use and compiled synchronously; " +
        "where WebAssembly SIMD is unavailable or a Content-Security-Policy forbids compiling, and for inputs under 512 cells, the JS loops run. " +
        "Transform: 4 float32 cells per vector promoted to two f64x2, subtract, divide, demote, so each cell is f32((x - mean) / scale) in float64 exactly as the JS loop computes it; " +
        "the flag is the OR of the bits of y - y, and a flagged chunk is recomputed by the JS loop, which throws the same typed error naming the cell. " +
        "Fit: the two passes of the corrected two-pass moments, four features per group in float64 lanes with the rows in order, so count / sum / m2 / min / max are the JS loop's bits (NaN cells add -0; min/max are f64x2.pmin/pmax, which is `if (v < lo) lo = v`).",
      "Limits. Wasm code addresses only its own memory, so a plain Float32Array is copied in and the result copied out in chunks (row `skewless transform into caller buffer (wasm SIMD, plain Float32Arrays)`); " +
        "KernelArena buffers live in that memory and skip both copies. Even then one thread stays under 0.5x memcpy throughput here, for two reasons measured in this run. " +
        `(1) Memory: a single 128 MB Float32Array.prototype.set streams with non-temporal stores, which never read the destination, while any store loop, wasm or JS, and memcpy of smaller pieces first read each destination line (rows \`memcpy in ...-cell chunks\`: the same bytes copied in 128 KB pieces took ${fmt(vt["memcpy in 32768-cell chunks"].median / tr.memcpy.median, 2)}x as long). ` +
        `(2) Compute: the kernel alone, on a block that stays in cache (row \`shipped wasm, one 128 KB block in cache\`), already takes ${fmt(inCache.median / tr.memcpy.median, 2)}x memcpy's time for the same cells — ` +
        "the float32 -> float64 -> float32 conversions that computing in float64 (as scikit-learn does) needs, and the division, on 128-bit vectors (wasm has no wider ones and no non-temporal stores); a probe of the kernel with the conversions but no subtraction or division took about half of that. " +
        `A second core splits the compute: with one helper thread (skewless/node startKernelThreads on a KernelArena created with { shared: true }) the same transform takes ${fmt(tr.threads.median / tr.arena.median, 2)}x the one-thread time, bit-identical. ` +
        "The JS fallback is several times slower than memcpy: even a plain element copy loop (row `scalar JS copy loop`) is, because V8 emits one scalar load/convert/store with bounds checks per element.",
      "Why the JS loops have these shapes. (1) V8 compiles a long loop on-stack in the middle of a call, and code compiled that way for one loop of a big function deoptimizes when it reaches the next loop " +
        "(`--trace-deopt` showed the old batchMoments and apply() bailing out on every call: \"Insufficient type feedback\"), so every hot loop is now its own small function. " +
        "(2) V8 neither unrolls nor vectorizes. Going through a block of ~4096 cells four features at a time keeps those features' statistics (transform) or running sums (fit) in registers and gives four independent addition chains; " +
        "within a feature the rows are still visited in order, so every float64 sum rounds exactly as before. " +
        "(3) The per-cell branch on y became a running `bad += y - y` (NaN from the first non-finite y on); the rare error path re-scans in row-major order to name the same cell as before. " +
        "(4) Storing the float64 quotient into the Float32Array rounds exactly as Math.fround does. Reciprocal multiplication (not guaranteed to give the same bits) and float32 statistics (different bits) are not used; " +
        "the exact reciprocal-checked form costs more than the division it saves, in scalar JS and in wasm (row `wasm-simd-reciprocal-checked`).",
    ],
    machine: {
      "python (sklearn baseline)": `${sk.versions.python}, numpy ${sk.versions.numpy}, scikit-learn ${sk.versions.sklearn}`,
      "numpy BLAS / threads (threadpoolctl)": pools || "threadpoolctl not available",
      "numpy SIMD dispatch available": sk.numpySimd ? sk.numpySimd.dispatchAvailable.join(" ") : "unknown",
      "OpenBLAS env for the python child": unset.length > 0 ? `unset (${unset.join(", ")} in the parent)` : "OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE not set in the parent; child env without them",
      tfjs: `${tf.version.tfjs}, backends cpu${wasmOk ? " and wasm (@tensorflow/tfjs-backend-wasm)" : " (wasm backend unavailable)"}`,
      "skewless kernels": `${backend === "wasm" ? "WebAssembly SIMD" : "JS (WebAssembly SIMD unavailable)"}; KernelArena zero-copy ${arena.zeroCopy ? "available" : "unavailable"}`,
    },
  };
}
