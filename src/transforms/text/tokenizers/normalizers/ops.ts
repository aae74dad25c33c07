/**
 * The normalization steps of HF's NormalizedString, each with a fast path that leaves the
 * alignment untouched when the text does not change shape (the common case: ASCII text,
 * already-normalized text), and HF's exact alignment rules otherwise.
 */
import { NormalizedString, fromCodePoints } from "../normalized-string.js";
import { CJK_F, WHITESPACE_F, bmpFlags, flagsOf } from "../unicode/char-classes.js";
import { type Form, decompose, recompose } from "../unicode/normalize.js";

/** True when any code point of `text` has one of `mask`'s flags. */
export function hasFlag(text: string, mask: number): boolean {
  const f = bmpFlags();
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        if (flagsOf(((c - 0xd800) << 10) + (lo - 0xdc00) + 0x10000) & mask) return true;
        i++;
        continue;
      }
    }
    if (f[c] & mask) return true;
  }
  return false;
}

export function removeFlagged(ns: NormalizedString, mask: number): void {
  if (!hasFlag(ns.text, mask)) return;
  ns.filter((cp) => (flagsOf(cp) & mask) === 0);
}

/** Every whitespace character (Rust is_whitespace) becomes a space; all are BMP, so 1:1. */
export function whitespaceToSpace(ns: NormalizedString): void {
  const f = bmpFlags();
  const t = ns.text;
  let out: string | null = null;
  let last = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c !== 0x20 && (f[c] & WHITESPACE_F) !== 0) {
      out = (out ?? "") + t.slice(last, i) + " ";
      last = i + 1;
    }
  }
  if (out !== null) ns.replaceSameShape(out + t.slice(last));
}

/** BertNormalizer's handle_chinese_chars: " c " around every CJK ideograph, all aligned to it. */
export function padChinese(ns: NormalizedString): void {
  if (!hasFlag(ns.text, CJK_F)) return;
  const cps: number[] = [];
  const changes: number[] = [];
  for (const ch of ns.text) {
    const c = ch.codePointAt(0)!;
    if (flagsOf(c) & CJK_F) {
      cps.push(0x20, c, 0x20);
      changes.push(0, 1, 1);
    } else {
      cps.push(c);
      changes.push(0);
    }
  }
  ns.transform(cps, changes, cps.length, 0);
}

export function unicodeNormalize(ns: NormalizedString, form: Form): void {
  const t = ns.text;
  // Unchanged by the engine means unchanged by the reference too: its tables are older, a
  // subset (characters the two treat differently are the baked exceptions, which the
  // engine does change).
  const target = t.normalize(form);
  if (target === t) return;
  const s = form === "NFD" || form === "NFKD" ? decompose(t, form) : recompose(t, form);
  ns.transform(s.cps, s.changes, s.cps.length, 0);
}

const lowerCache = new Map<number, number[]>();

function lowerOf(cp: number): number[] {
  let l = lowerCache.get(cp);
  if (l === undefined) {
    l = [];
    // One character alone: JS's final-sigma rule cannot apply, which is Rust's char::to_lowercase.
    for (const ch of String.fromCodePoint(cp).toLowerCase()) l.push(ch.codePointAt(0)!);
    if (lowerCache.size < 100_000) lowerCache.set(cp, l);
  }
  return l;
}

/** HF lowercase: Rust char::to_lowercase per character (no final-sigma context). */
export function lowercase(ns: NormalizedString): void {
  const t = ns.text;
  const low = t.toLowerCase();
  // Same length and no capital sigma: every character mapped to one of equal width, and the
  // context-free and contextual mappings agree.
  if (low.length === t.length && t.indexOf("\u03a3") < 0) {
    if (low !== t) ns.replaceSameShape(low);
    return;
  }
  const cps: number[] = [];
  const changes: number[] = [];
  for (const ch of t) {
    const l = lowerOf(ch.codePointAt(0)!);
    for (let k = 0; k < l.length; k++) {
      cps.push(l[k]);
      changes.push(k > 0 ? 1 : 0);
    }
  }
  const text = fromCodePoints(cps);
  if (text.length === t.length) {
    // Only sigma differed from the contextual mapping; shapes are equal.
    ns.replaceSameShape(text);
    return;
  }
  ns.transform(cps, changes, cps.length, 0);
}

/** HF strip/lstrip/rstrip of Rust-whitespace characters. */
export function strip(ns: NormalizedString, left: boolean, right: boolean): void {
  const t = ns.text;
  const chars = Array.from(t, (ch) => ch.codePointAt(0)!);
  const ws = (cp: number): boolean => (flagsOf(cp) & WHITESPACE_F) !== 0;
  let lead = 0;
  if (left) while (lead < chars.length && ws(chars[lead])) lead++;
  let trail = 0;
  if (right) while (trail < chars.length - lead && ws(chars[chars.length - 1 - trail])) trail++;
  if (lead === 0 && trail === 0) return;
  const keep = chars.slice(lead, chars.length - trail);
  const changes = keep.map((_, i) => (i === keep.length - 1 ? -trail : 0));
  ns.transform(keep, changes, keep.length, lead);
}

/**
 * HF replace: every match of `re` replaced by `content`; the content's characters are all
 * aligned with the last character of the match they replace.
 */
export function replace(ns: NormalizedString, re: RegExp, content: string, emptyLiteral: boolean): void {
  if (emptyLiteral) return;
  const t = ns.text;
  re.lastIndex = 0;
  const matches: number[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(t)) !== null) {
    matches.push(m.index, m.index + m[0].length);
    if (m[0].length === 0) {
      if (m.index >= t.length) break;
      re.lastIndex = m.index + (t.codePointAt(m.index)! > 0xffff ? 2 : 1);
    }
  }
  if (matches.length === 0) return;
  if (!ns.track) {
    let text = "";
    let last = 0;
    for (let k = 0; k < matches.length; k += 2) {
      text += t.slice(last, matches[k]) + content;
      last = matches[k + 1];
    }
    ns.text = text + t.slice(last);
    return;
  }
  ns.materialize();
  const os = ns.starts!;
  const oe = ns.ends!;
  let text = "";
  const starts: number[] = [];
  const ends: number[] = [];
  let last = 0;
  const copy = (from: number, to: number): void => {
    text += t.slice(from, to);
    for (let i = from; i < to; i++) {
      starts.push(os[i]);
      ends.push(oe[i]);
    }
  };
  for (let k = 0; k < matches.length; k += 2) {
    const s = matches[k];
    const e = matches[k + 1];
    copy(last, s);
    const a0 = e < 1 ? ns.origin : os[e - 1];
    const a1 = e < 1 ? ns.origin : oe[e - 1];
    text += content;
    for (let i = 0; i < content.length; i++) {
      starts.push(a0);
      ends.push(a1);
    }
    last = e;
  }
  copy(last, t.length);
  ns.text = text;
  ns.starts = Int32Array.from(starts);
  ns.ends = Int32Array.from(ends);
}
