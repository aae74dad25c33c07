/**
 * Hugging Face tokenizer.json <-> PipelineConfig + Vocabulary.
 *
 * Reading validates every field it uses (typed errors name the JSON path) and refuses
 * components it does not implement with an UnsupportedComponentError naming them.
 * Writing emits HF's key order and pretty layout (two-space indent, vocabulary by id),
 * so a file read and written back parses to the same JSON — the reference library loads
 * it and encodes identically.
 */
import { InvalidOptionError } from "../../../core/errors.js";
import type { AddedTokenConfig, PaddingConfig, PipelineConfig, TruncationConfig, Vocabulary } from "./config.js";
import { UnsupportedComponentError, badField } from "./errors.js";
import { type Json, arr, bool, isObject, obj, oneOf, str, uint } from "./json-fields.js";
import { bpeJson, parseBpe } from "./models/bpe/serialization.js";
import { parseWordPiece, wordPieceJson } from "./models/wordpiece/serialization.js";
import { parseNormalizer } from "./normalizers/index.js";
import { parsePostProcessor } from "./post_processors/index.js";
import { parsePreTokenizer } from "./pre_tokenizers/index.js";
import { parseDecoder } from "./decoders/index.js";

export const MODEL_TYPES = ["WordPiece", "BPE"] as const;

/** Largest tokenizer.json accepted (characters); raise with the maxLength argument. */
export const MAX_TOKENIZER_JSON = 256 * 1024 * 1024;

export function parseTruncation(v: unknown, path = "truncation"): TruncationConfig | null {
  if (v === null || v === undefined) return null;
  const o = obj(v, path);
  return {
    direction: oneOf(o.direction, ["Left", "Right"] as const, `${path}.direction`, "Right"),
    max_length: uint(o.max_length, `${path}.max_length`),
    strategy: oneOf(o.strategy, ["LongestFirst", "OnlyFirst", "OnlySecond"] as const, `${path}.strategy`, "LongestFirst"),
    stride: uint(o.stride, `${path}.stride`, 0),
  };
}

export function parsePadding(v: unknown, path = "padding"): PaddingConfig | null {
  if (v === null || v === undefined) return null;
  const o = obj(v, path);
  let strategy: PaddingConfig["strategy"];
  if (o.strategy === undefined || o.strategy === "BatchLongest") strategy = "BatchLongest";
  else if (isObject(o.strategy) && "Fixed" in o.strategy) strategy = { Fixed: uint(o.strategy.Fixed, `${path}.strategy.Fixed`) };
  else throw badField(`${path}.strategy`, o.strategy, '"BatchLongest" or {"Fixed": n}');
  return {
    strategy,
    direction: oneOf(o.direction, ["Left", "Right"] as const, `${path}.direction`, "Right"),
    pad_to_multiple_of: o.pad_to_multiple_of == null ? null : uint(o.pad_to_multiple_of, `${path}.pad_to_multiple_of`),
    pad_id: uint(o.pad_id, `${path}.pad_id`, 0),
    pad_type_id: uint(o.pad_type_id, `${path}.pad_type_id`, 0),
    pad_token: o.pad_token === undefined ? "[PAD]" : str(o.pad_token, `${path}.pad_token`),
  };
}

export function parseAddedTokens(v: unknown, path = "added_tokens"): AddedTokenConfig[] {
  if (v === undefined || v === null) return [];
  return arr(v, path).map((t, i) => {
    const o = obj(t, `${path}[${i}]`);
    const special = bool(o.special, `${path}[${i}].special`, false);
    return {
      id: uint(o.id, `${path}[${i}].id`),
      content: str(o.content, `${path}[${i}].content`),
      single_word: bool(o.single_word, `${path}[${i}].single_word`, false),
      lstrip: bool(o.lstrip, `${path}[${i}].lstrip`, false),
      rstrip: bool(o.rstrip, `${path}[${i}].rstrip`, false),
      normalized: bool(o.normalized, `${path}[${i}].normalized`, !special),
      special,
    };
  });
}

export function parseTokenizerJson(json: string, maxLength = MAX_TOKENIZER_JSON): { config: PipelineConfig; vocabulary: Vocabulary } {
  if (typeof json !== "string") throw badField("tokenizer.json", json, "the text of a tokenizer.json file (a string)");
  if (json.length > maxLength) {
    throw new InvalidOptionError(`tokenizer.json is ${json.length} characters, above the limit of ${maxLength}; pass a larger maxLength if you trust it`);
  }
  let root: unknown;
  try {
    root = JSON.parse(json);
  } catch (e) {
    throw new InvalidOptionError(`tokenizer.json is not valid JSON: ${(e as Error).message}`);
  }
  const o: Json = obj(root, "tokenizer.json");
  if (o.version !== undefined && o.version !== "1.0") throw badField("version", o.version, '"1.0"');
  const m = obj(o.model, "model");
  const type = m.type ?? (m.merges !== undefined ? "BPE" : "WordPiece");
  let model: PipelineConfig["model"];
  let vocabulary: Vocabulary;
  if (type === "WordPiece") {
    const p = parseWordPiece(m, "model");
    model = p.settings;
    vocabulary = { tokens: p.tokens, merges: new Uint32Array(0) };
  } else if (type === "BPE") {
    const p = parseBpe(m, "model");
    model = p.settings;
    vocabulary = { tokens: p.tokens, merges: p.merges };
  } else {
    throw new UnsupportedComponentError(`model.${String(type)}`, MODEL_TYPES);
  }
  const config: PipelineConfig = {
    truncation: parseTruncation(o.truncation),
    padding: parsePadding(o.padding),
    added_tokens: parseAddedTokens(o.added_tokens),
    normalizer: o.normalizer == null ? null : parseNormalizer(o.normalizer),
    pre_tokenizer: o.pre_tokenizer == null ? null : parsePreTokenizer(o.pre_tokenizer),
    post_processor: o.post_processor == null ? null : parsePostProcessor(o.post_processor),
    decoder: o.decoder == null ? null : parseDecoder(o.decoder),
    model,
  };
  return { config, vocabulary };
}

/** Pretty JSON like serde_json's (2 spaces), with object keys in insertion order except where `ordered` says. */
function write(v: unknown, indent: string, out: string[]): void {
  if (v instanceof OrderedVocab) {
    if (v.tokens.length === 0) {
      out.push("{}");
      return;
    }
    const inner = indent + "  ";
    out.push("{\n");
    v.tokens.forEach((t, i) => {
      out.push(inner, JSON.stringify(t), ": ", String(i), i + 1 < v.tokens.length ? ",\n" : "\n");
    });
    out.push(indent, "}");
    return;
  }
  if (Array.isArray(v)) {
    if (v.length === 0) {
      out.push("[]");
      return;
    }
    const inner = indent + "  ";
    out.push("[\n");
    v.forEach((x, i) => {
      out.push(inner);
      write(x, inner, out);
      out.push(i + 1 < v.length ? ",\n" : "\n");
    });
    out.push(indent, "]");
    return;
  }
  if (v !== null && typeof v === "object") {
    const keys = Object.keys(v);
    if (keys.length === 0) {
      out.push("{}");
      return;
    }
    const inner = indent + "  ";
    out.push("{\n");
    keys.forEach((k, i) => {
      out.push(inner, JSON.stringify(k), ": ");
      write((v as Record<string, unknown>)[k], inner, out);
      out.push(i + 1 < keys.length ? ",\n" : "\n");
    });
    out.push(indent, "}");
    return;
  }
  out.push(JSON.stringify(v));
}

class OrderedVocab {
  constructor(readonly tokens: readonly string[]) {}
}

export function serializeTokenizerJson(config: PipelineConfig, vocabulary: Vocabulary): string {
  const model =
    config.model.type === "WordPiece"
      ? { ...(wordPieceJson(config.model, []) as object), vocab: new OrderedVocab(vocabulary.tokens) }
      : { ...(bpeJson(config.model, [], new Uint32Array(0)) as object), vocab: new OrderedVocab(vocabulary.tokens), merges: mergePairs(vocabulary) };
  const doc = {
    version: "1.0",
    truncation: config.truncation,
    padding: config.padding,
    added_tokens: config.added_tokens.map((t) => ({ id: t.id, content: t.content, single_word: t.single_word, lstrip: t.lstrip, rstrip: t.rstrip, normalized: t.normalized, special: t.special })),
    normalizer: config.normalizer,
    pre_tokenizer: config.pre_tokenizer,
    post_processor: config.post_processor,
    decoder: config.decoder,
    model,
  };
  const out: string[] = [];
  write(doc, "", out);
  return out.join("");
}

function mergePairs(v: Vocabulary): [string, string][] {
  const pairs: [string, string][] = new Array(v.merges.length / 2);
  for (let r = 0; r < pairs.length; r++) pairs[r] = [v.tokens[v.merges[2 * r]], v.tokens[v.merges[2 * r + 1]]];
  return pairs;
}
