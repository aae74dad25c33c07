/**
 * Shared machinery of CountVectorizer and TfidfVectorizer (scikit-learn 1.2): the
 * analyzer, the mergeable fit over term counts, the learned vocabulary, and the
 * document-term rows. The kinds differ only in their fitted extras (idf) and in how a
 * row of counts becomes values (`rowWeights`, applied by term-counts.ts).
 *
 * Rows: the terms of a document in increasing column order with their counts (int32),
 * weighed in float64 and rounded once to float32. Dense output is n x V; use
 * `transformSparse` (CSR) for large vocabularies.
 *
 * Counting: a TermReader (src/text/analyzer.ts) turns each document into term ids of a
 * TermTable (code units in one pool, no string per token), and the counts live in
 * typed arrays indexed by id; strings are made once, for the fitted vocabulary.
 */
import type { CountVectorizerState, Kind, StateByKind } from "../../artefact/states.js";
import { InvalidInputError } from "../../core/errors.js";
import type { CsrMatrix } from "../../core/sparse.js";
import type { AccumulatorSpec } from "../../core/transform.js";
import { type TokenCounts, emptyTokenCounts, mergeTokenCounts } from "../../core/vocabulary/index.js";
import { type Analyze, TermReader, analyzeToList, compileAnalyzer } from "../../text/analyzer.js";
import type { ScanKernel } from "../../text/scan-kernel.js";
import { TermTable } from "../../text/term-table.js";
import { outputBuffer } from "../base.js";
import { type PreparedText, type TextColumn, TextTransform, loneSurrogateError, readTextColumn, requireWellFormed } from "./base.js";
import { type TermStats, selectVocabulary, statsOf } from "./select-vocabulary.js";
import { type CountRows, CorpusCounts, type RowSorter, type RowWeights, countDocuments, countRow, fittedCsr, fittedRows, longestRow, mapTokens, weighRow } from "./term-counts.js";
import type { VectorizerSettings } from "./vectorizer-options.js";

type VectorizerKind = "CountVectorizer" | "TfidfVectorizer";

export type { CountRows, RowWeights } from "./term-counts.js";

/**
 * Documents (or rows) per call of the per-chunk helpers: the hot loops live in small
 * functions called many times per fit, which the engine optimizes once and keeps,
 * rather than in one long loop per fit that it would recompile on every call.
 */
const CHUNK = 256;

/** Lookups built once per fitted state. */
interface Tables {
  reader: TermReader;
  /** The vocabulary's terms (and, after a fit, maybe also the pruned ones). */
  table: TermTable;
  /** Column of each id of `table` (-1: not in the vocabulary), or null when ids are columns. */
  column: Int32Array | null;
  sorter: RowSorter;
  /** Entry of each column in the row being counted (valid only if it points into that row). */
  entry: Int32Array;
}

/** Rows being counted at transform. */
interface RowBuffer {
  indptr: Int32Array;
  columns: Int32Array<ArrayBuffer>;
  counts: Int32Array<ArrayBuffer>;
  nnz: number;
}

/** Counts docs[from, to) as rows from.. of `out`. */
function countRowsChunk(t: Tables, docs: readonly string[], from: number, to: number, out: RowBuffer): void {
  const { reader, table, column, entry, sorter } = t;
  for (let r = from; r < to; r++) {
    reader.read(docs[r], table, false);
    const n = reader.count;
    if (out.nnz + n > out.columns.length) {
      const cap = Math.max(out.columns.length * 2, out.nnz + n);
      const c2 = new Int32Array(cap);
      c2.set(out.columns.subarray(0, out.nnz));
      out.columns = c2;
      const n2 = new Int32Array(cap);
      n2.set(out.counts.subarray(0, out.nnz));
      out.counts = n2;
    }
    if (column !== null) mapTokens(reader.ids, n, column);
    out.nnz = countRow(reader.ids, n, entry, out.columns, out.counts, out.nnz, sorter);
    out.indptr[r + 1] = out.nnz;
  }
}

export abstract class Vectorizer<K extends VectorizerKind> extends TextTransform<K, TokenCounts<string>> {
  protected readonly settings: VectorizerSettings;
  private fitReader: TermReader | null = null;
  private fixedTable: TermTable | null = null;
  private tables: WeakMap<StateByKind[K], Tables> = new WeakMap();

  protected constructor(name: string | undefined, settings: VectorizerSettings) {
    super(name);
    this.settings = settings;
  }

  /** The fitted state of this kind from the shared count-vectorizer part and the document frequency of each column. */
  protected abstract buildState(base: CountVectorizerState, columnDf: Float64Array): StateByKind[K];

  /** How the counts of a row become its output values (weighRow row by row; fittedCsr column by column for a fit's rows). */
  protected abstract rowWeights(state: StateByKind[K]): RowWeights;

  protected accumulatorSpec(): AccumulatorSpec<TextColumn, TokenCounts<string>, StateByKind[K]> {
    return {
      init: () => emptyTokenCounts<string>(true),
      update: (acc, batch) => {
        const x = readTextColumn(batch, this.who, this.settings.missing);
        return countDocuments(acc, this.readerForFit(), x.docs, this.vocabularyTable());
      },
      merge: (a, b) => mergeTokenCounts(a, b),
      finalize: (acc) => this.finalize(acc),
    };
  }

  private readerForFit(): TermReader {
    if (this.fitReader === null) this.fitReader = new TermReader(this.settings.analysis, this.who);
    return this.fitReader;
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
    return this.finalizeWith(stats.table.termsOf(ids), Float64Array.from(ids, (i) => stats.df[i]), acc.documents);
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
   * Term counts of a fit or fitTransform, kept as arrays until something needs the Map
   * accumulator (partialFit, merge, accumulator()): building the Maps would cost as
   * much as the rest of the fit, and most fits never need them. With them, the fitted
   * state, the ids of its columns in the counts' table, and the column of every id
   * (null when ids are columns): transforming with that state then looks tokens up in
   * the same table instead of building one from the vocabulary's strings.
   */
  private pending: { stats: TermStats; state: StateByKind[K]; ids: ArrayLike<number>; column: Int32Array | null } | null = null;

  private materialize(): void {
    const p = this.pending;
    if (p === null) return;
    this.pending = null;
    const { table, tf, df, documents } = p.stats;
    const terms = table.terms;
    const acc = emptyTokenCounts<string>(true);
    for (let i = 0; i < terms.length; i++) {
      if (tf[i] === 0) continue;
      acc.counts.set(terms[i], tf[i]);
      acc.documentCounts!.set(terms[i], df[i]);
    }
    acc.documents = documents;
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

  private inspectAnalyze: Analyze | null = null;

  /** The analyzer's tokens for one document (scikit-learn's build_analyzer()(doc)). */
  analyze(doc: string): string[] {
    const x = readTextColumn([doc], this.who, "error");
    if (this.inspectAnalyze === null) this.inspectAnalyze = compileAnalyzer(this.settings.analysis, this.who);
    return analyzeToList(this.inspectAnalyze, x.docs[0]);
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
      const p = this.pending;
      let table: TermTable;
      let column: Int32Array | null = null;
      if (p !== null && p.state === s) {
        if (p.column === null) {
          // A given vocabulary: the fit's table holds just its terms, ids = columns.
          table = p.stats.table;
        } else if (2 * p.ids.length >= p.stats.table.size) {
          // The fit's own table with its id -> column map, when most of its terms are columns.
          table = p.stats.table;
          column = p.column;
        } else {
          table = p.stats.table.subset(p.ids);
        }
      } else if (s.fixedVocabulary && this.fixedTable !== null && this.settings.vocabulary !== null && sameTerms(this.settings.vocabulary, s.vocabulary)) table = this.fixedTable;
      else table = TermTable.of(s.vocabulary);
      const w = s.vocabulary.length;
      t = { reader: new TermReader(s.analysis, this.who), table, column, sorter: { keys: null, scratch: null, width: w }, entry: new Int32Array(w) };
      this.tables.set(s, t);
    }
    return t;
  }

  /** Counts of the vocabulary's terms in each document, columns increasing per row. */
  protected countRows(s: StateByKind[K], docs: readonly string[]): CountRows {
    const t = this.tablesFor(s);
    const rows = docs.length;
    // Sized from the text (about one row entry per 8 code units, as in countCorpus), so
    // that a large batch does not regrow them step by step: each regrowth is a fresh
    // ArrayBuffer, and many MB of those make the engine collect its young generation.
    const chars = totalLength(docs);
    const entries = Math.min(1 << 24, Math.max(1024, chars >> 3));
    const out: RowBuffer = { indptr: new Int32Array(rows + 1), columns: new Int32Array(entries), counts: new Int32Array(entries), nnz: 0 };
    // A batch with more text than the table has code units and slots looks its tokens up
    // in WebAssembly (the table copied into the kernel costs about what a few code units
    // of text per table unit save); smaller batches, e.g. one request, probe in JS.
    const layout = t.table.layout();
    if (chars >= layout.starts[layout.count] + layout.slots.length) t.reader.loadWasmTable(t.table);
    try {
      for (let r = 0; r < rows; r += CHUNK) countRowsChunk(t, docs, r, Math.min(rows, r + CHUNK), out);
    } finally {
      t.reader.trim();
    }
    // The columns become CSR indices handed to the caller: no doubling slack kept alive.
    const columns = 4 * out.nnz < 3 * out.columns.length ? out.columns.slice(0, out.nnz) : out.columns.subarray(0, out.nnz);
    return { rows, indptr: out.indptr, columns, counts: out.counts.subarray(0, out.nnz) };
  }

  protected apply(s: StateByKind[K], x: PreparedText, out: Float32Array): void {
    this.writeDense(s, this.countRows(s, x.docs), out);
  }

  /** Weighs the rows into the dense n x V block `out`. */
  private writeDense(s: StateByKind[K], c: CountRows, out: Float32Array): void {
    out.fill(0, 0, c.rows * s.vocabulary.length);
    const values = new Float64Array(longestRow(c));
    const weights = this.rowWeights(s);
    const w = s.vocabulary.length;
    for (let r = 0; r < c.rows; r += CHUNK) denseChunk(weights, w, c, r, Math.min(c.rows, r + CHUNK), values, out);
  }
  /** The weighed rows as CSR, float32 values (each float64 value rounded once). */
  private toCsr(s: StateByKind[K], c: CountRows): CsrMatrix {
    const data = new Float32Array(c.columns.length);
    const values = new Float64Array(longestRow(c));
    const weights = this.rowWeights(s);
    for (let r = 0; r < c.rows; r += CHUNK) csrChunk(weights, c, r, Math.min(c.rows, r + CHUNK), values, data);
    return { rows: c.rows, cols: s.vocabulary.length, indptr: c.indptr, indices: c.columns, data };
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
    return this.fitAndCount(values, (s, counted, column, columnDf) => {
      const rows = fittedRows(counted, column, columnDf);
      const w = s.vocabulary.length;
      const target = outputBuffer(out, rows.rows * w, this.who, rows.rows, w);
      this.writeDense(s, rows, target);
      return target;
    });
  }

  /** fitTransform with CSR output. */
  fitTransformSparse(values: TextColumn): CsrMatrix {
    return this.fitAndCount(values, (s, counted, column, columnDf) => {
      const { indptr, indices, data } = fittedCsr(counted, column, columnDf, this.rowWeights(s));
      return { rows: counted.documents, cols: s.vocabulary.length, indptr, indices, data };
    });
  }

  /**
   * Fits from term statistics in arrays (no Maps): the state, and the fitted column of
   * each term id (-1 when pruned). The Map accumulator is built later only if
   * something needs it (see `pending`).
   */
  private fitFromStats(stats: TermStats, deferTerms = false): { s: StateByKind[K]; column: Int32Array; columnDf: Float64Array; terms: () => void } {
    const column = new Int32Array(stats.table.size).fill(-1);
    let vocabulary: string[];
    let columnDf: Float64Array;
    let ids: ArrayLike<number>;
    let identity = false;
    let terms = (): void => {};
    if (this.settings.vocabulary !== null) {
      // A given vocabulary was interned first: term id j is column j.
      vocabulary = this.settings.vocabulary.slice();
      columnDf = Float64Array.from({ length: vocabulary.length }, (_, j) => stats.df[j]);
      for (let j = 0; j < vocabulary.length; j++) column[j] = j;
      ids = Int32Array.from({ length: vocabulary.length }, (_, j) => j);
      identity = true;
    } else {
      const chosen = selectVocabulary(stats, this.settings, this.who);
      if (deferTerms) {
        const out = new Array<string>(chosen.length);
        vocabulary = out;
        terms = () => void stats.table.termsOf(chosen, out);
      } else {
        vocabulary = stats.table.termsOf(chosen);
      }
      columnDf = new Float64Array(chosen.length);
      placeColumns(chosen, stats.df, columnDf, column);
      ids = chosen;
    }
    const s = this.finalizeWith(vocabulary, columnDf, stats.documents);
    this.acc = null;
    this.pending = { stats, state: s, ids, column: identity ? null : column };
    this.fittedState = s;
    return { s, column, columnDf, terms };
  }

  /** Learns the vocabulary (and idf) from all of `values`, forgetting any earlier fit. */
  override fit(values: TextColumn): this {
    this.pending = null;
    this.fitFromStats(this.countCorpus(this.readForFit(values), false).stats);
    return this;
  }

  /**
   * The documents of a fit. Where the fit will scan and intern in WebAssembly, lone
   * surrogates are checked there, document by document (countCorpus), instead of in a
   * separate pass over the text here: the scan proves most documents free of them.
   */
  private readForFit(values: TextColumn): PreparedText & { surrogatesChecked: boolean } {
    const deferred = this.settings.vocabulary === null && this.readerForFit().internsInWasm();
    return { ...readTextColumn(values, this.who, this.settings.missing, deferred ? "deferred" : "check"), surrogatesChecked: !deferred };
  }

  /**
   * Counts a corpus in one pass: term statistics by provisional id (interned in a
   * TermTable, or the given vocabulary's ids), and with `keepRows` each document's
   * distinct term ids (in order of first occurrence) and counts.
   */
  private countCorpus(x: PreparedText & { surrogatesChecked: boolean }, keepRows: boolean): { stats: TermStats; counted: CorpusCounts } {
    const docs = x.docs;
    const reader = this.readerForFit();
    const fixed = this.vocabularyTable();
    // Sized from the text so that a large corpus does not regrow them step by step: the
    // slots for about one distinct term per 32 code units, the per-term arrays for up to
    // one per 24 (multilingual text: 208k terms in 5.5M units) and the pool for 0.3
    // units per unit, and one row entry per 8 units.
    const slotsFor = Math.min(1 << 20, Math.max(1 << 12, x.chars >> 5));
    const termsFor = Math.min(1 << 21, Math.max(1 << 12, Math.floor(x.chars / 24)));
    const unitsFor = Math.min(1 << 24, Math.max(1 << 15, Math.floor(x.chars * 0.3)));
    const entriesFor = keepRows ? Math.min(1 << 24, x.chars >> 3) : 0;
    const add = fixed === null;
    const counted = new CorpusCounts(keepRows, docs.length, add ? termsFor : fixed.size, entriesFor);
    // Interning every term with the default analysis: scan, find-or-add and count in
    // WebAssembly where it runs (scan-kernel.ts); else the JS loops (same ids and counts).
    const kernel = add ? reader.beginWasmTable(slotsFor, termsFor, unitsFor, Math.max(4096, entriesFor)) : null;
    let table: TermTable;
    if (kernel !== null) {
      try {
        for (let r = 0; r < docs.length; r += CHUNK) countInternedChunk(reader, kernel, counted, docs, r, Math.min(docs.length, r + CHUNK), this.who);
      } catch (e) {
        reader.trim(); // the kernel goes back without its table
        throw e;
      }
      counted.takeCounts(kernel);
      table = reader.endWasmTable(kernel);
    } else {
      if (!x.surrogatesChecked) requireWellFormed(docs, 0, docs.length, this.who);
      table = fixed ?? new TermTable(slotsFor, termsFor, unitsFor);
      for (let r = 0; r < docs.length; r += CHUNK) countChunk(reader, table, add, counted, docs, r, Math.min(docs.length, r + CHUNK));
    }
    reader.trim();
    const { tf, df } = counted.termStats(table.size);
    return { stats: { table, tf, df, documents: docs.length }, counted };
  }

  /**
   * One pass: count the corpus keeping each document's terms, fit, map the rows to the
   * fitted columns, then `write` the output from them. The vocabulary's strings are
   * made last: they are the fit's only mass of small heap objects, and made before the
   * rows and the output (tens of MB of typed arrays, which make the engine collect its
   * young generation) they would be live during those collections and copied, twice
   * when promoted; made after, they are copied at most as often as any other result.
   */
  private fitAndCount<T>(values: TextColumn, write: (s: StateByKind[K], counted: CorpusCounts, column: Int32Array, columnDf: Float64Array) => T): T {
    this.pending = null;
    const { stats, counted } = this.countCorpus(this.readForFit(values), true);
    const { s, column, columnDf, terms } = this.fitFromStats(stats, true);
    try {
      return write(s, counted, column, columnDf);
    } finally {
      terms();
    }
  }
}

/** Counts docs[from, to) into `counted`. */
/** Rows [from, to) weighed into the dense block `out` (width w). */
function denseChunk(weights: RowWeights, w: number, c: CountRows, from: number, to: number, values: Float64Array, out: Float32Array): void {
  const { indptr, columns, counts } = c;
  for (let r = from; r < to; r++) {
    const start = indptr[r];
    const end = indptr[r + 1];
    weighRow(weights, columns, counts, start, end, values);
    const base = r * w;
    for (let k = start; k < end; k++) out[base + columns[k]] = values[k - start];
  }
}

/** Rows [from, to) weighed into the CSR values `data`. */
function csrChunk(weights: RowWeights, c: CountRows, from: number, to: number, values: Float64Array, data: Float32Array): void {
  const { indptr, columns, counts } = c;
  for (let r = from; r < to; r++) {
    const start = indptr[r];
    const end = indptr[r + 1];
    weighRow(weights, columns, counts, start, end, values);
    for (let k = start; k < end; k++) data[k] = values[k - start];
  }
}

function countChunk(reader: TermReader, table: TermTable, add: boolean, counted: CorpusCounts, docs: readonly string[], from: number, to: number): void {
  for (let r = from; r < to; r++) counted.addDocument(reader, docs[r], table, add);
}

/** Counts docs[from, to), interned and counted by the WebAssembly table of `kernel`; a lone surrogate is the typed error naming its row. */
function countInternedChunk(reader: TermReader, kernel: ScanKernel, counted: CorpusCounts, docs: readonly string[], from: number, to: number, who: string): void {
  for (let r = from; r < to; r++) if (!counted.addInterned(reader, docs[r], kernel)) throw loneSurrogateError(who, r, docs[r]);
}

/** Column j holds term chosen[j]: its df, and the column of each term id. */
function placeColumns(chosen: Uint32Array, df: ArrayLike<number>, columnDf: Float64Array, column: Int32Array): void {
  for (let j = 0; j < chosen.length; j++) {
    columnDf[j] = df[chosen[j]];
    column[chosen[j]] = j;
  }
}

/** Total UTF-16 length of the documents. */
function totalLength(docs: readonly string[]): number {
  let n = 0;
  for (let r = 0; r < docs.length; r++) n += docs[r].length;
  return n;
}

function sameTerms(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A typed error for idf weights that would not be finite. */
export function infiniteIdf(who: string, term: string): InvalidInputError {
  return new InvalidInputError(
    `${who}: term ${JSON.stringify(term)} of the given vocabulary occurs in none of the fitted documents, so with smoothIdf: false its idf is infinite (scikit-learn divides by zero); use smoothIdf: true or fit on documents that contain it`,
    { column: who, value: JSON.stringify(term) },
  );
}
