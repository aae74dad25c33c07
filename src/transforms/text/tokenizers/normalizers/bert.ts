/**
 * HF BertNormalizer: clean_text (drop NUL, U+FFFD and control/format/private-use/surrogate
 * characters; whitespace to " "), handle_chinese_chars (" c " around CJK ideographs),
 * strip_accents (NFD, then drop nonspacing marks; defaults to `lowercase`), lowercase.
 *
 * One pass instead of HF's four: each step maps one character to characters that all
 * take that character's alignment (filter keeps its own, the CJK padding and the
 * decomposition's extra characters and the lowercase's extra characters align to their
 * source), so the steps compose character by character. The one exception is NFD's
 * canonical reordering of marks that come from different characters, which moves
 * alignments between positions: when a document needs it, the four HF steps run one
 * after the other instead (ops.ts). Pure-ASCII text skips even the per-character pass.
 */
import type { NormalizerConfig } from "../config.js";
import type { NormalizedString } from "../normalized-string.js";
import { BERT_REMOVED_F, CJK_F, MN_F, WHITESPACE_F, bmpFlags, flagsOf } from "../unicode/char-classes.js";
import { ccc } from "../unicode/ccc.js";
import { NORMALIZATION_EXCEPTIONS } from "../unicode/hf-tables.js";
import { lowercase, padChinese, removeFlagged, unicodeNormalize, whitespaceToSpace } from "./ops.js";

type Bert = Extract<NormalizerConfig, { type: "BertNormalizer" }>;

/** ASCII with no character clean_text would remove (C0 controls but \t\n\r, and DEL). */
function cleanAscii(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c >= 0x7f || (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d)) return false;
  }
  return true;
}

/** Per code point: the characters NFD + nonspacing-mark removal + lowercase leave (cached). */
const perChar = new Map<number, number[]>();
/** Combining classes of the NFD of a code point, for the reordering check. */
const nfdClasses = new Map<number, number[]>();

function nfdOf(cp: number): number[] {
  const out: number[] = [];
  for (const ch of NORMALIZATION_EXCEPTIONS.NFD[cp] ?? String.fromCodePoint(cp).normalize("NFD")) out.push(ch.codePointAt(0)!);
  return out;
}

function classesOf(cp: number): number[] {
  let c = nfdClasses.get(cp);
  if (c === undefined) {
    c = nfdOf(cp).map(ccc);
    if (nfdClasses.size < 200_000) nfdClasses.set(cp, c);
  }
  return c;
}

function mapChar(cp: number, strip: boolean, lower: boolean): number[] {
  const key = cp * 4 + (strip ? 2 : 0) + (lower ? 1 : 0);
  let r = perChar.get(key);
  if (r === undefined) {
    let cps = strip ? nfdOf(cp).filter((c) => (flagsOf(c) & MN_F) === 0) : [cp];
    if (lower) {
      const l: number[] = [];
      for (const c of cps) for (const ch of String.fromCodePoint(c).toLowerCase()) l.push(ch.codePointAt(0)!);
      cps = l;
    }
    r = cps;
    if (perChar.size < 200_000) perChar.set(key, r);
  }
  return r;
}

/** Table value: the character maps to more than one unit, to a mark, or needs the slow path. */
const COMPLEX = -1;
/** Table value: clean_text removes the character. */
const REMOVED = -2;
/** Table value: not computed yet. */
const UNKNOWN = -3;

/**
 * Per configuration, per BMP unit: the single unit it becomes (with every NFD character a
 * starter, so no reordering can involve it), REMOVED, or COMPLEX. Filled lazily.
 */
const tables = new Map<number, Int32Array>();

function tableFor(c: Bert, strip: boolean): Int32Array {
  const key = (c.clean_text ? 8 : 0) + (c.handle_chinese_chars ? 4 : 0) + (strip ? 2 : 0) + (c.lowercase ? 1 : 0);
  let t = tables.get(key);
  if (t === undefined) {
    t = new Int32Array(0x10000).fill(UNKNOWN);
    tables.set(key, t);
  }
  return t;
}

function classify(c: Bert, strip: boolean, unit: number): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return COMPLEX;
  const fl = bmpFlags()[unit];
  if (c.clean_text && fl & BERT_REMOVED_F) return REMOVED;
  if (c.handle_chinese_chars && fl & CJK_F) return COMPLEX;
  const x = c.clean_text && fl & WHITESPACE_F ? 0x20 : unit;
  if (strip && classesOf(x).some((k) => k !== 0)) return COMPLEX;
  const out = strip || c.lowercase ? mapChar(x, strip, c.lowercase) : [x];
  return out.length === 1 && out[0] <= 0xffff ? out[0] : COMPLEX;
}

/** HF's four steps in sequence (exact in every case; used when marks need reordering). */
function stepwise(c: Bert, ns: NormalizedString, strip: boolean): void {
  if (c.clean_text) {
    removeFlagged(ns, BERT_REMOVED_F);
    whitespaceToSpace(ns);
  }
  if (c.handle_chinese_chars) padChinese(ns);
  if (strip) {
    unicodeNormalize(ns, "NFD");
    removeFlagged(ns, MN_F);
  }
  if (c.lowercase) lowercase(ns);
}

export function bertNormalize(c: Bert, ns: NormalizedString): void {
  const strip = c.strip_accents ?? c.lowercase;
  const t = ns.text;
  if (cleanAscii(t)) {
    let out = t;
    if (c.clean_text && (t.includes("\t") || t.includes("\n") || t.includes("\r"))) out = out.replace(/[\t\n\r]/g, " ");
    if (c.lowercase) out = out.toLowerCase();
    ns.replaceSameShape(out);
    return;
  }
  const f = bmpFlags();
  const n = t.length;
  // Output units and the input unit each came from; runs of unchanged characters are copied by slice.
  let text = "";
  let runStart = 0;
  let sameShape = true;
  const src: number[] = [];
  let lastClass = 0;
  const units: number[] = [];
  const track = ns.track;
  const table = tableFor(c, strip);
  for (let i = 0; i < n; ) {
    const u = t.charCodeAt(i);
    let m = table[u];
    if (m === UNKNOWN) m = table[u] = classify(c, strip, u);
    if (m >= 0) {
      // One unit to one unit, a starter: no reordering can involve it.
      lastClass = 0;
      if (m === u) {
        if (track) src.push(i);
        i++;
        continue;
      }
      if (runStart < i) text += t.slice(runStart, i);
      text += String.fromCharCode(m);
      if (track) src.push(i);
      i++;
      runStart = i;
      continue;
    }
    if (m === REMOVED) {
      if (runStart < i) text += t.slice(runStart, i);
      sameShape = false;
      i++;
      runStart = i;
      continue;
    }
    let cp = u;
    let w = 1;
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < n) {
      const lo = t.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = ((cp - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
        w = 2;
      }
    }
    const fl = w === 1 ? f[cp] : flagsOf(cp);
    let out: number[] | null;
    let cjk = false;
    if (c.clean_text && fl & BERT_REMOVED_F) {
      out = null;
    } else {
      let x = cp;
      if (c.clean_text && fl & WHITESPACE_F) x = 0x20;
      cjk = c.handle_chinese_chars && (fl & CJK_F) !== 0;
      if (strip) {
        // Reordering check over the NFD stream: a non-starter after one of higher class.
        if (cjk) lastClass = 0;
        for (const k of classesOf(x)) {
          if (k === 0) lastClass = 0;
          else if (k < lastClass) {
            stepwise(c, ns, strip);
            return;
          } else lastClass = k;
        }
        if (cjk) lastClass = 0;
      }
      out = strip || c.lowercase ? mapChar(x, strip, c.lowercase) : [x];
      if (cjk) out = [0x20, ...out, 0x20];
    }
    // Unchanged character: extend the copied run.
    if (out !== null && out.length === 1 && out[0] === cp) {
      if (track) for (let k = 0; k < w; k++) src.push(i + k);
      i += w;
      continue;
    }
    if (runStart < i) text += t.slice(runStart, i);
    if (out === null) {
      sameShape = false;
    } else {
      units.length = 0;
      for (const o of out) {
        if (o > 0xffff) units.push(0xd800 + ((o - 0x10000) >> 10), 0xdc00 + ((o - 0x10000) & 0x3ff));
        else units.push(o);
      }
      if (units.length !== w) sameShape = false;
      text += String.fromCharCode(...units);
      if (track) for (let k = 0; k < units.length; k++) src.push(i);
    }
    i += w;
    runStart = i;
  }
  if (runStart < n) text += t.slice(runStart, n);
  if (sameShape || !track) {
    // Every character became one of the same width: the alignment is unchanged.
    ns.replaceSameShape(text);
    return;
  }
  ns.materialize();
  const os = ns.starts!;
  const oe = ns.ends!;
  const starts = new Int32Array(src.length);
  const ends = new Int32Array(src.length);
  for (let k = 0; k < src.length; k++) {
    starts[k] = os[src[k]];
    ends[k] = oe[src[k]];
  }
  ns.text = text;
  ns.starts = starts;
  ns.ends = ends;
}
