/**
 * HF ByteLevel (GPT-2): an optional leading space, the GPT-2 split regex
 *   's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
 * and every UTF-8 byte of each piece mapped to a printable character (bytes_char).
 *
 * The regex runs as a hand-written scanner over the classes baked from the reference's
 * Oniguruma (LETTER_F, NUMBER_F, SPACE_F): same leftmost-first alternation, no engine
 * Unicode-version drift, and several times faster than a JS regex here.
 */
import { NormalizedString } from "../normalized-string.js";
import { LETTER_F, NUMBER_F, SPACE_F, bmpFlags, flagsOf } from "../unicode/char-classes.js";

/** byte -> its printable stand-in (GPT-2's bytes_to_unicode). */
export const BYTE_TO_CHAR: readonly string[] = (() => {
  const keep: number[] = [];
  for (let b = 0x21; b <= 0x7e; b++) keep.push(b);
  for (let b = 0xa1; b <= 0xac; b++) keep.push(b);
  for (let b = 0xae; b <= 0xff; b++) keep.push(b);
  const map: string[] = new Array(256);
  for (const b of keep) map[b] = String.fromCharCode(b);
  let n = 0;
  for (let b = 0; b < 256; b++) if (map[b] === undefined) map[b] = String.fromCharCode(256 + n++);
  return map;
})();

/** Stand-in character code -> byte, -1 for other characters. */
export const CHAR_TO_BYTE: Int16Array = (() => {
  const t = new Int16Array(0x200).fill(-1);
  BYTE_TO_CHAR.forEach((c, b) => (t[c.charCodeAt(0)] = b));
  return t;
})();

/** The 256 stand-in characters (HF's ByteLevel.alphabet()). */
export function byteLevelAlphabet(): string[] {
  return BYTE_TO_CHAR.slice();
}

const OTHER = 0;
const LETTER = 1;
const NUMBER = 2;
const SPACE = 3;

function classAt(t: string, i: number, f: Uint16Array): number {
  const c = t.charCodeAt(i);
  let fl: number;
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < t.length) {
    const lo = t.charCodeAt(i + 1);
    fl = lo >= 0xdc00 && lo <= 0xdfff ? flagsOf(((c - 0xd800) << 10) + (lo - 0xdc00) + 0x10000) : 0;
  } else {
    fl = f[c];
  }
  if (fl & LETTER_F) return LETTER;
  if (fl & NUMBER_F) return NUMBER;
  if (fl & SPACE_F) return SPACE;
  return OTHER;
}

function widthAt(t: string, i: number): number {
  const c = t.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < t.length) {
    const lo = t.charCodeAt(i + 1);
    if (lo >= 0xdc00 && lo <= 0xdfff) return 2;
  }
  return 1;
}

/** End of the run of class `cls` starting at i. */
function runEnd(t: string, i: number, cls: number, f: Uint16Array): number {
  const n = t.length;
  while (i < n && classAt(t, i, f) === cls) i += widthAt(t, i);
  return i;
}

/** Calls emit(start, end) for each GPT-2 regex match, in order; matches cover the text. */
export function gpt2Split(t: string, emit: (start: number, end: number) => void): void {
  const f = bmpFlags();
  const n = t.length;
  let p = 0;
  while (p < n) {
    const c = t.charCodeAt(p);
    if (c === 0x27 && p + 1 < n) {
      // 's 't 're 've 'm 'll 'd
      const c1 = t.charCodeAt(p + 1);
      if (c1 === 0x73 || c1 === 0x74 || c1 === 0x6d || c1 === 0x64) {
        emit(p, p + 2);
        p += 2;
        continue;
      }
      if (p + 2 < n) {
        const c2 = t.charCodeAt(p + 2);
        if ((c1 === 0x72 && c2 === 0x65) || (c1 === 0x76 && c2 === 0x65) || (c1 === 0x6c && c2 === 0x6c)) {
          emit(p, p + 3);
          p += 3;
          continue;
        }
      }
    }
    let q = p;
    if (c === 0x20 && p + 1 < n) {
      const next = classAt(t, p + 1, f);
      if (next !== SPACE) q = p + 1;
    }
    const cls = classAt(t, q, f);
    if (cls !== SPACE) {
      const e = runEnd(t, q + widthAt(t, q), cls, f);
      emit(p, e);
      p = e;
      continue;
    }
    // Whitespace run [p, e): \s+(?!\S) leaves its last character to the next match when a
    // non-space follows; a single whitespace character before a non-space is \s+ alone.
    const e = runEnd(t, p, SPACE, f);
    if (e === n) {
      emit(p, e);
      p = e;
      continue;
    }
    let back = e - 1;
    if (back > p && t.charCodeAt(back) >= 0xdc00 && t.charCodeAt(back) <= 0xdfff) back--;
    if (back > p) {
      emit(p, back);
      p = back;
    } else {
      emit(p, e);
      p = e;
    }
  }
}

/**
 * Maps every UTF-8 byte of the piece to its stand-in; the bytes of one character all take
 * that character's alignment (HF's transform with changes 0, +1, +1...).
 */
export function toByteLevel(ns: NormalizedString): void {
  const t = ns.text;
  const n = t.length;
  let ascii = true;
  for (let i = 0; i < n; i++) {
    if (t.charCodeAt(i) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    let out = "";
    for (let i = 0; i < n; i++) out += BYTE_TO_CHAR[t.charCodeAt(i)];
    ns.replaceSameShape(out);
    return;
  }
  if (!ns.track) {
    ns.text = byteLevelText(t);
    return;
  }
  ns.materialize();
  const os = ns.starts!;
  const oe = ns.ends!;
  // Each character's stand-ins (cached per character) and, per stand-in, its source unit.
  const src: number[] = [];
  let text = "";
  for (let i = 0; i < n; i++) {
    const at = i;
    const c = t.charCodeAt(i);
    let cp = c;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && (t.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      cp = ((c - 0xd800) << 10) + (t.charCodeAt(i + 1) - 0xdc00) + 0x10000;
      i++;
    }
    const m = cp < 0x80 ? BYTE_TO_CHAR[cp] : byteLevelOf(cp);
    text += m;
    for (let k = 0; k < m.length; k++) src.push(at);
  }
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

const charCache = new Map<number, string>();

/** The byte-level text alone (no alignment), from a per-character cache. */
export function byteLevelText(t: string): string {
  let out = "";
  const n = t.length;
  for (let i = 0; i < n; i++) {
    const c = t.charCodeAt(i);
    if (c < 0x80) {
      out += BYTE_TO_CHAR[c];
      continue;
    }
    let cp = c;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && (t.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      cp = ((c - 0xd800) << 10) + (t.charCodeAt(i + 1) - 0xdc00) + 0x10000;
      i++;
    }
    out += byteLevelOf(cp);
  }
  return out;
}

/** The stand-ins of one character's UTF-8 bytes (cached). */
function byteLevelOf(cp: number): string {
  let m = charCache.get(cp);
  if (m === undefined) {
    m = "";
    for (const b of new TextEncoder().encode(String.fromCodePoint(cp))) m += BYTE_TO_CHAR[b];
    if (charCache.size < 100_000) charCache.set(cp, m);
  }
  return m;
}


/** Prepends a space unless the piece already starts with one (add_prefix_space). */
export function addPrefixSpace(ns: NormalizedString): void {
  if (ns.text.length > 0 && ns.text.charCodeAt(0) !== 0x20) ns.prepend(" ");
}

export { NormalizedString };
