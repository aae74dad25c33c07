/**
 * scikit-learn's build_analyzer as stages: normalizers in order (its preprocessor:
 * lowercase, then strip accents), then either the word path (a pre-tokenizer, then
 * word n-grams) or character n-grams ("char", "charWb"). Tokens are emitted as spans
 * (string, start, end) so callers can look them up without slicing.
 *
 * TermReader turns a document straight into term ids of a TermTable, which is what
 * the vectorizers count.
 */
import type { TextAnalyzerSpec } from "../artefact/states.js";
import { compileNormalizers } from "./normalizer.js";
import { charNgrams, charWbNgrams, wordNgrams } from "./ngrams.js";
import { compilePreTokenizer } from "./pre-tokenizer.js";
import type { ScanKernel } from "./scan-kernel.js";
import { TermTable, finishHash, slotCountFor } from "./term-table.js";
import { type SpanSink, TokenRuns, scanWordRuns, wordRunLength } from "./token-pattern.js";

export type Analyze = (doc: string, emit: SpanSink) => void;

export function compileAnalyzer(spec: TextAnalyzerSpec, who: string): Analyze {
  const normalize = compileNormalizers(spec.normalizers, who);
  const [minN, maxN] = spec.ngramRange;
  if (spec.analyzer === "char") return (doc, emit) => charNgrams(normalize(doc), minN, maxN, emit);
  if (spec.analyzer === "charWb") return (doc, emit) => charWbNgrams(normalize(doc), minN, maxN, emit);
  const split = compilePreTokenizer(spec.preTokenizer, who);
  if (maxN === 1) return (doc, emit) => split(normalize(doc), emit);
  const tokens: string[] = [];
  const collect: SpanSink = (s, start, end) => {
    tokens.push(start === 0 && end === s.length ? s : s.slice(start, end));
  };
  return (doc, emit) => {
    tokens.length = 0;
    split(normalize(doc), collect);
    if (minN === 1) for (const t of tokens) emit(t, 0, t.length);
    wordNgrams(tokens, minN, maxN, emit);
    tokens.length = 0;
  };
}

/** The tokens of one document as strings (for inspection and tests; sklearn's build_analyzer()(doc)). */
export function analyzeToList(analyze: Analyze, doc: string): string[] {
  const out: string[] = [];
  analyze(doc, (s, start, end) => out.push(s.slice(start, end)));
  return out;
}

/**
 * The word-run scan settings when `spec` is the word analyzer with a word-run token
 * pattern (scikit-learn's default), unigrams only, and no normalizer or just
 * lowercase; else null.
 */
function wordRunScan(spec: TextAnalyzerSpec): { minCodePoints: number; lowercase: boolean } | null {
  if (spec.analyzer !== "word" || spec.ngramRange[1] !== 1 || spec.preTokenizer.type !== "tokenPattern") return null;
  const min = wordRunLength(spec.preTokenizer.pattern);
  if (min === 0) return null;
  const n = spec.normalizers;
  if (n.length > 1 || (n.length === 1 && n[0].type !== "lowercase")) return null;
  return { minCodePoints: min, lowercase: n.length === 1 };
}

/**
 * A document's tokens as ids of a TermTable, in token order: after `read(doc, table,
 * add)`, ids[0, count) hold them — new terms interned when `add`, unknown tokens
 * skipped otherwise. The same tokens as compileAnalyzer's. For scikit-learn's default
 * word analysis the tokens come from scanWordRuns (lowercasing on the fly into a code
 * unit buffer, the table probed by ranges of it: no string per token or per
 * document); any other analysis runs the stages and probes by ranges of their strings.
 * One reader serves one caller at a time (it reuses its buffers).
 */
export class TermReader {
  ids = new Int32Array(256);
  count = 0;
  private readonly scan: { minCodePoints: number; lowercase: boolean } | null;
  private readonly runs = new TokenRuns();
  private readonly analyze: Analyze | null;
  private table: TermTable | null = null;
  private add = false;
  private readonly sink: SpanSink;

  constructor(spec: TextAnalyzerSpec, who: string) {
    this.scan = wordRunScan(spec);
    this.analyze = this.scan === null ? compileAnalyzer(spec, who) : null;
    this.sink = (s, start, end, raw) => {
      const t = this.table!;
      const id = this.add ? t.intern(s, start, end, raw) : t.lookup(s, start, end, raw);
      if (id < 0) return;
      if (this.count === this.ids.length) {
        const grown = new Int32Array(this.ids.length * 2);
        grown.set(this.ids);
        this.ids = grown;
      }
      this.ids[this.count++] = id;
    };
  }

  /**
   * The tokens of `doc` as code unit runs (scanWordRuns), for a caller that probes the
   * table itself; null when this analysis has no word-run scan (use read).
   */
  runsOf(doc: string): TokenRuns | null {
    const scan = this.scan;
    if (scan === null) return null;
    scanWordRuns(doc, scan.minCodePoints, scan.lowercase, this.runs);
    return this.runs;
  }

  /** Whether beginWasmTable will give a kernel (the word-run scan, and WebAssembly here). */
  internsInWasm(): boolean {
    return this.scan !== null && this.runs.wasmKernel() !== null;
  }

  /**
   * For a fit that interns every term: a new term table with its counts in WebAssembly
   * memory (scan-kernel.ts), sized as `new TermTable(expected, terms, units)` would be,
   * with room for `entries` row entries; or null where this analysis has no word-run
   * scan or WebAssembly cannot run. Then, per document, runsOf(doc) and the kernel's
   * countRow (term-counts.ts CorpusCounts.addInterned), and `endWasmTable()` the table.
   */
  beginWasmTable(expected: number, terms: number, units: number, entries: number): ScanKernel | null {
    if (this.scan === null) return null;
    const kernel = this.runs.wasmKernel();
    if (kernel === null) return null;
    kernel.beginTable(slotCountFor(expected), terms, units, entries);
    return kernel;
  }

  /** The table of beginWasmTable as a TermTable (copied out; the kernel is then let go of). */
  endWasmTable(kernel: ScanKernel): TermTable {
    const table = TermTable.adopt(kernel.takeTable());
    this.runs.releaseKernel();
    return table;
  }

  /**
   * For a batch of lookups in `table` (read with add false) about as large as the table:
   * copies the table into the WebAssembly kernel (scan-kernel.ts loadTable), where read
   * then looks the tokens up, until trim(). No-op where the kernel cannot run.
   */
  loadWasmTable(table: TermTable): void {
    if (this.scan === null) return;
    const kernel = this.runs.wasmKernel();
    if (kernel === null) return;
    kernel.loadTable(table.layout());
    this.wasmTable = table;
    this.wasmKernel = kernel;
  }

  private wasmTable: TermTable | null = null;
  private wasmKernel: ScanKernel | null = null;

  read(doc: string, table: TermTable, add: boolean): void {
    this.count = 0;
    const scan = this.scan;
    if (scan === null) {
      this.table = table;
      this.add = add;
      this.analyze!(doc, this.sink);
      this.table = null;
      return;
    }
    const runs = this.runs;
    scanWordRuns(doc, scan.minCodePoints, scan.lowercase, runs);
    const n = runs.count;
    if (this.ids.length < n) this.ids = new Int32Array(Math.max(n, this.ids.length * 2));
    const ids = this.ids;
    if (!add && table === this.wasmTable) {
      const kernel = this.wasmKernel!;
      kernel.lookupRow(n);
      this.count = keepFound(kernel.ids, n, ids);
      return;
    }
    const units = runs.units;
    const ends = runs.ends;
    const hashes = runs.hashes;
    let c = 0;
    let from = 0;
    for (let k = 0; k < n; k++) {
      const end = ends[k];
      const h = finishHash(hashes[k]);
      const id = table.findUnits(units, from, end, h);
      if (id >= 0) ids[c++] = id;
      else if (add) ids[c++] = table.addUnits(units, from, end, h, -1 - id);
      from = end;
    }
    this.count = c;
  }

  /** Drops buffers grown for a huge document and the kernel's table (call after a batch). */
  trim(): void {
    this.wasmTable = null;
    this.wasmKernel = null;
    this.runs.trim();
    if (this.ids.length > 1 << 20) this.ids = new Int32Array(256);
    this.count = 0;
  }
}

/** Copies the ids of found terms (>= 0) among found[0, n) to out, in order; returns how many. */
function keepFound(found: Int32Array, n: number, out: Int32Array): number {
  let c = 0;
  for (let k = 0; k < n; k++) {
    const id = found[k];
    if (id >= 0) out[c++] = id;
  }
  return c;
}
