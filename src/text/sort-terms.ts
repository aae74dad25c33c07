/**
 * Sorting terms in Unicode code point order (Python's sorted()), fast enough for
 * vocabularies of hundreds of thousands of terms. Terms are read as UTF-16 code units
 * from a TermTable's pool (term-table.ts): no JS string is needed to sort them.
 *
 * UTF-16 code units compare like code points except that surrogates (U+D800..U+DFFF,
 * the halves of astral characters) must sort after U+E000..U+FFFF; remapping each unit
 * (surrogates up by 0x2000, U+E000..U+FFFF down by 0x800) makes unit order equal code
 * point order, and a "no unit" digit 0 below every unit sorts a prefix first.
 *
 * The sort is an MSD radix sort over those remapped units (see sortTermIds), so it
 * costs about one pass over each term's distinguishing prefix, and no comparator calls.
 */
import { SLOT_A, SLOT_B, SLOT_C, SLOT_D, scratchInt32, scratchUint32 } from "./scratch.js";
import { TermTable } from "./term-table.js";

const UNIT = 0x10002; // digits 0..0x10001 (0 = no unit)
const SMALL = 16;

/** Code unit u remapped so that unit order is code point order, plus 1 (0 = no unit). */
function remap(u: number): number {
  return (u < 0xd800 ? u : u <= 0xdfff ? u + 0x2000 : u - 0x800) + 1;
}

/** Code point order of terms a and b (ids into the pool), known to share their first `depth` units. */
export function compareTermIds(units: Uint16Array, starts: Int32Array, a: number, b: number, depth = 0): number {
  const sa = starts[a];
  const sb = starts[b];
  const la = starts[a + 1] - sa;
  const lb = starts[b + 1] - sb;
  const n = la < lb ? la : lb;
  for (let i = depth; i < n; i++) {
    const x = units[sa + i];
    const y = units[sb + i];
    if (x !== y) return remap(x) - remap(y);
  }
  return la - lb;
}

function insertionSort(units: Uint16Array, starts: Int32Array, ids: Uint32Array, lo: number, hi: number, depth: number): void {
  for (let i = lo + 1; i < hi; i++) {
    const id = ids[i];
    let j = i - 1;
    while (j >= lo && compareTermIds(units, starts, ids[j], id, depth) > 0) {
      ids[j + 1] = ids[j];
      j--;
    }
    ids[j + 1] = id;
  }
}

/** The buffers of one sortTermIds call. */
interface Sort {
  units: Uint16Array;
  starts: Int32Array;
  ids: Uint32Array;
  /** The current unit digit of each position. */
  digits: Int32Array;
  tmp: Uint32Array;
  /** Counting sort buckets (all zero between uses). */
  count: Int32Array;
  tmpDigits: Int32Array;
  /** Pending ranges: (lo, hi, depth) triples. */
  stack: Int32Array<ArrayBuffer>;
  top: number;
  /** Digit range of the last readDigits. */
  min: number;
  max: number;
}

function push(st: Sort, lo: number, hi: number, depth: number): void {
  if (st.top + 3 > st.stack.length) {
    const grown = new Int32Array(st.stack.length * 2);
    grown.set(st.stack);
    st.stack = grown;
  }
  st.stack[st.top++] = lo;
  st.stack[st.top++] = hi;
  st.stack[st.top++] = depth;
}

/** Fills digits[lo, hi) with the unit at `depth` of each term, and st.min / st.max. */
function readDigits(st: Sort, lo: number, hi: number, depth: number): void {
  const { units, starts, ids, digits } = st;
  let min = UNIT;
  let max = -1;
  for (let k = lo; k < hi; k++) {
    const id = ids[k];
    const at = starts[id] + depth;
    const d = at < starts[id + 1] ? remap(units[at]) : 0;
    digits[k] = d;
    if (d < min) min = d;
    if (d > max) max = d;
  }
  st.min = min;
  st.max = max;
}

/** Stable counting sort of ids[lo, hi) by digit (range [min, min + range)); pushes the buckets to sort further. */
function distribute(st: Sort, lo: number, hi: number, depth: number, min: number, range: number): void {
  // One loop per function: these run over the whole vocabulary at the top level, and a
  // function with several long loops is recompiled loop by loop on every call.
  histogram(st.digits, lo, hi, min, st.count);
  prefixSums(st.count, range);
  // count[v] is now where digit min + v starts (relative to lo).
  scatter(st.ids, st.digits, lo, hi, min, st.count, st.tmp);
  st.ids.set(st.tmp.subarray(lo, hi), lo);
  // count[v] is now where digit min + v ends; push the buckets of unfinished terms.
  pushBuckets(st, lo, depth, min, range);
  st.count.fill(0, 0, range + 1);
}

function histogram(digits: Int32Array, lo: number, hi: number, min: number, count: Int32Array): void {
  for (let k = lo; k < hi; k++) count[digits[k] - min + 1]++;
}

function prefixSums(count: Int32Array, range: number): void {
  for (let v = 1; v <= range; v++) count[v] += count[v - 1];
}

function scatter(ids: Uint32Array, digits: Int32Array, lo: number, hi: number, min: number, count: Int32Array, tmp: Uint32Array): void {
  for (let k = lo; k < hi; k++) tmp[lo + count[digits[k] - min]++] = ids[k];
}

function pushBuckets(st: Sort, lo: number, depth: number, min: number, range: number): void {
  const count = st.count;
  // Digit 0 (when present, the first bucket) is "no unit": those terms are equal and done.
  let v = min === 0 ? 1 : 0;
  let from = lo + (v === 1 ? count[0] : 0);
  for (; v < range; v++) {
    const to = lo + count[v];
    if (to - from > 1) push(st, from, to, depth + 1);
    from = to;
  }
}

/**
 * Stable LSD radix sort of ids[lo, hi) by digit in two byte passes (low byte, then high
 * byte: digits are at most 0x10001, so 257 buckets), for ranges too wide for one
 * counting pass; then pushes the runs of equal digits to sort further.
 */
function sortByBytes(st: Sort, lo: number, hi: number, depth: number): void {
  const { ids, digits, tmp, count } = st;
  const tmpDigits = st.tmpDigits;
  bytePass(ids, digits, lo, hi, 0, count, tmp, tmpDigits);
  bytePass(tmp, tmpDigits, lo, hi, 8, count, ids, digits);
  pushRuns(st, lo, hi, depth);
}

/** Stable counting sort of (ids, digits)[lo, hi) by bits shift..shift+8 of the digit (at most 257 values) into (outIds, outDigits). */
function bytePass(ids: Uint32Array, digits: Int32Array, lo: number, hi: number, shift: number, count: Int32Array, outIds: Uint32Array, outDigits: Int32Array): void {
  const mask = shift === 0 ? 0xff : 0x1ff;
  for (let k = lo; k < hi; k++) count[((digits[k] >> shift) & mask) + 1]++;
  for (let v = 1; v <= 0x101; v++) count[v] += count[v - 1];
  for (let k = lo; k < hi; k++) {
    const at = lo + count[(digits[k] >> shift) & mask]++;
    outIds[at] = ids[k];
    outDigits[at] = digits[k];
  }
  count.fill(0, 0, 0x102);
}

/** Pushes the runs of equal nonzero digits of [lo, hi) (sorted by digit). */
function pushRuns(st: Sort, lo: number, hi: number, depth: number): void {
  const digits = st.digits;
  let from = lo;
  for (let k = lo + 1; k <= hi; k++) {
    if (k < hi && digits[k] === digits[from]) continue;
    if (k - from > 1 && digits[from] !== 0) push(st, from, k, depth + 1);
    from = k;
  }
}

/**
 * `ids` (term ids of a pool: term i is units[starts[i], starts[i + 1])) reordered by
 * the code point order of their terms (a new array).
 *
 * MSD radix sort, one code unit per level, with an explicit stack (a long shared prefix
 * cannot overflow the call stack): a range of ids whose terms share `depth` units is
 * distributed by the next unit with a counting sort over the range of unit values it
 * holds (stable, so ids of equal terms keep their order), and each bucket of two or
 * more unfinished terms is pushed for the next unit; a unit range far wider than the
 * bucket (e.g. a few CJK terms among Latin ones) takes two byte-wide passes instead;
 * fewer than SMALL terms take an insertion sort comparing from `depth`.
 */
export function sortTermIds(units: Uint16Array, starts: Int32Array, ids: Uint32Array): Uint32Array {
  const n = ids.length;
  const out = ids.slice();
  if (n < 2) return out;
  // Scratch from the reused buffers (scratch.ts); the counts must start at zero.
  const count = scratchInt32(SLOT_D, UNIT + 2).fill(0);
  const st: Sort = { units, starts, ids: out, digits: scratchInt32(SLOT_A, n), tmp: scratchUint32(SLOT_B, n), count, tmpDigits: scratchInt32(SLOT_C, n), stack: new Int32Array(192), top: 0, min: 0, max: 0 };
  push(st, 0, n, 0);
  while (st.top > 0) step(st);
  return out;
}

/** Sorts the range on top of the stack by one unit, pushing what still needs sorting. */
function step(st: Sort): void {
  const depth = st.stack[--st.top];
  const hi = st.stack[--st.top];
  const lo = st.stack[--st.top];
  if (hi - lo < SMALL) {
    insertionSort(st.units, st.starts, st.ids, lo, hi, depth);
    return;
  }
  readDigits(st, lo, hi, depth);
  const min = st.min;
  const max = st.max;
  if (min === max) {
    // One bucket: every term ended (equal terms, in place) or all share the unit.
    if (min !== 0) push(st, lo, hi, depth + 1);
  } else if (max - min + 1 <= 4 * (hi - lo) + 256) {
    distribute(st, lo, hi, depth, min, max - min + 1);
  } else {
    sortByBytes(st, lo, hi, depth);
  }
}

/** The terms sorted by code point (a new array). */
export function sortCodePoints(terms: readonly string[]): string[] {
  const table = new TermTable(terms.length);
  // Equal terms share an id (and sort next to each other).
  const ids = Uint32Array.from(terms, (t) => table.intern(t, 0, t.length));
  return Array.from(sortTermIds(table.codeUnits, table.termStarts, ids), (id) => table.term(id));
}
