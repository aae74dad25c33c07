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

export type Bert = Extract<NormalizerConfig, { type: "BertNormalizer" }>;

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

/** Source unit per output unit, shared by every call (grown on demand). */
let srcBuf = new Int32Array(4096);

/** Table value: the character maps to more than one unit, to a mark, or needs the slow path. */
export const COMPLEX = -1;
/** Table value: clean_text removes the character. */
export const REMOVED = -2;
/** Table value: not computed yet. */
export const UNKNOWN = -3;

/**
 * Per configuration, per BMP unit: the single unit it becomes, REMOVED, or COMPLEX; and,
 * beside it (`marks`), what its NFD means for the reordering check when accents are
 * stripped: 0 when it ends on a starter and cannot be reordered with what precedes it,
 * else its first and last combining classes (first | last << 8). Filled lazily.
 */
export interface BertTables {
  map: Int32Array;
  marks: Uint16Array;
}

const tables = new Map<number, BertTables>();

export function tableFor(c: Bert, strip: boolean): BertTables {
  const key = (c.clean_text ? 8 : 0) + (c.handle_chinese_chars ? 4 : 0) + (strip ? 2 : 0) + (c.lowercase ? 1 : 0);
  let t = tables.get(key);
  if (t === undefined) {
    t = { map: new Int32Array(0x10000).fill(UNKNOWN), marks: new Uint16Array(0x10000) };
    tables.set(key, t);
  }
  return t;
}

/** The table entry of a BMP unit (writes its `marks` entry). */
export function classify(c: Bert, strip: boolean, unit: number, marks: Uint16Array): number {
  if (unit >= 0xd800 && unit <= 0xdfff) return COMPLEX;
  const fl = bmpFlags()[unit];
  if (c.clean_text && fl & BERT_REMOVED_F) return REMOVED;
  if (c.handle_chinese_chars && fl & CJK_F) return COMPLEX;
  const x = c.clean_text && fl & WHITESPACE_F ? 0x20 : unit;
  const out = mapChar(x, strip, c.lowercase);
  if (out.length !== 1 || out[0] > 0xffff) return COMPLEX;
  if (strip) {
    // NFD is canonically ordered, so complexChar's check can only fail on the first
    // class, and leaves the last one (0 after a starter) as the state.
    const k = classesOf(x);
    marks[unit] = k[0] | (k[k.length - 1] << 8);
  }
  return out[0];
}

/**
 * complexChar's reordering check for a table character with `marks` entry `cl`: the new
 * state, or -1 when canonical reordering across characters is needed.
 */
export function markState(cl: number, lastClass: number): number {
  if (cl === 0) return 0;
  const first = cl & 0xff;
  return first !== 0 && first < lastClass ? -1 : cl >>> 8;
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

/** The reordering check's state across the characters of a pass. */
export interface CharState {
  /** Combining class of the last NFD character (0 after a starter). */
  lastClass: number;
}

const state: CharState = { lastClass: 0 };

/** complexChar's answer when canonical reordering across characters is needed (the pass must give way to stepwise). */
export const REORDER: readonly number[] = [];

/** Whether handle_chinese_chars pads the character (flags `fl`) with spaces. */
export function isPadded(c: Bert, fl: number): boolean {
  return c.handle_chinese_chars && (fl & CJK_F) !== 0;
}

/**
 * One character off the table (surrogate pairs, CJK, marks, multi-unit mappings): its
 * code points after clean_text, NFD + mark removal and lowercase (a cached array: do not
 * modify; without the CJK padding, see isPadded), null when clean_text removes it, or
 * REORDER. Updates `st.lastClass`.
 */
export function complexChar(c: Bert, strip: boolean, cp: number, fl: number, st: CharState): readonly number[] | null {
  if (c.clean_text && fl & BERT_REMOVED_F) return null;
  let x = cp;
  if (c.clean_text && fl & WHITESPACE_F) x = 0x20;
  const cjk = isPadded(c, fl);
  if (strip) {
    // Reordering check over the NFD stream: a non-starter after one of higher class.
    if (cjk) st.lastClass = 0;
    for (const k of classesOf(x)) {
      if (k === 0) st.lastClass = 0;
      else if (k < st.lastClass) return REORDER;
      else st.lastClass = k;
    }
    if (cjk) st.lastClass = 0;
  }
  return mapChar(x, strip, c.lowercase);
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
  // Source unit of each output unit (a shared buffer: at most 3 units per input unit, as
  // CJK padding gives; grown when a longer mapping needs it).
  if (srcBuf.length < 3 * n + 16) srcBuf = new Int32Array(3 * n + 1024);
  let src = srcBuf;
  let srcLen = 0;
  let lastClass = 0;
  const units: number[] = [];
  const track = ns.track;
  const { map: table, marks } = tableFor(c, strip);
  for (let i = 0; i < n; ) {
    const u = t.charCodeAt(i);
    let m = table[u];
    if (m === UNKNOWN) m = table[u] = classify(c, strip, u, marks);
    if (m >= 0) {
      // One unit to one unit (marks[u] is 0 unless accents are stripped).
      lastClass = markState(marks[u], lastClass);
      if (lastClass < 0) {
        if (srcBuf.length > 1 << 20) srcBuf = new Int32Array(4096);
        stepwise(c, ns, strip);
        return;
      }
      if (m === u) {
        if (track) src[srcLen++] = i;
        i++;
        continue;
      }
      if (runStart < i) text += t.slice(runStart, i);
      text += String.fromCharCode(m);
      if (track) src[srcLen++] = i;
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
    state.lastClass = lastClass;
    let out: readonly number[] | null = complexChar(c, strip, cp, fl, state);
    lastClass = state.lastClass;
    if (out === REORDER) {
      if (srcBuf.length > 1 << 20) srcBuf = new Int32Array(4096);
      stepwise(c, ns, strip);
      return;
    }
    if (out !== null && isPadded(c, fl)) out = [0x20, ...out, 0x20];
    // Unchanged character: extend the copied run.
    if (out !== null && out.length === 1 && out[0] === cp) {
      if (track) for (let k = 0; k < w; k++) src[srcLen++] = i + k;
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
      if (track) {
        if (srcLen + units.length + 3 * (n - i) > src.length) {
          const grown = new Int32Array(Math.max(2 * src.length, srcLen + units.length + 3 * (n - i)));
          grown.set(src.subarray(0, srcLen));
          srcBuf = src = grown;
        }
        for (let k = 0; k < units.length; k++) src[srcLen++] = i;
      }
    }
    i += w;
    runStart = i;
  }
  if (runStart < n) text += t.slice(runStart, n);
  // A giant document must not pin the shared buffer (`src` keeps it for this call).
  if (srcBuf.length > 1 << 20) srcBuf = new Int32Array(4096);
  if (sameShape || !track) {
    // Every character became one of the same width: the alignment is unchanged.
    ns.replaceSameShape(text);
    return;
  }
  const starts = new Int32Array(srcLen);
  const ends = new Int32Array(srcLen);
  const os = ns.starts;
  const oe = ns.ends;
  if (os === null || oe === null) {
    // Identity alignment: read it off the text instead of materializing it.
    for (let k = 0; k < srcLen; k++) {
      starts[k] = ns.startAt(src[k]);
      ends[k] = ns.endAt(src[k]);
    }
  } else {
    for (let k = 0; k < srcLen; k++) {
      starts[k] = os[src[k]];
      ends[k] = oe[src[k]];
    }
  }
  ns.text = text;
  ns.starts = starts;
  ns.ends = ends;
}
