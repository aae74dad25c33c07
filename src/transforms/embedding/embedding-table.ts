/**
 * EmbeddingTable: tokens, ids or categories -> vectors, pooled per row.
 *
 * Input: one column; a row is a token (a string, number or boolean — one type per
 * column, as categorical columns) or a list of tokens (an array or typed array, e.g.
 * the word list of a document or a padded id sequence). Output: `dims` float32 values
 * per row, the pooled vectors of the row's tokens (./pooling.ts).
 *
 * Fit counts the tokens (mergeable: src/core/vocabulary/counts.ts), then builds a table
 * for the vocabulary — the tokens seen at least `minCount` times, most frequent first,
 * at most `maxTokens` (src/core/vocabulary/select.ts; ties by token, descending, as the
 * Keras lookups) — from one source:
 *   - "pretrained": the given vectors of those tokens (tokens without one are OOV);
 *   - "corpus": PPMI + truncated SVD of the fit data's co-occurrences (./corpus.ts);
 *   - "random": a seeded random vector per token (./random-vectors.ts) — entity
 *     embeddings for a high-cardinality categorical column, to be refined by a model.
 * Rows: [OOV rows][vocabulary], the OOV rows per the `oov` policy (./oov.ts).
 *
 * Policies (documented, never a silent NaN):
 *   - mask token and missing values (null, undefined, NaN) are dropped from a row
 *     (missing: "error" makes a missing value a typed error at transform; fit skips
 *     them); a row with no tokens left — empty, all padding, missing — pools to zeros;
 *   - unknown tokens use their OOV row and count in pooling like any token;
 *   - a token of another type than the fitted column (e.g. 5 in a string column) is a
 *     typed error; a string with a lone surrogate is unknown (and a typed error when it
 *     must be hashed to a bucket);
 *   - a fit that leaves no vocabulary (no tokens, none with a pretrained vector, none
 *     reaching minCount) is a typed error.
 *
 * The artefact stores the table as float32, float16 or int8 with per-row scales
 * (./storage.ts); transform reads the same decoded float32 table after fit and after
 * load, so both give the same bytes.
 */
import type { ColumnType } from "../../artefact/index.js";
import type { EmbeddingTableState } from "../../artefact/states.js";
import {
  type CategoryValue,
  type ValueType,
  categoryList,
  categoryValues,
  compareCategories,
  requireColumn,
} from "../../core/categories.js";
import { InvalidInputError, InvalidOptionError, describeValue } from "../../core/errors.js";
import { type AccumulatorSpec, StateUnavailableError } from "../../core/transform.js";
import {
  type Token,
  type TokenCounts,
  addDocument,
  emptyTokenCounts,
  fittedIdfWeights,
  indexLayout,
  mergeTokenCounts,
  selectTokens,
} from "../../core/vocabulary/index.js";
import { ColumnTransform } from "../base.js";
import { type PairCounts, addRowPairs, emptyPairs, mergePairs } from "./cooccurrence.js";
import { corpusVectors } from "./corpus.js";
import { type EmbeddingTableOptions, type ResolvedEmbeddingOptions, resolveOptions } from "./options.js";
import { oovRowCount, oovRowOf, oovVectors } from "./oov.js";
import { Pooler } from "./pooling.js";
import { countsWithVectors, pretrainedVectors } from "./pretrained.js";
import { tokenVector } from "./random-vectors.js";
import { decodeTable, encodeTable } from "./storage.js";
import { type EmbeddingInput, type RowContext, readRow } from "./tokens.js";

export type { EmbeddingInput, EmbeddingRow } from "./tokens.js";
export type { EmbeddingTableOptions } from "./options.js";

/** The fit accumulator: plain data (Maps and typed arrays), mergeable. */
export interface EmbeddingAccumulator {
  /** Value type of the column, null before the first token. */
  type: ValueType | null;
  /** Token occurrences (and document counts for tfIdfMean). Tokens may be booleans too. */
  counts: TokenCounts<Token>;
  /** Co-occurrences (source "corpus" only). */
  pairs: PairCounts | null;
}

interface PreparedRows {
  readonly values: ArrayLike<unknown>;
  readonly rows: number;
}

interface Tables {
  /** Token -> table row (OOV rows come first). */
  index: Map<CategoryValue, number>;
  /** Integer vocabularies over a compact range: id -> row (-1: none), an array lookup instead of a Map's hash. */
  dense: Int32Array | null;
  table: Float32Array;
  pooler: Pooler;
  tokens: CategoryValue[];
}

/** Resolved options of tables rebuilt from an artefact (the constructor takes them as they are). */
const RESTORED = new WeakMap<object, ResolvedEmbeddingOptions>();

let tokenScratch: CategoryValue[] = [];
let idScratch = new Int32Array(64);

export class EmbeddingTable extends ColumnTransform<EmbeddingInput, "EmbeddingTable", EmbeddingAccumulator, PreparedRows> {
  readonly kind = "EmbeddingTable" as const;
  readonly options: ResolvedEmbeddingOptions;
  private tables: WeakMap<EmbeddingTableState, Tables> = new WeakMap();

  constructor(options: EmbeddingTableOptions = {}) {
    super(options?.name, "x");
    this.options = RESTORED.get(options) ?? resolveOptions(options);
  }

  /** Rebuilds a fitted table from artefact state (checked by the codec). */
  static fromState(state: EmbeddingTableState, name?: string): EmbeddingTable {
    const key = { name };
    RESTORED.set(key, {
      source: state.source,
      pretrained: null,
      dims: state.dims,
      window: state.window,
      minCount: state.minCount,
      maxTokens: state.maxTokens === 0 ? null : state.maxTokens,
      contextSmoothing: state.contextSmoothing,
      eigenWeight: state.eigenWeight,
      iterations: state.iterations,
      normalize: state.normalize,
      seed: state.seed,
      oov: state.oov,
      oovBuckets: state.oovRows,
      pooling: state.pooling,
      maskToken: state.maskToken,
      missing: state.missing,
      storage: state.storage,
    });
    return new EmbeddingTable(key).loadState(state);
  }

  protected get who(): string {
    return `EmbeddingTable "${this.name}"`;
  }

  protected inputType(): ColumnType {
    return "categorical";
  }

  protected accumulatorSpec(): AccumulatorSpec<EmbeddingInput, EmbeddingAccumulator, EmbeddingTableState> {
    const o = this.options;
    return {
      init: () => ({ type: null, counts: emptyTokenCounts<Token>(o.pooling === "tfIdfMean"), pairs: o.source === "corpus" ? emptyPairs() : null }),
      update: (acc, batch) => this.count(acc, batch),
      merge: (a, b) => {
        if (a.type !== null && b.type !== null && a.type !== b.type) {
          // The data is at fault (one column, two types), as in a single fit: INVALID_INPUT, like mergeCounts in core/categories.
          throw new InvalidInputError(`${this.who}: cannot merge a fit over ${a.type}s with one over ${b.type}s; a column must have one type — convert every value to one type first`, { column: this.name });
        }
        return {
          type: a.type ?? b.type,
          counts: mergeTokenCounts(a.counts, b.counts),
          pairs: a.pairs !== null && b.pairs !== null ? mergePairs(a.pairs, b.pairs, this.who) : (a.pairs ?? b.pairs),
        };
      },
      finalize: (acc) => this.build(acc),
    };
  }

  private count(acc: EmbeddingAccumulator, batch: EmbeddingInput): EmbeddingAccumulator {
    const column = requireColumn(batch, this.who) as ArrayLike<unknown>;
    const o = this.options;
    const ctx: RowContext = { who: this.who, type: acc.type, mask: o.maskToken, missing: o.missing, fit: true };
    const buf = tokenScratch;
    for (let i = 0; i < column.length; i++) {
      const n = readRow(ctx, i, column[i], buf);
      acc.type = ctx.type;
      // Booleans are counted like the string and number tokens the vocabulary helpers are typed for (Map keys).
      addDocument(acc.counts, buf as unknown as Token[], n);
      if (acc.pairs !== null) addRowPairs(acc.pairs, buf, n, o.window, this.who);
    }
    return acc;
  }

  private build(acc: EmbeddingAccumulator): EmbeddingTableState {
    const o = this.options;
    const who = this.who;
    if (acc.type === null || acc.counts.counts.size === 0) {
      throw new InvalidInputError(`${who}: fit saw no token (no rows, or only missing values${o.maskToken === null ? "" : " and the mask token"}); pass at least one token`, { column: this.name });
    }
    const type = acc.type;
    if (o.maskToken !== null && typeof o.maskToken !== type) {
      throw new InvalidOptionError(`${who}: maskToken ${describeValue(o.maskToken)} is a ${typeof o.maskToken} but the column holds ${type}s; give a mask of the column's type`);
    }
    if (o.source === "pretrained" && o.pretrained === null) {
      throw new StateUnavailableError(`${who} was loaded from an artefact, which keeps its table but not the full pretrained vectors; create a new EmbeddingTable with vectors to fit again`);
    }
    const counts = acc.counts.counts as Map<CategoryValue, number>;
    let eligible = o.pretrained !== null ? countsWithVectors(counts, o.pretrained) : counts;
    if (o.minCount > 1) eligible = new Map([...eligible].filter(([, c]) => c >= o.minCount));
    const vocabulary = selectTokens(eligible as Map<Token, number>, {
      limit: o.maxTokens ?? Infinity,
      compare: type === "boolean" ? (compareCategories as (a: Token, b: Token) => number) : undefined,
    }) as CategoryValue[];
    if (vocabulary.length === 0) {
      const why =
        o.pretrained !== null && countsWithVectors(counts, o.pretrained).size === 0
          ? `none of the ${counts.size} distinct tokens seen has a pretrained vector (check case and normalization against the vectors' tokens)`
          : `no token occurs at least minCount = ${o.minCount} times`;
      throw new InvalidInputError(`${who}: the fit leaves no vocabulary: ${why}`, { column: this.name });
    }
    const v = vocabulary.length;
    const d = o.dims;
    let vectors: Float64Array;
    if (o.source === "pretrained") vectors = pretrainedVectors(vocabulary, o.pretrained!);
    else if (o.source === "corpus") {
      vectors = corpusVectors(acc.pairs!, vocabulary, { dims: d, contextSmoothing: o.contextSmoothing, eigenWeight: o.eigenWeight, iterations: o.iterations, seed: o.seed });
    } else {
      vectors = new Float64Array(v * d);
      const scale = 1 / Math.sqrt(d);
      vocabulary.forEach((t, r) => tokenVector(t, o.seed, scale, vectors, r * d, d));
    }
    if (o.normalize) normalizeRows(vectors, v, d);
    const oovRows = oovRowCount(o.oov, o.oovBuckets);
    const full = new Float64Array((oovRows + v) * d);
    full.set(oovVectors(o.oov, o.oovBuckets, vectors, v, d, o.seed));
    full.set(vectors, oovRows * d);
    const label = (row: number): string => (row < oovRows ? `OOV row ${row}` : describeValue(vocabulary[row - oovRows]));
    const stored = encodeTable(full, oovRows + v, d, o.storage, who, label);
    const idf =
      o.pooling === "tfIdfMean"
        ? fittedIdfWeights(indexLayout(false, oovRows, v), vocabulary as Token[], acc.counts.documentCounts!, acc.counts.documents, oovRows + v)
        : new Float64Array(0);
    return {
      nFeaturesIn: 1,
      vocabulary: categoryList(type, vocabulary, false),
      dims: d,
      oov: o.oov,
      oovRows,
      seed: o.seed,
      storage: o.storage,
      values: stored.values,
      scales: stored.scales,
      pooling: o.pooling,
      idf,
      maskToken: o.maskToken,
      missing: o.missing,
      source: o.source,
      minCount: o.minCount,
      maxTokens: o.maxTokens ?? 0,
      window: o.window,
      contextSmoothing: o.contextSmoothing,
      eigenWeight: o.eigenWeight,
      iterations: o.iterations,
      normalize: o.normalize,
      documents: acc.counts.documents,
    };
  }

  // ---- transform ----

  private tablesFor(s: EmbeddingTableState): Tables {
    let t = this.tables.get(s);
    if (t === undefined) {
      const tokens = categoryValues(s.vocabulary);
      const index = new Map<CategoryValue, number>();
      tokens.forEach((tok, i) => index.set(tok, s.oovRows + i));
      const table = decodeTable(s);
      t = { index, dense: denseIndex(tokens, s.oovRows), table, tokens, pooler: new Pooler(s.pooling, table, s.dims, s.idf, this.who) };
      this.tables.set(s, t);
    }
    return t;
  }

  protected prepare(values: EmbeddingInput): PreparedRows {
    const column = requireColumn(values, this.who) as ArrayLike<unknown>;
    return { values: column, rows: column.length };
  }

  protected widthFor(s: EmbeddingTableState): number {
    return s.dims;
  }

  protected namesFor(s: EmbeddingTableState, inputNames: string[]): string[] {
    return Array.from({ length: s.dims }, (_, j) => `${inputNames[0]}_${j}`);
  }

  protected apply(s: EmbeddingTableState, x: PreparedRows, out: Float32Array): void {
    const t = this.tablesFor(s);
    const ctx: RowContext = { who: this.who, type: s.vocabulary.type, mask: s.maskToken, missing: s.missing, fit: false };
    const buf = tokenScratch;
    const d = s.dims;
    for (let i = 0; i < x.rows; i++) {
      const n = readRow(ctx, i, x.values[i], buf);
      if (idScratch.length < n) idScratch = new Int32Array(Math.max(n, idScratch.length * 2));
      const ids = idScratch;
      const dense = t.dense;
      for (let k = 0; k < n; k++) {
        const tok = buf[k];
        const r = dense !== null && typeof tok === "number" && tok >= 0 && tok < dense.length && Math.floor(tok) === tok ? dense[tok] : (t.index.get(tok) ?? -1);
        ids[k] = r >= 0 ? r : oovRowOf(tok, s.oovRows, s.seed, this.who, i);
      }
      t.pooler.pool(ids, n, out, i * d, i);
    }
  }

  // ---- the table ----

  /** Tokens with a row, in row order (after the OOV rows). */
  vocabulary(): CategoryValue[] {
    return this.tablesFor(this.state()).tokens.slice();
  }

  /**
   * The table as transform reads it (after storage rounding): `oovRows` OOV rows, then one
   * row per vocabulary token — e.g. to initialize a tf.layers.embedding whose ids come
   * from a lookup with the same vocabulary and OOV indices.
   */
  table(): { tokens: CategoryValue[]; oovRows: number; dims: number; vectors: Float32Array } {
    const s = this.state();
    const t = this.tablesFor(s);
    return { tokens: t.tokens.slice(), oovRows: s.oovRows, dims: s.dims, vectors: t.table.slice() };
  }

  /**
   * The `k` vocabulary tokens whose vectors have the largest cosine similarity with
   * `token`'s (its OOV vector when unknown), the token itself excluded; ties by row.
   */
  mostSimilar(token: CategoryValue, k = 10): { token: CategoryValue; similarity: number }[] {
    const s = this.state();
    const t = this.tablesFor(s);
    const q = this.transform([token]);
    const d = s.dims;
    let qn = 0;
    for (let j = 0; j < d; j++) qn += q[j] * q[j];
    const scored: { token: CategoryValue; similarity: number; row: number }[] = [];
    t.tokens.forEach((tok, i) => {
      if (tok === token) return;
      const o = (s.oovRows + i) * d;
      let dot = 0;
      let n = 0;
      for (let j = 0; j < d; j++) {
        dot += q[j] * t.table[o + j];
        n += t.table[o + j] * t.table[o + j];
      }
      scored.push({ token: tok, similarity: qn > 0 && n > 0 ? dot / Math.sqrt(qn * n) : 0, row: i });
    });
    scored.sort((a, b) => b.similarity - a.similarity || a.row - b.row);
    return scored.slice(0, Math.max(0, k)).map(({ token: tk, similarity }) => ({ token: tk, similarity }));
  }
}

/**
 * id -> row for a vocabulary of non-negative integers whose largest id is small (at most
 * 4 x the vocabulary + 1024, so the array stays proportional to the table); else null.
 */
function denseIndex(tokens: CategoryValue[], oovRows: number): Int32Array | null {
  let max = -1;
  for (const t of tokens) {
    if (typeof t !== "number" || !Number.isInteger(t) || t < 0) return null;
    if (t > max) max = t;
  }
  if (max > 4 * tokens.length + 1024) return null;
  const dense = new Int32Array(max + 1).fill(-1);
  // + 0 turns -0 (never fitted, but possible in a crafted artefact) into the index 0.
  tokens.forEach((t, i) => (dense[(t as number) + 0] = oovRows + i));
  return dense;
}

/** Scales each row to unit Euclidean length (zero rows stay zero). */
function normalizeRows(x: Float64Array, rows: number, d: number): void {
  for (let r = 0; r < rows; r++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += x[r * d + j] * x[r * d + j];
    if (s === 0) continue;
    const inv = 1 / Math.sqrt(s);
    for (let j = 0; j < d; j++) x[r * d + j] *= inv;
  }
}
