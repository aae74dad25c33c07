/**
 * What a post-processor puts around ONE input sequence, found once by processing a
 * one-token marker sequence: the special tokens before and after it (with all their
 * fields), and the type id / sequence id / masks it gives the sequence's own tokens.
 * The encode fast path then writes the final Encoding in one pass instead of building the
 * sequence's Encoding, the special tokens' Encodings, and their concatenation.
 *
 * Used only where this is exact: the marker must come out once, contiguous, with its own
 * id, token, offsets and word id unchanged — and the processor must not look at the
 * sequence's tokens, except for ByteLevel's / RobertaProcessing's offset trimming, which
 * is per token and is applied to the sequence's range (`trim`) as the processor would.
 */
import type { PostProcessorConfig } from "../config.js";
import { type Encoding, emptyEncoding } from "../encoding.js";
import { type PostProcess, postProcess } from "./index.js";

export interface SequenceFrame {
  /** The special tokens before the sequence (an Encoding of their fields). */
  prefix: Encoding;
  /** The special tokens after it. */
  suffix: Encoding;
  /** Fields the processor gives every token of the sequence. */
  typeId: number;
  sequenceId: number | null;
  attention: number;
  specialMask: number;
  /** Offsets trimming of the sequence's tokens (ByteLevel, RobertaProcessing), or null. */
  trim: { addPrefixSpace: boolean } | null;
}

export const MARKER = -7;

/**
 * Whether the processor's output for one sequence can be framed: false, or what it does
 * to the sequence's own tokens (nothing, or trim their offsets).
 */
export function frameable(c: PostProcessorConfig | null): false | { trim: { addPrefixSpace: boolean } | null } {
  if (c === null || c.type === "TemplateProcessing" || c.type === "BertProcessing") return { trim: null };
  if (c.type === "ByteLevel" || c.type === "RobertaProcessing") return { trim: c.trim_offsets ? { addPrefixSpace: c.add_prefix_space } : null };
  // A chain only when no part looks at the tokens (a trim followed by a template would need ordering care).
  if (c.processors.every((p) => p.type === "TemplateProcessing" || p.type === "BertProcessing")) return { trim: null };
  return false;
}

/**
 * A one-token sequence whose id, MARKER, no vocabulary holds: post-processing it shows what
 * a post-processor puts around a single sequence.
 */
export function markerSequence(): Encoding {
  const e = emptyEncoding();
  e.ids = [MARKER];
  e.tokens = ["x"];
  e.offsets = [[0, 1]];
  e.attentionMask = [1];
  e.typeIds = [0];
  e.specialTokensMask = [0];
  e.wordIds = [0];
  e.sequenceIds = [0];
  return e;
}

/** The frame of a single sequence, or null when the sequence does not come out as one contiguous, unchanged run. */
export function sequenceFrame(config: PostProcessorConfig | null, post: PostProcess | null, addSpecial: boolean): SequenceFrame | null {
  const how = frameable(config);
  if (how === false) return null;
  const out = postProcess(post, markerSequence(), null, addSpecial);
  const k = out.ids.indexOf(MARKER);
  if (k < 0 || out.ids.lastIndexOf(MARKER) !== k) return null;
  const n = out.ids.length;
  for (const f of Object.keys(out) as (keyof Encoding)[]) if ((out[f] as unknown[]).length !== n) return null;
  const o = out.offsets[k];
  if (out.tokens[k] !== "x" || o[0] !== 0 || o[1] !== 1 || out.wordIds[k] !== 0) return null;
  const part = (s: number, t: number): Encoding => ({
    ids: out.ids.slice(s, t),
    tokens: out.tokens.slice(s, t),
    offsets: out.offsets.slice(s, t).map((x): [number, number] => [x[0], x[1]]),
    attentionMask: out.attentionMask.slice(s, t),
    typeIds: out.typeIds.slice(s, t),
    specialTokensMask: out.specialTokensMask.slice(s, t),
    wordIds: out.wordIds.slice(s, t),
    sequenceIds: out.sequenceIds.slice(s, t),
  });
  return {
    prefix: part(0, k),
    suffix: part(k + 1, n),
    typeId: out.typeIds[k],
    sequenceId: out.sequenceIds[k],
    attention: out.attentionMask[k],
    specialMask: out.specialTokensMask[k],
    trim: how.trim,
  };
}
