/**
 * Shared machinery of CountVectorizer and TfidfVectorizer (scikit-learn 1.2): the
 * analyzer, the mergeable fit over term counts, the learned vocabulary, and the
 * document-term rows. The kinds differ only in their fitted extras (idf) and in how a
 * row of counts becomes values (`weigh`).
 *
 * Rows: the terms of a document in increasing column order with their counts (float64),
 * weighed in float64 and rounded once to float32. Dense output is n x V; use
 * `transformSparse` (CSR) for large vocabularies.
 */
import type { CountVectorizerState, Kind, StateByKind } from "../../artefact/states.js";
import { InvalidInputError } from "../../core/errors.js";
import type { CsrMatrix } from "../../core/sparse.js";
import type { AccumulatorSpec } from "../../core/transform.js";
import { type TokenCounts, emptyTokenCounts, mergeTokenCounts } from "../../core/vocabulary/index.js";
import { type Analyze, analyzeToList, compileAnalyzer } from "../../text/analyzer.js";
import { TermTable } from "../../text/term-table.js";
import { outputBuffer } from "../base.js";
import { type PreparedText, type TextColumn, TextTransform, readTextColumn } from "./base.js";
import { type TermStats, selectVocabulary, statsOf } from "./select-vocabulary.js";
import { countDocuments } from "./term-counts.js";
import type { VectorizerSettings } from "./vectorizer-options.js";

type VectorizerKind = "CountVectorizer" | "TfidfVectorizer";

/** Document-term counts: row r holds columns[indptr[r] .. indptr[r+1]) increasing, with their counts. */
export interface CountRows {
  rows: number;
  indptr: Int32Array;
  columns: Int32Array;
  counts: Float64Array;
}

/** Lookups built once per fitted state. */
interface Tables {
  analyze: Analyze;
  table: TermTable;
  /** Per-column scratch counts for one row (all zero between rows). */
  scratch: Float64Array;
}

export abstract class Vectorizer<K extends VectorizerKind> extends TextTransform<K, TokenCounts<string>> {
  protected readonly settings: VectorizerSettings;
  private fitAnalyze: Analyze | null = null;
  private fixedTable: TermTable | null = null;
  private tables: WeakMap<StateByKind[K], Tables> = new WeakMap();

  protected constructor(name: string | undefined, settings: VectorizerSettings) {
    super(name);
    this.settings = settings;
  }

  /** The fitted state of this kind from the shared count-vectorizer part and the document frequency of each column. */
  protected abstract buildState(base: CountVectorizerState, columnDf: Float64Array): StateByKind[K];

  /**
   * Turns the counts of entries [start, end) of one row (columns increasing) into the
   * output values, in float64, written to values[start, end) (values may be counts itself:
   * read entry k before writing it).
   */
  protected abstract weigh(state: StateByKind[K], columns: Int32Array, counts: Float64Array, start: number, end: number, values: Float64Array): void;

  protected accumulatorSpec(): AccumulatorSpec<TextColumn, TokenCounts<string>, StateByKind[K]> {
    return {
      init: () => emptyTokenCounts<string>(true),
      update: (acc, batch) => {
        const x = readTextColumn(batch, this.who, this.settings.missing);
        return countDocuments(acc, this.analyzerForFit(), x.docs, this.vocabularyTable());
      },
      merge: (a, b) => mergeTokenCounts(a, b),
      finalize: (acc) => this.finalize(acc),
    };
  }

  private analyzerForFit(): Analyze {
    if (this.fitAnalyze === null) this.fitAnalyze = compileAnalyzer(this.settings.analysis, this.who);
    return this.fitAnalyze;
  }

  private vocabularyTable(): TermTable | null {
    if (this.settings.vocabulary === null) return null;
    if (this.fixedTable === null) this.fixedTable = TermTable.of(this.settings.vocabulary);
    return this.fixedTable;
  }

  private finalize(acc: TokenCounts<string>): StateByKind[K] {
    const s = this.settings;
    const df = acc.documentCounts!;
    if (s.vocabulary !== null) return this.finalizeWith(s.vocabulary.slice(), Float64Array.from(s.vocabulary, (t) => df.get(t) ?? 0), acc.documents);
    const stats = statsOf(acc);
    const ids = selectVocabulary(stats, s, this.who);
    return this.finalizeWith(
      Array.from(ids, (i) => stats.terms[i]),
      Float64Array.from(ids, (i) => stats.df[i]),
      acc.documents,
    );
  }

  private finalizeWith(vocabulary: string[], columnDf: Float64Array, documents: number): StateByKind[K] {
    const s = this.settings;
    const base: CountVectorizerState = {
      nFeaturesIn: 1,
      analysis: s.analysis,
      vocabulary,
      binary: s.binary,
      minDf: s.minDf,
      maxDf: s.maxDf,
      maxFeatures: s.maxFeatures,
      fixedVocabulary: s.vocabulary !== null,
      missing: s.missing,
      documents,
    };
    return this.buildState(base, columnDf);
  }

  /**
   * Term counts of a fitTransform, kept as arrays until something needs the Map
   * accumulator (partialFit, merge, accumulator()): building the Maps would cost as
   * much as the rest of the fit, and most fitTransform calls never need them.
   */
  private pending: TermStats | null = null;

  private materialize(): void {
    const p = this.pending;
    if (p === null) return;
    this.pending = null;
    const acc = emptyTokenCounts<string>(true);
    for (let i = 0; i < p.terms.length; i++) {
      if (p.tf[i] === 0) continue;
      acc.counts.set(p.terms[i], p.tf[i]);
      acc.documentCounts!.set(p.terms[i], p.df[i]);
    }
    acc.documents = p.documents;
    this.acc = acc;
  }

  override partialFit(batch: TextColumn): this {
    this.materialize();
    return super.partialFit(batch);
  }

  override merge(other: this): this {
    this.materialize();
    other.materialize();
    return super.merge(other);
  }

  override accumulator(): TokenCounts<string> {
    this.materialize();
    return super.accumulator();
  }

  override mergeAccumulator(other: TokenCounts<string>): this {
    this.materialize();
    return super.mergeAccumulator(other);
  }

  protected prepare(values: TextColumn, state: StateByKind[K]): PreparedText {
    return readTextColumn(values, this.who, state.missing);
  }

  /** The terms, in output column order (scikit-learn's get_feature_names_out()). */
  get vocabulary(): string[] {
    return this.state().vocabulary.slice();
  }

  /** The analyzer's tokens for one document (scikit-learn's build_analyzer()(doc)). */
  analyze(doc: string): string[] {
    const x = readTextColumn([doc], this.who, "error");
    return analyzeToList(this.analyzerForFit(), x.docs[0]);
  }

  protected widthFor(s: StateByKind[K]): number {
    return s.vocabulary.length;
  }

  protected namesFor(s: StateByKind[K], inputNames: string[]): string[] {
    return s.vocabulary.map((t) => `${inputNames[0]}_${t}`);
  }

  private tablesFor(s: StateByKind[K]): Tables {
    let t = this.tables.get(s);
    if (t === undefined) {
      t = { analyze: compileAnalyzer(s.analysis, this.who), table: TermTable.of(s.vocabulary), scratch: new Float64Array(s.vocabulary.length) };
      this.tables.set(s, t);
    }
    return t;
  }

  /** Counts of the vocabulary's terms in each document, columns increasing per row. */
  protected countRows(s: StateByKind[K], docs: readonly string[]): CountRows {
    const { analyze, table, scratch } = this.tablesFor(s);
    const rows = docs.length;
    const indptr = new Int32Array(rows + 1);
    let cap = 1024;
    let columns = new Int32Array(cap);
    let counts = new Float64Array(cap);
    let nnz = 0;
    let rowStart = 0;
    const sink = (str: string, start: number, end: number, raw?: number): void => {
      const id = table.lookup(str, start, end, raw);
      if (id < 0) return;
      if (scratch[id]++ === 0) {
        if (nnz === cap) {
          cap *= 2;
          const c2 = new Int32Array(cap);
          c2.set(columns);
          columns = c2;
          const n2 = new Float64Array(cap);
          n2.set(counts);
          counts = n2;
        }
        columns[nnz++] = id;
      }
    };
    for (let r = 0; r < rows; r++) {
      rowStart = nnz;
      analyze(docs[r], sink);
      if (nnz - rowStart > 1) columns.subarray(rowStart, nnz).sort();
      for (let k = rowStart; k < nnz; k++) {
        counts[k] = scratch[columns[k]];
        scratch[columns[k]] = 0;
      }
      indptr[r + 1] = nnz;
    }
    return { rows, indptr, columns: columns.subarray(0, nnz), counts: counts.subarray(0, nnz) };
  }

  /** Weighs every row of `c`, overwriting its counts (the rows are built for one use). */
  private weighRows(s: StateByKind[K], c: CountRows): Float64Array {
    const values = c.counts;
    for (let r = 0; r < c.rows; r++) this.weigh(s, c.columns, c.counts, c.indptr[r], c.indptr[r + 1], values);
    return values;
  }

  protected apply(s: StateByKind[K], x: PreparedText, out: Float32Array): void {
    this.writeDense(s, this.countRows(s, x.docs), out);
  }

  private writeDense(s: StateByKind[K], c: CountRows, out: Float32Array): void {
    const w = s.vocabulary.length;
    const values = this.weighRows(s, c);
    out.fill(0, 0, c.rows * w);
    for (let r = 0; r < c.rows; r++) {
      const base = r * w;
      for (let k = c.indptr[r]; k < c.indptr[r + 1]; k++) out[base + c.columns[k]] = values[k];
    }
  }

  private toCsr(s: StateByKind[K], c: CountRows): CsrMatrix {
    return { rows: c.rows, cols: s.vocabulary.length, indptr: c.indptr, indices: c.columns, data: Float32Array.from(this.weighRows(s, c)) };
  }

  /** The rows as CSR (increasing columns per row): no dense n x V block is built. */
  transformSparse(values: TextColumn): CsrMatrix {
    const s = this.state();
    return this.toCsr(s, this.countRows(s, this.prepare(values, s).docs));
  }

  /**
   * fit(values) then transform(values), analyzing each document once (scikit-learn's
   * fit_transform). Same state and same output bits as the two calls.
   */
  fitTransform(values: TextColumn, out?: Float32Array): Float32Array {
    const { s, rows } = this.fitAndCount(values);
    const w = s.vocabulary.length;
    const target = outputBuffer(out, rows.rows * w, this.who, rows.rows, w);
    this.writeDense(s, rows, target);
    return target;
  }

  /** fitTransform with CSR output. */
  fitTransformSparse(values: TextColumn): CsrMatrix {
    const { s, rows } = this.fitAndCount(values);
    return this.toCsr(s, rows);
  }

  /**
   * Fits from term statistics in arrays (one pass with a TermTable, no Maps): the
   * state, and the fitted column of each term id (-1 when pruned). The Map
   * accumulator is built later only if something needs it (see `pending`).
   */
  private fitFromStats(stats: TermStats): { s: StateByKind[K]; column: Int32Array } {
    const column = new Int32Array(stats.terms.length).fill(-1);
    let vocabulary: string[];
    let columnDf: Float64Array;
    if (this.settings.vocabulary !== null) {
      // A given vocabulary was interned first: term id j is column j.
      vocabulary = this.settings.vocabulary.slice();
      columnDf = Float64Array.from({ length: vocabulary.length }, (_, j) => stats.df[j]);
      for (let j = 0; j < vocabulary.length; j++) column[j] = j;
    } else {
      const ids = selectVocabulary(stats, this.settings, this.who);
      vocabulary = new Array<string>(ids.length);
      columnDf = new Float64Array(ids.length);
      for (let j = 0; j < ids.length; j++) {
        vocabulary[j] = stats.terms[ids[j]];
        columnDf[j] = stats.df[ids[j]];
        column[ids[j]] = j;
      }
    }
    const s = this.finalizeWith(vocabulary, columnDf, stats.documents);
    this.acc = null;
    this.pending = stats;
    this.fittedState = s;
    return { s, column };
  }

  /** Learns the vocabulary (and idf) from all of `values`, forgetting any earlier fit. */
  override fit(values: TextColumn): this {
    this.pending = null;
    const x = readTextColumn(values, this.who, this.settings.missing);
    this.fitFromStats(this.countCorpus(x.docs, false).stats);
    return this;
  }

  /**
   * Counts a corpus in one pass: term statistics by provisional id (interned in a
   * TermTable, or the given vocabulary's ids), and with `keepRows` each document's
   * distinct term ids and counts.
   */
  private countCorpus(docs: readonly string[], keepRows: boolean): { stats: TermStats; indptr: Int32Array; ids: Int32Array; counts: Float64Array } {
    const analyze = this.analyzerForFit();
    const fixed = this.vocabularyTable();
    const table = fixed ?? new TermTable(1024);
    let cap = Math.max(1024, table.size);
    let tf = new Float64Array(cap);
    let df = new Float64Array(cap);
    let scratch = new Float64Array(cap);
    let entryCap = 1024;
    let ids = new Int32Array(entryCap);
    let nnz = 0;
    const sink = (str: string, start: number, end: number, raw?: number): void => {
      const id = fixed ? table.lookup(str, start, end, raw) : table.intern(str, start, end, raw);
      if (id < 0) return;
      if (id >= cap) {
        const grow = (a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> => {
          const b = new Float64Array(cap * 2);
          b.set(a);
          return b;
        };
        tf = grow(tf);
        df = grow(df);
        scratch = grow(scratch);
        cap *= 2;
      }
      tf[id]++;
      if (scratch[id]++ === 0) {
        df[id]++;
        if (nnz === entryCap) {
          entryCap *= 2;
          const i2 = new Int32Array(entryCap);
          i2.set(ids);
          ids = i2;
        }
        ids[nnz++] = id;
      }
    };
    const rows = docs.length;
    const indptr = new Int32Array(keepRows ? rows + 1 : 1);
    let counts = new Float64Array(keepRows ? entryCap : 0);
    for (let r = 0; r < rows; r++) {
      const rowStart = nnz;
      analyze(docs[r], sink);
      if (keepRows) {
        if (counts.length < entryCap) {
          const c2 = new Float64Array(entryCap);
          c2.set(counts.subarray(0, rowStart));
          counts = c2;
        }
        for (let k = rowStart; k < nnz; k++) {
          counts[k] = scratch[ids[k]];
          scratch[ids[k]] = 0;
        }
        indptr[r + 1] = nnz;
      } else {
        for (let k = rowStart; k < nnz; k++) scratch[ids[k]] = 0;
        nnz = 0;
      }
    }
    return { stats: { terms: table.terms, tf, df, documents: rows }, indptr, ids: ids.subarray(0, nnz), counts: counts.subarray(0, nnz) };
  }

  /** One pass: count the corpus keeping each document's terms, fit, then map the rows to the fitted columns. */
  private fitAndCount(values: TextColumn): { s: StateByKind[K]; rows: CountRows } {
    this.pending = null;
    const x = readTextColumn(values, this.who, this.settings.missing);
    const { stats, indptr, ids, counts } = this.countCorpus(x.docs, true);
    const { s, column } = this.fitFromStats(stats);
    // Rows in increasing column order without sorting each row: bucket the entries by
    // column (stable in row order), then deal them back to their rows column by column.
    const width = s.vocabulary.length;
    const colStart = new Int32Array(width + 1);
    const outPtr = new Int32Array(x.rows + 1);
    let m = 0;
    for (let r = 0; r < x.rows; r++) {
      for (let k = indptr[r]; k < indptr[r + 1]; k++) {
        const j = column[ids[k]];
        if (j < 0) continue;
        colStart[j + 1]++;
        m++;
      }
      outPtr[r + 1] = m;
    }
    for (let j = 0; j < width; j++) colStart[j + 1] += colStart[j];
    const byColRow = new Int32Array(m);
    const byColCount = new Float64Array(m);
    for (let r = 0; r < x.rows; r++) {
      for (let k = indptr[r]; k < indptr[r + 1]; k++) {
        const j = column[ids[k]];
        if (j < 0) continue;
        const at = colStart[j]++;
        byColRow[at] = r;
        byColCount[at] = counts[k];
      }
    }
    const outCols = new Int32Array(m);
    const outCounts = new Float64Array(m);
    const fill = outPtr.slice(0, x.rows);
    for (let j = 0, at = 0; j < width; j++) {
      // colStart[j] now marks the end of column j's entries.
      for (; at < colStart[j]; at++) {
        const r = byColRow[at];
        const dst = fill[r]++;
        outCols[dst] = j;
        outCounts[dst] = byColCount[at];
      }
    }
    return { s, rows: { rows: x.rows, indptr: outPtr, columns: outCols, counts: outCounts } };
  }
}

/** A typed error for idf weights that would not be finite. */
export function infiniteIdf(who: string, term: string): InvalidInputError {
  return new InvalidInputError(
    `${who}: term ${JSON.stringify(term)} of the given vocabulary occurs in none of the fitted documents, so with smoothIdf: false its idf is infinite (scikit-learn divides by zero); use smoothIdf: true or fit on documents that contain it`,
    { column: who, value: JSON.stringify(term) },
  );
}
