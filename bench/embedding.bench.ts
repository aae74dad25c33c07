/**
 * EmbeddingTable (issue 7):
 *
 *  1. Lookup + mean pooling of 100,000 rows x 32 tokens over a 10,000 x 64 table, with
 *     integer-id rows (Int32Array per row) and with string-token rows, against tfjs
 *     `tf.gather(table, ids).mean(1)` on the cpu and wasm backends in the same run (in
 *     10,000-row batches: the [batch, 32, 64] gather would otherwise need 819 MB), and a
 *     plain JS gather + mean loop without any checks (the floor of this design).
 *  2. A 50,000 x 100 table at each storage precision: artefact bytes, save and load time
 *     (loadArtefact: framing, SHA-256 digest, decode, checks), first-transform time (the
 *     one-off float32 decode of the table), and the largest absolute error against the
 *     float32 table. The SHA-256 of the artefact bytes is timed alone, since it is the
 *     part of the load that grows with the bytes whatever the precision.
 */
import * as tf from "@tensorflow/tfjs";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { EmbeddingTable, loadArtefact, wordVectors } from "../src/index.js";
import { sha256 } from "../src/artefact/sha256.js";
import { type BenchResult, type Goal, type Row, type Table, fmt, ratio } from "./report.js";
import { type Timing, measure, measureInterleaved } from "./timing.js";

const N = 100_000;
const L = 32;
const D = 64;
const V = 10_000;
const BATCH = 10_000;
const TABLE_ROWS = 50_000;
const TABLE_DIMS = 100;

const IDS_CASE = "skewless EmbeddingTable.transform, integer ids (Int32Array rows), caller buffer";
const STR_CASE = "skewless EmbeddingTable.transform, string tokens (string[] rows), caller buffer";
const FLOOR_CASE = "plain JS gather + float64 mean, no checks (floor)";
const TF_CPU = "tfjs cpu: gather + mean(1) per 10k rows + dataSync";
const TF_WASM = "tfjs wasm: gather + mean(1) per 10k rows + dataSync";

/** Seeded LCG: the same ids every run. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

async function tfjsRun(backend: "cpu" | "wasm", table: Float32Array, flatRows: Int32Array, repeats: number): Promise<{ timing: Timing; out: Float32Array } | null> {
  if (backend === "wasm") {
    const dir = dirname(createRequire(import.meta.url).resolve("@tensorflow/tfjs-backend-wasm/package.json"));
    setWasmPaths(`${dir}/dist/`);
  }
  if (!(await tf.setBackend(backend))) return null;
  await tf.ready();
  const tableT = tf.tensor2d(table, [table.length / D, D]);
  const out = new Float32Array(N * D);
  const run = (): void => {
    for (let b = 0; b < N; b += BATCH) {
      const y = tf.tidy(() => tf.gather(tableT, tf.tensor2d(flatRows.subarray(b * L, (b + BATCH) * L), [BATCH, L], "int32")).mean(1));
      out.set(y.dataSync() as Float32Array, b * D);
      y.dispose();
    }
  };
  const timing = measure(run, { warmup: repeats > 1 ? 1 : 0, repeats });
  tableT.dispose();
  return { timing, out };
}

export default async function embeddingBench(): Promise<BenchResult> {
  // ---- 1. lookup + mean pooling ----
  const rnd = lcg(0x5eed);
  const idRows: Int32Array[] = Array.from({ length: N }, () => {
    const r = new Int32Array(L);
    for (let j = 0; j < L; j++) r[j] = Math.floor(rnd() * V);
    return r;
  });
  const wordRows: string[][] = idRows.map((r) => Array.from(r, (x) => `w${x}`));
  const byIds = new EmbeddingTable({ name: "ids", source: "random", dims: D }).fit(Array.from({ length: V }, (_, i) => i));
  const { vectors: table, oovRows } = byIds.table();
  // The same vectors keyed by strings ("w17" for id 17), so both tables give the same output.
  const byWords = new EmbeddingTable({
    name: "words",
    vectors: wordVectors(byIds.vocabulary().map((id, i) => [`w${id as number}`, table.subarray((oovRows + i) * D, (oovRows + i + 1) * D)] as const)),
  }).fit(Array.from({ length: V }, (_, i) => `w${i}`));
  // Table rows of the ids (the OOV row comes first), for the floor and tfjs, which get ready-made row numbers.
  const flatRows = new Int32Array(N * L);
  const idIndex = new Map<number, number>(byIds.vocabulary().map((t, i) => [t as number, oovRows + i]));
  idRows.forEach((r, i) => r.forEach((x, j) => (flatRows[i * L + j] = idIndex.get(x)!)));
  const outIds = new Float32Array(N * D);
  const outWords = new Float32Array(N * D);
  const outFloor = new Float32Array(N * D);
  const floor = (): void => {
    const acc = new Float64Array(D);
    for (let i = 0; i < N; i++) {
      acc.fill(0);
      for (let k = 0; k < L; k++) {
        const b = flatRows[i * L + k] * D;
        for (let j = 0; j < D; j++) acc[j] += table[b + j];
      }
      for (let j = 0; j < D; j++) outFloor[i * D + j] = acc[j] / L;
    }
  };
  const t = measureInterleaved(
    {
      ids: () => void byIds.transform(idRows, outIds),
      words: () => void byWords.transform(wordRows, outWords),
      floor,
    },
    { warmup: 1, repeats: 5 },
  );
  // tfjs cpu takes over a minute per run here: one run, no warm-up (its first batch warms it).
  const cpu = await tfjsRun("cpu", table, flatRows, 1);
  const wasm = await tfjsRun("wasm", table, flatRows, 3);
  await tf.setBackend("cpu");
  const sameAsFloor = Buffer.from(outIds.buffer).equals(Buffer.from(outFloor.buffer));
  const maxDiff = (o: Float32Array): number => {
    let m = 0;
    for (let i = 0; i < o.length; i++) m = Math.max(m, Math.abs(o[i] - outIds[i]));
    return m;
  };
  const inputBytes = N * L * 4;
  const poolRows: Row[] = [
    { case: IDS_CASE, timing: t.ids, bytes: inputBytes, rows: N, extra: { "vs skewless ids": "—" } },
    { case: STR_CASE, timing: t.words, bytes: inputBytes, rows: N, extra: { "vs skewless ids": Buffer.from(outWords.buffer).equals(Buffer.from(outIds.buffer)) ? "bit-identical" : "differs" } },
    { case: FLOOR_CASE, timing: t.floor, bytes: inputBytes, rows: N, extra: { "vs skewless ids": sameAsFloor ? "bit-identical" : "differs" } },
  ];
  if (cpu) poolRows.push({ case: TF_CPU, timing: cpu.timing, bytes: inputBytes, rows: N, extra: { "vs skewless ids": `max abs diff ${maxDiff(cpu.out).toExponential(1)} (float32 sums)` } });
  if (wasm) poolRows.push({ case: TF_WASM, timing: wasm.timing, bytes: inputBytes, rows: N, extra: { "vs skewless ids": `max abs diff ${maxDiff(wasm.out).toExponential(1)} (float32 sums)` } });
  const pool: Table = {
    title: `Lookup + mean pooling: ${N.toLocaleString("en-US")} rows x ${L} tokens, ${V.toLocaleString("en-US")} x ${D} table`,
    note: "Input MB/s counts the token ids (4 bytes each). tfjs gets ready-made table row numbers as an int32 tensor per batch; skewless maps the tokens itself (Map lookups, type checks).",
    rows: poolRows,
    ratios: [
      ...(cpu ? [{ label: "vs tfjs cpu", baseline: TF_CPU }] : []),
      ...(wasm ? [{ label: "vs tfjs wasm", baseline: TF_WASM }] : []),
      { label: "vs floor", baseline: FLOOR_CASE },
    ],
  };

  // ---- 2. a 50,000 x 100 table at each storage precision ----
  const tokens = Array.from({ length: TABLE_ROWS }, (_, i) => `token${i}`);
  const sizeRows: Row[] = [];
  const sizes: Record<string, { bytes: number; maxErr: number; sha: Timing; firstTransform: Timing }> = {};
  let exact: Float32Array | null = null;
  let fitTiming: Timing | null = null;
  for (const storage of ["float32", "float16", "int8"] as const) {
    let fitted!: EmbeddingTable;
    const fit = measure(() => void (fitted = new EmbeddingTable({ name: "t", source: "random", dims: TABLE_DIMS, storage }).fit(tokens)).width, { warmup: 0, repeats: 1 });
    if (storage === "float32") fitTiming = fit;
    let bytes!: Uint8Array;
    const save = measure(() => void (bytes = fitted.save()), { warmup: 1, repeats: 3 });
    const load = measure(() => void loadArtefact(bytes), { warmup: 1, repeats: 5 });
    const sha = measure(() => void sha256(bytes), { warmup: 1, repeats: 5 });
    const firstTransform = measure(() => void (loadArtefact(bytes) as EmbeddingTable).transform(["token1"]), { warmup: 1, repeats: 5 });
    const vectors = fitted.table().vectors;
    if (exact === null) exact = vectors;
    let maxErr = 0;
    for (let i = 0; i < vectors.length; i++) maxErr = Math.max(maxErr, Math.abs(vectors[i] - exact[i]));
    sizes[storage] = { bytes: bytes.length, maxErr, sha, firstTransform };
    const extra = {
      "artefact bytes": bytes.length.toLocaleString("en-US"),
      "size vs float32": `${((100 * bytes.length) / (sizes.float32?.bytes ?? bytes.length)).toFixed(1)}%`,
      "max abs error vs float32": maxErr === 0 ? "0" : maxErr.toExponential(2),
    };
    sizeRows.push({ case: `${storage}: loadArtefact`, timing: load, bytes: bytes.length, rows: TABLE_ROWS, extra });
    sizeRows.push({ case: `${storage}: loadArtefact + first transform (table decode)`, timing: firstTransform, bytes: bytes.length, rows: TABLE_ROWS });
    sizeRows.push({ case: `${storage}: SHA-256 of the artefact bytes (part of the load)`, timing: sha, bytes: bytes.length, rows: TABLE_ROWS });
    sizeRows.push({ case: `${storage}: save`, timing: save, bytes: bytes.length, rows: TABLE_ROWS });
  }
  const storageTable: Table = {
    title: `A ${TABLE_ROWS.toLocaleString("en-US")} x ${TABLE_DIMS} table at each storage precision`,
    note: `Vectors: the "random" source (uniform, RMS 0.1 per value), fitted once per precision (${fmt(fitTiming?.median ?? NaN)} ms for float32). MB/s counts artefact bytes; M rows/s counts table rows. The first transform after a load builds the token index and decodes float16 / int8 to the float32 table transform reads. Read the cpu ms column: the machine is shared.`,
    rows: sizeRows,
    ratios: [{ label: "vs float32 load", baseline: "float32: loadArtefact" }],
  };

  const goals: Goal[] = [];
  if (cpu) {
    const r = ratio(pool, IDS_CASE, TF_CPU);
    goals.push({ goal: "lookup + mean pooling (integer ids) vs tfjs cpu gather + mean", target: ">= 1x", measured: `${fmt(r, 2)}x`, met: r >= 1 });
  }
  const f16 = sizes.float16.bytes / sizes.float32.bytes;
  const i8 = sizes.int8.bytes / sizes.float32.bytes;
  goals.push({ goal: "float16 artefact size vs float32", target: "<= 52%", measured: `${(100 * f16).toFixed(1)}%`, met: f16 <= 0.52 });
  // int8: a quarter of the table, plus a float32 scale per row and the vocabulary's strings.
  goals.push({ goal: "int8 artefact size vs float32", target: "<= 30%", measured: `${(100 * i8).toFixed(1)}%`, met: i8 <= 0.3 });
  const loadF32 = sizeRows.find((r) => r.case === "float32: loadArtefact")!.timing.median;
  goals.push({ goal: `load a ${TABLE_ROWS.toLocaleString("en-US")} x ${TABLE_DIMS} float32 table`, target: "< 500 ms", measured: `${fmt(loadF32)} ms`, met: loadF32 < 500 });

  return {
    title: "EmbeddingTable: lookup + pooling, storage precision",
    summary:
      `Lookup + mean pooling of ${N.toLocaleString("en-US")} rows x ${L} tokens (random ids over a ${V.toLocaleString("en-US")} x ${D} table, seeded) against tfjs gather + mean on its cpu and wasm backends, and the artefact size and load time of a ${TABLE_ROWS.toLocaleString("en-US")} x ${TABLE_DIMS} table stored as float32, float16 and int8 with per-row scales.`,
    goals,
    tables: [pool, storageTable],
    notes: [
      `skewless accumulates each row in float64 and rounds once (the result depends on the row alone); tfjs sums in float32, hence the small differences. The floor row is the same arithmetic without token checks or Map lookups: skewless integer ids and the floor are ${sameAsFloor ? "bit-identical" : "NOT identical"}.`,
      `Max abs error vs float32: float16 ${sizes.float16.maxErr.toExponential(2)}, int8 ${sizes.int8.maxErr.toExponential(2)} (values of RMS 0.1, max |value| ≈ 0.17; int8 error ≤ half a row scale, max|row| / 254).`,
    ],
    machine: { tfjs: `${tf.version.tfjs} (cpu${wasm ? ", wasm" : ""})` },
  };
}
