/**
 * The tokens of one sequence in reusable typed arrays (the encode fast path's output), and
 * their assembly into the public shapes: the final arrays are allocated once, at their
 * exact size, instead of growing by push and being copied again by the post-processor.
 */
import type { OffsetUnit } from "./pipeline.js";
import type { Encoding } from "./encoding.js";
import type { NormalizedString } from "./normalized-string.js";
import type { SequenceFrame } from "./post_processors/frame.js";
import { spaceLead, spaceTrail } from "./post_processors/index.js";

/**
 * The tokens of one sequence as it is encoded: ids, original offsets (UTF-16 units of the
 * document) and word ids in reusable typed arrays, so the final arrays are allocated once
 * at their exact size. Added tokens are recorded with their text (they are not vocabulary tokens).
 */
export class TokenBuffer {
  ids: Int32Array = new Int32Array(1024);
  starts: Int32Array = new Int32Array(1024);
  ends: Int32Array = new Int32Array(1024);
  words: Int32Array = new Int32Array(1024);
  count = 0;
  /** Positions of added tokens and their text, in order. */
  readonly addedAt: number[] = [];
  readonly addedText: string[] = [];

  reset(): void {
    if (this.ids.length > 1 << 18) {
      // Shrink after a giant document rather than keep its arrays.
      this.ids = new Int32Array(1024);
      this.starts = new Int32Array(1024);
      this.ends = new Int32Array(1024);
      this.words = new Int32Array(1024);
    }
    this.count = 0;
    // Setting an array's length is a runtime call: only when there is something to drop.
    if (this.addedAt.length !== 0) {
      this.addedAt.length = 0;
      this.addedText.length = 0;
    }
  }

  /** Makes room for `k` more tokens; returns the position of the first. */
  reserve(k: number): number {
    const need = this.count + k;
    if (need > this.ids.length) {
      const cap = Math.max(need, this.ids.length * 2);
      const grow = (a: Int32Array): Int32Array => {
        const b = new Int32Array(cap);
        b.set(a.subarray(0, this.count));
        return b;
      };
      this.ids = grow(this.ids);
      this.starts = grow(this.starts);
      this.ends = grow(this.ends);
      this.words = grow(this.words);
    }
    return this.count;
  }

  /** Appends an added token (a split of the document matched by the added vocabulary). */
  pushAdded(id: number, ns: NormalizedString, details: boolean, word: number): void {
    const n = this.reserve(1);
    this.ids[n] = id;
    if (details) {
      const [a, z] = ns.originalRange(0, ns.text.length);
      this.starts[n] = a;
      this.ends[n] = z;
      this.words[n] = word;
      this.addedAt.push(n);
      this.addedText.push(ns.text);
    }
    this.count = n + 1;
  }
}

const HIGH_SURROGATE = /[\uD800-\uDBFF]/;

/**
 * The buffer's offsets from UTF-16 units to code points, in place: pipeline.ts
 * convertOffsets (HF's BytesToCharOffsetConverter, with its end-of-text quirk) on typed arrays.
 */
export function codePointOffsets(buf: TokenBuffer, text: string, unit: OffsetUnit): void {
  if (unit === "utf16") return;
  const n = text.length;
  const m = buf.count;
  const starts = buf.starts;
  const ends = buf.ends;
  if (!HIGH_SURROGATE.test(text)) {
    if (n > 0) for (let k = 0; k < m; k++) if (starts[k] >= n) endQuirk(buf, k, text);
    return;
  }
  const cp = new Int32Array(n + 1);
  let c = 0;
  for (let i = 0; i < n; i++) {
    cp[i] = c;
    const u = text.charCodeAt(i);
    if (!(u >= 0xdc00 && u <= 0xdfff && i > 0 && (text.charCodeAt(i - 1) & 0xfc00) === 0xd800)) c++;
    else cp[i] = c - 1;
  }
  cp[n] = c;
  for (let k = 0; k < m; k++) {
    if (starts[k] >= n) {
      if (n > 0) endQuirk(buf, k, text);
      continue;
    }
    starts[k] = cp[starts[k]];
    ends[k] = ends[k] >= n ? c : cp[ends[k]];
  }
}

/** HF's quirk for a token starting at the very end of the text: both offsets in UTF-8 bytes. */
function endQuirk(buf: TokenBuffer, k: number, text: string): void {
  const bytes = new TextEncoder().encode(text).length;
  buf.starts[k] = bytes;
  buf.ends[k] = bytes;
}

/** The Encoding of the buffer's sequence alone (pipeline encodeSequence): type and sequence ids `typeId`. */
export function sequenceEncoding(buf: TokenBuffer, vocabTokens: readonly string[], typeId: number, details: boolean): Encoding {
  const m = buf.count;
  const ids = new Array<number>(m);
  for (let k = 0; k < m; k++) ids[k] = buf.ids[k];
  if (!details) {
    return {
      ids,
      tokens: [],
      offsets: [],
      attentionMask: new Array<number>(m).fill(1),
      typeIds: new Array<number>(m).fill(typeId),
      specialTokensMask: new Array<number>(m).fill(0),
      wordIds: new Array<number | null>(m).fill(null),
      sequenceIds: new Array<number | null>(m).fill(typeId),
    };
  }
  const tokens = new Array<string>(m);
  const offsets = new Array<[number, number]>(m);
  const wordIds = new Array<number | null>(m);
  fillTokens(buf, vocabTokens, tokens, offsets, wordIds, 0);
  return {
    ids,
    tokens,
    offsets,
    attentionMask: new Array<number>(m).fill(1),
    typeIds: new Array<number>(m).fill(typeId),
    specialTokensMask: new Array<number>(m).fill(0),
    wordIds,
    sequenceIds: new Array<number | null>(m).fill(typeId),
  };
}

/** Writes the buffer's tokens, offsets and word ids into the arrays from position `at`. */
function fillTokens(buf: TokenBuffer, vocabTokens: readonly string[], tokens: string[], offsets: [number, number][], wordIds: (number | null)[], at: number): void {
  const m = buf.count;
  const { ids, starts, ends, words } = buf;
  for (let k = 0; k < m; k++) {
    tokens[at + k] = vocabTokens[ids[k]];
    offsets[at + k] = [starts[k], ends[k]];
    wordIds[at + k] = words[k];
  }
  for (let j = 0; j < buf.addedAt.length; j++) tokens[at + buf.addedAt[j]] = buf.addedText[j];
}

/**
 * The final Encoding of a single sequence: the frame's special tokens around the buffer's
 * tokens. All eight arrays are allocated at their final size and written in one pass over
 * the buffer; token strings are the vocabulary's own (no string is built per token).
 *
 * Each array has its own `new Array(n)` here, on purpose: V8 allocates an array whose
 * allocation site only ever held small integers (ids and the three masks) straight in
 * the old generation once it sees such arrays survive, so the scavenger never copies
 * them. A site shared with arrays that hold null or strings (one fill helper for all the
 * mask arrays, as before) loses that, and encodeBatch spent about twice as long in
 * scavenges.
 */
export function framedEncoding(buf: TokenBuffer, f: SequenceFrame, vocabTokens: readonly string[]): Encoding {
  const p = f.prefix;
  const s = f.suffix;
  const m = buf.count;
  const from = p.ids.length;
  const to = from + m;
  const n = to + s.ids.length;
  const ids = new Array<number>(n);
  const tokens = new Array<string>(n);
  const offsets = new Array<[number, number]>(n);
  const attentionMask = new Array<number>(n);
  const typeIds = new Array<number>(n);
  const specialTokensMask = new Array<number>(n);
  const wordIds = new Array<number | null>(n);
  const sequenceIds = new Array<number | null>(n);
  const out: Encoding = { ids, tokens, offsets, attentionMask, typeIds, specialTokensMask, wordIds, sequenceIds };
  copyFramePart(p, out, 0);
  const bufIds = buf.ids;
  const starts = buf.starts;
  const ends = buf.ends;
  const words = buf.words;
  const attention = f.attention;
  const typeId = f.typeId;
  const special = f.specialMask;
  const sequenceId = f.sequenceId;
  for (let k = 0, i = from; k < m; k++, i++) {
    const id = bufIds[k];
    ids[i] = id;
    tokens[i] = vocabTokens[id];
    offsets[i] = [starts[k], ends[k]];
    attentionMask[i] = attention;
    typeIds[i] = typeId;
    specialTokensMask[i] = special;
    wordIds[i] = words[k];
    sequenceIds[i] = sequenceId;
  }
  // Added tokens are not vocabulary tokens: their text replaces what the loop wrote.
  const added = buf.addedAt;
  for (let j = 0; j < added.length; j++) tokens[from + added[j]] = buf.addedText[j];
  copyFramePart(s, out, to);
  return out;
}

/** Copies a frame's special-token part (prefix or suffix) into `out` from position `at`. */
function copyFramePart(part: Encoding, out: Encoding, at: number): void {
  for (let k = 0; k < part.ids.length; k++) {
    const i = at + k;
    out.ids[i] = part.ids[k];
    out.tokens[i] = part.tokens[k];
    out.offsets[i] = [part.offsets[k][0], part.offsets[k][1]];
    out.attentionMask[i] = part.attentionMask[k];
    out.typeIds[i] = part.typeIds[k];
    out.specialTokensMask[i] = part.specialTokensMask[k];
    out.wordIds[i] = part.wordIds[k];
    out.sequenceIds[i] = part.sequenceIds[k];
  }
}

/**
 * post_processors trimOffsets on the buffer's offsets (after codePointOffsets), with each
 * token's leading / trailing space counts read from per-id tables (spaceLead/spaceTrail of
 * the vocabulary) instead of scanning the token's text; added tokens use their text.
 */
export function trimBuffer(buf: TokenBuffer, lead: Int32Array, trail: Int32Array, addPrefixSpace: boolean): void {
  const { ids, starts, ends } = buf;
  let nextAdded = buf.addedAt.length > 0 ? buf.addedAt[0] : -1;
  let a = 0;
  for (let k = 0; k < buf.count; k++) {
    let l: number;
    let t: number;
    if (k === nextAdded) {
      const s = buf.addedText[a];
      l = spaceLead(s);
      t = spaceTrail(s);
      a++;
      nextAdded = a < buf.addedAt.length ? buf.addedAt[a] : -1;
    } else {
      l = lead[ids[k]];
      t = trail[ids[k]];
    }
    if (l === 0 && t === 0) continue;
    // trimOne on the pair (starts[k], ends[k]).
    let s0 = starts[k];
    let e0 = ends[k];
    if (l > 0) {
      if ((k === 0 || s0 === 0) && addPrefixSpace && l === 1) l = 0;
      s0 = Math.min(s0 + l, e0);
    }
    if (t > 0 && e0 >= t) e0 = Math.max(e0 - t, s0);
    starts[k] = s0;
    ends[k] = e0;
  }
}
