/**
 * Sorting terms in Unicode code point order (Python's sorted()), fast enough for
 * vocabularies of hundreds of thousands of terms.
 *
 * UTF-16 code units compare like code points except that surrogates (U+D800..U+DFFF,
 * the halves of astral characters) must sort after U+E000..U+FFFF; remapping each unit
 * (surrogates up by 0x2000, U+E000..U+FFFF down by 0x800) makes unit order equal code
 * point order, and a "no unit" digit 0 below every unit sorts a prefix first.
 *
 * A range of terms is ordered by the next two units at once: each term becomes one
 * float64 key, (unit digits << indexBits) | position in the range, and the keys are
 * sorted by the engine's native numeric sort of a Float64Array — no JS comparator
 * calls. Runs whose two units tie recurse on the following two; runs under 32 terms
 * use an insertion sort comparing from the first unit they do not share. A comparator sort of 200k strings costs several times more.
 */

const UNIT = 0x10002; // digits 0..0x10001 (0 = no unit)
const SMALL = 32;

function digit(s: string, at: number): number {
  if (at >= s.length) return 0;
  const u = s.charCodeAt(at);
  return (u < 0xd800 ? u : u <= 0xdfff ? u + 0x2000 : u - 0x800) + 1;
}

/** Code point order of two terms known to share their first `depth` units. */
function compareFrom(a: string, b: string, depth: number): number {
  const n = Math.min(a.length, b.length);
  for (let i = depth; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return digit(a, i) - digit(b, i);
  }
  return a.length - b.length;
}

function insertionSort(terms: readonly string[], ids: Uint32Array, lo: number, hi: number, depth: number): void {
  for (let i = lo + 1; i < hi; i++) {
    const id = ids[i];
    const t = terms[id];
    let j = i - 1;
    while (j >= lo && compareFrom(terms[ids[j]], t, depth) > 0) {
      ids[j + 1] = ids[j];
      j--;
    }
    ids[j + 1] = id;
  }
}

/** Scratch shared by one sortTermIds call (keys and a copy of the ids of the range). */
interface Scratch {
  keys: Float64Array;
  original: Uint32Array;
}

/** Sorts ids[lo, hi), whose terms share their first `depth` units. */
function sortRange(terms: readonly string[], ids: Uint32Array, lo: number, hi: number, depth: number, scratch: Scratch): void {
  const n = hi - lo;
  if (n < SMALL) {
    insertionSort(terms, ids, lo, hi, depth);
    return;
  }
  const indexBits = Math.max(1, Math.ceil(Math.log2(n)));
  // float64 holds 53 bits exactly: two 17-bit digits when the index fits in 19 bits.
  const units = 34 + indexBits <= 53 ? 2 : 1;
  const scale = 2 ** indexBits;
  const keys = scratch.keys.subarray(lo, hi);
  let longer = false;
  for (let k = 0; k < n; k++) {
    const t = terms[ids[lo + k]];
    if (t.length > depth + units) longer = true;
    const d = units === 2 ? digit(t, depth) * UNIT + digit(t, depth + 1) : digit(t, depth);
    keys[k] = d * scale + k;
  }
  keys.sort();
  const original = scratch.original;
  original.set(ids.subarray(lo, hi), lo);
  for (let k = 0; k < n; k++) ids[lo + k] = original[lo + (keys[k] % scale)];
  if (!longer) return;
  // Recurse into runs with equal digits (keys[] of the range is free again below).
  const runs: number[] = [];
  let start = 0;
  while (start < n) {
    const d = Math.floor(keys[start] / scale);
    let end = start + 1;
    while (end < n && Math.floor(keys[end] / scale) === d) end++;
    // Digits 0 mean every term of the run ended: they would be equal terms, already in place.
    if (end - start > 1 && d !== 0) runs.push(lo + start, lo + end);
    start = end;
  }
  for (let r = 0; r < runs.length; r += 2) sortRange(terms, ids, runs[r], runs[r + 1], depth + units, scratch);
}

/** `ids` (indices into `terms`) reordered by the code point order of their terms (a new array). */
export function sortTermIds(terms: readonly string[], ids: Uint32Array): Uint32Array {
  const out = ids.slice();
  sortRange(terms, out, 0, out.length, 0, { keys: new Float64Array(out.length), original: new Uint32Array(out.length) });
  return out;
}

/** The terms sorted by code point (a new array). */
export function sortCodePoints(terms: readonly string[]): string[] {
  const ids = new Uint32Array(terms.length);
  for (let i = 0; i < ids.length; i++) ids[i] = i;
  return Array.from(sortTermIds(terms, ids), (i) => terms[i]);
}
