/**
 * Codec of the Tokenizer kind. The vocabulary is stored as one UTF-8 buffer plus a uint32
 * length per token, not as a repeated string field: decoding is one TextDecoder call and a
 * pass over the bytes instead of one protobuf string per token (measured in
 * bench/tokenizers.bench.ts: see bench/RESULTS.md). Every length, id and byte boundary is
 * checked before use, so a hostile artefact fails with an ArtefactError.
 */
import { ArtefactError } from "../core/errors.js";
import { bytesToU32, requireElements, u32ToBytes } from "./bytes.js";
import { skewless } from "./generated/skewless.js";
import type { TokenizerState } from "./states.js";

import pb = skewless.v1;

/** Longest pipeline JSON accepted (characters): components and added tokens, never the vocabulary. */
const MAX_PIPELINE_JSON = 64 * 1024 * 1024;

const UTF8 = new TextEncoder();
const STRICT = new TextDecoder("utf-8", { fatal: true });

export function encodeTokenizer(s: TokenizerState): pb.TokenizerState.$Properties {
  const parts = s.vocab.map((t) => UTF8.encode(t));
  const lengths = new Uint32Array(parts.length);
  let total = 0;
  parts.forEach((p, i) => {
    lengths[i] = p.length;
    total += p.length;
  });
  const utf8 = new Uint8Array(total);
  let o = 0;
  for (const p of parts) {
    utf8.set(p, o);
    o += p.length;
  }
  return {
    pipelineJson: s.pipeline,
    vocabUtf8: utf8,
    vocabLengthsU32: u32ToBytes(lengths),
    mergesU32: u32ToBytes(s.merges),
    outputSequenceLength: s.outputSequenceLength,
    padId: s.padId,
    missing: s.missing,
    preset: s.preset,
  };
}

/** Tokens from the concatenated UTF-8 and the byte length of each. */
export function decodeVocab(utf8: Uint8Array, lengths: Uint32Array, field: string): string[] {
  let total = 0;
  for (let i = 0; i < lengths.length; i++) total += lengths[i];
  if (total !== utf8.length) throw new ArtefactError(`artefact field ${field}: token lengths add up to ${total} bytes but the vocabulary holds ${utf8.length}`);
  let text: string;
  try {
    text = STRICT.decode(utf8);
  } catch {
    throw new ArtefactError(`artefact field ${field} is not valid UTF-8`);
  }
  const tokens: string[] = new Array(lengths.length);
  let byte = 0;
  let unit = 0;
  for (let i = 0; i < lengths.length; i++) {
    const end = byte + lengths[i];
    if (lengths[i] > 0 && (utf8[byte] & 0xc0) === 0x80) throw new ArtefactError(`artefact field ${field}: token ${i} starts inside a UTF-8 character`);
    let units = 0;
    for (let b = byte; b < end; b++) {
      const v = utf8[b];
      if ((v & 0xc0) !== 0x80) units += v >= 0xf0 ? 2 : 1;
    }
    tokens[i] = text.slice(unit, unit + units);
    unit += units;
    byte = end;
  }
  return tokens;
}

export function decodeTokenizer(m: pb.TokenizerState, d: number): TokenizerState {
  if (d !== 1) throw new ArtefactError(`artefact tokenizer node has n_features_in ${d}; a tokenizer reads one text column`);
  const pipeline = m.pipelineJson ?? "";
  if (pipeline.length > MAX_PIPELINE_JSON) throw new ArtefactError(`artefact field tokenizer.pipeline_json is ${pipeline.length} characters, above ${MAX_PIPELINE_JSON}`);
  const lengths = bytesToU32(m.vocabLengthsU32, "tokenizer.vocab_lengths_u32");
  requireElements(lengths.length, "tokenizer.vocab_lengths_u32");
  const vocab = decodeVocab(m.vocabUtf8 ?? new Uint8Array(0), lengths, "tokenizer.vocab_utf8");
  const merges = bytesToU32(m.mergesU32, "tokenizer.merges_u32");
  if (merges.length % 2 !== 0) throw new ArtefactError("artefact field tokenizer.merges_u32 holds an odd number of ids; merges are (left, right) pairs");
  for (let i = 0; i < merges.length; i++) {
    if (merges[i] >= vocab.length) throw new ArtefactError(`artefact field tokenizer.merges_u32[${i}] is ${merges[i]}, not a token id (vocabulary of ${vocab.length})`);
  }
  const missing = m.missing;
  if (missing !== "error" && missing !== "empty") throw new ArtefactError(`artefact field tokenizer.missing is ${JSON.stringify(missing)}; expected "error" or "empty"`);
  const preset = m.preset;
  if (preset !== "Tokenizer" && preset !== "WordPiece" && preset !== "BPE") {
    throw new ArtefactError(`artefact field tokenizer.preset is ${JSON.stringify(preset)}; expected "Tokenizer", "WordPiece" or "BPE"`);
  }
  const L = m.outputSequenceLength ?? 0;
  if (!(L >= 1)) throw new ArtefactError(`artefact field tokenizer.output_sequence_length is ${L}; it is at least 1`);
  requireElements(L, "tokenizer.output_sequence_length");
  return { nFeaturesIn: d, pipeline, vocab, merges, outputSequenceLength: L, padId: m.padId ?? 0, missing, preset };
}
