/**
 * HF's PreTokenizedString: the document as a list of splits, each a NormalizedString,
 * some already tokenized (added tokens found before normalization or pre-tokenization).
 * Pre-tokenizers refine the untokenized splits; empty splits are dropped, as in HF.
 */
import type { SplitBehavior } from "./config.js";
import type { NormalizedString } from "./normalized-string.js";

export interface Split {
  ns: NormalizedString;
  /** Id of the added token this split is, or -1 when the split still needs the model. */
  addedId: number;
}

/** Replaces every untokenized split by the non-empty pieces `fn` makes of it. */
export function refine(splits: Split[], fn: (ns: NormalizedString, out: NormalizedString[]) => void): Split[] {
  const next: Split[] = [];
  const pieces: NormalizedString[] = [];
  for (const s of splits) {
    if (s.addedId >= 0) {
      next.push(s);
      continue;
    }
    pieces.length = 0;
    fn(s.ns, pieces);
    for (const p of pieces) if (p.text.length > 0) next.push({ ns: p, addedId: -1 });
  }
  return next;
}

/**
 * HF NormalizedString::split: `segments` are (start, end, isMatch) triples covering the
 * text in order; `behavior` says what becomes of the matches.
 */
export function splitBySegments(ns: NormalizedString, segments: ArrayLike<number>, count: number, behavior: SplitBehavior, out: NormalizedString[]): void {
  // Merged segments as (start, end, remove) triples.
  const merged: number[] = [];
  const push = (s: number, e: number, remove: number): void => {
    merged.push(s, e, remove);
  };
  switch (behavior) {
    case "Isolated":
      for (let k = 0; k < count; k += 3) push(segments[k], segments[k + 1], 0);
      break;
    case "Removed":
      for (let k = 0; k < count; k += 3) push(segments[k], segments[k + 1], segments[k + 2]);
      break;
    case "Contiguous": {
      let prevMatch = 0;
      for (let k = 0; k < count; k += 3) {
        const isMatch = segments[k + 2];
        if (isMatch === prevMatch && merged.length > 0) merged[merged.length - 2] = segments[k + 1];
        else push(segments[k], segments[k + 1], 0);
        prevMatch = isMatch;
      }
      break;
    }
    case "MergedWithPrevious": {
      let prevMatch = 0;
      for (let k = 0; k < count; k += 3) {
        const isMatch = segments[k + 2];
        if (isMatch && !prevMatch && merged.length > 0) merged[merged.length - 2] = segments[k + 1];
        else push(segments[k], segments[k + 1], 0);
        prevMatch = isMatch;
      }
      break;
    }
    case "MergedWithNext": {
      // Walk backwards, extending the following piece's start over a match.
      const rev: number[] = [];
      let prevMatch = 0;
      for (let k = count - 3; k >= 0; k -= 3) {
        const isMatch = segments[k + 2];
        if (isMatch && !prevMatch && rev.length > 0) rev[rev.length - 3] = segments[k];
        else rev.push(segments[k], segments[k + 1], 0);
        prevMatch = isMatch;
      }
      for (let k = rev.length - 3; k >= 0; k -= 3) push(rev[k], rev[k + 1], 0);
      break;
    }
  }
  for (let k = 0; k < merged.length; k += 3) {
    if (merged[k + 2]) continue;
    const s = merged[k];
    const e = merged[k + 1];
    if (e > s) out.push(ns.slice(s, e));
  }
}

/** Segments of a per-character predicate: each matching character alone, runs of others. */
export function charSegments(text: string, isMatch: (cp: number) => boolean, out: number[]): number {
  out.length = 0;
  if (text.length === 0) {
    out.push(0, 0, 0);
    return 3;
  }
  let last = 0;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const w = cp > 0xffff ? 2 : 1;
    if (isMatch(cp)) {
      if (last < i) out.push(last, i, 0);
      out.push(i, i + w, 1);
      last = i + w;
    }
    i += w;
  }
  if (last < text.length) out.push(last, text.length, 0);
  return out.length;
}
