/**
 * The result of encoding one input (HF's Encoding), as plain arrays: what `encode`
 * returns. Offsets are [start, end) into the ORIGINAL input of the token's sequence, in
 * Unicode code points by default (HF's char offsets, which the Python and Node bindings
 * report) or UTF-16 units (`offsets: "utf16"`, what String.prototype.slice expects).
 * Special and padding tokens have [0, 0].
 */
import type { PaddingConfig, TruncationConfig } from "./config.js";
import { InvalidInputError } from "../../../core/errors.js";

export interface Encoding {
  ids: number[];
  tokens: string[];
  offsets: [number, number][];
  attentionMask: number[];
  typeIds: number[];
  specialTokensMask: number[];
  /** Index of the pre-tokenized word each token came from; null for special and padding tokens. */
  wordIds: (number | null)[];
  /** 0 or 1: the input sequence each token came from; null for special and padding tokens. */
  sequenceIds: (number | null)[];
}

export function emptyEncoding(): Encoding {
  return { ids: [], tokens: [], offsets: [], attentionMask: [], typeIds: [], specialTokensMask: [], wordIds: [], sequenceIds: [] };
}

/** HF Encoding::truncate (the overflowing parts are not kept). */
export function truncateEncoding(e: Encoding, maxLen: number, direction: "Left" | "Right"): void {
  const n = e.ids.length;
  if (maxLen >= n) return;
  const [s, t] = direction === "Right" ? [0, maxLen] : [n - maxLen, n];
  for (const k of Object.keys(e) as (keyof Encoding)[]) (e[k] as unknown[]) = (e[k] as unknown[]).slice(s, t);
}

/** HF truncate_encodings. */
export function truncatePair(a: Encoding, b: Encoding | null, p: TruncationConfig, maxLength: number): void {
  if (maxLength === 0) {
    truncateEncoding(a, 0, p.direction);
    if (b) truncateEncoding(b, 0, p.direction);
    return;
  }
  const total = a.ids.length + (b ? b.ids.length : 0);
  if (total <= maxLength) return;
  const toRemove = total - maxLength;
  if (p.stride >= maxLength) {
    throw new InvalidInputError(`tokenizer truncation: stride ${p.stride} must be below the length left for the input (${maxLength})`);
  }
  if (p.strategy === "LongestFirst") {
    if (b === null) {
      truncateEncoding(a, total - toRemove, p.direction);
      return;
    }
    let n1 = a.ids.length;
    let n2 = b.ids.length;
    let swap = false;
    if (n1 > n2) {
      swap = true;
      [n1, n2] = [n2, n1];
    }
    if (n1 > maxLength) n2 = n1;
    else n2 = Math.max(n1, maxLength - n1);
    if (n1 + n2 > maxLength) {
      n1 = Math.floor(maxLength / 2);
      n2 = n1 + (maxLength % 2);
    }
    if (swap) [n1, n2] = [n2, n1];
    truncateEncoding(a, n1, p.direction);
    truncateEncoding(b, n2, p.direction);
    return;
  }
  const target = p.strategy === "OnlyFirst" ? a : b;
  if (target === null) throw new InvalidInputError("tokenizer truncation: strategy OnlySecond needs a pair input (the second sequence was not provided)");
  if (target.ids.length > toRemove) truncateEncoding(target, target.ids.length - toRemove, p.direction);
  else throw new InvalidInputError(`tokenizer truncation: the sequence to truncate (${target.ids.length} tokens) is too short to respect max_length ${maxLength}`);
}

/** HF Encoding::pad. */
export function padEncoding(e: Encoding, target: number, p: PaddingConfig): void {
  const n = e.ids.length;
  if (n >= target) return;
  const k = target - n;
  const fill = <T>(v: T): T[] => new Array<T>(k).fill(v);
  const side = <T>(arr: T[], v: T): T[] => (p.direction === "Left" ? fill(v).concat(arr) : arr.concat(fill(v)));
  e.ids = side(e.ids, p.pad_id);
  e.typeIds = side(e.typeIds, p.pad_type_id);
  e.tokens = side(e.tokens, p.pad_token);
  e.wordIds = side<number | null>(e.wordIds, null);
  e.sequenceIds = side<number | null>(e.sequenceIds, null);
  e.attentionMask = side(e.attentionMask, 0);
  e.specialTokensMask = side(e.specialTokensMask, 1);
  e.offsets = p.direction === "Left" ? Array.from({ length: k }, (): [number, number] => [0, 0]).concat(e.offsets) : e.offsets.concat(Array.from({ length: k }, (): [number, number] => [0, 0]));
}

/** HF pad_encodings: Fixed, or the longest of the batch; rounded up to pad_to_multiple_of. */
export function padBatch(es: Encoding[], p: PaddingConfig): void {
  if (es.length === 0) return;
  let len = typeof p.strategy === "object" ? p.strategy.Fixed : Math.max(...es.map((e) => e.ids.length));
  const m = p.pad_to_multiple_of;
  if (m !== null && m > 0 && len % m > 0) len += m - (len % m);
  for (const e of es) padEncoding(e, len, p);
}

/** Concatenation (HF Encoding::merge without growing offsets). */
export function concatEncodings(parts: Encoding[]): Encoding {
  if (parts.length === 1) return parts[0];
  let n = 0;
  for (const p of parts) n += p.ids.length;
  const out: Encoding = {
    ids: new Array(n),
    tokens: new Array(n),
    offsets: new Array(n),
    attentionMask: new Array(n),
    typeIds: new Array(n),
    specialTokensMask: new Array(n),
    wordIds: new Array(n),
    sequenceIds: new Array(n),
  };
  let k = 0;
  for (const p of parts) {
    const m = p.ids.length;
    for (let i = 0; i < m; i++, k++) {
      out.ids[k] = p.ids[i];
      out.tokens[k] = p.tokens[i];
      out.offsets[k] = p.offsets[i];
      out.attentionMask[k] = p.attentionMask[i];
      out.typeIds[k] = p.typeIds[i];
      out.specialTokensMask[k] = p.specialTokensMask[i];
      out.wordIds[k] = p.wordIds[i];
      out.sequenceIds[k] = p.sequenceIds[i];
    }
  }
  return out;
}
