/**
 * The one lookup implementation behind StringLookup and IntegerLookup, with Keras
 * IndexLookup semantics (keras/src/layers/preprocessing/index_lookup.py). The two
 * classes differ only in their token type, given here as a {@link LookupFlavour}.
 *
 * Index layout (as Keras): [mask, in "int" mode only] [numOovIndices OOV indices]
 * [vocabulary]. `maxTokens` counts the mask (when indexed) and the OOV indices.
 *
 * - Fitted vocabulary: tokens by count descending, ties by token descending (Keras sorts
 *   `np.lexsort((tokens, counts))[::-1]`: strings in code-point order, integers
 *   numerically), truncated to maxTokens; the mask and OOV tokens are never vocabulary
 *   entries (Keras removes them from the counts). See src/core/vocabulary/select.ts.
 * - Given vocabulary: used as is (duplicates, the mask token inside it, or — with invert —
 *   the OOV token inside it are option errors); if it starts with exactly the special
 *   tokens ([mask] + numOov x [oov]), they are skipped, as Keras does. A lookup with a
 *   given vocabulary is fitted from construction; fit() is allowed, checks the values'
 *   types and learns nothing (Keras refuses to adapt it).
 * - Unknown values: numOovIndices 0 -> typed error; 1 -> the OOV index; > 1 -> hashed
 *   across the OOV indices by the flavour (IntegerLookup: floor-mod, as Keras' default;
 *   StringLookup: MurmurHash3, NOT Keras' FarmHash — see src/core/vocabulary/layout.ts).
 * - Mask: in "int" mode the mask token maps to 0; in other modes it has no index and is
 *   dropped (one-hot row of zeros; not counted in multi-hot/count/tf-idf).
 * - Output modes: "int" (one id per row: Float32 from transform, Int32 from
 *   transformIds), "oneHot" (one value per row), "multiHot" | "count" | "tfIdf" (a row
 *   is one value or an array of values). Width: 1 for "int"; otherwise the index count,
 *   or maxTokens with padToMaxTokens (padding columns are always 0). Float32 ids are
 *   exact up to 2^24: a larger "int" lookup must use transformIds. The encoded modes
 *   also come as CSR (`transformSparse`), which joins a dense block via csrIntoDense.
 * - tf-idf: idf = log(1 + documents / (1 + documentCount)) per token, stored as float32
 *   (Keras floatx); the OOV indices get the mean weight; each row (document) is deduped
 *   for document counts; rows that are empty or missing still count as documents.
 * - invert ("int" mode only): maps ids to tokens. Tokens are not numbers, so an inverted
 *   lookup's transform() is a typed error; `lookupTokens(ids)` (available on every
 *   lookup) does the mapping: 0 -> mask (when indexed), vocabulary ids -> tokens, any
 *   other integer -> oovToken. `invert` is kept in the artefact so an inverse lookup
 *   saved and loaded stays one.
 *
 * Missing values (null, undefined, NaN) are skipped in fit and are a typed error at
 * transform (fill them first, e.g. with the mask token). NFC and NFD spellings are
 * different tokens unless a normalizer runs first. Deviations from Keras: string OOV
 * hashing (above); `padToMaxTokens` in "int" mode, `maskToken === oovToken`, and
 * `maxTokens` leaving no room for a single vocabulary token are option errors (Keras
 * ignores the first and misbehaves on the others); a fit that leaves the vocabulary empty
 * is a typed error (Keras keeps an empty vocabulary); numOovIndices is at most 2^20 and a
 * padded width (padToMaxTokens) at most 2^22 columns.
 */
import type { ColumnType } from "../../artefact/index.js";
import type { CategoryList, LookupOutputMode, LookupState } from "../../artefact/states.js";
import { type CategoricalValue, isMissing, requireColumn } from "../../core/categories.js";
import { ArtefactError, InvalidInputError, InvalidOptionError, SkewlessError, describeValue } from "../../core/errors.js";
import type { CsrMatrix } from "../../core/sparse.js";
import type { AccumulatorSpec } from "../../core/transform.js";
import {
  type Bags,
  type IndexLayout,
  type TokenCounts,
  addDocument,
  bagsToCsr,
  bagsToDense,
  emptyTokenCounts,
  fittedIdfWeights,
  givenIdfWeights,
  indexLayout,
  mergeTokenCounts,
  selectTokens,
} from "../../core/vocabulary/index.js";
import { ColumnTransform, type TransformOptions } from "../base.js";

export type { LookupOutputMode } from "../../artefact/states.js";
export type LookupKind = "StringLookup" | "IntegerLookup";

/** One input row: a value, or (multiHot/count/tfIdf only) an array or typed array of values. */
export type LookupRow = CategoricalValue | ArrayLike<CategoricalValue>;
/** One batch of rows. */
export type LookupInput = ArrayLike<LookupRow>;

export interface LookupOptions<T extends string | number> extends TransformOptions {
  /** Most indices, the OOV indices and (in "int" mode) the mask included, as Keras. Default: no limit. */
  maxTokens?: number | null;
  /** Indices for unknown values. 0: unknown is an error. Default 1. */
  numOovIndices?: number;
  /** Token meaning "masked": index 0 in "int" mode, dropped otherwise. Default null (none). */
  maskToken?: T | null;
  /** Token returned for OOV ids by lookupTokens/invert; never learned as vocabulary. */
  oovToken?: T;
  /** A fixed vocabulary (no fit needed), optionally starting with the special tokens. */
  vocabulary?: ArrayLike<T>;
  /** tfIdf with a given vocabulary: one weight per vocabulary entry (required then, forbidden otherwise). */
  idfWeights?: ArrayLike<number>;
  /** Default "int". */
  outputMode?: LookupOutputMode;
  /** Map ids back to tokens ("int" mode only): use lookupTokens(ids). Default false. */
  invert?: boolean;
  /** Encoded modes: output width maxTokens whatever the vocabulary size. Default false. */
  padToMaxTokens?: boolean;
}

/** What differs between StringLookup and IntegerLookup. */
export interface LookupFlavour<T extends string | number> {
  readonly kind: LookupKind;
  readonly flavour: "string" | "integer";
  /** Keras' default oov_token. */
  readonly defaultOovToken: T;
  /** Human name of the token type for messages ("string", "integer"). */
  readonly tokenName: string;
  /** The token of a non-missing value (a typed error for a wrong type), normalized (e.g. -0 -> 0). */
  token(v: unknown, who: string, row: number): T;
  /** Extra checks before a token is stored in the artefact (fit, given vocabulary, special tokens). */
  storable(t: T, who: string, row: number): void;
  /** OOV bucket in [0, numOov) of an unknown token, numOov > 1. */
  oovBucket(t: T, numOov: number, who: string, row: number): number;
  /** Text of a token in output names. */
  label(t: T): string;
  toList(tokens: readonly T[]): CategoryList;
  /** Tokens of a stored list, or an ArtefactError when the list does not hold this flavour's tokens. */
  fromList(list: CategoryList): T[];
}

const MODES: readonly LookupOutputMode[] = ["int", "oneHot", "multiHot", "count", "tfIdf"];
/** Largest numOovIndices: a larger unknown space is a hashing transform's job. */
export const MAX_OOV_INDICES = 1 << 20;
/**
 * Largest padded width (padToMaxTokens): padding columns are backed by no data, so an
 * artefact could otherwise declare billions of them for a few bytes.
 */
export const MAX_PADDED_WIDTH = 1 << 22;
/** Ids above this are not exact in Float32; transformIds (Int32) has no such limit. */
const FLOAT32_EXACT = 1 << 24;
const MAX_TOKENS_LIMIT = 0x7fffffff;

/** Options after validation, defaults filled in. */
export interface ResolvedLookupOptions<T extends string | number> {
  readonly maxTokens: number | null;
  readonly numOovIndices: number;
  readonly maskToken: T | null;
  readonly oovToken: T;
  readonly outputMode: LookupOutputMode;
  readonly invert: boolean;
  readonly padToMaxTokens: boolean;
}

interface Tables<T> {
  layout: IndexLayout;
  tokens: T[];
  index: Map<T, number>;
  mask: T | null;
  maskIndexed: boolean;
  width: number;
}

interface PreparedRows {
  readonly values: ArrayLike<unknown>;
  readonly rows: number;
}

function isArrayRow(v: unknown): v is ArrayLike<unknown> {
  return Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView));
}

function isBagMode(mode: LookupOutputMode): mode is "multiHot" | "count" | "tfIdf" {
  return mode === "multiHot" || mode === "count" || mode === "tfIdf";
}

export abstract class Lookup<K extends LookupKind, T extends string | number> extends ColumnTransform<LookupInput, K, TokenCounts<T>, PreparedRows> {
  readonly options: ResolvedLookupOptions<T>;
  protected readonly flavour: LookupFlavour<T>;
  /** State of a given vocabulary, built once at construction; null when the vocabulary is fitted. */
  private readonly given: LookupState | null;
  private tables: WeakMap<LookupState, Tables<T>> = new WeakMap();

  protected constructor(flavour: LookupFlavour<T>, options: LookupOptions<T>) {
    super(options.name, "x");
    this.flavour = flavour;
    this.options = resolveOptions(flavour, options);
    this.given = options.vocabulary === undefined ? null : givenState(flavour, this.options, options.vocabulary, options.idfWeights);
    if (this.given === null && options.idfWeights !== undefined) {
      throw new InvalidOptionError(`${flavour.kind}: idfWeights go with a given vocabulary; without one, fit learns the weights — pass vocabulary too, or drop idfWeights`);
    }
    // A given vocabulary needs no fit (Keras): start with an (empty) accumulator so the lookup is fitted now.
    if (this.given !== null) this.acc = emptyTokenCounts<T>(false);
  }

  protected get who(): string {
    return `${this.flavour.kind} "${this.name}"`;
  }

  protected inputType(): ColumnType {
    return "categorical";
  }

  protected accumulatorSpec(): AccumulatorSpec<LookupInput, TokenCounts<T>, LookupState> {
    return {
      init: () => emptyTokenCounts<T>(this.given === null && this.options.outputMode === "tfIdf"),
      update: (acc, batch) => this.count(acc, batch),
      merge: (a, b) => mergeTokenCounts(a, b),
      finalize: (acc) => this.given ?? this.finalizeFitted(acc),
    };
  }

  /** Counts one batch (mutates acc); with a given vocabulary it only checks the values. */
  private count(acc: TokenCounts<T>, batch: LookupInput): TokenCounts<T> {
    const column = requireColumn(batch, this.who) as ArrayLike<unknown>;
    const f = this.flavour;
    const who = this.who;
    const multi = isBagMode(this.options.outputMode);
    const learn = this.given === null;
    const buf: T[] = [];
    for (let i = 0; i < column.length; i++) {
      const row = column[i];
      buf.length = 0;
      if (isArrayRow(row)) {
        if (!multi) throw this.oneValuePerRow(i, row);
        for (let j = 0; j < row.length; j++) {
          const v = row[j];
          if (isMissing(v)) continue;
          const t = f.token(v, who, i);
          f.storable(t, who, i);
          buf.push(t);
        }
      } else if (!isMissing(row)) {
        const t = f.token(row, who, i);
        f.storable(t, who, i);
        buf.push(t);
      }
      if (learn) addDocument(acc, buf);
      else acc.documents++;
    }
    return acc;
  }

  private finalizeFitted(acc: TokenCounts<T>): LookupState {
    const o = this.options;
    const maskIndexed = o.maskToken !== null && o.outputMode === "int";
    const start = indexLayout(maskIndexed, o.numOovIndices, 0).tokenStart;
    const tokens = selectTokens(acc.counts, {
      limit: o.maxTokens === null ? Infinity : o.maxTokens - start,
      exclude: [o.maskToken, o.oovToken],
    });
    if (tokens.length === 0) {
      throw new InvalidInputError(
        `${this.who}: fit saw no token to learn (only missing values${o.maskToken === null ? "" : ", the mask token"} or the OOV token ${describeValue(o.oovToken)}, or no rows); pass at least one other value, or give a vocabulary`,
        { column: this.name },
      );
    }
    const layout = indexLayout(maskIndexed, o.numOovIndices, tokens.length);
    const width = outputWidth(o, layout);
    const idf = o.outputMode === "tfIdf" ? fittedIdfWeights(layout, tokens, acc.documentCounts!, acc.documents, width) : new Float64Array(0);
    return makeState(this.flavour, o, tokens, idf);
  }

  // ---- fitted vocabulary ----

  /**
   * Keras get_vocabulary(): the token of every index — [mask (int mode)], numOov x
   * oovToken, then the vocabulary — or the vocabulary alone without special tokens.
   */
  getVocabulary(options: { includeSpecialTokens?: boolean } = {}): T[] {
    const t = this.tablesFor(this.state());
    if (options.includeSpecialTokens === false) return t.tokens.slice();
    const head: T[] = [];
    if (t.maskIndexed) head.push(t.mask!);
    for (let b = 0; b < t.layout.numOov; b++) head.push(this.options.oovToken);
    return head.concat(t.tokens);
  }

  /** Keras vocabulary_size(): indices in use, the mask (int mode) and OOV indices included; padding excluded. */
  vocabularySize(): number {
    return this.tablesFor(this.state()).layout.size;
  }

  /** tfIdf: the weight of every output index (OOV indices first, padding 0), as float32 values; empty otherwise. */
  get idfWeights(): Float64Array {
    return this.state().idf.slice();
  }

  // ---- transform ----

  override transform(values: LookupInput, out?: Float32Array): Float32Array {
    const s = this.state();
    if (s.invert) {
      throw new InvalidOptionError(
        `${this.who} has invert: true: it maps ids to tokens, which are not numbers; call lookupTokens(ids) instead of transform`,
        { column: this.name },
      );
    }
    if (s.outputMode === "int" && this.tablesFor(s).layout.size > FLOAT32_EXACT) {
      throw new InvalidOptionError(
        `${this.who}: ${this.tablesFor(s).layout.size} indices do not all fit exactly in Float32 output (exact up to 2^24); use transformIds(values) for Int32 ids`,
        { column: this.name },
      );
    }
    return super.transform(values, out);
  }

  protected prepare(values: LookupInput): PreparedRows {
    const column = requireColumn(values, this.who) as ArrayLike<unknown>;
    return { values: column, rows: column.length };
  }

  protected widthFor(s: LookupState): number {
    return this.tablesFor(s).width;
  }

  protected namesFor(s: LookupState, inputNames: string[]): string[] {
    return lookupNames(this.flavour, s, this.tablesFor(s), inputNames[0]);
  }

  protected apply(s: LookupState, x: PreparedRows, out: Float32Array): void {
    const t = this.tablesFor(s);
    const n = x.rows;
    if (s.outputMode === "int") {
      for (let i = 0; i < n; i++) out[i] = this.indexOf(s, t, x.values[i], i);
    } else if (s.outputMode === "oneHot") {
      const w = t.width;
      out.fill(0, 0, n * w);
      for (let i = 0; i < n; i++) {
        const id = this.indexOf(s, t, x.values[i], i);
        if (id >= 0) out[i * w + id] = 1;
      }
    } else {
      bagsToDense(this.bags(s, t, x.values), t.width, s.outputMode, s.idf, out);
    }
  }

  /**
   * "int" mode: one Int32 id per row, for embedding layers (no Float32 round trip).
   * Pass `out` (an Int32Array of at least n values) to reuse a buffer.
   */
  transformIds(values: LookupInput, out?: Int32Array): Int32Array {
    const s = this.state();
    if (s.outputMode !== "int" || s.invert) {
      throw new InvalidOptionError(
        `${this.who}: transformIds needs outputMode "int" without invert (this lookup has outputMode ${JSON.stringify(s.outputMode)}${s.invert ? ", invert: true" : ""}); use transform or transformSparse`,
        { column: this.name },
      );
    }
    const x = this.prepare(values);
    const t = this.tablesFor(s);
    let target: Int32Array;
    if (out === undefined) target = new Int32Array(x.rows);
    else {
      if (!(out instanceof Int32Array)) {
        throw new SkewlessError("BUFFER_TOO_SMALL", `${this.who}: out must be an Int32Array, got ${Object.prototype.toString.call(out)}`);
      }
      if (out.length < x.rows) {
        throw new SkewlessError("BUFFER_TOO_SMALL", `${this.who}: output buffer holds ${out.length} ids but ${x.rows} rows need ${x.rows}; allocate new Int32Array(${x.rows})`);
      }
      target = out.length === x.rows ? out : out.subarray(0, x.rows);
    }
    for (let i = 0; i < x.rows; i++) target[i] = this.indexOf(s, t, x.values[i], i);
    return target;
  }

  /** oneHot / multiHot / count / tfIdf rows as CSR (indices increasing per row): no dense n x width block. */
  transformSparse(values: LookupInput): CsrMatrix {
    const s = this.state();
    if (s.outputMode === "int") {
      throw new InvalidOptionError(`${this.who}: transformSparse needs outputMode "oneHot", "multiHot", "count" or "tfIdf"; for "int" use transformIds`, {
        column: this.name,
      });
    }
    const x = this.prepare(values);
    const t = this.tablesFor(s);
    if (s.outputMode === "oneHot") {
      const ptr = new Int32Array(x.rows + 1);
      const ids = new Int32Array(x.rows);
      for (let i = 0; i < x.rows; i++) {
        ids[i] = this.indexOf(s, t, x.values[i], i);
        ptr[i + 1] = i + 1;
      }
      return bagsToCsr({ rows: x.rows, ptr, ids }, t.width, "multiHot", null);
    }
    return bagsToCsr(this.bags(s, t, x.values), t.width, s.outputMode, s.idf);
  }

  /**
   * The token of each id (Keras invert): 0 -> the mask token when the mask is indexed,
   * vocabulary ids -> their token, any other integer (OOV ids, out of range) -> oovToken.
   * Works on every lookup, inverted or not; ids are this lookup's output indices.
   */
  lookupTokens(ids: ArrayLike<number>): T[] {
    const s = this.state();
    const t = this.tablesFor(s);
    const ids_ = requireColumn(ids, `${this.who} lookupTokens`) as ArrayLike<unknown>;
    const out: T[] = new Array(ids_.length);
    const { tokenStart, size } = t.layout;
    for (let i = 0; i < ids_.length; i++) {
      const id = ids_[i];
      if (typeof id !== "number" || !Number.isInteger(id)) {
        throw new InvalidInputError(`${this.who}: lookupTokens row ${i} is ${describeValue(id)}; ids must be integers`, {
          column: this.name,
          row: i,
          value: describeValue(id),
        });
      }
      if (t.maskIndexed && id === 0) out[i] = t.mask!;
      else if (id >= tokenStart && id < size) out[i] = t.tokens[id - tokenStart];
      else out[i] = s.oovToken as T;
    }
    return out;
  }

  /** Index of one single-valued row: an id, or -1 for a masked value in an encoded mode. */
  private indexOf(s: LookupState, t: Tables<T>, v: unknown, row: number): number {
    if (isArrayRow(v)) throw this.oneValuePerRow(row, v);
    if (isMissing(v)) throw this.missing(row, v);
    return this.indexOfToken(s, t, this.flavour.token(v, this.who, row), row);
  }

  private indexOfToken(s: LookupState, t: Tables<T>, token: T, row: number): number {
    if (t.mask !== null && token === t.mask) return t.maskIndexed ? 0 : -1;
    const id = t.index.get(token);
    if (id !== undefined) return id;
    const numOov = s.numOovIndices;
    if (numOov === 0) {
      throw new InvalidInputError(
        `${this.who}: row ${row} is ${describeValue(token)}, which is not in the vocabulary, and numOovIndices is 0; set numOovIndices >= 1 to map unknown values to OOV indices, or add the value to the vocabulary`,
        { column: this.name, row, value: describeValue(token) },
      );
    }
    return t.layout.oovStart + (numOov === 1 ? 0 : this.flavour.oovBucket(token, numOov, this.who, row));
  }

  /** The rows of an encoded mode flattened to index lists (masked values as -1). */
  private bags(s: LookupState, t: Tables<T>, values: ArrayLike<unknown>): Bags {
    const rows = values.length;
    const ptr = new Int32Array(rows + 1);
    let total = 0;
    for (let i = 0; i < rows; i++) {
      const v = values[i];
      total += isArrayRow(v) ? v.length : 1;
      ptr[i + 1] = total;
    }
    const ids = new Int32Array(total);
    for (let i = 0, k = 0; i < rows; i++) {
      const v = values[i];
      if (isArrayRow(v)) {
        for (let j = 0; j < v.length; j++) {
          const e = v[j];
          if (isMissing(e)) throw this.missing(i, e);
          ids[k++] = this.indexOfToken(s, t, this.flavour.token(e, this.who, i), i);
        }
      } else {
        if (isMissing(v)) throw this.missing(i, v);
        ids[k++] = this.indexOfToken(s, t, this.flavour.token(v, this.who, i), i);
      }
    }
    return { rows, ptr, ids };
  }

  private missing(row: number, v: unknown): InvalidInputError {
    return new InvalidInputError(
      `${this.who}: row ${row} is missing (${describeValue(v)}); lookups skip missing values in fit but cannot encode them — fill them first (e.g. with the mask token, or a value that maps to OOV)`,
      { column: this.name, row, value: describeValue(v) },
    );
  }

  private oneValuePerRow(row: number, v: unknown): InvalidInputError {
    return new InvalidInputError(
      `${this.who}: row ${row} is ${describeValue(v)}, but outputMode ${JSON.stringify(this.options.outputMode)} takes one value per row; use outputMode "multiHot", "count" or "tfIdf" for rows of several values`,
      { column: this.name, row, value: describeValue(v) },
    );
  }

  private tablesFor(s: LookupState): Tables<T> {
    let t = this.tables.get(s);
    if (!t) {
      t = buildTables(this.flavour, s);
      this.tables.set(s, t);
    }
    return t;
  }
}

// ---- options ----

function resolveOptions<T extends string | number>(f: LookupFlavour<T>, options: LookupOptions<T>): ResolvedLookupOptions<T> {
  const k = f.kind;
  const outputMode = options.outputMode ?? "int";
  if (!MODES.includes(outputMode)) {
    throw new InvalidOptionError(`${k}: outputMode must be one of ${MODES.map((m) => JSON.stringify(m)).join(", ")}, got ${describeValue(outputMode)}`);
  }
  const numOovIndices = options.numOovIndices ?? 1;
  if (!(Number.isInteger(numOovIndices) && numOovIndices >= 0 && numOovIndices <= MAX_OOV_INDICES)) {
    throw new InvalidOptionError(`${k}: numOovIndices must be an integer from 0 to ${MAX_OOV_INDICES}, got ${describeValue(numOovIndices)}`);
  }
  const invert = options.invert ?? false;
  if (typeof invert !== "boolean") throw new InvalidOptionError(`${k}: invert must be true or false, got ${describeValue(invert)}`);
  if (invert && outputMode !== "int") throw new InvalidOptionError(`${k}: invert needs outputMode "int" (Keras too), got outputMode ${JSON.stringify(outputMode)}`);
  const padToMaxTokens = options.padToMaxTokens ?? false;
  if (typeof padToMaxTokens !== "boolean") throw new InvalidOptionError(`${k}: padToMaxTokens must be true or false, got ${describeValue(padToMaxTokens)}`);
  const maskToken = options.maskToken ?? null;
  if (maskToken !== null) specialToken(f, maskToken, "maskToken");
  const oovToken = options.oovToken ?? f.defaultOovToken;
  specialToken(f, oovToken, "oovToken");
  if (maskToken !== null && f.token(maskToken, k, 0) === f.token(oovToken, k, 0)) {
    throw new InvalidOptionError(`${k}: maskToken and oovToken are both ${describeValue(oovToken)}; give them different values`);
  }
  const maxTokens = options.maxTokens ?? null;
  const tokenStart = (maskToken !== null && outputMode === "int" ? 1 : 0) + numOovIndices;
  if (maxTokens !== null) {
    if (!(Number.isInteger(maxTokens) && maxTokens >= 2 && maxTokens <= MAX_TOKENS_LIMIT)) {
      throw new InvalidOptionError(`${k}: maxTokens must be an integer from 2 to ${MAX_TOKENS_LIMIT} (or null for no limit), got ${describeValue(maxTokens)}`);
    }
    if (maxTokens <= tokenStart) {
      throw new InvalidOptionError(
        `${k}: maxTokens ${maxTokens} counts the mask (int mode) and ${numOovIndices} OOV indices and leaves no room for a vocabulary token; use maxTokens > ${tokenStart}`,
      );
    }
  }
  if (padToMaxTokens && maxTokens === null) throw new InvalidOptionError(`${k}: padToMaxTokens needs maxTokens (the padded width); set maxTokens or drop padToMaxTokens`);
  if (padToMaxTokens && maxTokens! > MAX_PADDED_WIDTH) {
    throw new InvalidOptionError(`${k}: padToMaxTokens pads to at most ${MAX_PADDED_WIDTH} columns, but maxTokens is ${maxTokens}; use a smaller maxTokens, or transformSparse without padding`);
  }
  if (padToMaxTokens && outputMode === "int") {
    throw new InvalidOptionError(`${k}: padToMaxTokens applies to outputMode "oneHot", "multiHot", "count" or "tfIdf"; "int" output has one id per row`);
  }
  return {
    maxTokens,
    numOovIndices,
    maskToken: maskToken === null ? null : f.token(maskToken, k, 0),
    oovToken: f.token(oovToken, k, 0),
    outputMode,
    invert,
    padToMaxTokens,
  };
}

function specialToken<T extends string | number>(f: LookupFlavour<T>, v: unknown, option: string): void {
  try {
    f.storable(f.token(v, `${f.kind} ${option}`, 0), `${f.kind} ${option}`, 0);
  } catch (e) {
    if (!(e instanceof SkewlessError)) throw e;
    throw new InvalidOptionError(`${f.kind}: ${option} must be a single ${f.tokenName} token, got ${describeValue(v)}`);
  }
}

function outputWidth(o: ResolvedLookupOptions<string | number>, layout: IndexLayout): number {
  if (o.outputMode === "int") return 1;
  return o.padToMaxTokens ? o.maxTokens! : layout.size;
}

function makeState<T extends string | number>(f: LookupFlavour<T>, o: ResolvedLookupOptions<T>, tokens: readonly T[], idf: Float64Array): LookupState {
  return {
    nFeaturesIn: 1,
    flavour: f.flavour,
    vocabulary: f.toList(tokens),
    numOovIndices: o.numOovIndices,
    maskToken: o.maskToken,
    oovToken: o.oovToken,
    outputMode: o.outputMode,
    invert: o.invert,
    idf,
    maxTokens: o.maxTokens ?? 0,
    padToMaxTokens: o.padToMaxTokens,
  };
}

/** Validates a given vocabulary (and idf weights) the way Keras set_vocabulary does, and builds the state. */
function givenState<T extends string | number>(
  f: LookupFlavour<T>,
  o: ResolvedLookupOptions<T>,
  vocabulary: ArrayLike<T>,
  idfWeights: ArrayLike<number> | undefined,
): LookupState {
  const k = f.kind;
  if (vocabulary === null || typeof vocabulary !== "object" || typeof (vocabulary as { length?: unknown }).length !== "number") {
    throw new InvalidOptionError(`${k}: vocabulary must be an array of ${f.tokenName} tokens, got ${describeValue(vocabulary)}`);
  }
  if (vocabulary.length === 0) throw new InvalidOptionError(`${k}: vocabulary is empty (Keras refuses an empty vocabulary too); give at least one token or fit instead`);
  const all: T[] = new Array(vocabulary.length);
  for (let i = 0; i < vocabulary.length; i++) {
    const v = vocabulary[i];
    try {
      if (isMissing(v)) throw new InvalidInputError("missing");
      all[i] = f.token(v, `${k} vocabulary`, i);
      f.storable(all[i], `${k} vocabulary`, i);
    } catch (e) {
      if (!(e instanceof SkewlessError)) throw e;
      throw new InvalidOptionError(`${k}: vocabulary entry ${i} is ${describeValue(v)}; the vocabulary must hold ${f.tokenName} tokens`);
    }
  }
  const maskIndexed = o.maskToken !== null && o.outputMode === "int";
  const layout0 = indexLayout(maskIndexed, o.numOovIndices, 0);
  const special: T[] = [];
  if (maskIndexed) special.push(o.maskToken!);
  for (let b = 0; b < o.numOovIndices; b++) special.push(o.oovToken);
  const includesSpecial = all.length >= special.length && special.every((s, i) => all[i] === s);
  const tokens = includesSpecial ? all.slice(special.length) : all;
  const seen = new Set<T>();
  for (const t of tokens) {
    if (seen.has(t)) throw new InvalidOptionError(`${k}: vocabulary holds ${describeValue(t)} more than once; give each token once`);
    seen.add(t);
  }
  if (o.maskToken !== null && seen.has(o.maskToken)) {
    throw new InvalidOptionError(
      `${k}: the vocabulary holds the mask token ${describeValue(o.maskToken)}; leave it out, or put the special tokens only at the start in this order: ${special.map((s) => describeValue(s)).join(", ")}`,
    );
  }
  if (o.invert && seen.has(o.oovToken)) {
    throw new InvalidOptionError(
      `${k}: the vocabulary holds the OOV token ${describeValue(o.oovToken)}, which an inverted lookup returns for unknown ids; leave it out, or put the special tokens only at the start in this order: ${special.map((s) => describeValue(s)).join(", ")}`,
    );
  }
  const layout = indexLayout(maskIndexed, o.numOovIndices, tokens.length);
  if (o.maxTokens !== null && layout.size > o.maxTokens) {
    throw new InvalidOptionError(`${k}: the vocabulary needs ${layout.size} indices (with mask and OOV) but maxTokens is ${o.maxTokens}; raise maxTokens or shorten the vocabulary`);
  }
  const width = outputWidth(o, layout);
  let idf: Float64Array = new Float64Array(0);
  if (o.outputMode === "tfIdf") {
    if (idfWeights === undefined) {
      throw new InvalidOptionError(`${k}: outputMode "tfIdf" with a given vocabulary needs idfWeights (one per vocabulary entry), as Keras does`);
    }
    if (idfWeights === null || typeof (idfWeights as { length?: unknown }).length !== "number" || idfWeights.length !== vocabulary.length) {
      throw new InvalidOptionError(`${k}: idfWeights must hold one number per vocabulary entry (${vocabulary.length}), got ${describeValue(idfWeights)}`);
    }
    for (let i = 0; i < idfWeights.length; i++) {
      if (typeof idfWeights[i] !== "number" || !Number.isFinite(idfWeights[i])) {
        throw new InvalidOptionError(`${k}: idfWeights[${i}] is ${describeValue(idfWeights[i])}; weights must be finite numbers`);
      }
    }
    idf = givenIdfWeights(layout0, idfWeights, includesSpecial, width);
  } else if (idfWeights !== undefined) {
    throw new InvalidOptionError(`${k}: idfWeights apply to outputMode "tfIdf" only (this lookup has ${JSON.stringify(o.outputMode)}); drop idfWeights`);
  }
  return makeState(f, o, tokens, idf);
}

// ---- per-state tables and names ----

function buildTables<T extends string | number>(f: LookupFlavour<T>, s: LookupState): Tables<T> {
  const tokens = f.fromList(s.vocabulary);
  const maskIndexed = s.maskToken !== null && s.outputMode === "int";
  const layout = indexLayout(maskIndexed, s.numOovIndices, tokens.length);
  const index = new Map<T, number>();
  for (let i = 0; i < tokens.length; i++) index.set(tokens[i], layout.tokenStart + i);
  const width = s.outputMode === "int" ? 1 : s.padToMaxTokens ? s.maxTokens : layout.size;
  return { layout, tokens, index, mask: s.maskToken as T | null, maskIndexed, width };
}

/**
 * Output names: "int" mode -> the input name; encoded modes -> `{name}_{token}` per
 * vocabulary column, `{name}_{oovToken}` (or `{name}_{oovToken}_{b}` with several OOV
 * indices) and `{name}_[PAD]_{j}` for padding. Vocabulary names take precedence: a
 * special column whose name a token already took gets `~{column}` appended.
 */
function lookupNames<T extends string | number>(f: LookupFlavour<T>, s: LookupState, t: Tables<T>, input: string): string[] {
  if (s.outputMode === "int") return [input];
  const names: string[] = new Array(t.width);
  const taken = new Set<string>();
  for (let i = 0; i < t.tokens.length; i++) {
    const name = `${input}_${f.label(t.tokens[i])}`;
    names[t.layout.tokenStart + i] = name;
    taken.add(name);
  }
  const oov = f.label(s.oovToken as T);
  const special = (col: number, name: string): void => {
    let unique = name;
    while (taken.has(unique)) unique = `${unique}~${col}`;
    names[col] = unique;
    taken.add(unique);
  };
  for (let b = 0; b < t.layout.numOov; b++) special(t.layout.oovStart + b, t.layout.numOov === 1 ? `${input}_${oov}` : `${input}_${oov}_${b}`);
  for (let j = t.layout.size; j < t.width; j++) special(j, `${input}_[PAD]_${j - t.layout.size}`);
  return names;
}

// ---- loading ----

/**
 * Rebuilds a lookup from artefact state, checking that the state is one this library
 * could have written (types, no duplicate tokens, widths and idf lengths consistent);
 * anything else is an ArtefactError.
 */
export function restoreLookup<T extends string | number, L extends Lookup<LookupKind, T>>(
  f: LookupFlavour<T>,
  state: LookupState,
  build: (options: LookupOptions<T>) => L,
): L {
  const bad = (why: string): ArtefactError => new ArtefactError(`artefact ${f.kind} state is inconsistent: ${why}`);
  if (state.flavour !== f.flavour) throw bad(`flavour ${JSON.stringify(state.flavour)} is not ${JSON.stringify(f.flavour)}`);
  let lookup: L;
  try {
    lookup = build({
      maxTokens: state.maxTokens === 0 ? null : state.maxTokens,
      numOovIndices: state.numOovIndices,
      maskToken: state.maskToken as T | null,
      oovToken: state.oovToken as T,
      outputMode: state.outputMode,
      invert: state.invert,
      padToMaxTokens: state.padToMaxTokens,
    });
  } catch (e) {
    if (e instanceof SkewlessError && !(e instanceof ArtefactError)) throw bad(e.message);
    throw e;
  }
  const tokens = f.fromList(state.vocabulary);
  const seen = new Set<T>();
  tokens.forEach((t, i) => {
    try {
      f.storable(t, `${f.kind} vocabulary`, i);
    } catch {
      throw bad(`vocabulary entry ${i} is not a valid ${f.tokenName} token`);
    }
    if (seen.has(t)) throw bad(`vocabulary holds ${describeValue(t)} twice`);
    seen.add(t);
  });
  const o = lookup.options;
  if (o.maskToken !== null && seen.has(o.maskToken)) throw bad("the vocabulary holds the mask token");
  const layout = indexLayout(o.maskToken !== null && o.outputMode === "int", o.numOovIndices, tokens.length);
  if (o.maxTokens !== null && layout.size > o.maxTokens) throw bad(`${layout.size} indices exceed max_tokens ${o.maxTokens}`);
  const width = outputWidth(o, layout);
  const idfLength = o.outputMode === "tfIdf" ? width : 0;
  if (state.idf.length !== idfLength) throw bad(`idf holds ${state.idf.length} weights, expected ${idfLength}`);
  for (let i = 0; i < state.idf.length; i++) if (!Number.isFinite(state.idf[i])) throw bad(`idf[${i}] is ${state.idf[i]}`);
  return lookup.loadState(state);
}
