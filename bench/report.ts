/**
 * What a benchmark file hands back to bench/run.ts, and how it becomes Markdown.
 * Throughput is input bytes (or rows) over the median time; a ratio against a baseline
 * row is baseline median time / this row's median time, so > 1 means faster.
 */
import type { Timing } from "./timing.js";

export interface Row {
  case: string;
  timing: Timing;
  /** Input bytes one run processes (MB/s = bytes / 1e6 / median seconds). */
  bytes: number;
  /** Input rows one run processes. */
  rows: number;
  /** Extra columns by header (e.g. "idea", "bit-identical"). */
  extra?: Record<string, string>;
}

export interface Table {
  title: string;
  /** Text shown under the title. */
  note?: string;
  rows: Row[];
  /** Ratio columns: label and the `case` of the baseline row. */
  ratios: { label: string; baseline: string }[];
}

export interface Goal {
  goal: string;
  target: string;
  measured: string;
  met: boolean;
}

export interface BenchResult {
  title: string;
  /** One paragraph: what is measured, on what data. */
  summary: string;
  goals: Goal[];
  tables: Table[];
  /** Markdown paragraphs after the tables. */
  notes: string[];
  /** Lines for the machine section (library versions the benchmark saw, BLAS config, ...). */
  machine: Record<string, string>;
}

export interface BenchContext {
  /** Folder for scratch files, removed after the run. */
  tmpDir: string;
  /** Python used for the scikit-learn baselines. */
  python: string;
}

export type BenchFn = (ctx: BenchContext) => Promise<BenchResult>;

/** Median-time ratio of `baseline` over `row` (> 1: the row is faster); `cpu` compares median CPU times. */
export function ratio(table: Table, rowCase: string, baselineCase: string, cpu = false): number {
  const row = find(table, rowCase);
  const base = find(table, baselineCase);
  if (!cpu) return base.timing.median / row.timing.median;
  return (base.timing.cpuMedian ?? NaN) / (row.timing.cpuMedian ?? NaN);
}

function find(table: Table, c: string): Row {
  const r = table.rows.find((x) => x.case === c);
  if (r === undefined) throw new Error(`bench table "${table.title}" has no row "${c}"`);
  return r;
}

export function fmt(v: number, digits = 1): string {
  if (!Number.isFinite(v)) return String(v);
  return v.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function renderTable(t: Table): string {
  const extras = [...new Set(t.rows.flatMap((r) => Object.keys(r.extra ?? {})))];
  const head = ["case", "median ms", "best ms", "cpu ms", "MB/s", "M rows/s", ...t.ratios.map((r) => r.label), ...extras];
  const lines = [`| ${head.join(" | ")} |`, `| ${head.map((_, i) => (i === 0 || i >= head.length - extras.length ? "---" : "---:")).join(" | ")} |`];
  for (const r of t.rows) {
    const s = r.timing.median / 1000;
    const cells = [
      r.case,
      fmt(r.timing.median),
      fmt(r.timing.best),
      r.timing.cpuMedian === undefined ? "" : fmt(r.timing.cpuMedian),
      fmt(r.bytes / 1e6 / s, 0),
      fmt(r.rows / 1e6 / s, 2),
      ...t.ratios.map((q) => {
        const base = t.rows.find((x) => x.case === q.baseline);
        return base === undefined ? "" : `${fmt(base.timing.median / r.timing.median, 2)}x`;
      }),
      ...extras.map((e) => r.extra?.[e] ?? ""),
    ];
    lines.push(`| ${cells.join(" | ")} |`);
  }
  return [`### ${t.title}`, "", ...(t.note ? [t.note, ""] : []), ...lines].join("\n");
}

export function renderBench(b: BenchResult): string {
  const out = [`## ${b.title}`, "", b.summary, ""];
  if (b.goals.length > 0) {
    out.push("| goal | target | measured (median) | met |", "| --- | --- | --- | --- |");
    for (const g of b.goals) out.push(`| ${g.goal} | ${g.target} | ${g.measured} | ${g.met ? "yes" : "**no**"} |`);
    out.push("");
  }
  for (const t of b.tables) out.push(renderTable(t), "");
  for (const n of b.notes) out.push(n, "");
  return out.join("\n");
}
