/**
 * Fold assignment for TargetEncoder.fitTransform's cross fitting: scikit-learn's KFold
 * (continuous targets) and StratifiedKFold (binary and multiclass targets), made
 * deterministic.
 *
 * Without shuffling the folds are exactly scikit-learn's: KFold cuts the rows, in
 * order, into cv contiguous blocks (the first n % cv one row longer); StratifiedKFold
 * numbers the classes by first appearance, deals the class-sorted rows round-robin
 * to count each fold's share of every class, and gives each class's rows, in order,
 * blocks of fold ids by that allocation.
 *
 * With shuffling, scikit-learn draws from numpy's global or seeded Mersenne Twister;
 * skewless uses its own documented generator so that a seed gives the same folds on
 * every platform: mulberry32 seeded with `randomState` (a uint32), one stream per
 * fitTransform call, and a Fisher–Yates shuffle from the last position down, drawing
 * j = floor(r · (i + 1) / 2^32) for a 32-bit draw r. KFold shuffles the row order
 * before cutting; StratifiedKFold shuffles each class's block of fold ids (classes in
 * order of first appearance), as scikit-learn does.
 */
import { InvalidInputError } from "../../core/errors.js";

/** mulberry32 (Tommy Ettinger, public domain): a 32-bit generator with a 32-bit state. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1) >>> 0;
    t = ((t + Math.imul(t ^ (t >>> 7), t | 61)) ^ t) >>> 0;
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** floor(r · m / 2^32) exactly, for a 32-bit r and m < 2^31 (the product can exceed 2^53). */
function scaled(r: number, m: number): number {
  const hi = Math.floor(r / 65536);
  const lo = r % 65536;
  return Math.floor((hi * m + Math.floor((lo * m) / 65536)) / 65536);
}

/** Fisher–Yates from the last position down, in place. */
export function shuffleInPlace(a: Int32Array, next: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = scaled(next(), i + 1);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}

function tooFewRows(who: string, n: number, cv: number): InvalidInputError {
  return new InvalidInputError(`${who}: fitTransform with cv=${cv} needs at least ${cv} rows, got ${n}; lower cv or pass more rows`, { column: who });
}

/** Fold id (0..cv-1) of each of n rows, as scikit-learn's KFold. */
export function kFold(n: number, cv: number, shuffle: boolean, seed: number, who: string): Int32Array {
  if (n < cv) throw tooFewRows(who, n, cv);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (shuffle) shuffleInPlace(order, mulberry32(seed));
  const folds = new Int32Array(n);
  const base = Math.floor(n / cv);
  const extra = n % cv;
  let pos = 0;
  for (let f = 0; f < cv; f++) {
    const size = base + (f < extra ? 1 : 0);
    for (let k = 0; k < size; k++) folds[order[pos++]] = f;
  }
  return folds;
}

/**
 * Fold id of each row, as scikit-learn's StratifiedKFold; `classOf[i]` is row i's class
 * as any integer id (classes are renumbered by first appearance here).
 */
export function stratifiedKFold(classOf: Int32Array, cv: number, shuffle: boolean, seed: number, who: string): Int32Array {
  const n = classOf.length;
  if (n < cv) throw tooFewRows(who, n, cv);
  const byAppearance = new Map<number, number>();
  const cls = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let c = byAppearance.get(classOf[i]);
    if (c === undefined) {
      c = byAppearance.size;
      byAppearance.set(classOf[i], c);
    }
    cls[i] = c;
  }
  const nClasses = byAppearance.size;
  const counts = new Array<number>(nClasses).fill(0);
  for (let i = 0; i < n; i++) counts[cls[i]]++;
  if (counts.every((c) => c < cv)) {
    throw new InvalidInputError(`${who}: fitTransform with cv=${cv} needs at least ${cv} rows of some class (scikit-learn's StratifiedKFold rule); the largest class has ${Math.max(...counts)}; lower cv`, {
      column: who,
    });
  }
  // allocation[f][c]: rows of class c in fold f, dealing the class-sorted rows round-robin.
  const allocation = Array.from({ length: cv }, () => new Array<number>(nClasses).fill(0));
  let pos = 0;
  for (let c = 0; c < nClasses; c++) {
    for (let k = 0; k < counts[c]; k++, pos++) allocation[pos % cv][c]++;
  }
  const next = mulberry32(seed);
  const ids: Int32Array[] = [];
  for (let c = 0; c < nClasses; c++) {
    const block = new Int32Array(counts[c]);
    let k = 0;
    for (let f = 0; f < cv; f++) for (let r = 0; r < allocation[f][c]; r++) block[k++] = f;
    if (shuffle) shuffleInPlace(block, next);
    ids.push(block);
  }
  // Each class's rows, in row order, take its block of fold ids in order.
  const cursor = new Int32Array(nClasses);
  const folds = new Int32Array(n);
  for (let i = 0; i < n; i++) folds[i] = ids[cls[i]][cursor[cls[i]]++];
  return folds;
}
