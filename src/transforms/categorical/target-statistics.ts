/**
 * Exact per-category target statistics for TargetEncoder: count, Σy and Σy², kept as
 * exact floating-point expansions (Shewchuk's non-overlapping partials, as in Python's
 * math.fsum; y² split exactly into a product and its rounding error by Dekker's
 * TwoProduct). Every statistic is the exact value of its sum, so it does not depend on
 * row order or on how a stream was split: partialFit + merge gives the same fitted
 * state as fit, bit for bit. Each statistic is rounded once, when it is used.
 *
 * Targets are bounded by the float32 range (the output type), so no partial overflows.
 * Expansions are small arrays sized exactly (a category with one row costs two
 * one-element arrays), since a high-cardinality column has one per category.
 */

/** Σ of some values, exactly: non-overlapping partials in increasing magnitude. */
export type Expansion = number[];

/**
 * p + x exactly (fsum's inner loop). Updates p in place when the result fits in it and
 * returns p; otherwise returns a new, exactly sized array. Zero partials are dropped:
 * the empty expansion is 0, and -0 never arises.
 */
export function addTo(p: Expansion, x: number): Expansion {
  let i = 0;
  for (let m = 0; m < p.length; m++) {
    let y = p[m];
    if (Math.abs(x) < Math.abs(y)) {
      const t = x;
      x = y;
      y = t;
    }
    const hi = x + y;
    const lo = y - (hi - x);
    if (lo !== 0) p[i++] = lo;
    x = hi;
  }
  if (x !== 0) {
    if (i === p.length) return grown(p, x);
    p[i++] = x;
  }
  if (i < p.length) p.length = i;
  return p;
}

/** p with x appended, as an exactly sized array (push would reserve 17 slots). */
function grown(p: Expansion, x: number): Expansion {
  switch (p.length) {
    case 0:
      return [x];
    case 1:
      return [p[0], x];
    case 2:
      return [p[0], p[1], x];
    case 3:
      return [p[0], p[1], p[2], x];
    default:
      return [...p, x];
  }
}

/** p + q exactly (p may be updated in place; use the result). */
export function addExpansion(p: Expansion, q: Expansion): Expansion {
  for (let k = 0; k < q.length; k++) p = addTo(p, q[k]);
  return p;
}

/** The exact sum, correctly rounded to float64 (fsum's final step, half to even across partials). */
export function roundExpansion(p: Expansion): number {
  let n = p.length;
  if (n === 0) return 0;
  let hi = p[--n];
  let lo = 0;
  while (n > 0) {
    const x = hi;
    const y = p[--n];
    hi = x + y;
    lo = y - (hi - x);
    if (lo !== 0) break;
  }
  if (n > 0 && ((lo < 0 && p[n - 1] < 0) || (lo > 0 && p[n - 1] > 0))) {
    const y = lo * 2;
    const x = hi + y;
    if (y === x - hi) hi = x;
  }
  return hi;
}

/**
 * The unique greedy representation of an expansion's exact value: its correctly rounded
 * value, then that of the remainder, and so on. Partials depend on the order values
 * arrived in; this form depends only on the value, so arithmetic on it that may round
 * (a product whose error term underflows) is still a function of the data alone.
 */
export function canonical(p: Expansion): Expansion {
  let rest = p.slice();
  const out: Expansion = [];
  for (;;) {
    const r = roundExpansion(rest);
    if (r === 0) return out;
    out.push(r);
    rest = addTo(rest, -r);
  }
}

const SPLIT = 134217729; // 2^27 + 1, Veltkamp's splitter for float64

/** p + a·b exactly while a·b's rounding error is a normal number (Dekker's TwoProduct). */
export function addProduct(p: Expansion, a: number, b: number): Expansion {
  const prod = a * b;
  const ca = SPLIT * a;
  const ah = ca - (ca - a);
  const al = a - ah;
  const cb = SPLIT * b;
  const bh = cb - (cb - b);
  const bl = b - bh;
  const err = ah * bh - prod + ah * bl + al * bh + al * bl;
  p = addTo(p, prod);
  return err !== 0 ? addTo(p, err) : p;
}

/** Exact running sums of one category's targets. */
export interface TargetSums {
  n: number;
  sum: Expansion;
  squares: Expansion;
}

export function emptySums(): TargetSums {
  return { n: 0, sum: [], squares: [] };
}

export function addTarget(s: TargetSums, y: number): void {
  s.n += 1;
  s.sum = addTo(s.sum, y);
  s.squares = addProduct(s.squares, y, y);
}

/** a + b as a new object (neither argument is changed). */
export function mergeSums(a: TargetSums, b: TargetSums): TargetSums {
  return { n: a.n + b.n, sum: addExpansion(a.sum.slice(), b.sum), squares: addExpansion(a.squares.slice(), b.squares) };
}

/** Adds b into a in place. */
export function addSums(a: TargetSums, b: TargetSums): void {
  a.n += b.n;
  a.sum = addExpansion(a.sum, b.sum);
  a.squares = addExpansion(a.squares, b.squares);
}

export function cloneSums(a: TargetSums): TargetSums {
  return { n: a.n, sum: a.sum.slice(), squares: a.squares.slice() };
}

/** Sums of an indicator target (y in {0, 1}) with `k` ones among `n` rows: Σy = Σy² = k. */
export function indicatorSums(n: number, k: number): TargetSums {
  return { n, sum: k === 0 ? [] : [k], squares: k === 0 ? [] : [k] };
}

/** Count, mean and sum of squared deviations from the mean, each rounded once. */
export interface Moments {
  n: number;
  mean: number;
  /** Σ (y - mean)², >= 0. */
  ssd: number;
}

/** Products of numbers this large stay exact: their error terms are normal numbers. */
const SAFE = 2 ** -300;

function safeForProducts(p: Expansion): boolean {
  for (let k = 0; k < p.length; k++) if (Math.abs(p[k]) < SAFE) return false;
  return true;
}

/**
 * Moments from exact sums. The mean is the correctly rounded Σy divided by n; the
 * spread is Σ(y - m)² - (Σ(y - m))²/n for that rounded mean m (the corrected two-pass
 * formula), with both sums formed exactly from Σy² - 2mΣy + nm² and Σy - nm. When
 * some number is tiny enough for a product to round, the expansions are first put in
 * canonical form so that the result still depends on the data only.
 */
export function moments(s: TargetSums): Moments {
  if (s.n === 0) return { n: 0, mean: 0, ssd: 0 };
  const total = roundExpansion(s.sum);
  const m = total / s.n;
  // One row: y - m is exactly 0.
  if (s.n === 1) return { n: 1, mean: m, ssd: 0 };
  const exact = (m === 0 || Math.abs(m) >= SAFE) && safeForProducts(s.sum) && safeForProducts(s.squares);
  const sum = exact ? s.sum : canonical(s.sum);
  let dev2 = exact ? s.squares.slice() : canonical(s.squares);
  for (let k = 0; k < sum.length; k++) dev2 = addProduct(dev2, -2 * m, sum[k]);
  let mm = addProduct([], m, m);
  if (!exact) mm = canonical(mm);
  for (let k = 0; k < mm.length; k++) dev2 = addProduct(dev2, s.n, mm[k]);
  const dev = addProduct(sum.slice(), -s.n, m);
  const d = roundExpansion(dev);
  const ssd = roundExpansion(dev2) - (d * d) / s.n;
  return { n: s.n, mean: m, ssd: ssd > 0 ? ssd : 0 };
}

/**
 * The encoding of one category (scikit-learn 1.3, after Micci-Barreca 2001):
 * λ·mean_i + (1 - λ)·mean with λ = n_i / (m + n_i).
 *  - smooth a number m >= 0: computed as (Σy_i + m·mean) / (n_i + m), the form
 *    scikit-learn evaluates;
 *  - smooth "auto" (NaN here): m = σ_i² / τ² (empirical Bayes: within-category
 *    variance over the variance of all targets), i.e. λ = τ²n_i / (τ²n_i + σ_i²) with
 *    σ_i² = ssd_i / n_i; when that is 0/0 (no rows, or no spread at all) the mean.
 * A category without rows gets the mean.
 */
export function encodeCategory(cat: TargetSums, smooth: number, mean: number, variance: number): number {
  if (cat.n === 0) return mean;
  if (Number.isNaN(smooth)) {
    const c = moments(cat);
    const lambda = (variance * c.n) / (variance * c.n + c.ssd / c.n);
    if (Number.isNaN(lambda)) return mean;
    return lambda * c.mean + (1 - lambda) * mean;
  }
  return roundExpansion(addProduct(cat.sum.slice(), smooth, mean)) / (cat.n + smooth);
}
