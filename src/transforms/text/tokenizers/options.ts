/**
 * Options of the Tokenizer transform: trainer settings in camelCase (HF's trainer names),
 * pipeline components in tokenizer.json's own shapes, and the transform's output shape.
 * Validation throws InvalidOptionError naming the option, the value and what is allowed.
 */
import { InvalidOptionError, describeValue } from "../../../core/errors.js";
import type { TransformOptions } from "../../base.js";
import type { TextMissingPolicy } from "../base.js";
import type { DecoderConfig, NormalizerConfig, PaddingConfig, PostProcessorConfig, PreTokenizerConfig, TruncationConfig } from "./config.js";
import { parseDecoder } from "./decoders/index.js";
import { parseNormalizer } from "./normalizers/index.js";
import { parsePostProcessor, parseTemplateString } from "./post_processors/index.js";
import { parsePreTokenizer } from "./pre_tokenizers/index.js";
import { parsePadding, parseTruncation } from "./tokenizer-json.js";
import type { BpeTrainerSettings } from "./models/bpe/trainer.js";

export interface TokenizerOptions extends TransformOptions {
  /** The subword model to train: "WordPiece" or "BPE". */
  model: "WordPiece" | "BPE";
  /** Target vocabulary size, special tokens and alphabet included (default 30000). */
  vocabSize?: number;
  /** A pair must occur at least this often to be merged (default 0, HF's trainer default). */
  minFrequency?: number;
  /** Tokens put first in the vocabulary (ids 0, 1, ...) and matched whole in text. */
  specialTokens?: string[];
  /** Keep at most this many characters in the initial alphabet (the rarest go); null = all. */
  limitAlphabet?: number | null;
  /** Characters always in the alphabet (e.g. the 256 byte-level characters). */
  initialAlphabet?: string[];
  /** Prefix of non-initial subwords (WordPiece default "##", BPE default none). */
  continuingSubwordPrefix?: string | null;
  /** Suffix of word-final subwords (BPE, e.g. "</w>"); default none. */
  endOfWordSuffix?: string | null;
  /** Longest merged token, in characters; null = unlimited. */
  maxTokenLength?: number | null;
  /** Token for what the model cannot encode (WordPiece default "[UNK]", BPE default none: dropped). */
  unkToken?: string | null;
  /** WordPiece: words longer than this many characters become the unknown token (default 100). */
  maxInputCharsPerWord?: number;
  normalizer?: NormalizerConfig | null;
  preTokenizer?: PreTokenizerConfig | null;
  /** An explicit post-processor (ids fixed), or use `template` (ids resolved after training). */
  postProcessor?: PostProcessorConfig | null;
  /** TemplateProcessing by HF's string syntax, special token ids taken from the trained vocabulary, e.g. { single: "[CLS] $A [SEP]", pair: "[CLS] $A [SEP] $B:1 [SEP]:1" }. */
  template?: { single: string; pair?: string } | null;
  decoder?: DecoderConfig | null;
  truncation?: Partial<TruncationConfig> | null;
  padding?: Partial<PaddingConfig> | null;
  /** Width of transform(): ids truncated (room kept for special tokens) and padded to it (default 128). */
  outputSequenceLength?: number;
  /** Token whose id fills padding in transform() (default: padding.pad_token's id when padding is set, else id 0). */
  padToken?: string | null;
  /** null/undefined documents: "error" (default) or "empty" (as ""). */
  missing?: TextMissingPolicy;
}

export interface TokenizerSettings {
  model: "WordPiece" | "BPE";
  trainer: BpeTrainerSettings;
  unkToken: string | null;
  maxInputCharsPerWord: number;
  normalizer: NormalizerConfig | null;
  preTokenizer: PreTokenizerConfig | null;
  postProcessor: PostProcessorConfig | null;
  template: { single: string; pair: string } | null;
  decoder: DecoderConfig | null;
  truncation: TruncationConfig | null;
  padding: PaddingConfig | null;
  outputSequenceLength: number;
  padToken: string | null;
  missing: TextMissingPolicy;
}

const KNOWN = new Set([
  "name", "model", "vocabSize", "minFrequency", "specialTokens", "limitAlphabet", "initialAlphabet", "continuingSubwordPrefix", "endOfWordSuffix",
  "maxTokenLength", "unkToken", "maxInputCharsPerWord", "normalizer", "preTokenizer", "postProcessor", "template", "decoder", "truncation", "padding",
  "outputSequenceLength", "padToken", "missing",
]);

function bad(who: string, option: string, value: unknown, allowed: string): InvalidOptionError {
  return new InvalidOptionError(`${who}: option ${option} is ${describeValue(value)}; ${allowed}`, { column: who, value: describeValue(value) });
}

function intOption(who: string, name: string, v: unknown, dflt: number, min: number, max = 0xffffffff): number {
  if (v === undefined) return dflt;
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) throw bad(who, name, v, `use an integer in [${min}, ${max}]`);
  return v;
}

function nullableInt(who: string, name: string, v: unknown, min: number): number | null {
  if (v === undefined || v === null) return null;
  return intOption(who, name, v, 0, min);
}

function nullableString(who: string, name: string, v: unknown, dflt: string | null): string | null {
  if (v === undefined) return dflt;
  if (v === null) return null;
  if (typeof v !== "string" || !v.isWellFormed()) throw bad(who, name, v, "use a string (or null)");
  return v;
}

/** Parses a component option; its errors (typed, UnsupportedComponentError included) get the transform's name in front. */
function component<T>(who: string, name: string, v: unknown, parse: (v: unknown, path: string) => T): T | null {
  if (v === undefined || v === null) return null;
  try {
    return parse(v, name);
  } catch (e) {
    if (e instanceof InvalidOptionError) e.message = `${who}: option ${e.message.replace(/^tokenizer field /, "")}`;
    throw e;
  }
}

export function validateTokenizerOptions(o: TokenizerOptions, who: string): TokenizerSettings {
  if (o === null || typeof o !== "object") throw bad(who, "options", o, 'pass an object such as { model: "WordPiece" }');
  for (const k of Object.keys(o)) if (!KNOWN.has(k)) throw bad(who, k, (o as unknown as Record<string, unknown>)[k], `unknown option; the options are ${[...KNOWN].join(", ")}`);
  if (o.model !== "WordPiece" && o.model !== "BPE") throw bad(who, "model", o.model, 'use "WordPiece" or "BPE"');
  const wp = o.model === "WordPiece";
  const strings = (name: string, v: unknown): string[] => {
    if (v === undefined) return [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== "string" || x === "" || !x.isWellFormed())) throw bad(who, name, v, "use an array of non-empty strings");
    return v.slice();
  };
  const specialTokens = strings("specialTokens", o.specialTokens);
  const initialAlphabet = strings("initialAlphabet", o.initialAlphabet).map((c) => {
    if (Array.from(c).length !== 1) throw bad(who, "initialAlphabet", o.initialAlphabet, "use single characters (one code point each)");
    return c;
  });
  const trainer: BpeTrainerSettings = {
    vocabSize: intOption(who, "vocabSize", o.vocabSize, 30000, 1),
    minFrequency: intOption(who, "minFrequency", o.minFrequency, 0, 0),
    specialTokens,
    limitAlphabet: nullableInt(who, "limitAlphabet", o.limitAlphabet, 0),
    initialAlphabet,
    continuingSubwordPrefix: nullableString(who, "continuingSubwordPrefix", o.continuingSubwordPrefix, wp ? "##" : null),
    endOfWordSuffix: nullableString(who, "endOfWordSuffix", o.endOfWordSuffix, null),
    maxTokenLength: nullableInt(who, "maxTokenLength", o.maxTokenLength, 1),
  };
  if (wp && trainer.continuingSubwordPrefix === null) throw bad(who, "continuingSubwordPrefix", null, 'WordPiece needs a prefix (default "##")');
  if (wp && trainer.endOfWordSuffix !== null) throw bad(who, "endOfWordSuffix", o.endOfWordSuffix, "WordPiece has no end-of-word suffix; use model BPE");
  const unkToken = nullableString(who, "unkToken", o.unkToken, wp ? "[UNK]" : null);
  if (wp && unkToken === null) throw bad(who, "unkToken", null, 'WordPiece needs an unknown token (default "[UNK]")');
  const postProcessor = component(who, "postProcessor", o.postProcessor, parsePostProcessor);
  let template: TokenizerSettings["template"] = null;
  if (o.template !== undefined && o.template !== null) {
    if (postProcessor !== null) throw bad(who, "template", o.template, "give either template or postProcessor, not both");
    const t = o.template;
    if (typeof t !== "object" || typeof t.single !== "string" || (t.pair !== undefined && typeof t.pair !== "string")) {
      throw bad(who, "template", t, 'use { single: "[CLS] $A [SEP]", pair: "[CLS] $A [SEP] $B:1 [SEP]:1" }');
    }
    const single = t.single;
    const pair = t.pair ?? `${t.single} $B:1`;
    for (const [n, s] of [["template.single", single], ["template.pair", pair]] as const) {
      component(who, n, s, (v, path) => parseTemplateString(v as string, path));
    }
    template = { single, pair };
  }
  const missing = o.missing ?? "error";
  if (missing !== "error" && missing !== "empty") throw bad(who, "missing", missing, 'use "error" or "empty"');
  return {
    model: o.model,
    trainer,
    unkToken,
    maxInputCharsPerWord: intOption(who, "maxInputCharsPerWord", o.maxInputCharsPerWord, 100, 1),
    normalizer: component(who, "normalizer", o.normalizer, parseNormalizer),
    preTokenizer: component(who, "preTokenizer", o.preTokenizer, parsePreTokenizer),
    postProcessor,
    template,
    decoder: component(who, "decoder", o.decoder, parseDecoder),
    truncation: component(who, "truncation", o.truncation, parseTruncation),
    padding: component(who, "padding", o.padding, parsePadding),
    outputSequenceLength: intOption(who, "outputSequenceLength", o.outputSequenceLength, 128, 1, 1 << 24),
    padToken: nullableString(who, "padToken", o.padToken, null),
    missing,
  };
}
