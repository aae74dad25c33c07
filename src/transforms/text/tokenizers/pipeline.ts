/**
 * The tokenizer engine (HF's TokenizerImpl): added tokens -> normalizer -> pre-tokenizer
 * -> model -> truncation -> post-processor -> padding, and decode. Built once from a
 * PipelineConfig and the vocabulary; holds no mutable state but caches.
 */
import { InvalidInputError, describeValue } from "../../../core/errors.js";
import { AddedVocabulary } from "./added-vocabulary.js";
import type { PipelineConfig, TruncationConfig, Vocabulary } from "./config.js";
import { type DecodeChain, compileDecoder } from "./decoders/index.js";
import { type Encoding, emptyEncoding, padBatch, truncatePair } from "./encoding.js";
import { BpeModel } from "./models/bpe/model.js";
import { VocabTable } from "./models/vocab.js";
import { WordPieceModel } from "./models/wordpiece/model.js";
import { NormalizedString } from "./normalized-string.js";
import { type Normalize, compileNormalizer } from "./normalizers/index.js";
import { MARKER, type SequenceFrame, markerSequence, sequenceFrame } from "./post_processors/frame.js";
import { type PostProcess, compilePostProcessor, postProcess, spaceLead, spaceTrail } from "./post_processors/index.js";
import { type PreTokenize, compilePreTokenizer } from "./pre_tokenizers/index.js";
import type { Split } from "./pre-tokenized.js";
import { TokenBuffer, codePointOffsets, framedEncoding, sequenceEncoding, trimBuffer } from "./token-buffer.js";
import { WordEncoder } from "./word-encoder.js";

/** Units per piece of the fused BERT path (bertPieces): small enough that a fallback stays local. */
const BERT_PIECE = 4096;

export type OffsetUnit = "char" | "utf16";

export interface EncodeOptions {
  /** Add the post-processor's special tokens ([CLS], [SEP], ...). Default true. */
  addSpecialTokens?: boolean;
  /** Offsets in Unicode code points ("char", HF's default) or UTF-16 units. */
  offsets?: OffsetUnit;
}

export type EncodeInput = string | [string, string];

export class TokenizerPipeline {
  readonly config: PipelineConfig;
  readonly vocabulary: Vocabulary;
  readonly model: WordPieceModel | BpeModel;
  readonly added: AddedVocabulary;
  private readonly normalize: Normalize | null;
  private readonly preTokenize: PreTokenize | null;
  private readonly post: PostProcess | null;
  private readonly decodeChain: DecodeChain | null;
  /** The encode fast path (word-encoder.ts), when the pre-tokenizer allows it. */
  private readonly words: WordEncoder | null;

  /** @param fastPath use the word fast path where it applies (false: always the general path; for tests comparing the two) */
  constructor(config: PipelineConfig, vocabulary: Vocabulary, fastPath = true) {
    this.config = config;
    this.vocabulary = vocabulary;
    const table = new VocabTable(vocabulary.tokens);
    this.model = config.model.type === "WordPiece" ? new WordPieceModel(config.model, table) : new BpeModel(config.model, table, vocabulary.merges);
    this.normalize = config.normalizer === null ? null : compileNormalizer(config.normalizer);
    this.preTokenize = config.pre_tokenizer === null ? null : compilePreTokenizer(config.pre_tokenizer);
    this.post = config.post_processor === null ? null : compilePostProcessor(config.post_processor);
    this.decodeChain = config.decoder === null ? null : compileDecoder(config.decoder);
    this.words = fastPath ? WordEncoder.compile(config.pre_tokenizer, this.model, config.normalizer) : null;
    const norm = this.normalize;
    this.added = new AddedVocabulary(
      config.added_tokens,
      table.ids,
      table.size,
      norm === null
        ? null
        : (s) => {
            const ns = NormalizedString.of(s);
            norm(ns);
            return ns.text;
          },
    );
  }

  /** Size of the vocabulary with the added tokens. */
  get vocabSize(): number {
    let max = this.vocabulary.tokens.length - 1;
    for (const id of this.added.byId.keys()) if (id > max) max = id;
    return max + 1;
  }

  tokenToId(token: string): number | undefined {
    return this.added.byContent.get(token) ?? this.model.vocab.ids.get(token);
  }

  idToToken(id: number): string | undefined {
    return this.added.tokenOf(id) ?? this.model.vocab.tokens[id];
  }

  /** The pre-tokenized splits of a document (training input: HF feeds these strings). */
  splits(text: string, track = true): Split[] {
    let splits = this.added.extractAndNormalize(text, this.normalize, track);
    if (this.preTokenize !== null) splits = this.preTokenize(splits);
    return splits;
  }

  /** One sequence (HF encode_single_sequence): tokens with offsets in UTF-16 units of `text`. */
  encodeSequence(text: string, typeId: number, details: boolean): Encoding {
    if (this.words !== null && !this.limited(typeId)) return sequenceEncoding(this.fastTokens(text, details), this.model.vocab.tokens, typeId, details);
    const e = emptyEncoding();
    this.generalSequence(text, typeId, details, e);
    const n = e.ids.length;
    e.attentionMask = new Array(n).fill(1);
    e.typeIds = new Array(n).fill(typeId);
    e.specialTokensMask = new Array(n).fill(0);
    e.sequenceIds = new Array(n).fill(typeId);
    if (!details) e.wordIds = new Array(n).fill(null);
    return e;
  }

  /** Whether truncation limits which words of a sequence are tokenized (limitSplits). */
  private limited(typeId: number): boolean {
    const t = this.config.truncation;
    return t !== null && !(t.strategy === "OnlySecond" && typeId === 0);
  }

  private readonly buf = new TokenBuffer();

  /**
   * The tokens of one sequence through the word fast path (word-encoder.ts) into the
   * shared buffer (valid until the next call); the same tokens and offsets as generalSequence.
   */
  private fastTokens(text: string, details: boolean): TokenBuffer {
    const words = this.words!;
    const buf = this.buf;
    buf.reset();
    let w = 0;
    if (words.bert !== null && !this.added.matchesNormalized) {
      // BertNormalizer fused with the pre-tokenizer: no normalized text is built.
      for (const { ns, addedId } of this.added.extractRaw(text, details)) {
        if (addedId >= 0) {
          buf.pushAdded(addedId, ns, details, w++);
          continue;
        }
        w = this.bertPieces(ns, buf, details, w);
      }
      return buf;
    }
    for (const { ns, addedId } of this.added.extractAndNormalize(text, this.normalize, details)) {
      if (addedId >= 0) buf.pushAdded(addedId, ns, details, w++);
      else w = words.encodeSplit(ns, buf, details, w);
    }
    return buf;
  }

  /**
   * One raw split through the fused BERT path, in pieces of at least BERT_PIECE units cut
   * after an ASCII whitespace character. A piece the fused path cannot take (marks to
   * reorder, lone surrogates) goes through the general normalizer alone, instead of the
   * whole split — one such character would otherwise send a 10 MB document down the slow
   * path. Cutting there changes nothing: BertNormalizer maps the whitespace to a space (a
   * starter, so no mark reordering crosses it, and its other steps are per character) and
   * BertPreTokenizer splits words at it, so words, ids and offsets are those of the whole.
   */
  private bertPieces(ns: NormalizedString, buf: TokenBuffer, details: boolean, w: number): number {
    const words = this.words!;
    const t = ns.text;
    let start = 0;
    while (start < t.length) {
      let end = start + BERT_PIECE;
      while (end < t.length) {
        const c = t.charCodeAt(end++);
        if (c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d) break;
      }
      if (end > t.length) end = t.length;
      const piece = start === 0 && end === t.length ? ns : ns.slice(start, end);
      const from = buf.count;
      const next = words.encodeBert(piece, buf, details, w);
      if (next >= 0) w = next;
      else {
        // This piece needs the general normalizer (reordering of marks, lone surrogates).
        buf.count = from;
        this.normalize!(piece);
        if (piece.text.length > 0) w = words.encodeSplit(piece, buf, details, w);
      }
      start = end;
    }
    return w;
  }

  /** encodeSequence through the pre-tokenized splits (HF's path, any pipeline). */
  private generalSequence(text: string, typeId: number, details: boolean, e: Encoding): void {
    const splits = this.splits(text, details);
    const vocabTokens = this.model.vocab.tokens;
    const [from, to] = this.limitSplits(splits, typeId);
    for (let w = from; w < to; w++) {
      const { ns, addedId } = splits[w];
      if (addedId >= 0) {
        e.ids.push(addedId);
        if (details) {
          e.tokens.push(ns.text);
          e.offsets.push(ns.originalRange(0, ns.text.length));
          e.wordIds.push(w - from);
        }
        continue;
      }
      const r = this.model.tokenize(ns.text);
      for (let k = 0; k < r.length; k += 3) {
        const id = r[k];
        e.ids.push(id);
        if (details) {
          e.tokens.push(vocabTokens[id]);
          e.offsets.push(ns.originalRange(r[k + 1], r[k + 2]));
          e.wordIds.push(w - from);
        }
      }
    }
  }

  /**
   * HF tokenize_with_limit: with truncation configured (except for the first sequence under
   * OnlySecond), splits are tokenized only until max_length tokens are reached, from the
   * side truncation keeps; the rest of the splits is dropped. This changes what
   * LongestFirst compares for pairs, so it is reproduced. Returns the range of splits kept.
   */
  private limitSplits(splits: Split[], typeId: number): [number, number] {
    const t = this.config.truncation;
    if (t === null || (t.strategy === "OnlySecond" && typeId === 0)) return [0, splits.length];
    const count = (s: Split): number => (s.addedId >= 0 ? 1 : this.model.tokenize(s.ns.text).length / 3);
    let total = 0;
    if (t.direction === "Right") {
      for (let i = 0; i < splits.length; i++) {
        total += count(splits[i]);
        if (total >= t.max_length) return [0, i + 1];
      }
      return [0, splits.length];
    }
    for (let i = splits.length - 1; i >= 0; i--) {
      total += count(splits[i]);
      if (total >= t.max_length) return [i, splits.length];
    }
    return [0, splits.length];
  }

  /** HF encode (+ char offsets): one input or a pair, truncated, post-processed and padded (Fixed padding only; batches pad in encodeBatch). */
  encode(input: EncodeInput, options: EncodeOptions = {}, details = true, pad = true): Encoding {
    checkInput(input, 0);
    return this.encodeChecked(input, options, details, pad);
  }

  /** encode() of an input checkInput accepted. */
  private encodeChecked(input: EncodeInput, options: EncodeOptions, details: boolean, pad: boolean): Encoding {
    const addSpecial = options.addSpecialTokens ?? true;
    if (details && typeof input === "string" && this.words !== null && this.config.truncation === null) {
      const f = this.detailFrame(addSpecial);
      if (f !== null) {
        // One pass: the post-processor's special tokens around the sequence's tokens.
        const buf = this.fastTokens(input, true);
        codePointOffsets(buf, input, options.offsets ?? "char");
        if (f.trim !== null) {
          const t = this.spaceTables();
          trimBuffer(buf, t.lead, t.trail, f.trim.addPrefixSpace);
        }
        const out = framedEncoding(buf, f, this.model.vocab.tokens);
        if (pad && this.config.padding !== null) padBatch([out], this.config.padding);
        return out;
      }
    }
    const [first, second] = typeof input === "string" ? [input, null] : input;
    const a = this.encodeSequence(first, 0, details);
    const b = second === null ? null : this.encodeSequence(second, 1, details);
    if (details) {
      convertOffsets(a, first, options.offsets ?? "char");
      if (b !== null && second !== null) convertOffsets(b, second, options.offsets ?? "char");
    }
    const t = this.config.truncation;
    if (t !== null) {
      const added = this.post === null ? 0 : this.post.added(b !== null);
      let max = t.max_length;
      if (addSpecial && added > 0) {
        if (max < added) {
          throw new InvalidInputError(`tokenizer truncation max_length ${max} is smaller than the ${added} special tokens the post-processor adds; raise max_length`);
        }
        max -= added;
      }
      truncatePair(a, b, t, max);
    }
    const out = postProcess(this.post, a, b, addSpecial);
    if (pad && this.config.padding !== null) padBatch([out], this.config.padding);
    return out;
  }

  /**
   * The ids transform() writes: encode with special tokens, truncated to `maxLength` by the
   * configured truncation (or LongestFirst from the right), without padding.
   */
  encodeIds(text: string, maxLength: number, addSpecial = true): number[] {
    const t = this.config.truncation;
    const trunc: TruncationConfig =
      t === null ? { direction: "Right", max_length: maxLength, strategy: "LongestFirst", stride: 0 } : { ...t, max_length: Math.min(t.max_length, maxLength) };
    const added = this.post === null || !addSpecial ? 0 : this.post.added(false);
    let max = trunc.max_length;
    if (added > 0) {
      if (max < added) throw new InvalidInputError(`tokenizer: max length ${max} is smaller than the ${added} special tokens the post-processor adds`);
      max -= added;
    }
    const frame = addSpecial ? this.singleFrame() : { prefix: [], suffix: [] };
    if (frame === null || trunc.strategy === "OnlySecond") {
      const a = this.encodeSequence(text, 0, false);
      truncatePair(a, null, trunc, max);
      return postProcess(this.post, a, null, addSpecial).ids;
    }
    // The lean path: the sequence's ids between the post-processor's fixed special ids.
    const seq = this.sequenceIds(text);
    const len = seq.count;
    let from = 0;
    let to = len;
    if (len > max) {
      if (max > 0 && trunc.stride >= max) throw new InvalidInputError(`tokenizer truncation: stride ${trunc.stride} must be below the length left for the input (${max})`);
      if (trunc.direction === "Right") to = max;
      else from = len - max;
    }
    const { prefix, suffix } = frame;
    const out = new Array<number>(prefix.length + (to - from) + suffix.length);
    let k = 0;
    for (const id of prefix) out[k++] = id;
    const ids = seq.ids;
    for (let i = from; i < to; i++) out[k++] = ids[i];
    for (const id of suffix) out[k++] = id;
    return out;
  }

  private spaces: { lead: Int32Array; trail: Int32Array } | null = null;

  /** Leading / trailing space units of every vocabulary token (ByteLevel offset trimming). */
  private spaceTables(): { lead: Int32Array; trail: Int32Array } {
    if (this.spaces === null) {
      const tokens = this.model.vocab.tokens;
      const lead = new Int32Array(tokens.length);
      const trail = new Int32Array(tokens.length);
      for (let i = 0; i < tokens.length; i++) {
        lead[i] = spaceLead(tokens[i]);
        trail[i] = spaceTrail(tokens[i]);
      }
      this.spaces = { lead, trail };
    }
    return this.spaces;
  }

  private frame: { prefix: number[]; suffix: number[] } | null | undefined;
  private readonly detailFrames: (SequenceFrame | null | undefined)[] = [undefined, undefined];

  /** The full-Encoding frame of a single sequence (post_processors/frame.ts), or null. */
  private detailFrame(addSpecial: boolean): SequenceFrame | null {
    const k = addSpecial ? 1 : 0;
    let f = this.detailFrames[k];
    if (f === undefined) {
      f = sequenceFrame(this.config.post_processor, this.post, addSpecial);
      this.detailFrames[k] = f;
    }
    return f;
  }

  /**
   * What the post-processor puts around a single sequence, found once by processing a
   * one-token marker sequence; null when the sequence does not come out contiguous.
   */
  private singleFrame(): { prefix: number[]; suffix: number[] } | null {
    if (this.frame !== undefined) return this.frame;
    const ids = postProcess(this.post, markerSequence(), null, true).ids;
    const k = ids.indexOf(MARKER);
    const ok = k >= 0 && ids.lastIndexOf(MARKER) === k && ids.length === (this.post === null ? 0 : this.post.added(false)) + 1;
    this.frame = ok ? { prefix: ids.slice(0, k), suffix: ids.slice(k + 1) } : null;
    return this.frame;
  }

  /** The model ids of one sequence (encodeSequence without details) in `ids[0, count)`. */
  private sequenceIds(text: string): { ids: ArrayLike<number>; count: number } {
    if (this.words !== null && !this.limited(0)) return this.fastTokens(text, false);
    const splits = this.splits(text, false);
    const [from, to] = this.limitSplits(splits, 0);
    const out: number[] = [];
    for (let w = from; w < to; w++) {
      const { ns, addedId } = splits[w];
      if (addedId >= 0) {
        out.push(addedId);
        continue;
      }
      const r = this.model.tokenize(ns.text);
      for (let k = 0; k < r.length; k += 3) out.push(r[k]);
    }
    return { ids: out, count: out.length };
  }

  /** HF encode_batch: each input encoded, then padded together (BatchLongest or Fixed). */
  encodeBatch(inputs: readonly EncodeInput[], options: EncodeOptions = {}): Encoding[] {
    const out = inputs.map((x, i) => {
      checkInput(x, i);
      return this.encodeChecked(x, options, true, false);
    });
    if (this.config.padding !== null) padBatch(out, this.config.padding);
    return out;
  }

  /** HF decode: ids -> tokens (special ones dropped on request) -> decoder (or tokens joined by spaces). */
  decode(ids: ArrayLike<number>, skipSpecialTokens = true): string {
    const tokens: string[] = [];
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      if (!Number.isInteger(id) || id < 0) throw new InvalidInputError(`decode: id ${describeValue(id)} at position ${i} is not a non-negative integer`);
      const t = this.idToToken(id);
      if (t === undefined) continue;
      if (skipSpecialTokens && this.added.isSpecial(t)) continue;
      tokens.push(t);
    }
    if (this.decodeChain === null) return tokens.join(" ");
    return this.decodeChain(tokens).join("");
  }
}

function checkInput(x: unknown, i: number): void {
  const ok = typeof x === "string" || (Array.isArray(x) && x.length === 2 && typeof x[0] === "string" && typeof x[1] === "string");
  if (!ok) throw new InvalidInputError(`encodeBatch: input ${i} is ${describeValue(x)}; pass a string or a [string, string] pair`, { row: i, value: describeValue(x) });
  for (let k = 0; k < (typeof x === "string" ? 1 : 2); k++) {
    const s = typeof x === "string" ? x : (x as string[])[k];
    if (!s.isWellFormed()) {
      throw new InvalidInputError(`encodeBatch: input ${i} contains a lone UTF-16 surrogate, which is not valid Unicode text; repair it first (e.g. value.toWellFormed())`, {
        row: i,
        value: describeValue(s),
      });
    }
  }
}

/**
 * UTF-16 offsets -> code points (HF's BytesToCharOffsetConverter, including its quirk:
 * an offset pair starting at the very end of the text stays in UTF-8 bytes).
 */
export function convertOffsets(e: Encoding, text: string, unit: OffsetUnit): void {
  if (unit === "utf16") return;
  let astral = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      astral = true;
      break;
    }
  }
  const n = text.length;
  if (!astral) {
    for (const o of e.offsets) if (o[0] >= n && n > 0) endQuirk(o, text);
    return;
  }
  const cp = new Int32Array(n + 1);
  let k = 0;
  for (let i = 0; i < n; i++) {
    cp[i] = k;
    const c = text.charCodeAt(i);
    if (!(c >= 0xdc00 && c <= 0xdfff && i > 0 && (text.charCodeAt(i - 1) & 0xfc00) === 0xd800)) k++;
    else cp[i] = k - 1;
  }
  cp[n] = k;
  for (const o of e.offsets) {
    if (o[0] >= n) {
      if (n > 0) endQuirk(o, text);
      continue;
    }
    o[0] = cp[o[0]];
    o[1] = o[1] >= n ? k : cp[o[1]];
  }
}

function endQuirk(o: [number, number], text: string): void {
  const bytes = new TextEncoder().encode(text).length;
  o[0] = bytes;
  o[1] = bytes;
}
