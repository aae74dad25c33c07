/**
 * Tokenizer: a Hugging Face-compatible subword tokenizer (WordPiece or BPE) as a transform.
 *
 *  - fit(documents) trains the model the way HF's trainers do (models/bpe/trainer.ts):
 *    the accumulator is the count of every pre-tokenized word — plain data, merged by
 *    adding counts, so partialFit/merge over shards trains exactly what fit would.
 *  - transform(documents) gives, per document, the ids of encode(document) (special tokens
 *    included), truncated to `outputSequenceLength` by HF's rules (room kept for the special
 *    tokens) and padded to it with `padId`, as float32 (exact: ids stay below 2^24);
 *    transformIds gives the same as Int32Array.
 *  - encode / encodeBatch / decode follow HF's Tokenizer: ids, tokens, offsets into the
 *    original text (code points by default, as HF's bindings report; UTF-16 on request),
 *    attention mask, type ids, special-token mask, word ids; pairs through the
 *    post-processor's template; truncation and padding from the configuration.
 *  - Tokenizer.fromTokenizerJson / toTokenizerJson read and write HF tokenizer.json; the
 *    result saves into a skewless artefact like any other transform.
 *
 * Text: documents holding lone surrogates are refused (typed error) as in every text
 * transform. Unicode classes are HF's own (baked from the reference, unicode/); NFx
 * normalization uses the engine's tables, which agree with HF's on all characters assigned
 * before Unicode 16. Scripts without spaces (Thai, Khmer, Japanese) are not segmented
 * into words by any pre-tokenizer here, as in HF: the subword model splits the run.
 */
import type { TokenizerState } from "../../../artefact/states.js";
import { InvalidInputError, InvalidOptionError } from "../../../core/errors.js";
import type { AccumulatorSpec } from "../../../core/transform.js";
import { outputBuffer } from "../../base.js";
import { type PreparedText, type TextColumn, TextTransform, readTextColumn } from "../base.js";
import type { AddedTokenConfig, ModelSettings, PipelineConfig, PostProcessorConfig, TemplateSpecialToken, Vocabulary } from "./config.js";
import type { Encoding } from "./encoding.js";
import { trainBpe } from "./models/bpe/trainer.js";
import { trainWordPiece } from "./models/wordpiece/trainer.js";
import { type TokenizerOptions, type TokenizerSettings, validateTokenizerOptions } from "./options.js";
import { type EncodeInput, type EncodeOptions, TokenizerPipeline } from "./pipeline.js";
import { parseTemplateString } from "./post_processors/index.js";
import { parseAddedTokens, parsePadding, parseTokenizerJson, parseTruncation, serializeTokenizerJson } from "./tokenizer-json.js";
import { obj } from "./json-fields.js";
import { parseNormalizer } from "./normalizers/index.js";
import { parsePreTokenizer } from "./pre_tokenizers/index.js";
import { parsePostProcessor } from "./post_processors/index.js";
import { parseDecoder } from "./decoders/index.js";
import { parseBpe } from "./models/bpe/serialization.js";
import { parseWordPiece } from "./models/wordpiece/serialization.js";

/** The fit accumulator: pre-tokenized words with their counts, and the documents seen. */
export interface WordCounts {
  words: Map<string, number>;
  documents: number;
}

/** ids must stay exact in float32 output. */
const MAX_IDS = 1 << 24;

export type TokenizerPreset = TokenizerState["preset"];

/** Preset classes (WordPiece, BPE) by name, so a loaded artefact comes back as its class. */
const PRESET_CLASSES = new Map<TokenizerPreset, { prototype: Tokenizer }>();

/** Called by presets.ts for each preset class. */
export function registerPreset(name: TokenizerPreset, cls: { prototype: Tokenizer }): void {
  PRESET_CLASSES.set(name, cls);
}

export class Tokenizer extends TextTransform<"Tokenizer", WordCounts> {
  readonly kind = "Tokenizer" as const;
  protected readonly settings: TokenizerSettings;
  protected readonly preset: TokenizerPreset;
  private readonly pipelines = new WeakMap<TokenizerState, TokenizerPipeline>();
  private trainingPipeline: TokenizerPipeline | null = null;

  constructor(options: TokenizerOptions, preset: TokenizerPreset = "Tokenizer") {
    super(options?.name);
    this.settings = validateTokenizerOptions(options, `${preset} "${this.name}"`);
    this.preset = preset;
  }

  /**
   * A fitted tokenizer from the text of a Hugging Face tokenizer.json. Unsupported
   * components raise an UnsupportedComponentError naming them. `fit` on the result
   * retrains the model with HF's default trainer settings for its type.
   */
  static fromTokenizerJson(json: string, options: { name?: string; outputSequenceLength?: number; padToken?: string | null; missing?: "error" | "empty"; maxLength?: number } = {}): Tokenizer {
    const { config, vocabulary } = parseTokenizerJson(json, options.maxLength);
    const t = new Tokenizer(settingsOptions(config, options));
    t.install(config, vocabulary);
    return t;
  }

  /** Rebuilds a tokenizer from artefact state (the registry calls this). */
  static fromState(state: TokenizerState, name: string): Tokenizer {
    const config = parsePipelineJson(state.pipeline);
    const t = new Tokenizer({ ...settingsOptions(config, {}), name, outputSequenceLength: state.outputSequenceLength, missing: state.missing }, state.preset);
    // A preset class adds only constructor defaults, no fields: the instance takes its prototype.
    const cls = PRESET_CLASSES.get(state.preset);
    if (cls !== undefined) Object.setPrototypeOf(t, cls.prototype);
    t.adopt(state);
    return t;
  }

  /** Installs a loaded state, checking it builds (used by fromState and presets). */
  protected adopt(state: TokenizerState): void {
    const p = this.pipelineFor(state);
    if (state.padId >= p.vocabSize && state.padId !== 0) {
      throw new InvalidOptionError(`${this.who}: pad id ${state.padId} is not a token id (vocabulary of ${p.vocabSize})`);
    }
    this.setState(state);
  }

  private install(config: PipelineConfig, vocabulary: Vocabulary): void {
    const s = this.settings;
    const state: TokenizerState = {
      nFeaturesIn: 1,
      pipeline: pipelineJson(config),
      vocab: vocabulary.tokens.slice(),
      merges: vocabulary.merges,
      outputSequenceLength: s.outputSequenceLength,
      padId: 0,
      missing: s.missing,
      preset: this.preset,
    };
    const p = this.pipelineFor(state);
    state.padId = this.resolvePadId(p, config);
    this.checkFits(p, state);
    this.setState(state);
  }

  protected accumulatorSpec(): AccumulatorSpec<TextColumn, WordCounts, TokenizerState> {
    return {
      init: () => ({ words: new Map(), documents: 0 }),
      update: (acc, batch) => {
        const x = readTextColumn(batch, this.who, this.settings.missing);
        const p = this.forTraining();
        for (const doc of x.docs) {
          for (const s of p.splits(doc, false)) acc.words.set(s.ns.text, (acc.words.get(s.ns.text) ?? 0) + 1);
        }
        acc.documents += x.rows;
        return acc;
      },
      merge: (a, b) => {
        const words = new Map(a.words);
        for (const [w, c] of b.words) words.set(w, (words.get(w) ?? 0) + c);
        return { words, documents: a.documents + b.documents };
      },
      finalize: (acc) => this.train(acc),
    };
  }

  /** The pipeline without a vocabulary, used to split training documents into words. */
  private forTraining(): TokenizerPipeline {
    if (this.trainingPipeline === null) {
      const config = this.configFor([], []);
      this.trainingPipeline = new TokenizerPipeline(config, { tokens: [], merges: new Uint32Array(0) });
    }
    return this.trainingPipeline;
  }

  /** The pipeline configuration for a vocabulary (special tokens as added tokens, template ids resolved). */
  private configFor(tokens: readonly string[], added: AddedTokenConfig[]): PipelineConfig {
    const s = this.settings;
    const model: ModelSettings =
      s.model === "WordPiece"
        ? { type: "WordPiece", unk_token: s.unkToken!, continuing_subword_prefix: s.trainer.continuingSubwordPrefix!, max_input_chars_per_word: s.maxInputCharsPerWord }
        : {
            type: "BPE",
            dropout: null,
            unk_token: s.unkToken,
            continuing_subword_prefix: s.trainer.continuingSubwordPrefix,
            end_of_word_suffix: s.trainer.endOfWordSuffix,
            fuse_unk: false,
            byte_fallback: false,
            ignore_merges: false,
          };
    let post: PostProcessorConfig | null = s.postProcessor;
    if (s.template !== null && tokens.length > 0) post = this.templateFor(tokens, added);
    return {
      truncation: s.truncation,
      padding: s.padding,
      added_tokens: added,
      normalizer: s.normalizer,
      pre_tokenizer: s.preTokenizer,
      post_processor: post,
      decoder: s.decoder,
      model,
    };
  }

  private templateFor(tokens: readonly string[], added: AddedTokenConfig[]): PostProcessorConfig {
    const t = this.settings.template!;
    const single = parseTemplateString(t.single, "template.single");
    const pair = parseTemplateString(t.pair, "template.pair");
    const idOf = (tok: string): number => {
      const a = added.find((x) => x.content === tok);
      const i = a !== undefined ? a.id : tokens.indexOf(tok);
      if (i < 0) {
        throw new InvalidOptionError(`${this.who}: template token ${JSON.stringify(tok)} is not in the trained vocabulary; list it in specialTokens`, { column: this.name, value: tok });
      }
      return i;
    };
    const special: Record<string, TemplateSpecialToken> = Object.create(null);
    const names = new Set<string>();
    for (const p of [...single, ...pair]) if ("SpecialToken" in p) names.add(p.SpecialToken.id);
    for (const n of [...names].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0))) special[n] = { id: n, ids: [idOf(n)], tokens: [n] };
    return { type: "TemplateProcessing", single, pair, special_tokens: special };
  }

  private train(acc: WordCounts): TokenizerState {
    if (acc.documents === 0) {
      throw new InvalidInputError(`${this.who} saw no documents; fit it on at least one document (an empty string counts)`, { column: this.name });
    }
    const s = this.settings;
    let vocabulary: Vocabulary;
    if (s.model === "BPE") {
      const r = trainBpe(acc.words, s.trainer);
      vocabulary = { tokens: r.tokens, merges: r.merges };
    } else {
      vocabulary = { tokens: trainWordPiece(acc.words, s.trainer), merges: new Uint32Array(0) };
    }
    const ids = new Map<string, number>();
    vocabulary.tokens.forEach((t, i) => ids.set(t, i));
    // HF Tokenizer::train adds the trainer's special tokens as special added tokens.
    const added: AddedTokenConfig[] = s.trainer.specialTokens.map((content) => ({
      id: ids.get(content)!,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    }));
    const config = this.configFor(vocabulary.tokens, added);
    const state: TokenizerState = {
      nFeaturesIn: 1,
      pipeline: pipelineJson(config),
      vocab: vocabulary.tokens,
      merges: vocabulary.merges,
      outputSequenceLength: s.outputSequenceLength,
      padId: 0,
      missing: s.missing,
      preset: this.preset,
    };
    const p = this.pipelineFor(state);
    state.padId = this.resolvePadId(p, config);
    this.checkFits(p, state);
    return state;
  }

  private resolvePadId(p: TokenizerPipeline, config: PipelineConfig): number {
    const tok = this.settings.padToken ?? config.padding?.pad_token ?? null;
    if (this.settings.padToken === null && config.padding !== null) return config.padding.pad_id;
    if (tok === null) return 0;
    const id = p.tokenToId(tok);
    if (id === undefined) throw new InvalidOptionError(`${this.who}: padToken ${JSON.stringify(tok)} is not in the vocabulary; list it in specialTokens or pick another`, { column: this.name, value: tok });
    return id;
  }

  private checkFits(p: TokenizerPipeline, state: TokenizerState): void {
    if (p.vocabSize > MAX_IDS) throw new InvalidOptionError(`${this.who}: ${p.vocabSize} token ids do not all fit float32 output exactly (limit 2^24)`);
    const added = p.config.post_processor === null ? 0 : Math.max(p.encode("", {}, false, false).ids.length, 0);
    if (added > state.outputSequenceLength) {
      throw new InvalidOptionError(`${this.who}: outputSequenceLength ${state.outputSequenceLength} is shorter than the ${added} special tokens the post-processor adds; raise it`, { column: this.name });
    }
  }

  protected pipelineFor(state: TokenizerState): TokenizerPipeline {
    let p = this.pipelines.get(state);
    if (p === undefined) {
      p = new TokenizerPipeline(parsePipelineJson(state.pipeline), { tokens: state.vocab, merges: state.merges });
      this.pipelines.set(state, p);
    }
    return p;
  }

  private get pipeline(): TokenizerPipeline {
    return this.pipelineFor(this.state());
  }

  protected prepare(values: TextColumn, state: TokenizerState): PreparedText {
    return readTextColumn(values, this.who, state.missing);
  }

  protected widthFor(s: TokenizerState): number {
    return s.outputSequenceLength;
  }

  protected namesFor(s: TokenizerState, inputNames: string[]): string[] {
    return Array.from({ length: s.outputSequenceLength }, (_, i) => `${inputNames[0]}_${i}`);
  }

  protected apply(s: TokenizerState, x: PreparedText, out: Float32Array): void {
    this.writeIds(s, x, out);
  }

  private writeIds(s: TokenizerState, x: PreparedText, out: Float32Array | Int32Array): void {
    const p = this.pipelineFor(s);
    const L = s.outputSequenceLength;
    const left = p.config.padding?.direction === "Left";
    for (let r = 0; r < x.rows; r++) {
      const ids = p.encodeIds(x.docs[r], L);
      const base = r * L;
      const pad = L - ids.length;
      const at = left ? base + pad : base;
      for (let k = 0; k < ids.length; k++) out[at + k] = ids[k];
      if (left) out.fill(s.padId, base, base + pad);
      else out.fill(s.padId, base + ids.length, base + L);
    }
  }

  /** transform() as Int32Array ids (n x outputSequenceLength). */
  transformIds(values: TextColumn, out?: Int32Array): Int32Array {
    const s = this.state();
    const x = this.prepare(values, s);
    const need = x.rows * s.outputSequenceLength;
    let target: Int32Array;
    if (out === undefined) target = new Int32Array(need);
    else {
      if (!(out instanceof Int32Array) || out.length < need) {
        throw new InvalidInputError(`${this.who}: out must be an Int32Array of at least ${need} values`);
      }
      target = out.length === need ? out : out.subarray(0, need);
    }
    this.writeIds(s, x, target);
    return target;
  }

  /** transform() into a caller's Float32Array (same as the base transform; kept for symmetry with transformIds). */
  transformInto(values: TextColumn, out: Float32Array): Float32Array {
    const s = this.state();
    const x = this.prepare(values, s);
    const target = outputBuffer(out, x.rows * s.outputSequenceLength, this.who, x.rows, s.outputSequenceLength);
    this.writeIds(s, x, target);
    return target;
  }

  /** HF encode: one text, or a pair through the post-processor's pair template. */
  encode(text: string, pair?: string | null, options: EncodeOptions = {}): Encoding {
    const input: EncodeInput = pair === undefined || pair === null ? text : [text, pair];
    return this.pipeline.encode(input, options);
  }

  /** HF encode_batch: several inputs (texts or [text, pair] pairs), padded together when padding is configured. */
  encodeBatch(inputs: readonly EncodeInput[], options: EncodeOptions = {}): Encoding[] {
    if (!Array.isArray(inputs)) throw new InvalidInputError(`${this.who}: encodeBatch takes an array of texts or [text, pair] pairs`);
    return this.pipeline.encodeBatch(inputs, options);
  }

  /**
   * Ids only, for each text (HF's encode_fast): the ids of encode(text) with the configured
   * truncation, without offsets or padding — the fastest way to tokenize a corpus.
   */
  encodeBatchIds(texts: readonly string[], options: { addSpecialTokens?: boolean } = {}): number[][] {
    const x = readTextColumn(texts, this.who, "error");
    const p = this.pipeline;
    const add = options.addSpecialTokens ?? true;
    return x.docs.map((d) => p.encodeIds(d, Number.MAX_SAFE_INTEGER, add));
  }

  /** HF decode: ids back to text (special tokens skipped by default). */
  decode(ids: ArrayLike<number>, skipSpecialTokens = true): string {
    return this.pipeline.decode(ids, skipSpecialTokens);
  }

  /** Id of a token (added tokens first), or undefined. */
  tokenToId(token: string): number | undefined {
    return this.pipeline.tokenToId(token);
  }

  /** Token of an id, or undefined. */
  idToToken(id: number): string | undefined {
    return this.pipeline.idToToken(id);
  }

  /** Number of ids (model vocabulary and added tokens). */
  get vocabSize(): number {
    return this.pipeline.vocabSize;
  }

  /** The model's tokens by id. */
  get vocab(): string[] {
    return this.state().vocab.slice();
  }

  /** The Hugging Face tokenizer.json of this tokenizer (HF's key order and layout). */
  toTokenizerJson(): string {
    const s = this.state();
    return serializeTokenizerJson(this.pipeline.config, { tokens: s.vocab, merges: s.merges });
  }
}

/** The compact JSON of a pipeline configuration (the artefact's pipeline field). */
export function pipelineJson(c: PipelineConfig): string {
  return JSON.stringify({
    truncation: c.truncation,
    padding: c.padding,
    added_tokens: c.added_tokens,
    normalizer: c.normalizer,
    pre_tokenizer: c.pre_tokenizer,
    post_processor: c.post_processor,
    decoder: c.decoder,
    model: c.model,
  });
}

/** Parses and validates the pipeline JSON of an artefact with the tokenizer.json readers. */
export function parsePipelineJson(json: string): PipelineConfig {
  let root: unknown;
  try {
    root = JSON.parse(json);
  } catch (e) {
    throw new InvalidOptionError(`tokenizer pipeline is not valid JSON: ${(e as Error).message}`);
  }
  const o = obj(root, "pipeline");
  const m = obj(o.model, "model");
  const model =
    m.type === "WordPiece"
      ? parseWordPiece({ ...m, vocab: {} }, "model").settings
      : m.type === "BPE"
        ? parseBpe({ ...m, vocab: {}, merges: [] }, "model").settings
        : (() => {
            throw new InvalidOptionError(`tokenizer pipeline model type ${JSON.stringify(m.type)} is not WordPiece or BPE`);
          })();
  return {
    truncation: parseTruncation(o.truncation),
    padding: parsePadding(o.padding),
    added_tokens: parseAddedTokens(o.added_tokens),
    normalizer: o.normalizer == null ? null : parseNormalizer(o.normalizer),
    pre_tokenizer: o.pre_tokenizer == null ? null : parsePreTokenizer(o.pre_tokenizer),
    post_processor: o.post_processor == null ? null : parsePostProcessor(o.post_processor),
    decoder: o.decoder == null ? null : parseDecoder(o.decoder),
    model,
  };
}

/** Options that rebuild (and, on fit, retrain with HF's default trainer) a tokenizer of this configuration. */
function settingsOptions(c: PipelineConfig, o: { name?: string; outputSequenceLength?: number; padToken?: string | null; missing?: "error" | "empty" }): TokenizerOptions {
  const m = c.model;
  return {
    name: o.name,
    model: m.type,
    specialTokens: c.added_tokens.filter((t) => t.special).map((t) => t.content),
    continuingSubwordPrefix: m.continuing_subword_prefix,
    endOfWordSuffix: m.type === "BPE" ? m.end_of_word_suffix : null,
    unkToken: m.unk_token,
    maxInputCharsPerWord: m.type === "WordPiece" ? m.max_input_chars_per_word : undefined,
    normalizer: c.normalizer,
    preTokenizer: c.pre_tokenizer,
    postProcessor: c.post_processor,
    decoder: c.decoder,
    truncation: c.truncation,
    padding: c.padding,
    outputSequenceLength: o.outputSequenceLength,
    padToken: o.padToken,
    missing: o.missing,
  };
}
