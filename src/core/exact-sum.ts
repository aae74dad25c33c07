/**
 * Correctly rounded sums and means (Shewchuk's exact partials, as Python's math.fsum).
 *
 * The result depends only on the multiset of values, never on their order or on how a
 * stream was split, so a mean computed from merged accumulators equals the one-pass mean
 * bit for bit. It is also at least as close to the true mean as numpy's left-to-right
 * sum: the two differ by at most numpy's own rounding error (~n·eps relative).
 */

/** The partials of Σ values[i]·scale (non-overlapping, increasing magnitude), or null if a partial overflowed. */
function partials(values: ArrayLike<number>, scale: number): number[] | null {
  const p: number[] = [];
  for (let k = 0; k < values.length; k++) {
    let x = values[k] * scale;
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
    p.push(x);
  }
  for (const v of p) if (!Number.isFinite(v)) return null;
  return p;
}

/** The partials' exact sum rounded once, half to even across partials (math.fsum's final step). */
function roundPartials(p: number[]): number {
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

/** Σ values, correctly rounded; ±Infinity when the exact sum is beyond the float64 range. Values must be finite. */
export function exactSum(values: ArrayLike<number>): number {
  const p = partials(values, 1);
  if (p !== null) return roundPartials(p);
  // An intermediate partial overflowed: the exact sum may still be finite, so sum at a smaller scale.
  const scaled = partials(values, 2 ** -64);
  return roundPartials(scaled ?? []) * 2 ** 64;
}

/**
 * Σ values / n (n = values.length > 0) from the correctly rounded sum, like numpy's
 * sum / count. Finite for finite values: when the sum itself overflows, it is taken at
 * scale 2^-64 and the mean scaled back, which is exact except that values below
 * 2^-958 in magnitude then lose bits (irrelevant next to values that large).
 */
export function exactMean(values: ArrayLike<number>): number {
  const n = values.length;
  const p = partials(values, 1);
  if (p !== null) {
    const s = roundPartials(p);
    if (Number.isFinite(s)) return s / n;
  }
  const scaled = partials(values, 2 ** -64);
  return (roundPartials(scaled ?? []) / n) * 2 ** 64;
}

/**
 * A mergeable exact-sum accumulator (the partials above, kept across batches): `unscaled`
 * is null once a partial overflowed, `scaled` sums at 2^-64 for that case. Adding values
 * or another accumulator's partials keeps the exact sum, so `partialSumMean` equals
 * `exactMean` over all values whatever the order or split (except that whether an
 * intermediate partial overflows can depend on the order, which only matters for sums
 * near ±1.8e308).
 */
export interface PartialSum {
  unscaled: number[] | null;
  scaled: number[];
}

export function emptyPartialSum(): PartialSum {
  return { unscaled: [], scaled: [] };
}

function addInto(p: number[], values: ArrayLike<number>, scale: number): boolean {
  const q = partials(values, scale);
  if (q === null) return false;
  const r = partials([...p, ...q], 1);
  if (r === null) return false;
  p.length = 0;
  p.push(...r);
  return true;
}

export function addToPartialSum(acc: PartialSum, values: ArrayLike<number>): PartialSum {
  const unscaled = acc.unscaled === null ? null : acc.unscaled.slice();
  if (unscaled !== null && !addInto(unscaled, values, 1)) return { unscaled: null, scaled: addScaled(acc.scaled, values) };
  return { unscaled, scaled: addScaled(acc.scaled, values) };
}

function addScaled(p: number[], values: ArrayLike<number>): number[] {
  const out = p.slice();
  addInto(out, values, 2 ** -64);
  return out;
}

export function mergePartialSums(a: PartialSum, b: PartialSum): PartialSum {
  let unscaled: number[] | null = null;
  if (a.unscaled !== null && b.unscaled !== null) {
    unscaled = partials([...a.unscaled, ...b.unscaled], 1);
  }
  return { unscaled, scaled: partials([...a.scaled, ...b.scaled], 1) ?? [] };
}

/** Σ / n from a PartialSum, with exactMean's arithmetic. */
export function partialSumMean(acc: PartialSum, n: number): number {
  if (acc.unscaled !== null) {
    const s = roundPartials(acc.unscaled);
    if (Number.isFinite(s)) return s / n;
  }
  return (roundPartials(acc.scaled) / n) * 2 ** 64;
}
