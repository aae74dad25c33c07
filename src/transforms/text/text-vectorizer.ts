/**
 * TextVectorizer with Keras TextVectorization semantics
 * (keras/src/layers/preprocessing/text_vectorization.py over IndexLookup with
 * mask_token "" and oov_token "[UNK]"):
 *
 *   new TextVectorizer({ maxTokens: 5000, outputSequenceLength: 4 }).fit(docs).transformIds(docs)
 *
 * - Tokens: standardize ("lower_and_strip_punctuation" default, "lower",
 *   "strip_punctuation", null), split ("whitespace" default, "character", null), ngrams
 *   (null, N -> sizes 1..N, or an array of sizes); see keras-tokens.ts for the exact
 *   (TensorFlow) character sets.
 * - Index layout (src/core/vocabulary/layout.ts): "int" mode: 0 = mask ("" / padding),
 *   1 = OOV "[UNK]", then the vocabulary; bag modes ("multiHot", "count", "tfIdf"):
 *   0 = OOV, then the vocabulary (the mask has no index; "" tokens are dropped).
 *   `maxTokens` counts the mask (int mode) and the OOV index, as Keras.
 * - Fitted vocabulary: count descending, ties by token descending in code-point order
 *   (Keras np.lexsort(...)[::-1]; src/core/vocabulary/select.ts); "" and "[UNK]" are
 *   never learned. Fitting streams: partialFit/merge add exact token (and, for tfIdf,
 *   document) counts.
 * - Given vocabulary: used as is; it may start with the special tokens (["", "[UNK]"] in
 *   int mode, ["[UNK]"] otherwise), which are skipped as Keras does. tfIdf with a given
 *   vocabulary needs idfWeights (Keras too).
 * - "int" output: each row is `outputSequenceLength` ids, truncated or padded with 0
 *   (Keras pads/truncates at the end). Keras without output_sequence_length returns
 *   rows as long as the longest in the batch; a fixed-width Float32 output cannot depend
 *   on the batch, so here outputSequenceLength is required in int mode (an option error
 *   otherwise). `transform` gives Float32 ids (exact up to 2^24 indices), `transformIds`
 *   Int32 ids.
 * - Bag modes: width = vocabulary size incl. OOV, or maxTokens with padToMaxTokens;
 *   tfIdf = count x idf, idf = log(1 + docs / (1 + docFreq)) as float32, OOV weight =
 *   mean of the vocabulary weights (src/core/vocabulary/idf.ts). `transformSparse`
 *   gives CSR.
 *
 * Deviations from Keras: outputSequenceLength required in int mode (above);
 * padToMaxTokens in int mode, outputSequenceLength in bag modes, ngrams > 1 with split
 * null, and maxTokens leaving no room for a token are option errors; a fit that learns
 * no token is a typed error (Keras keeps an empty vocabulary); null documents are a
 * typed error unless `missing: "empty"`; lone surrogates are a typed error (base.ts).
 */
import type { TextVectorizerOutputMode, TextVectorizerState } from "../../artefact/states.js";
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
import type { TransformOptions } from "../base.js";
import { type PreparedText, type TextColumn, type TextMissingPolicy, TextTransform, readTextColumn } from "./base.js";
import { type KerasTokenize, type Split, type Standardize, kerasTokenizer } from "./keras-tokens.js";
import { loadTextState } from "./load-state.js";

export type { TextVectorizerOutputMode } from "../../artefact/states.js";

export interface TextVectorizerOptions extends TransformOptions {
  /** Most indices, the mask (int mode) and the OOV index included, as Keras. Default: no limit. */
  maxTokens?: number | null;
  /** Default "lower_and_strip_punctuation"; null = none. */
  standardize?: "lower_and_strip_punctuation" | "lower" | "strip_punctuation" | null;
  /** Default "whitespace"; null = the whole document is one token. */
  split?: "whitespace" | "character" | null;
  /** null (tokens only), N (sizes 1..N) or strictly increasing sizes. Default null. */
  ngrams?: number | readonly number[] | null;
  /** Default "int". */
  outputMode?: TextVectorizerOutputMode;
  /** int mode (required there): ids per row, truncated or padded with 0. */
  outputSequenceLength?: number | null;
  /** Bag modes: output width maxTokens whatever the vocabulary size. Default false. */
  padToMaxTokens?: boolean;
  /** A fixed vocabulary (no fit needed), optionally starting with the special tokens. */
  vocabulary?: readonly string[];
  /** tfIdf with a given vocabulary: one weight per vocabulary entry. */
  idfWeights?: ArrayLike<number>;
  /** null/undefined documents: "error" (default) or "empty" (treated as ""). */
  missing?: TextMissingPolicy;
}

export const MASK_TOKEN = "";
export const OOV_TOKEN = "[UNK]";
const MODES: readonly TextVectorizerOutputMode[] = ["int", "multiHot", "count", "tfIdf"];
const STANDARDIZE: readonly (Standardize | null)[] = ["lower_and_strip_punctuation", "lower", "strip_punctuation", null];
const SPLITS: readonly (Split | null)[] = ["whitespace", "character", null];
const MAX_TOKENS_LIMIT = 0x7fffffff;
/** Padding columns are backed by no data: bound them (as the lookups do). */
const MAX_PADDED_WIDTH = 1 << 22;
/** Bounds the dense int output per row. */
const MAX_SEQUENCE_LENGTH = 1 << 20;
const MAX_NGRAM = 64;
const FLOAT32_EXACT = 1 << 24;

interface Resolved {
  maxTokens: number | null;
  standardize: Standardize;
  split: Split;
  ngrams: number[];
  outputMode: TextVectorizerOutputMode;
  outputSequenceLength: number;
  padToMaxTokens: boolean;
  missing: TextMissingPolicy;
}

interface Tables {
  layout: IndexLayout;
  index: Map<string, number>;
  width: number;
  tokenize: KerasTokenize;
}

export class TextVectorizer extends TextTransform<"TextVectorizer", TokenCounts<string>> {
  readonly kind = "TextVectorizer" as const;
  private readonly o: Resolved;
  private readonly fitTokenize: KerasTokenize;
  private readonly given: TextVectorizerState | null;
  private tables: WeakMap<TextVectorizerState, Tables> = new WeakMap();

  constructor(options: TextVectorizerOptions = {}) {
    super(options.name);
    const who = `TextVectorizer "${this.name}"`;
    this.o = resolve(options, who);
    this.fitTokenize = kerasTokenizer(this.o.standardize, this.o.split, this.o.ngrams, who);
    this.given = options.vocabulary === undefined ? null : givenState(this.o, options.vocabulary, options.idfWeights, who);
    if (this.given === null && options.idfWeights !== undefined) {
      throw new InvalidOptionError(`${who}: idfWeights go with a given vocabulary; without one, fit learns the weights — pass vocabulary too, or drop idfWeights`);
    }
    // A given vocabulary needs no fit (Keras): start fitted.
    if (this.given !== null) this.acc = emptyTokenCounts<string>(false);
  }

  static fromState(state: TextVectorizerState, name?: string): TextVectorizer {
    return loadTextState("TextVectorizer", () => restore(state, name));
  }

  protected accumulatorSpec(): AccumulatorSpec<TextColumn, TokenCounts<string>, TextVectorizerState> {
    return {
      init: () => emptyTokenCounts<string>(this.given === null && this.o.outputMode === "tfIdf"),
      update: (acc, batch) => {
        const x = readTextColumn(batch, this.who, this.o.missing);
        for (const doc of x.docs) {
          if (this.given !== null) {
            acc.documents++;
            continue;
          }
          addDocument(acc, this.fitTokenize(doc));
        }
        return acc;
      },
      merge: (a, b) => mergeTokenCounts(a, b),
      finalize: (acc) => this.given ?? this.finalizeFitted(acc),
    };
  }

  private finalizeFitted(acc: TokenCounts<string>): TextVectorizerState {
    const o = this.o;
    const start = indexLayout(o.outputMode === "int", 1, 0).tokenStart;
    const tokens = selectTokens(acc.counts, { limit: o.maxTokens === null ? Infinity : o.maxTokens - start, exclude: [MASK_TOKEN, OOV_TOKEN] });
    if (tokens.length === 0) {
      throw new InvalidInputError(
        `${this.who}: fit saw no token to learn (no documents, or only empty/punctuation-only documents after standardize); fit on documents with words, or give a vocabulary`,
        { column: this.name },
      );
    }
    const layout = indexLayout(o.outputMode === "int", 1, tokens.length);
    const width = widthOf(o, layout);
    const idf = o.outputMode === "tfIdf" ? fittedIdfWeights(layout, tokens, acc.documentCounts!, acc.documents, width) : new Float64Array(0);
    return makeState(o, tokens, idf, false, acc.documents);
  }

  // ---- vocabulary ----

  /** Keras get_vocabulary(): ["", "[UNK]"] (int mode) or ["[UNK]"], then the tokens; or the tokens alone. */
  getVocabulary(options: { includeSpecialTokens?: boolean } = {}): string[] {
    const s = this.state();
    if (options.includeSpecialTokens === false) return s.vocabulary.slice();
    return (s.outputMode === "int" ? [MASK_TOKEN, OOV_TOKEN] : [OOV_TOKEN]).concat(s.vocabulary);
  }

  /** Keras vocabulary_size(): indices in use, mask (int mode) and OOV included. */
  vocabularySize(): number {
    return this.tablesFor(this.state()).layout.size;
  }

  /** tfIdf: weight of every output index (float32 values); empty otherwise. */
  get idfWeights(): Float64Array {
    return this.state().idf.slice();
  }

  /** The tokens of one document after standardize, split and n-grams (Keras order). */
  tokenize(doc: string): string[] {
    const x = readTextColumn([doc], this.who, "error");
    return this.fitTokenize(x.docs[0]);
  }

  // ---- transform ----

  protected prepare(values: TextColumn, state: TextVectorizerState): PreparedText {
    return readTextColumn(values, this.who, state.missing);
  }

  protected widthFor(s: TextVectorizerState): number {
    return this.tablesFor(s).width;
  }

  protected namesFor(s: TextVectorizerState, inputNames: string[]): string[] {
    const input = inputNames[0];
    const t = this.tablesFor(s);
    if (s.outputMode === "int") return Array.from({ length: t.width }, (_, j) => `${input}_${j}`);
    const names: string[] = new Array(t.width);
    const taken = new Set<string>();
    for (let i = 0; i < s.vocabulary.length; i++) {
      names[t.layout.tokenStart + i] = `${input}_${s.vocabulary[i]}`;
      taken.add(names[t.layout.tokenStart + i]);
    }
    const special = (col: number, name: string): void => {
      let unique = name;
      while (taken.has(unique)) unique = `${unique}~${col}`;
      names[col] = unique;
      taken.add(unique);
    };
    special(t.layout.oovStart, `${input}_${OOV_TOKEN}`);
    for (let j = t.layout.size; j < t.width; j++) special(j, `${input}_[PAD]_${j - t.layout.size}`);
    return names;
  }

  override transform(values: TextColumn, out?: Float32Array): Float32Array {
    const s = this.state();
    if (s.outputMode === "int" && this.tablesFor(s).layout.size > FLOAT32_EXACT) {
      throw new InvalidOptionError(`${this.who}: ${this.tablesFor(s).layout.size} indices do not all fit exactly in Float32 output (exact up to 2^24); use transformIds(values) for Int32 ids`, {
        column: this.name,
      });
    }
    return super.transform(values, out);
  }

  protected apply(s: TextVectorizerState, x: PreparedText, out: Float32Array): void {
    const t = this.tablesFor(s);
    if (s.outputMode === "int") this.writeIds(t, x.docs, s.outputSequenceLength, out);
    else bagsToDense(this.bags(t, x.docs), t.width, s.outputMode, s.idf, out);
  }

  /** Fills rows of `length` ids: tokens in order, truncated, then 0 (the mask) as padding. */
  private writeIds(t: Tables, docs: readonly string[], length: number, out: Float32Array | Int32Array): void {
    out.fill(0, 0, docs.length * length);
    for (let r = 0; r < docs.length; r++) {
      const tokens = t.tokenize(docs[r]);
      const n = Math.min(tokens.length, length);
      const base = r * length;
      for (let j = 0; j < n; j++) out[base + j] = idOf(t, tokens[j]);
    }
  }

  /** "int" mode: n x outputSequenceLength Int32 ids (no Float32 round trip). */
  transformIds(values: TextColumn, out?: Int32Array): Int32Array {
    const s = this.state();
    if (s.outputMode !== "int") {
      throw new InvalidOptionError(`${this.who}: transformIds needs outputMode "int" (this one has ${JSON.stringify(s.outputMode)}); use transform or transformSparse`, {
        column: this.name,
      });
    }
    const x = this.prepare(values, s);
    const need = x.rows * s.outputSequenceLength;
    let target: Int32Array;
    if (out === undefined) target = new Int32Array(need);
    else {
      if (!(out instanceof Int32Array)) throw new SkewlessError("BUFFER_TOO_SMALL", `${this.who}: out must be an Int32Array, got ${Object.prototype.toString.call(out)}`);
      if (out.length < need) {
        throw new SkewlessError("BUFFER_TOO_SMALL", `${this.who}: output buffer holds ${out.length} ids but ${x.rows} rows x ${s.outputSequenceLength} need ${need}; allocate new Int32Array(${need})`);
      }
      target = out.length === need ? out : out.subarray(0, need);
    }
    this.writeIds(this.tablesFor(s), x.docs, s.outputSequenceLength, target);
    return target;
  }

  /** Bag modes as CSR (indices increasing per row): no dense n x width block. */
  transformSparse(values: TextColumn): CsrMatrix {
    const s = this.state();
    if (s.outputMode === "int") {
      throw new InvalidOptionError(`${this.who}: transformSparse needs outputMode "multiHot", "count" or "tfIdf"; for "int" use transformIds`, { column: this.name });
    }
    const t = this.tablesFor(s);
    return bagsToCsr(this.bags(t, this.prepare(values, s).docs), t.width, s.outputMode, s.idf);
  }

  /** Every document's token indices (mask "" as -1: dropped). */
  private bags(t: Tables, docs: readonly string[]): Bags {
    const rows = docs.length;
    const ptr = new Int32Array(rows + 1);
    let ids = new Int32Array(64);
    let k = 0;
    for (let r = 0; r < rows; r++) {
      const tokens = t.tokenize(docs[r]);
      if (k + tokens.length > ids.length) {
        const grown = new Int32Array(Math.max(k + tokens.length, ids.length * 2));
        grown.set(ids.subarray(0, k));
        ids = grown;
      }
      for (const tok of tokens) ids[k++] = tok === MASK_TOKEN ? -1 : idOf(t, tok);
      ptr[r + 1] = k;
    }
    return { rows, ptr, ids: ids.subarray(0, k) };
  }

  private tablesFor(s: TextVectorizerState): Tables {
    let t = this.tables.get(s);
    if (t === undefined) {
      const layout = indexLayout(s.outputMode === "int", 1, s.vocabulary.length);
      const index = new Map<string, number>();
      for (let i = 0; i < s.vocabulary.length; i++) index.set(s.vocabulary[i], layout.tokenStart + i);
      // int mode: the mask "" maps to 0 (Keras).
      if (s.outputMode === "int") index.set(MASK_TOKEN, 0);
      const width = s.outputMode === "int" ? s.outputSequenceLength : s.padToMaxTokens ? s.maxTokens : layout.size;
      t = { layout, index, width, tokenize: kerasTokenizer(s.standardize, s.split, s.ngrams, this.who) };
      this.tables.set(s, t);
    }
    return t;
  }
}

function idOf(t: Tables, token: string): number {
  return t.index.get(token) ?? t.layout.oovStart;
}

// ---- options ----

function list(values: readonly unknown[]): string {
  return values.map((v) => (v === null ? "null" : JSON.stringify(v))).join(", ");
}

function resolve(options: TextVectorizerOptions, who: string): Resolved {
  if (options === null || typeof options !== "object") throw new InvalidOptionError(`${who}: options must be an object, got ${describeValue(options)}`);
  const outputMode = options.outputMode ?? "int";
  if (!MODES.includes(outputMode)) throw new InvalidOptionError(`${who}: outputMode must be one of ${list(MODES)}, got ${describeValue(outputMode)}`);
  const standardize = options.standardize === undefined ? "lower_and_strip_punctuation" : options.standardize;
  if (!STANDARDIZE.includes(standardize)) throw new InvalidOptionError(`${who}: standardize must be one of ${list(STANDARDIZE)}, got ${describeValue(standardize)}`);
  const split = options.split === undefined ? "whitespace" : options.split;
  if (!SPLITS.includes(split)) throw new InvalidOptionError(`${who}: split must be one of ${list(SPLITS)}, got ${describeValue(split)}`);
  const ngrams = resolveNgrams(options.ngrams ?? null, who);
  const missing = options.missing ?? "error";
  if (missing !== "error" && missing !== "empty") throw new InvalidOptionError(`${who}: missing must be "error" or "empty", got ${describeValue(missing)}`);
  const padToMaxTokens = options.padToMaxTokens ?? false;
  if (typeof padToMaxTokens !== "boolean") throw new InvalidOptionError(`${who}: padToMaxTokens must be true or false, got ${describeValue(padToMaxTokens)}`);
  const maxTokens = options.maxTokens ?? null;
  const tokenStart = outputMode === "int" ? 2 : 1;
  if (maxTokens !== null) {
    if (!(Number.isInteger(maxTokens) && maxTokens >= 1 && maxTokens <= MAX_TOKENS_LIMIT)) {
      throw new InvalidOptionError(`${who}: maxTokens must be an integer from 1 to ${MAX_TOKENS_LIMIT} (or null for no limit), got ${describeValue(maxTokens)}`);
    }
    if (maxTokens <= tokenStart) {
      throw new InvalidOptionError(
        `${who}: maxTokens ${maxTokens} counts ${outputMode === "int" ? "the mask and " : ""}the OOV index and leaves no room for a vocabulary token; use maxTokens > ${tokenStart}`,
      );
    }
  }
  if (padToMaxTokens) {
    if (outputMode === "int") throw new InvalidOptionError(`${who}: padToMaxTokens applies to outputMode "multiHot", "count" or "tfIdf"; "int" rows have outputSequenceLength ids`);
    if (maxTokens === null) throw new InvalidOptionError(`${who}: padToMaxTokens needs maxTokens (the padded width); set maxTokens or drop padToMaxTokens`);
    if (maxTokens > MAX_PADDED_WIDTH) throw new InvalidOptionError(`${who}: padToMaxTokens pads to at most ${MAX_PADDED_WIDTH} columns, but maxTokens is ${maxTokens}; use a smaller maxTokens, or transformSparse without padding`);
  }
  const osl = options.outputSequenceLength ?? null;
  let outputSequenceLength = 0;
  if (outputMode === "int") {
    if (osl === null) {
      throw new InvalidOptionError(
        `${who}: outputMode "int" needs outputSequenceLength (an integer from 1 to ${MAX_SEQUENCE_LENGTH}): rows are padded with 0 or truncated to it, so the output has a fixed width (Keras would pad to the longest row of each batch, which depends on the batch)`,
      );
    }
    if (!(Number.isInteger(osl) && osl >= 1 && osl <= MAX_SEQUENCE_LENGTH)) {
      throw new InvalidOptionError(`${who}: outputSequenceLength must be an integer from 1 to ${MAX_SEQUENCE_LENGTH}, got ${describeValue(osl)}`);
    }
    outputSequenceLength = osl;
  } else if (osl !== null) {
    throw new InvalidOptionError(`${who}: outputSequenceLength applies to outputMode "int" only (Keras too); drop it for ${JSON.stringify(outputMode)}`);
  }
  return { maxTokens, standardize: standardize ?? "none", split: split ?? "none", ngrams, outputMode, outputSequenceLength, padToMaxTokens, missing };
}

function resolveNgrams(ngrams: number | readonly number[] | null, who: string): number[] {
  const bad = (): InvalidOptionError =>
    new InvalidOptionError(`${who}: ngrams must be null, an integer N from 1 to ${MAX_NGRAM} (sizes 1..N), or strictly increasing sizes from 1 to ${MAX_NGRAM}, got ${describeValue(ngrams)}`);
  if (ngrams === null) return [1];
  if (typeof ngrams === "number") {
    if (!(Number.isInteger(ngrams) && ngrams >= 1 && ngrams <= MAX_NGRAM)) throw bad();
    return Array.from({ length: ngrams }, (_, i) => i + 1);
  }
  if (!Array.isArray(ngrams) || ngrams.length === 0) throw bad();
  const out: number[] = [];
  for (const n of ngrams as unknown[]) {
    if (typeof n !== "number" || !Number.isInteger(n) || n < 1 || n > MAX_NGRAM || (out.length > 0 && n <= out[out.length - 1])) throw bad();
    out.push(n);
  }
  return out;
}

function widthOf(o: Resolved, layout: IndexLayout): number {
  if (o.outputMode === "int") return o.outputSequenceLength;
  return o.padToMaxTokens ? o.maxTokens! : layout.size;
}

function makeState(o: Resolved, tokens: string[], idf: Float64Array, fixed: boolean, documents: number): TextVectorizerState {
  return {
    nFeaturesIn: 1,
    standardize: o.standardize,
    split: o.split,
    ngrams: o.ngrams.slice(),
    outputMode: o.outputMode,
    outputSequenceLength: o.outputSequenceLength,
    maxTokens: o.maxTokens ?? 0,
    padToMaxTokens: o.padToMaxTokens,
    vocabulary: tokens,
    idf,
    fixedVocabulary: fixed,
    missing: o.missing,
    documents,
  };
}

/** Validates a given vocabulary the way Keras set_vocabulary does and builds the state. */
function givenState(o: Resolved, vocabulary: readonly string[], idfWeights: ArrayLike<number> | undefined, who: string): TextVectorizerState {
  if (!Array.isArray(vocabulary)) throw new InvalidOptionError(`${who}: vocabulary must be an array of strings, got ${describeValue(vocabulary)}`);
  if (vocabulary.length === 0) throw new InvalidOptionError(`${who}: vocabulary is empty (Keras refuses an empty vocabulary too); give at least one token or fit instead`);
  vocabulary.forEach((t, i) => {
    if (typeof t !== "string" || !t.isWellFormed()) throw new InvalidOptionError(`${who}: vocabulary entry ${i} is ${describeValue(t)}; the vocabulary must hold well-formed strings`);
  });
  const special = o.outputMode === "int" ? [MASK_TOKEN, OOV_TOKEN] : [OOV_TOKEN];
  const includesSpecial = vocabulary.length >= special.length && special.every((s, i) => vocabulary[i] === s);
  const tokens = includesSpecial ? vocabulary.slice(special.length) : vocabulary.slice();
  const seen = new Set<string>();
  for (const t of tokens) {
    if (seen.has(t)) throw new InvalidOptionError(`${who}: vocabulary holds ${describeValue(t)} more than once; give each token once`);
    seen.add(t);
  }
  if (seen.has(MASK_TOKEN)) throw new InvalidOptionError(`${who}: the vocabulary holds the mask token ""; leave it out, or put the special tokens only at the start in this order: ${list(special)}`);
  if (tokens.length === 0) throw new InvalidOptionError(`${who}: vocabulary holds only the special tokens; give at least one token`);
  const layout = indexLayout(o.outputMode === "int", 1, tokens.length);
  if (o.maxTokens !== null && layout.size > o.maxTokens) {
    throw new InvalidOptionError(`${who}: the vocabulary needs ${layout.size} indices (with mask and OOV) but maxTokens is ${o.maxTokens}; raise maxTokens or shorten the vocabulary`);
  }
  let idf: Float64Array = new Float64Array(0);
  if (o.outputMode === "tfIdf") {
    if (idfWeights === undefined) throw new InvalidOptionError(`${who}: outputMode "tfIdf" with a given vocabulary needs idfWeights (one per vocabulary entry), as Keras does`);
    if (idfWeights === null || typeof (idfWeights as { length?: unknown }).length !== "number" || idfWeights.length !== vocabulary.length) {
      throw new InvalidOptionError(`${who}: idfWeights must hold one number per vocabulary entry (${vocabulary.length}), got ${describeValue(idfWeights)}`);
    }
    for (let i = 0; i < idfWeights.length; i++) {
      if (typeof idfWeights[i] !== "number" || !Number.isFinite(idfWeights[i])) throw new InvalidOptionError(`${who}: idfWeights[${i}] is ${describeValue(idfWeights[i])}; weights must be finite numbers`);
    }
    idf = givenIdfWeights(indexLayout(false, 1, 0), idfWeights, includesSpecial, widthOf(o, layout));
  } else if (idfWeights !== undefined) {
    throw new InvalidOptionError(`${who}: idfWeights apply to outputMode "tfIdf" only (this one has ${JSON.stringify(o.outputMode)}); drop idfWeights`);
  }
  return makeState(o, tokens, idf, true, 0);
}

/** Rebuilds from artefact state, checking it is one this library could have written. */
function restore(s: TextVectorizerState, name: string | undefined): TextVectorizer {
  const bad = (why: string): ArtefactError => new ArtefactError(`artefact TextVectorizer state is inconsistent: ${why}`);
  const v = new TextVectorizer({
    name,
    maxTokens: s.maxTokens === 0 ? null : s.maxTokens,
    standardize: s.standardize === "none" ? null : s.standardize,
    split: s.split === "none" ? null : s.split,
    ngrams: s.ngrams,
    outputMode: s.outputMode,
    outputSequenceLength: s.outputMode === "int" ? s.outputSequenceLength : null,
    padToMaxTokens: s.padToMaxTokens,
    missing: s.missing,
  });
  const seen = new Set<string>();
  for (const t of s.vocabulary) {
    if (!t.isWellFormed()) throw bad("a vocabulary token is not well-formed text");
    if (t === MASK_TOKEN || seen.has(t)) throw bad(`vocabulary holds ${describeValue(t)} where it cannot`);
    seen.add(t);
  }
  const layout = indexLayout(s.outputMode === "int", 1, s.vocabulary.length);
  if (s.maxTokens !== 0 && layout.size > s.maxTokens) throw bad(`${layout.size} indices exceed max_tokens ${s.maxTokens}`);
  const idfLength = s.outputMode === "tfIdf" ? (s.padToMaxTokens ? s.maxTokens : layout.size) : 0;
  if (s.idf.length !== idfLength) throw bad(`idf holds ${s.idf.length} weights, expected ${idfLength}`);
  for (let i = 0; i < s.idf.length; i++) if (!Number.isFinite(s.idf[i])) throw bad(`idf[${i}] is ${s.idf[i]}`);
  return v.loadState(s);
}
