/**
 * Counting the terms of documents, given as term ids (TermReader, src/text/analyzer.ts):
 *
 *  - CorpusCounts: occurrences and document frequency per id in typed arrays, and
 *    optionally each document's distinct ids with their counts (the document-term rows
 *    before the vocabulary is known);
 *  - countDocuments: a batch folded into the shared mergeable accumulator
 *    (src/core/vocabulary/counts.ts) once per distinct term;
 *  - the document-term rows (CountRows): a fit's rows mapped to the fitted columns
 *    by transposition (fittedRows, or fittedCsr straight to weighed CSR values), a
 *    transform's rows (countRow, each sorted by column: sortRow).
 *
 * The work per document is a method call (not a loop inside one long function), so the
 * engine optimizes it once and keeps it across fits.
 */
import { type TokenCounts } from "../../core/vocabulary/index.js";
import type { TermReader } from "../../text/analyzer.js";
import type { ScanKernel } from "../../text/scan-kernel.js";
import { SLOT_A, SLOT_B, SLOT_C, SLOT_COUNTS, SLOT_D, scratchFloat64, scratchInt32 } from "../../text/scratch.js";
import { TermTable, finishHash } from "../../text/term-table.js";
import type { TokenRuns } from "../../text/token-pattern.js";

/** Occurrence counts carry into the high part of their record at 2^31. */
const LOW = 0x80000000;

/** Rows per call of the row passes (see CHUNK in vectorizer.ts: small functions called many times stay optimized). */
const CHUNK = 256;

export class CorpusCounts {
  /**
   * Per id, four int32s: its entry in the document being counted (valid only if it
   * points into that document's entries and holds the id; never cleared), its
   * documents, and its occurrences as low 31 bits and high part (exact to 2^62) — one
   * 16-byte record, so the per-token and per-entry updates of a rare term touch one
   * cache line, not three arrays.
   */
  private perId: Int32Array<ArrayBuffer>;
  /** Entries: ids[k] occurs counts[k] times in its document. */
  ids: Int32Array<ArrayBuffer>;
  counts: Int32Array<ArrayBuffer>;
  nnz = 0;
  /** With keepRows, document r's entries are [indptr[r], indptr[r + 1]). */
  readonly indptr: Int32Array;
  documents = 0;
  private readonly keepRows: boolean;

  /** `terms` and `entries`: expected numbers of distinct ids and of row entries (capacity hints). */
  constructor(keepRows: boolean, documents: number, terms: number, entries = 0) {
    this.keepRows = keepRows;
    // A reused buffer (scratch.ts): the record is needed only until termStats.
    this.perId = scratchInt32(SLOT_COUNTS, 4 * Math.max(1024, terms)).fill(0);
    this.ids = new Int32Array(Math.max(4096, entries));
    this.counts = new Int32Array(Math.max(4096, entries));
    this.indptr = new Int32Array(keepRows ? documents + 1 : 1);
  }

  /** Adds one document, read by `reader` into ids of `table` (new terms added when `add`). */
  addDocument(reader: TermReader, doc: string, table: TermTable, add: boolean): void {
    const runs = reader.runsOf(doc);
    if (runs !== null) {
      this.addRuns(runs, table, add);
    } else {
      reader.read(doc, table, add);
      this.add(reader.ids, reader.count, table.size);
    }
  }

  /** Adds one document: the first n of `tokens` (ids below `terms`). */
  add(tokens: Int32Array, n: number, terms: number): void {
    if (4 * terms > this.perId.length) this.growTerms(terms);
    if (this.nnz + n > this.ids.length) this.growEntries(this.nnz + n);
    const perId = this.perId;
    const ids = this.ids;
    const counts = this.counts;
    const rowStart = this.nnz;
    let nnz = rowStart;
    for (let k = 0; k < n; k++) {
      const id = tokens[k];
      const e = perId[4 * id];
      if (e >= rowStart && e < nnz && ids[e] === id) {
        counts[e]++;
      } else {
        perId[4 * id] = nnz;
        ids[nnz] = id;
        counts[nnz++] = 1;
      }
    }
    this.endRow(rowStart, nnz);
  }

  /**
   * Adds one document given as scanned runs (TermReader.runsOf): each run is looked up
   * in `table` (added when `add`, else skipped when unknown) and counted in the same
   * loop — the fit's hot path, with no id buffer in between.
   */
  addRuns(runs: TokenRuns, table: TermTable, add: boolean): void {
    const n = runs.count;
    if (this.nnz + n > this.ids.length) this.growEntries(this.nnz + n);
    const units = runs.units;
    const ends = runs.ends;
    const hashes = runs.hashes;
    const ids = this.ids;
    const counts = this.counts;
    let perId = this.perId;
    const rowStart = this.nnz;
    let nnz = rowStart;
    let from = 0;
    for (let k = 0; k < n; k++) {
      const end = ends[k];
      const h = finishHash(hashes[k]);
      let id = table.findUnits(units, from, end, h);
      if (id < 0) {
        if (!add) {
          from = end;
          continue;
        }
        id = table.addUnits(units, from, end, h, -1 - id);
        if (4 * id >= perId.length) perId = this.growTerms(id + 1);
      }
      from = end;
      const at = 4 * id;
      const e = perId[at];
      // The entry counts only if it lies in this row and is id's (perId is never cleared).
      if (e >= rowStart && e < nnz && ids[e] === id) {
        counts[e]++;
      } else {
        perId[at] = nnz;
        perId[at + 1]++;
        ids[nnz] = id;
        counts[nnz++] = 1;
      }
      // The id's totals are updated here, on the record just read, rather than in a
      // second pass over the row's entries (endRow).
      if (++perId[at + 2] === LOW) {
        perId[at + 2] = 0;
        perId[at + 3]++;
      }
    }
    this.closeRow(nnz);
  }

  /**
   * Adds one document, scanned by `reader` and interned and counted in WebAssembly by
   * `kernel` (TermReader.beginWasmTable): the same records and entries as addRuns, in
   * the kernel's memory until takeCounts. Returns false, adding nothing, when the
   * document holds a lone surrogate (checked here when the scan did not prove it free
   * of surrogates: see readTextColumn's "deferred").
   */
  addInterned(reader: TermReader, doc: string, kernel: ScanKernel): boolean {
    const runs = reader.runsOf(doc)!;
    if (!runs.surrogateFree && !doc.isWellFormed()) return false;
    const rowStart = this.keepRows ? this.nnz : 0;
    this.closeRow(kernel.countRow(runs.count, rowStart, rowStart));
    return true;
  }

  /** After the last addInterned, before the kernel is let go of: its records and entries copied here. */
  takeCounts(kernel: ScanKernel): void {
    const c = kernel.counts(this.nnz);
    if (c.perId.length > this.perId.length) this.growTerms(c.perId.length >> 2);
    this.perId.set(c.perId);
    if (!this.keepRows) return;
    if (this.nnz > this.ids.length) this.growEntries(this.nnz);
    this.ids.set(c.ids);
    this.counts.set(c.counts);
  }

  /** Folds the row's entries [rowStart, nnz) into the per-id totals and closes the row. */
  private endRow(rowStart: number, nnz: number): void {
    const perId = this.perId;
    const ids = this.ids;
    const counts = this.counts;
    for (let k = rowStart; k < nnz; k++) {
      const at = 4 * ids[k];
      perId[at + 1]++;
      const low = perId[at + 2] + counts[k];
      if (low < LOW) {
        perId[at + 2] = low;
      } else {
        perId[at + 2] = low % LOW;
        perId[at + 3] += Math.floor(low / LOW);
      }
    }
    this.closeRow(nnz);
  }

  /** Closes the row ending at nnz. */
  private closeRow(nnz: number): void {
    this.documents++;
    if (this.keepRows) {
      this.indptr[this.documents] = nnz;
      this.nnz = nnz;
    }
  }

  /** Occurrences (tf) and documents (df) of ids 0..terms-1 as arrays. */
  termStats(terms: number): { tf: Float64Array; df: Float64Array } {
    const tf = new Float64Array(terms);
    const df = new Float64Array(terms);
    const perId = this.perId;
    const n = Math.min(terms, this.perId.length >> 2);
    for (let id = 0; id < n; id++) {
      df[id] = perId[4 * id + 1];
      tf[id] = perId[4 * id + 3] * LOW + perId[4 * id + 2];
    }
    return { tf, df };
  }

  private growTerms(terms: number): Int32Array<ArrayBuffer> {
    const perId = new Int32Array(4 * Math.max(terms, this.perId.length >> 1));
    perId.set(this.perId);
    this.perId = perId;
    return perId;
  }

  private growEntries(need: number): void {
    const cap = Math.max(need, this.ids.length * 2);
    const ids = new Int32Array(cap);
    ids.set(this.ids.subarray(0, this.nnz));
    this.ids = ids;
    const counts = new Int32Array(cap);
    counts.set(this.counts.subarray(0, this.nnz));
    this.counts = counts;
  }
}

/**
 * Adds `docs` to `acc` (mutates and returns it). With `fixed` (a given vocabulary),
 * only its terms are counted.
 */
export function countDocuments(acc: TokenCounts<string>, reader: TermReader, docs: readonly string[], fixed: TermTable | null): TokenCounts<string> {
  const table = fixed ?? new TermTable(256);
  const add = fixed === null;
  const c = new CorpusCounts(false, docs.length, table.size);
  for (let doc = 0; doc < docs.length; doc++) c.addDocument(reader, docs[doc], table, add);
  reader.trim();
  const counts = acc.counts;
  const documentCounts = acc.documentCounts!;
  const terms = table.terms;
  const { tf, df } = c.termStats(terms.length);
  for (let id = 0; id < terms.length; id++) {
    if (tf[id] === 0) continue;
    const t = terms[id];
    counts.set(t, (counts.get(t) ?? 0) + tf[id]);
    documentCounts.set(t, (documentCounts.get(t) ?? 0) + df[id]);
  }
  acc.documents += docs.length;
  return acc;
}

/** Document-term counts: row r holds columns[indptr[r] .. indptr[r+1]) increasing, with their counts. */
export interface CountRows {
  rows: number;
  indptr: Int32Array;
  columns: Int32Array;
  counts: Int32Array;
}

/** Replaces tokens[0, n) (table ids) with their columns, -1 for terms outside the vocabulary. */
export function mapTokens(tokens: Int32Array, n: number, column: Int32Array): void {
  for (let k = 0; k < n; k++) tokens[k] = column[tokens[k]];
}

/**
 * Counts one row's tokens (columns; -1 skipped) into entries from `at` on, sorted by
 * column; returns the row's end. `entry` maps a column to its entry in the row.
 */
export function countRow(tokens: Int32Array, n: number, entry: Int32Array, columns: Int32Array, counts: Int32Array, at: number, sorter: RowSorter): number {
  const rowStart = at;
  let nnz = at;
  for (let k = 0; k < n; k++) {
    const id = tokens[k];
    if (id < 0) continue;
    const e = entry[id];
    // entry[] is never cleared: an entry counts only if it lies in this row and is id's.
    if (e >= rowStart && e < nnz && columns[e] === id) {
      counts[e]++;
    } else {
      entry[id] = nnz;
      columns[nnz] = id;
      counts[nnz++] = 1;
    }
  }
  sortRow(columns, counts, rowStart, nnz, sorter);
  return nnz;
}

/** Scratch of the row sorts: packed keys of a long row, and counts by column; made on first need. */
export interface RowSorter {
  keys: Float64Array | null;
  scratch: Int32Array | null;
  width: number;
}

/** Room for a count below a column in one float64 sort key (columns < 2^31: keys < 2^52). */
const PACK = 0x200000;

/**
 * Sorts a long row as float64 keys column * PACK + count with the engine's numeric
 * sort, when every count is below PACK; returns false (row untouched) otherwise.
 */
function sortPacked(columns: Int32Array, counts: Int32Array, start: number, end: number, sorter: RowSorter): boolean {
  const n = end - start;
  for (let k = start; k < end; k++) if (counts[k] >= PACK) return false;
  if (sorter.keys === null || sorter.keys.length < n) sorter.keys = new Float64Array(Math.max(n, 256));
  const keys = sorter.keys.subarray(0, n);
  for (let i = 0; i < n; i++) keys[i] = columns[start + i] * PACK + counts[start + i];
  keys.sort();
  for (let i = 0; i < n; i++) {
    const column = Math.floor(keys[i] / PACK);
    columns[start + i] = column;
    counts[start + i] = keys[i] - column * PACK;
  }
  return true;
}

/** Entries of a row counted in token order, then sorted by column (counts moved along). */
function sortRow(columns: Int32Array, counts: Int32Array, start: number, end: number, sorter: RowSorter): void {
  const n = end - start;
  if (n <= 1) return;
  if (n <= 48) {
    for (let i = start + 1; i < end; i++) {
      const c = columns[i];
      const v = counts[i];
      let j = i - 1;
      while (j >= start && columns[j] > c) {
        columns[j + 1] = columns[j];
        counts[j + 1] = counts[j];
        j--;
      }
      columns[j + 1] = c;
      counts[j + 1] = v;
    }
    return;
  }
  if (sortPacked(columns, counts, start, end, sorter)) return;
  const scratch = sorter.scratch ?? (sorter.scratch = new Int32Array(sorter.width));
  for (let k = start; k < end; k++) scratch[columns[k]] = counts[k];
  columns.subarray(start, end).sort();
  for (let k = start; k < end; k++) {
    counts[k] = scratch[columns[k]];
    scratch[columns[k]] = 0;
  }
}

/**
 * The counted rows with term ids replaced by fitted columns (pruned terms dropped),
 * each row in increasing column order. `columnDf[j]` is the number of rows holding
 * column j (the fitted document frequency: each row holds a term at most once).
 *
 * By transposition instead of a sort per row: the entries are scattered by column into
 * column-major order (rows increasing within a column, since rows are read in order),
 * then read back column by column into their rows, which thus fill in increasing column
 * order. Two linear passes with no comparisons, where sorting each row's entries cost
 * more than twice as much (a row is mostly distinct rare terms, whose column order is
 * unrelated to the order in which the document used them). The entries of `c` become
 * the rows' (its arrays are reused for the output).
 */
export function fittedRows(c: CorpusCounts, column: Int32Array, columnDf: ArrayLike<number>): CountRows {
  const t = transpose(c, column, columnDf);
  const columns = c.ids;
  const counts = c.counts;
  for (let j = 0; j < t.width; j += COLUMN_CHUNK) gatherColumns(t, columns, counts, j, Math.min(t.width, j + COLUMN_CHUNK));
  return { rows: c.documents, indptr: c.indptr, columns: indicesOf(columns, t.at), counts: counts.subarray(0, t.at) };
}

/** How the counts of a row become its values (weighRow row by row, fittedCsr column by column). */
export interface RowWeights {
  /** tf = 1 instead of the count. */
  binary: boolean;
  /** tf = 1 + ln(tf). */
  sublinearTf: boolean;
  /** value = tf x idf[column]; null: value = tf. */
  idf: Float64Array | null;
  /** Each row divided by the square root of its sum of squares (l2) or by its sum of magnitudes (l1), summed in column order; a zero sum leaves the row. */
  norm: "l2" | "l1" | "none";
}

/**
 * The values of one row's entries [start, end) into values[0 .. end - start): tf (the
 * count, or 1 when binary; 1 + ln(tf) when sublinear), times the column's idf when
 * there is one, then divided by the row's norm (a zero sum leaves the row). float64;
 * the caller rounds each value once to float32.
 */
export function weighRow(w: RowWeights, columns: Int32Array, counts: Int32Array, start: number, end: number, values: Float64Array): void {
  const { binary, sublinearTf, idf, norm } = w;
  const n = end - start;
  for (let i = 0; i < n; i++) {
    let tf = binary ? 1 : counts[start + i];
    if (sublinearTf) tf = Math.log(tf) + 1;
    values[i] = idf === null ? tf : tf * idf[columns[start + i]];
  }
  if (norm === "none") return;
  let sum = 0;
  if (norm === "l2") for (let i = 0; i < n; i++) sum += values[i] * values[i];
  else for (let i = 0; i < n; i++) sum += Math.abs(values[i]);
  if (sum === 0) return;
  const d = norm === "l2" ? Math.sqrt(sum) : sum;
  for (let i = 0; i < n; i++) values[i] /= d;
}

/**
 * fittedRows straight to CSR values: the weights are computed while the columns are
 * read back (column by column, so each column's idf is read once and each row's norm
 * sums its values in column order, as weighRow does), then each row is
 * divided by its norm and rounded once to float32. Same bits as weighing fittedRows'
 * rows, without their counts or a second pass over the idf by column.
 */
export function fittedCsr(c: CorpusCounts, column: Int32Array, columnDf: ArrayLike<number>, weights: RowWeights): { indptr: Int32Array; indices: Int32Array; data: Float32Array } {
  const t = transpose(c, column, columnDf);
  const rows = c.documents;
  const columns = c.ids;
  const values = scratchFloat64(SLOT_D, t.at);
  const sums = new Float64Array(rows);
  for (let j = 0; j < t.width; j += COLUMN_CHUNK) weighColumns(t, weights, columns, values, sums, j, Math.min(t.width, j + COLUMN_CHUNK));
  const data = new Float32Array(t.at);
  for (let r = 0; r < rows; r += CHUNK) normalizeRows(c.indptr, values, sums, weights.norm, data, r, Math.min(rows, r + CHUNK));
  return { indptr: c.indptr, indices: indicesOf(columns, t.at), data };
}

/** The CSR indices: the first n columns, copied out when the entry buffer (sized from an estimate) is much longer. */
function indicesOf(columns: Int32Array, n: number): Int32Array {
  return 4 * n < 3 * columns.length ? columns.slice(0, n) : columns.subarray(0, n);
}

/** Columns per call of the column passes (see CHUNK). */
const COLUMN_CHUNK = 4096;

/** The rows of a fit in column-major order (transpose), being read back by column. */
interface Transposition {
  width: number;
  column: Int32Array;
  /** While scattering, where column j's next entry goes; after, where column j ends (it starts at next[j - 1]). */
  next: Int32Array;
  /** Row and count of each entry, by column. */
  byRow: Int32Array;
  byCount: Int32Array;
  /** Kept entries of the rows scattered so far (in the end, all of them). */
  at: number;
  /** Where the next row to scatter starts among the counted entries (indptr is being overwritten with the kept bounds). */
  from: number;
  /** fill[r]: where row r's next entry goes when reading back. */
  fill: Int32Array;
}

/** Scatters the kept entries of `c` by column; c.indptr becomes the kept rows' bounds. */
function transpose(c: CorpusCounts, column: Int32Array, columnDf: ArrayLike<number>): Transposition {
  const rows = c.documents;
  const width = columnDf.length;
  const next = scratchInt32(SLOT_C, width + 1);
  const kept = columnStarts(columnDf, next);
  // Reused buffers (scratch.ts): the copy lives only while the rows are made.
  const t: Transposition = { width, column, next, byRow: scratchInt32(SLOT_A, kept), byCount: scratchInt32(SLOT_B, kept), at: 0, from: 0, fill: c.indptr };
  for (let r = 0; r < rows; r += CHUNK) scatterRows(c, t, r, Math.min(rows, r + CHUNK));
  t.fill = c.indptr.slice(0, rows);
  return t;
}

/** next[j] = start of column j given the entries per column; returns the total. */
function columnStarts(columnDf: ArrayLike<number>, next: Int32Array): number {
  let total = 0;
  for (let j = 0; j < columnDf.length; j++) {
    next[j] = total;
    total += columnDf[j];
  }
  next[columnDf.length] = total;
  return total;
}

/** Scatters the kept entries of rows [r0, r1) by column; indptr[r + 1] becomes the end of row r's kept entries. */
function scatterRows(c: CorpusCounts, t: Transposition, r0: number, r1: number): void {
  const { ids, counts, indptr } = c;
  const { column, next, byRow, byCount } = t;
  let at = t.at;
  let from = t.from;
  for (let r = r0; r < r1; r++) {
    const to = indptr[r + 1];
    for (let k = from; k < to; k++) {
      const j = column[ids[k]];
      if (j < 0) continue;
      const p = next[j]++;
      byRow[p] = r;
      byCount[p] = counts[k];
      at++;
    }
    indptr[r + 1] = at;
    from = to;
  }
  t.at = at;
  t.from = from;
}

/** Appends the entries of columns [j0, j1) to their rows. */
function gatherColumns(t: Transposition, columns: Int32Array, counts: Int32Array, j0: number, j1: number): void {
  const { next, byRow, byCount, fill } = t;
  let p = j0 === 0 ? 0 : next[j0 - 1];
  for (let j = j0; j < j1; j++) {
    const end = next[j];
    for (; p < end; p++) {
      const at = fill[byRow[p]]++;
      columns[at] = j;
      counts[at] = byCount[p];
    }
  }
}

/** gatherColumns writing each entry's weighed value (not its count) and adding it to its row's norm sum. */
function weighColumns(t: Transposition, w: RowWeights, columns: Int32Array, values: Float64Array, sums: Float64Array, j0: number, j1: number): void {
  const { next, byRow, byCount, fill } = t;
  const { binary, sublinearTf, idf, norm } = w;
  const l2 = norm === "l2";
  let p = j0 === 0 ? 0 : next[j0 - 1];
  for (let j = j0; j < j1; j++) {
    const end = next[j];
    const weight = idf === null ? 0 : idf[j];
    for (; p < end; p++) {
      const r = byRow[p];
      const at = fill[r]++;
      columns[at] = j;
      let tf = binary ? 1 : byCount[p];
      if (sublinearTf) tf = Math.log(tf) + 1;
      const v = idf === null ? tf : tf * weight;
      values[at] = v;
      sums[r] += l2 ? v * v : Math.abs(v);
    }
  }
}

/** data = each row's values divided by its norm (none: as they are; a zero sum leaves the row), as float32. */
function normalizeRows(indptr: Int32Array, values: Float64Array, sums: Float64Array, norm: "l2" | "l1" | "none", data: Float32Array, r0: number, r1: number): void {
  for (let r = r0; r < r1; r++) {
    const start = indptr[r];
    const end = indptr[r + 1];
    const sum = sums[r];
    if (norm === "none" || sum === 0) {
      for (let k = start; k < end; k++) data[k] = values[k];
    } else {
      const d = norm === "l2" ? Math.sqrt(sum) : sum;
      for (let k = start; k < end; k++) data[k] = values[k] / d;
    }
  }
}

/** Entries in the longest row of `c`. */
export function longestRow(c: CountRows): number {
  let longest = 0;
  for (let r = 0; r < c.rows; r++) longest = Math.max(longest, c.indptr[r + 1] - c.indptr[r]);
  return longest;
}
