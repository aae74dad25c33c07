/**
 * Exact per-category target statistics for TargetEncoder: count, Σy and Σy², kept as
 * exact floating-point expansions (Shewchuk's non-overlapping partials, as in Python's
 * math.fsum; y² split exactly into a product and its rounding error by Dekker's
 * TwoProduct). Every statistic is the exact value of its sum, so it does not depend on
 * row order or on how a stream was split: partialFit + merge gives the same fitted
 * state as fit, bit for bit. Each statistic is rounded once, when it is used.
 *
 * Targets are bounded by the float32 range (the output type), so no partial overflows.
 */

/** Σ of some values, exactly: non-overlapping partials in increasing magnitude. */
export type Expansion = number[];

/** Adds x to the expansion in place (fsum's inner loop; exact while nothing overflows). */
export function addTo(p: Expansion, x: number): void {
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
  p.length = i;
  // Zero partials are dropped: the empty expansion is 0, and -0 never arises.
  if (x !== 0) p.push(x);
}

/**
 * The unique greedy representation of an expansion's exact value: its correctly rounded
 * value, then that of the remainder, and so on. Partials depend on the order values
 * arrived in; this form depends only on the value, so arithmetic on it (which may
 * round, e.g. when a product underflows) is a function of the data alone.
 */
export function canonical(p: Expansion): Expansion {
  const rest = p.slice();
  const out: Expansion = [];
  for (;;) {
    const r = roundExpansion(rest);
    if (r === 0) return out;
    out.push(r);
    addTo(rest, -r);
  }
}

/** Adds every partial of `q` to `p` in place. */
export function addExpansion(p: Expansion, q: Expansion): void {
  for (const x of q) addTo(p, x);
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

const SPLIT = 134217729; // 2^27 + 1, Veltkamp's splitter for float64

/** Adds a·b exactly (product and rounding error, Dekker's TwoProduct) to the expansion. */
export function addProduct(p: Expansion, a: number, b: number): void {
  const prod = a * b;
  const ca = SPLIT * a;
  const ah = ca - (ca - a);
  const al = a - ah;
  const cb = SPLIT * b;
  const bh = cb - (cb - b);
  const bl = b - bh;
  const err = ah * bh - prod + ah * bl + al * bh + al * bl;
  addTo(p, prod);
  if (err !== 0) addTo(p, err);
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
  addTo(s.sum, y);
  addProduct(s.squares, y, y);
}

/** a + b as a new object (neither argument is changed). */
export function mergeSums(a: TargetSums, b: TargetSums): TargetSums {
  const sum = a.sum.slice();
  addExpansion(sum, b.sum);
  const squares = a.squares.slice();
  addExpansion(squares, b.squares);
  return { n: a.n + b.n, sum, squares };
}

export function cloneSums(a: TargetSums): TargetSums {
  return { n: a.n, sum: a.sum.slice(), squares: a.squares.slice() };
}

/** Sums of an indicator target (y in {0, 1}) with `k` ones among `n` rows: Σy = Σy² = k. */
export function indicatorSums(n: number, k: number): TargetSums {
  return { n, sum: [k], squares: [k] };
}

/** Count, mean and sum of squared deviations from the mean, each rounded once. */
export interface Moments {
  n: number;
  mean: number;
  /** Σ (y - mean)², >= 0. */
  ssd: number;
}

/**
 * Moments from exact sums. The mean is the correctly rounded Σy divided by n; the
 * spread is Σ(y - m)² - (Σ(y - m))²/n for that rounded mean m (the corrected two-pass
 * formula), with both sums formed exactly from Σy² - 2mΣy + nm² and Σy - nm.
 */
export function moments(s: TargetSums): Moments {
  if (s.n === 0) return { n: 0, mean: 0, ssd: 0 };
  const sum = canonical(s.sum);
  const m = roundExpansion(sum) / s.n;
  const dev2 = canonical(s.squares);
  for (const x of sum) addProduct(dev2, -2 * m, x);
  const mm: Expansion = [];
  addProduct(mm, m, m);
  for (const x of canonical(mm)) addProduct(dev2, s.n, x);
  const dev = sum.slice();
  addProduct(dev, -s.n, m);
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
  const numerator = cat.sum.slice();
  addProduct(numerator, smooth, mean);
  return roundExpansion(numerator) / (cat.n + smooth);
}
