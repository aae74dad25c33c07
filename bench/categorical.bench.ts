/**
 * Categorical encoding (issue 3): 1,000,000 strings over 1,000 categories encoded to ids
 * and to sparse one-hot, against scikit-learn 1.2.1's OneHotEncoder.transform (CSR, its
 * default) and OrdinalEncoder.transform on the same strings in the same run
 * (bench/sklearn_one_hot.py in a child /usr/bin/python3). Also: OneHotEncoder fit time
 * and peak memory on 1,000,000 distinct categories (bench/one-hot-vocab-child.ts in a
 * child Node process, so its peak RSS is its own), next to scikit-learn's fit.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Hashing, OneHotEncoder, OrdinalEncoder, StringLookup } from "../src/index.js";
import { type BenchContext, type BenchResult, type Goal, type Row, type Table, fmt, ratio } from "./report.js";
import { type Timing, measure, measureInterleaved } from "./timing.js";

const N = 1_000_000;
const K = 1_000;
const VOCAB = 1_000_000;
const TARGET = 5;
const SPARSE_CASE = "skewless OneHotEncoder.transformSparse (CSR float32)";
const LOOKUP_CASE = "skewless StringLookup.transformIds (Int32Array, caller buffer)";
const ORD_CASE = "skewless OrdinalEncoder.transform (Float32Array)";

/** Category names of realistic, varied length, some non-ASCII (UTF-8 multi-byte). */
function categoryNames(k: number): string[] {
  const stems = ["Biscoe", "Dream", "Torgersen", "Zürich", "São Paulo", "東京都", "Kraków", "naïve café", "Ålesund", "x", "Île-de-France", "Nordrhein-Westfalen"];
  return Array.from({ length: k }, (_, i) => `${stems[i % stems.length]} ${i}`);
}

/** n rows over k categories, Zipf-like (weight 1/(rank+1)) from a seeded xorshift; each category appears at least once. */
function makeRows(n: number, names: string[]): string[] {
  const k = names.length;
  const cdf = new Float64Array(k);
  let total = 0;
  for (let r = 0; r < k; r++) cdf[r] = total += 1 / (r + 1);
  let s = 0x2545f491;
  const u = (): number => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
  const rows: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    if (i < k) {
      rows[i] = names[i];
      continue;
    }
    const target = u() * total;
    let lo = 0;
    let hi = k - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid] < target) lo = mid + 1;
      else hi = mid;
    }
    rows[i] = names[lo];
  }
  return rows;
}

/** Reads one category per line, as the Python side does: every row its own string object. */
function readLines(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return text.slice(0, text.endsWith("\n") ? -1 : undefined).split("\n");
}

function pythonEnv(): { env: NodeJS.ProcessEnv; unset: string[] } {
  // OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE may be set on this machine for old OpenBLAS builds; the baseline child runs without them.
  const env = { ...process.env };
  const unset = ["OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"].filter((k) => k in env).map((k) => `${k}=${env[k]}`);
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return { env, unset };
}

function runChild(cmd: string, args: string[], env: NodeJS.ProcessEnv, what: string): unknown {
  // cwd = the repository root, so `--import tsx` resolves from its node_modules.
  const cwd = fileURLToPath(new URL("..", import.meta.url));
  const r = spawnSync(cmd, args, { cwd, env, encoding: "utf8", maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${what} failed (${r.status}): ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop() ?? "null");
}

interface SklearnEncode {
  versions: Record<string, string>;
  rows: number;
  categories: number;
  outputFormat: string;
  outputDtype: string;
  nnz: number;
  ordinalDtype: string;
  oneHotFit: Timing;
  ordinalFit: Timing;
  oneHotTransform: Timing;
  ordinalTransform: Timing;
}

interface SklearnVocab {
  rows: number;
  categories: number;
  fit: Timing;
  peakRssBeforeFitMB: number;
  peakRssAfterFitMB: number;
}

interface NodeVocab {
  rows: number;
  categories: number;
  fitMs: number;
  fitCpuMs: number;
  rssLoadedMB: number;
  peakRssBeforeFitMB: number;
  peakRssAfterFitMB: number;
  heapLoadedMB: number;
  heapRetainedMB: number;
}

function once(ms: number, cpuMs?: number): Timing {
  return { samples: [ms], best: ms, median: ms, cpuMedian: cpuMs };
}

export default async function categoricalBench(ctx: BenchContext): Promise<BenchResult> {
  const { env, unset } = pythonEnv();
  const here = fileURLToPath(new URL(".", import.meta.url));

  // Same bytes for both sides.
  const dataFile = join(ctx.tmpDir, "categories-1m.txt");
  const names = categoryNames(K);
  writeFileSync(dataFile, makeRows(N, names).join("\n") + "\n");
  const bytes = readFileSync(dataFile).length;
  const xs = readLines(dataFile);

  const skIndicesFile = join(ctx.tmpDir, "sklearn-indices.i32");
  const sk = runChild(ctx.python, [join(here, "sklearn_one_hot.py"), "encode", dataFile, skIndicesFile, "7", "1"], env, "scikit-learn encode baseline") as SklearnEncode;
  const skIndices = new Int32Array(readFileSync(skIndicesFile).buffer.slice(0));

  // Fits: one cold run each, as the scikit-learn side does.
  let ohe = new OneHotEncoder({ name: "category" });
  let ord = new OrdinalEncoder({ name: "category" });
  let lookup = new StringLookup({ name: "category" });
  const fitOnce = { warmup: 0, repeats: 1 };
  const oheFit = measure(() => void (ohe = new OneHotEncoder({ name: "category" }).fit(xs)).width, fitOnce);
  const ordFit = measure(() => void (ord = new OrdinalEncoder({ name: "category" }).fit(xs)).width, fitOnce);
  const lookupFit = measure(() => void (lookup = new StringLookup({ name: "category" }).fit(xs)).width, fitOnce);
  const hashing = new Hashing({ name: "category", numBins: 1024 });

  // Same data, same columns: our CSR indices (and ordinal ids) equal scikit-learn's.
  const csr = ohe.transformSparse(xs);
  let csrDiff = csr.indices.length === skIndices.length ? 0 : Math.abs(csr.indices.length - skIndices.length);
  for (let i = 0; i < Math.min(csr.indices.length, skIndices.length); i++) if (csr.indices[i] !== skIndices[i]) csrDiff++;
  const ordIds = ord.transform(xs);
  let ordDiff = 0;
  for (let i = 0; i < N; i++) if (ordIds[i] !== skIndices[i]) ordDiff++;
  if (csrDiff !== 0 || ordDiff !== 0) throw new Error(`encodings differ from scikit-learn: ${csrDiff} one-hot columns, ${ordDiff} ordinal ids`);
  const idsOut = new Int32Array(N);

  const tr = measureInterleaved(
    {
      sparse: () => void ohe.transformSparse(xs),
      lookupIds: () => void lookup.transformIds(xs, idsOut),
      ordinal: () => void ord.transform(xs),
      hashIds: () => void hashing.transformIds(xs),
      mapGet: () => {
        // Lower bound: one Map.get per row into an Int32Array, no validation.
        const index = mapIndex;
        for (let i = 0; i < N; i++) idsOut[i] = index.get(xs[i]) ?? -1;
      },
    },
    { warmup: 2, repeats: 7 },
  );

  // 1,000,000 distinct categories: fit time and peak memory, each side in its own process.
  const vocabFile = join(ctx.tmpDir, "vocab-1m.txt");
  const vocab = Array.from({ length: VOCAB }, (_, i) => `user-${((i * 7919 + 13) % VOCAB).toString(36)}-${names[i % K]}`);
  writeFileSync(vocabFile, vocab.join("\n") + "\n");
  const vocabBytes = readFileSync(vocabFile).length;
  const nodeVocab = runChild(process.execPath, ["--expose-gc", "--import", "tsx", join(here, "one-hot-vocab-child.ts"), vocabFile], process.env, "OneHotEncoder 1M-vocabulary child") as NodeVocab;
  const skVocab = runChild(ctx.python, [join(here, "sklearn_one_hot.py"), "vocab", vocabFile], env, "scikit-learn 1M-vocabulary baseline") as SklearnVocab;

  const row = (c: string, timing: Timing, extra?: Record<string, string>): Row => ({ case: c, timing, bytes, rows: N, extra });
  const SK_OHE = "scikit-learn OneHotEncoder.transform (CSR float64)";
  const SK_ORD = "scikit-learn OrdinalEncoder.transform (float64 ids)";
  const trTable: Table = {
    title: "transform: 1,000,000 strings over 1,000 categories",
    note: `MB/s counts the UTF-8 bytes of the strings (${fmt(bytes / 1e6, 1)} MB, newline-separated). Ratios: baseline median time / this row's median time (> 1: faster).`,
    rows: [
      row(SPARSE_CASE, tr.sparse, { output: "CSR: indptr, indices, data" }),
      row(LOOKUP_CASE, tr.lookupIds, { output: "ids (Keras order)" }),
      row(ORD_CASE, tr.ordinal, { output: "ids (sklearn order)" }),
      row("skewless Hashing.transformIds (1,024 bins, no vocabulary)", tr.hashIds, { output: "bucket ids" }),
      row("plain Map.get loop (lower bound, no checks)", tr.mapGet, { output: "ids" }),
      row(SK_OHE, sk.oneHotTransform, { output: "CSR" }),
      row(SK_ORD, sk.ordinalTransform, { output: "ids" }),
    ],
    ratios: [
      { label: "vs sklearn one-hot", baseline: SK_OHE },
      { label: "vs sklearn ordinal", baseline: SK_ORD },
    ],
  };
  const fitTable: Table = {
    title: "fit on the same 1,000,000 strings (one run each)",
    rows: [
      row("skewless OneHotEncoder.fit", oheFit),
      row("skewless OrdinalEncoder.fit", ordFit),
      row("skewless StringLookup.fit", lookupFit),
      row("scikit-learn OneHotEncoder.fit", sk.oneHotFit),
      row("scikit-learn OrdinalEncoder.fit", sk.ordinalFit),
    ],
    ratios: [{ label: "vs sklearn one-hot", baseline: "scikit-learn OneHotEncoder.fit" }],
  };
  const vRow = (c: string, t: Timing, extra: Record<string, string>): Row => ({ case: c, timing: t, bytes: vocabBytes, rows: VOCAB, extra });
  const vocabTable: Table = {
    title: "OneHotEncoder.fit on 1,000,000 distinct categories (own process each)",
    note: "Peak RSS is the child process's maximum resident set (getrusage); the data column is RSS with the strings loaded, before fit.",
    rows: [
      vRow("skewless OneHotEncoder.fit", once(nodeVocab.fitMs, nodeVocab.fitCpuMs), {
        categories: nodeVocab.categories.toLocaleString("en-US"),
        "RSS with data loaded": `${fmt(nodeVocab.rssLoadedMB, 0)} MB`,
        "peak RSS": `${fmt(nodeVocab.peakRssAfterFitMB, 0)} MB`,
        "peak - loaded": `${fmt(nodeVocab.peakRssAfterFitMB - nodeVocab.rssLoadedMB, 0)} MB`,
        "heap kept after GC (data + fitted state)": `${fmt(nodeVocab.heapRetainedMB, 0)} MB (data alone ${fmt(nodeVocab.heapLoadedMB, 0)} MB)`,
      }),
      vRow("scikit-learn OneHotEncoder.fit", skVocab.fit, {
        categories: skVocab.categories.toLocaleString("en-US"),
        "RSS with data loaded": `${fmt(skVocab.peakRssBeforeFitMB, 0)} MB (peak so far)`,
        "peak RSS": `${fmt(skVocab.peakRssAfterFitMB, 0)} MB`,
        "peak - loaded": `${fmt(skVocab.peakRssAfterFitMB - skVocab.peakRssBeforeFitMB, 0)} MB`,
      }),
    ],
    ratios: [{ label: "vs sklearn", baseline: "scikit-learn OneHotEncoder.fit" }],
  };

  const both = (rowCase: string, base: string): { wall: number; cpu: number; text: string } => {
    const wall = ratio(trTable, rowCase, base);
    const cpu = ratio(trTable, rowCase, base, true);
    return { wall, cpu, text: `${fmt(wall, 2)}x (CPU time: ${fmt(cpu, 2)}x)` };
  };
  const sparseR = both(SPARSE_CASE, SK_OHE);
  const idsR = both(LOOKUP_CASE, SK_OHE);
  const ordR = both(ORD_CASE, SK_ORD);
  const goals: Goal[] = [
    { goal: "sparse one-hot (OneHotEncoder.transformSparse) vs scikit-learn OneHotEncoder.transform", target: `>= ${TARGET}x`, measured: sparseR.text, met: sparseR.wall >= TARGET },
    { goal: "ids (StringLookup.transformIds) vs scikit-learn OneHotEncoder.transform", target: `>= ${TARGET}x`, measured: idsR.text, met: idsR.wall >= TARGET },
    { goal: "ids (OrdinalEncoder.transform) vs scikit-learn OrdinalEncoder.transform", target: `>= ${TARGET}x`, measured: ordR.text, met: ordR.wall >= TARGET },
    {
      goal: "fit on 1,000,000 distinct categories completes in bounded time and memory",
      target: "reported",
      measured: `${fmt(nodeVocab.fitMs / 1000, 2)} s, peak RSS ${fmt(nodeVocab.peakRssAfterFitMB, 0)} MB (${fmt(nodeVocab.peakRssAfterFitMB - nodeVocab.rssLoadedMB, 0)} MB over the loaded data)`,
      met: true,
    },
  ];

  return {
    title: "Categorical encoding, 1,000,000 strings over 1,000 categories",
    summary:
      `One run, same strings for every contender: ${N.toLocaleString("en-US")} rows drawn Zipf-like (weight 1/rank, seeded) from ${K.toLocaleString("en-US")} category names of 3-24 characters, some non-ASCII, written once as UTF-8 lines; ` +
      "skewless reads the file back (each row its own string, as Python's split gives) and scikit-learn reads the same file into an (n, 1) object array in a child `/usr/bin/python3` (bench/sklearn_one_hot.py, 1 warm-up + 7 repeats). " +
      "Every encoder is fitted on the full column first; transform timings are wall-clock milliseconds, median (headline) and best, and cpu ms is the median CPU time of the process per repeat (Node: process.cpuUsage; Python: time.process_time), which a loaded machine inflates much less than wall time. " +
      "Goals are judged on wall time; the CPU-time ratio is shown beside it.",
    goals,
    tables: [trTable, fitTable, vocabTable],
    notes: [
      `Same data check: the CSR column indices of skewless OneHotEncoder.transformSparse equal scikit-learn's (${sk.nnz.toLocaleString("en-US")} stored values, ${sk.categories} categories, scikit-learn output ${sk.outputFormat} ${sk.outputDtype}), and OrdinalEncoder ids equal them too (0 of ${N.toLocaleString("en-US")} differ).`,
      `Floor of any Map-based encoder here: the plain Map.get loop (one lookup per row into an Int32Array, no validation, no output structure) takes ${fmt(tr.mapGet.cpuMedian ?? NaN)} ms of CPU against scikit-learn OneHotEncoder.transform's ${fmt(sk.oneHotTransform.cpuMedian ?? NaN)} ms, ` +
        `${fmt(ratio(trTable, "plain Map.get loop (lower bound, no checks)", SK_OHE, true), 2)}x. An encoder that looks each row's string up in a Map cannot be faster than that loop, so the 5x goal is out of reach for this design on this input; the encoders' cost above the loop is their validation and output building.`,
      "StringLookup ids follow Keras (OOV index 0, then frequency order), so they are not compared with scikit-learn's; Hashing needs no fit and no vocabulary (MurmurHash3 of the UTF-8 bytes, 1,024 bins).",
      `The 1,000,000-distinct vocabulary: ${VOCAB.toLocaleString("en-US")} strings like "user-<base36>-<category name>" (${fmt(vocabBytes / 1e6, 1)} MB of UTF-8), fitted once in a fresh process per side (node --expose-gc --import tsx bench/one-hot-vocab-child.ts; python3 bench/sklearn_one_hot.py vocab).`,
    ],
    machine: {
      "python (categorical baseline)": `${sk.versions.python}, numpy ${sk.versions.numpy}, scipy ${sk.versions.scipy}, scikit-learn ${sk.versions.sklearn}`,
      "OpenBLAS env for the categorical python child": unset.length > 0 ? `unset (${unset.join(", ")} in the parent)` : "OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE not set in the parent; child env without them",
    },
  };

}

/** The Map.get lower bound's index, over the bench's categories. */
const mapIndex: Map<string, number> = new Map(categoryNames(K).map((c, i) => [c, i]));
