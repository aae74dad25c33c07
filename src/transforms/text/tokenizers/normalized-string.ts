/**
 * A piece of text being normalized, with the alignment of every character to the range of
 * the ORIGINAL document it came from — Hugging Face's NormalizedString, re-expressed for
 * JS strings.
 *
 * HF keeps, per byte of the normalized UTF-8 string, the byte range of the original that
 * produced it; every operation works on whole characters, so one alignment per character
 * says the same. Here: per UTF-16 code unit of `text` (both units of a surrogate pair hold
 * the same pair), the original range as absolute UTF-16 offsets into the document. Final
 * offsets are converted to code points (HF's char offsets) or kept as UTF-16 at the end.
 *
 * `starts === null` means the identity alignment: unit i comes from the original character
 * at `origin + i` (the text may differ, but only by 1:1 replacements of equal width, as a
 * lowercase of ASCII). Most of the text of real corpora never leaves this state, so most
 * documents never allocate alignment arrays.
 *
 * `transform` reproduces HF's transform_range: the new text as (code point, change) pairs,
 * change 0 = replaces the next original character, 1 = inserted (aligned to the previous
 * character), -n = replaces the next character and removes n more.
 */
export class NormalizedString {
  text: string;
  starts: Int32Array | null;
  ends: Int32Array | null;
  /** Absolute original offset where this piece starts (HF's original_shift). */
  origin: number;
  /** Absolute original offset where this piece ends. */
  originEnd: number;
  /**
   * False when nobody will ask for offsets (ids-only encoding, training): operations then
   * update the text only. The text is the same either way.
   */
  track = true;

  constructor(text: string, origin: number, originEnd: number, starts: Int32Array | null = null, ends: Int32Array | null = null) {
    this.text = text;
    this.origin = origin;
    this.originEnd = originEnd;
    this.starts = starts;
    this.ends = ends;
  }

  static of(text: string, track = true): NormalizedString {
    const ns = new NormalizedString(text, 0, text.length);
    ns.track = track;
    return ns;
  }

  get length(): number {
    return this.text.length;
  }

  /** Original start of the character holding code unit i. */
  startAt(i: number): number {
    if (this.starts !== null) return this.starts[i];
    // Identity: a low surrogate belongs to the pair that starts one unit earlier.
    const c = this.text.charCodeAt(i);
    return c >= 0xdc00 && c <= 0xdfff && i > 0 && isHigh(this.text.charCodeAt(i - 1)) ? this.origin + i - 1 : this.origin + i;
  }

  /** Original end of the character holding code unit i. */
  endAt(i: number): number {
    if (this.ends !== null) return this.ends[i];
    const c = this.text.charCodeAt(i);
    return isHigh(c) && i + 1 < this.text.length && isLow(this.text.charCodeAt(i + 1)) ? this.origin + i + 2 : this.origin + i + 1;
  }

  /** Original range of normalized units [start, end) (HF convert_offsets of a normalized range). */
  originalRange(start: number, end: number): [number, number] {
    if (start >= end) return [this.origin + start, this.origin + end];
    return [this.startAt(start), this.endAt(end - 1)];
  }

  /** Builds explicit alignment arrays from the identity. */
  materialize(): void {
    if (this.starts !== null) return;
    const n = this.text.length;
    const s = new Int32Array(n);
    const e = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = this.startAt(i);
      e[i] = this.endAt(i);
    }
    this.starts = s;
    this.ends = e;
  }

  /** Units [start, end) as a new piece (HF slice of a normalized range); shares alignment storage. */
  slice(start: number, end: number): NormalizedString {
    let r: NormalizedString;
    if (this.starts === null) {
      const o = this.origin;
      // With identity alignment the piece starts/ends at character boundaries of the original.
      r = new NormalizedString(this.text.substring(start, end), o + start, o + end);
    } else {
      const os = end > start ? this.starts[start] : this.origin;
      const oe = end > start ? this.ends![end - 1] : this.origin;
      r = new NormalizedString(this.text.substring(start, end), os, oe, this.starts.subarray(start, end), this.ends!.subarray(start, end));
    }
    r.track = this.track;
    return r;
  }

  /** Replaces the text by a 1:1 mapping of equal code-unit width (alignment unchanged). */
  replaceSameShape(text: string): void {
    this.text = text;
  }

  /**
   * HF transform over the whole piece: `cps[k]` with `changes[k]`, after skipping
   * `initialOffset` characters of the current text.
   */
  transform(cps: ArrayLike<number>, changes: ArrayLike<number>, count: number, initialOffset: number): void {
    if (!this.track) {
      const parts: number[] = [];
      for (let k = 0; k < count; k++) parts.push(cps[k]);
      this.text = fromCodePoints(parts);
      return;
    }
    this.materialize();
    const old = this.text;
    const os = this.starts!;
    const oe = this.ends!;
    const n = old.length;
    let pos = 0;
    for (let k = 0; k < initialOffset && pos < n; k++) pos += width(old, pos);
    const ns: number[] = [];
    const ne: number[] = [];
    const parts: number[] = [];
    for (let k = 0; k < count; k++) {
      const c = cps[k];
      const ch = changes[k];
      let a0: number;
      let a1: number;
      if (ch > 0) {
        if (pos < 1) {
          a0 = this.origin;
          a1 = this.origin;
        } else {
          a0 = os[pos - 1];
          a1 = oe[pos - 1];
        }
      } else {
        if (pos < n) {
          a0 = os[pos];
          a1 = oe[pos];
          pos += width(old, pos);
        } else {
          a0 = this.originEnd;
          a1 = this.originEnd;
        }
        for (let r = 0; r < -ch && pos < n; r++) pos += width(old, pos);
      }
      parts.push(c);
      ns.push(a0);
      ne.push(a1);
      if (c > 0xffff) {
        ns.push(a0);
        ne.push(a1);
      }
    }
    this.text = fromCodePoints(parts);
    this.starts = Int32Array.from(ns);
    this.ends = Int32Array.from(ne);
  }

  /**
   * HF filter: keeps the characters for which `keep` holds; each kept character keeps its
   * own alignment (expressed through transform exactly as HF does).
   */
  filter(keep: (cp: number) => boolean): void {
    const t = this.text;
    const cps: number[] = [];
    const changes: number[] = [];
    let removed = 0;
    let removedStart = 0;
    let last = -1;
    for (let i = 0; i < t.length; ) {
      const c = t.codePointAt(i)!;
      i += c > 0xffff ? 2 : 1;
      if (keep(c)) {
        if (last >= 0) {
          cps.push(last);
          changes.push(-removed);
        } else {
          removedStart = removed;
        }
        last = c;
        removed = 0;
      } else {
        removed++;
      }
    }
    if (last >= 0) {
      cps.push(last);
      changes.push(-removed);
    }
    this.transform(cps, changes, cps.length, removedStart);
  }

  /** HF prepend: `s` before the first character, all aligned with that character. */
  prepend(s: string): void {
    if (this.text.length === 0) return;
    if (!this.track) {
      // The text transform() would build from these code points, without the alignment.
      this.text = s + this.text;
      return;
    }
    const cps: number[] = [];
    const changes: number[] = [];
    let first = true;
    for (const ch of s) {
      cps.push(ch.codePointAt(0)!);
      changes.push(first ? 0 : 1);
      first = false;
    }
    const next = this.text.codePointAt(0)!;
    // Transform of the first character only: rebuild the whole piece around it.
    const rest = this.text.slice(next > 0xffff ? 2 : 1);
    cps.push(next);
    changes.push(1);
    for (const ch of rest) {
      cps.push(ch.codePointAt(0)!);
      changes.push(0);
    }
    this.transform(cps, changes, cps.length, 0);
  }
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Code units of the character starting at i. */
export function width(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return isHigh(c) && i + 1 < s.length && isLow(s.charCodeAt(i + 1)) ? 2 : 1;
}

/** String from code points without the argument-count limit of String.fromCodePoint(...all). */
export function fromCodePoints(cps: readonly number[]): string {
  let out = "";
  const CHUNK = 4096;
  for (let i = 0; i < cps.length; i += CHUNK) out += String.fromCodePoint(...cps.slice(i, i + CHUNK));
  return out;
}
