/**
 * Unicode normalization with HF's alignment changes (the unicode-normalization-alignments
 * crate): the (code point, change) stream whose text is NFD/NFKD/NFC/NFKC of the input.
 *
 *  - Decomposition: each input character's full decomposition, its first character with
 *    change 0 and the others +1; runs of non-starters are stably sorted by canonical
 *    combining class (the pairs move with their characters, so a reordered mark takes
 *    the alignment of the position it lands on — as HF does).
 *  - Composition: over that stream, a starter absorbs following characters it composes
 *    with; the composite's change is the sum of the absorbed changes minus one each.
 *
 * The decomposition of one character and the primary composite of a pair come from the
 * engine's String.prototype.normalize (cached), except for the characters where the
 * reference's (older) tables say otherwise, which are baked (hf-tables.ts); combining
 * classes from the baked table (ccc.ts).
 */
import { ccc } from "./ccc.js";
import { NORMALIZATION_EXCEPTIONS } from "./hf-tables.js";

export type Form = "NFC" | "NFD" | "NFKC" | "NFKD";

const decompCache = { NFD: new Map<number, number[]>(), NFKD: new Map<number, number[]>() };

function decomposition(cp: number, form: "NFD" | "NFKD"): number[] {
  const cache = decompCache[form];
  let d = cache.get(cp);
  if (d === undefined) {
    d = [];
    // Characters newer than the reference's tables: what the reference does with them.
    const hf = NORMALIZATION_EXCEPTIONS[form][cp];
    for (const ch of hf ?? String.fromCodePoint(cp).normalize(form)) d.push(ch.codePointAt(0)!);
    if (cache.size < 100_000) cache.set(cp, d);
  }
  return d;
}

const composeCache = new Map<number, number>();

/** Primary composite of (a, b), or -1. */
function compose(a: number, b: number): number {
  const key = a * 0x110000 + b;
  let r = composeCache.get(key);
  if (r === undefined) {
    const s = String.fromCodePoint(a, b).normalize("NFC");
    const first = s.codePointAt(0)!;
    r = s.length === (first > 0xffff ? 2 : 1) ? first : -1;
    if (composeCache.size < 100_000) composeCache.set(key, r);
  }
  return r;
}

export interface Stream {
  cps: number[];
  changes: number[];
}

/** Decomposition stream of `text` (HF's nfd()/nfkd()). */
export function decompose(text: string, form: "NFD" | "NFKD"): Stream {
  const cps: number[] = [];
  const changes: number[] = [];
  const classes: number[] = [];
  // Start of the pending block (not yet sorted).
  let pending = 0;
  const sortPending = (): void => {
    const n = cps.length - pending;
    if (n < 2) {
      pending = cps.length;
      return;
    }
    let sorted = true;
    for (let i = pending + 1; i < cps.length; i++) if (classes[i] < classes[i - 1]) sorted = false;
    if (!sorted) {
      const idx = Array.from({ length: n }, (_, k) => pending + k);
      idx.sort((x, y) => classes[x] - classes[y] || x - y);
      const c2 = idx.map((k) => cps[k]);
      const h2 = idx.map((k) => changes[k]);
      const k2 = idx.map((k) => classes[k]);
      for (let k = 0; k < n; k++) {
        cps[pending + k] = c2[k];
        changes[pending + k] = h2[k];
        classes[pending + k] = k2[k];
      }
    }
    pending = cps.length;
  };
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    const d = decomposition(cp, form);
    for (let k = 0; k < d.length; k++) {
      const c = ccc(d[k]);
      if (c === 0) sortPending();
      cps.push(d[k]);
      changes.push(k === 0 ? 0 : 1);
      classes.push(c);
    }
  }
  sortPending();
  return { cps, changes };
}

/** Composition stream of `text` (HF's nfc()/nfkc()). */
export function recompose(text: string, form: "NFC" | "NFKC"): Stream {
  const d = decompose(text, form === "NFC" ? "NFD" : "NFKD");
  const cps: number[] = [];
  const changes: number[] = [];
  const emit = (c: number, ch: number): void => {
    cps.push(c);
    changes.push(ch);
  };
  let composee = -1;
  let composeeChange = 0;
  let lastClass = -1;
  const buffer: number[] = [];
  const bufferChanges: number[] = [];
  const flush = (): void => {
    for (let k = 0; k < buffer.length; k++) emit(buffer[k], bufferChanges[k]);
    buffer.length = 0;
    bufferChanges.length = 0;
  };
  for (let k = 0; k < d.cps.length; k++) {
    const ch = d.cps[k];
    const change = d.changes[k];
    const cls = ccc(ch);
    if (composee < 0) {
      if (cls !== 0) {
        emit(ch, change);
        continue;
      }
      composee = ch;
      composeeChange = change;
      continue;
    }
    if (lastClass < 0) {
      const r = compose(composee, ch);
      if (r >= 0) {
        composee = r;
        composeeChange = composeeChange + change - 1;
        continue;
      }
      if (cls === 0) {
        emit(composee, composeeChange);
        composee = ch;
        composeeChange = change;
        continue;
      }
      buffer.push(ch);
      bufferChanges.push(change);
      lastClass = cls;
      continue;
    }
    if (lastClass >= cls) {
      if (cls === 0) {
        emit(composee, composeeChange);
        flush();
        composee = ch;
        composeeChange = change;
        lastClass = -1;
        continue;
      }
      buffer.push(ch);
      bufferChanges.push(change);
      lastClass = cls;
      continue;
    }
    const r = compose(composee, ch);
    if (r >= 0) {
      composee = r;
      composeeChange = composeeChange + change - 1;
      continue;
    }
    buffer.push(ch);
    bufferChanges.push(change);
    lastClass = cls;
  }
  // End of input: the composee, then what waited behind it (the crate's Finished state).
  if (composee >= 0) emit(composee, composeeChange);
  flush();
  return { cps, changes };
}
