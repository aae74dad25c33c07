/**
 * HF's AddedVocabulary: tokens matched in the text before the model sees it (special
 * tokens like "[CLS]", user-added tokens). Tokens with `normalized: false` are found in
 * the original text first; the rest of each piece is then normalized and tokens with
 * `normalized: true` are found in the normalized text (matching their normalized form).
 * Matching is leftmost-longest; `single_word` requires no word character on either side,
 * `lstrip`/`rstrip` extend the match over neighbouring whitespace.
 *
 * Ids: a token already in the model's vocabulary keeps that id, others get ids after the
 * vocabulary, in order (HF add_tokens).
 */
import type { AddedTokenConfig } from "./config.js";
import { NormalizedString } from "./normalized-string.js";
import type { Split } from "./pre-tokenized.js";
import { WHITESPACE_F, WORD_F, flagsOf } from "./unicode/char-classes.js";

interface Matcher {
  /** Candidates by first UTF-16 unit, longest first: [pattern, id]. */
  byFirst: Map<number, [string, number][]>;
  /** 1 for the UTF-16 units some pattern starts with: most units are skipped on one load. */
  first: Uint8Array;
  /** The first unit when all patterns share it ("" when they do not). */
  only: string;
}

export class AddedVocabulary {
  /** The tokens as configured, with their resolved ids. */
  readonly tokens: AddedTokenConfig[];
  readonly byId = new Map<number, AddedTokenConfig>();
  readonly byContent = new Map<string, number>();
  readonly special = new Set<string>();
  /** id -> normalized content, when normalization changes it. */
  private readonly normalizedContent = new Map<number, string>();
  private readonly raw: Matcher | null;
  private readonly normalized: Matcher | null;

  /**
   * @param modelIds token -> id of the model's vocabulary
   * @param modelSize size of the model's vocabulary
   * @param normalize the tokenizer's normalizer (for `normalized` tokens), or null
   */
  constructor(configs: readonly AddedTokenConfig[], modelIds: ReadonlyMap<string, number>, modelSize: number, normalize: ((s: string) => string) | null) {
    // HF add_tokens on a fresh vocabulary: new ids follow the model's.
    let nextId = modelSize;
    for (const c of configs) {
      if (c.content === "") continue;
      const existing = this.byContent.get(c.content);
      if (existing !== undefined) {
        const prev = this.byId.get(existing)!;
        if (sameToken(prev, c)) continue;
      }
      let id = this.byContent.get(c.content) ?? modelIds.get(c.content);
      if (id === undefined) id = nextId++;
      const t = { ...c, id };
      if (t.normalized && normalize !== null) {
        const n = normalize(t.content);
        if (n !== t.content) this.normalizedContent.set(id, n);
      }
      this.byContent.set(t.content, id);
      if (t.special) this.special.add(t.content);
      this.byId.set(id, t);
    }
    this.tokens = [...this.byId.values()].sort((a, b) => a.id - b.id);
    const rawPairs: [string, number][] = [];
    const normPairs: [string, number][] = [];
    for (const t of this.byId.values()) {
      if (t.normalized) normPairs.push([this.normalizedContent.get(t.id) ?? t.content, t.id]);
      else rawPairs.push([t.content, t.id]);
    }
    this.raw = matcher(rawPairs);
    this.normalized = matcher(normPairs);
  }

  get size(): number {
    return this.byId.size;
  }

  /** Token text for decoding (the normalized content when it differs, as HF). */
  tokenOf(id: number): string | undefined {
    const t = this.byId.get(id);
    if (t === undefined) return undefined;
    return this.normalizedContent.get(id) ?? t.content;
  }

  isSpecial(token: string): boolean {
    return this.special.has(token);
  }

  /** Whether some added token is matched in the normalized text (`normalized: true`). */
  get matchesNormalized(): boolean {
    return this.normalized !== null;
  }

  /**
   * The first step of extractAndNormalize alone: the document split at the raw (not
   * normalized) added tokens; the other splits are not normalized yet.
   */
  extractRaw(text: string, track = true): Split[] {
    const out: Split[] = [];
    this.splitWith(NormalizedString.of(text, track), this.raw, out);
    return out;
  }

  /** HF extract_and_normalize: raw matches, normalization of the rest, normalized matches. */
  extractAndNormalize(text: string, normalize: ((ns: NormalizedString) => void) | null, track = true): Split[] {
    const root = NormalizedString.of(text, track);
    const first: Split[] = [];
    this.splitWith(root, this.raw, first);
    const out: Split[] = [];
    for (const s of first) {
      if (s.addedId >= 0) {
        out.push(s);
        continue;
      }
      if (normalize !== null) normalize(s.ns);
      this.splitWith(s.ns, this.normalized, out);
    }
    return out;
  }

  private splitWith(ns: NormalizedString, m: Matcher | null, out: Split[]): void {
    const t = ns.text;
    if (m === null || t.length === 0) {
      if (t.length > 0) out.push({ ns, addedId: -1 });
      return;
    }
    let startOffset = 0;
    let i = 0;
    const first = m.first;
    const n = t.length;
    while (i < n) {
      if (m.only !== "") {
        // One possible first unit (e.g. "[" or "<"): jump to it.
        i = t.indexOf(m.only, i);
        if (i < 0) break;
      } else if (first[t.charCodeAt(i)] === 0) {
        i++;
        continue;
      }
      const cands = m.byFirst.get(t.charCodeAt(i));
      let matched = false;
      let skipTo = -1;
      if (cands !== undefined) {
        for (const [pattern, id] of cands) {
          if (!t.startsWith(pattern, i)) continue;
          const tok = this.byId.get(id)!;
          let start = i;
          let stop = i + pattern.length;
          if (tok.single_word) {
            const startSpace = start === 0 || !isWordBefore(t, start);
            const stopSpace = stop === t.length || !isWordAt(t, stop);
            // Leftmost-longest picked this match; HF skips it and searches on after its end.
            if (!startSpace || !stopSpace) {
              skipTo = stop;
              break;
            }
          }
          if (tok.lstrip) {
            let s = start;
            while (s > 0 && isSpaceBefore(t, s)) s -= t.charCodeAt(s - 1) >= 0xdc00 && t.charCodeAt(s - 1) <= 0xdfff && s >= 2 ? 2 : 1;
            start = Math.max(s, startOffset);
          }
          if (tok.rstrip) while (stop < t.length && isSpaceAt(t, stop)) stop += widthAt(t, stop);
          if (startOffset < start) out.push({ ns: ns.slice(startOffset, start), addedId: -1 });
          out.push({ ns: ns.slice(start, stop), addedId: id });
          startOffset = stop;
          i = stop;
          matched = true;
          break;
        }
      }
      if (!matched) i = skipTo > i ? skipTo : i + 1;
    }
    if (startOffset < t.length) out.push({ ns: ns.slice(startOffset, t.length), addedId: -1 });
  }
}

function sameToken(a: AddedTokenConfig, b: AddedTokenConfig): boolean {
  return a.content === b.content && a.single_word === b.single_word && a.lstrip === b.lstrip && a.rstrip === b.rstrip && a.normalized === b.normalized && a.special === b.special;
}

function matcher(pairs: [string, number][]): Matcher | null {
  if (pairs.length === 0) return null;
  const byFirst = new Map<number, [string, number][]>();
  for (const p of pairs) {
    if (p[0] === "") continue;
    const k = p[0].charCodeAt(0);
    let l = byFirst.get(k);
    if (l === undefined) byFirst.set(k, (l = []));
    l.push(p);
  }
  for (const l of byFirst.values()) l.sort((x, y) => y[0].length - x[0].length);
  const first = new Uint8Array(0x10000);
  for (const k of byFirst.keys()) first[k] = 1;
  return { byFirst, first, only: byFirst.size === 1 ? String.fromCharCode([...byFirst.keys()][0]) : "" };
}

function widthAt(t: string, i: number): number {
  const c = t.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < t.length && (t.charCodeAt(i + 1) & 0xfc00) === 0xdc00 ? 2 : 1;
}

function cpAt(t: string, i: number): number {
  return t.codePointAt(i)!;
}

function cpBefore(t: string, i: number): number {
  const c = t.charCodeAt(i - 1);
  if (c >= 0xdc00 && c <= 0xdfff && i >= 2) {
    const h = t.charCodeAt(i - 2);
    if (h >= 0xd800 && h <= 0xdbff) return ((h - 0xd800) << 10) + (c - 0xdc00) + 0x10000;
  }
  return c;
}

/** Rust regex \w$ on t[..i]. */
function isWordBefore(t: string, i: number): boolean {
  return (flagsOf(cpBefore(t, i)) & WORD_F) !== 0;
}

/** Rust regex ^\w on t[i..]. */
function isWordAt(t: string, i: number): boolean {
  return (flagsOf(cpAt(t, i)) & WORD_F) !== 0;
}

function isSpaceBefore(t: string, i: number): boolean {
  return (flagsOf(cpBefore(t, i)) & WHITESPACE_F) !== 0;
}

function isSpaceAt(t: string, i: number): boolean {
  return (flagsOf(cpAt(t, i)) & WHITESPACE_F) !== 0;
}
