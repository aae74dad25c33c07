/**
 * Scalar minimisation exactly as scipy 1.10's `optimize.brent(func, brack=(xa, xb))`:
 * the downhill bracket search of `optimize.bracket` (golden-ratio growth with parabolic
 * extrapolation, grow_limit 110, at most 1000 steps), then `Brent.optimize` (golden
 * section steps with parabolic interpolation, tol 1.48e-8 relative, mintol 1e-11, at most
 * 500 iterations). Every comparison, update and stopping rule follows scipy's order, so the
 * same objective values give the same iterates and the same minimiser, bit for bit.
 *
 * scikit-learn 1.2 estimates PowerTransformer lambdas (yeo-johnson directly, box-cox via
 * scipy.stats.boxcox) with this routine; reproducing its path — not just "a" minimum —
 * is what makes fitted lambdas agree to ~1e-8 on flat likelihoods.
 *
 * IEEE semantics carry over: NaN and ±Infinity objective values compare the way numpy's
 * do, so degenerate objectives (e.g. +Infinity everywhere for a constant feature) take the
 * same path as in scipy.
 */

export type Objective = (x: number) => number;

export interface Bracket {
  xa: number;
  xb: number;
  xc: number;
  fa: number;
  fb: number;
  fc: number;
  calls: number;
}

export interface BrentResult {
  /** The minimiser scipy returns (`xmin`), whether or not the iteration limit was hit. */
  x: number;
  fx: number;
  iterations: number;
  calls: number;
  /** scipy's `success`: fewer than maxiter iterations and no NaN in x or f(x). */
  converged: boolean;
}

/** scipy.optimize.bracket ran more than maxiter growth steps (scipy raises RuntimeError). */
export class BracketNotFound extends Error {
  constructor() {
    super("bracket search did not find a downhill bracket within 1000 steps");
    this.name = "BracketNotFound";
  }
}

const GOLD = 1.618034; // scipy's _gold
const VERY_SMALL = 1e-21; // scipy's _verysmall_num

/** scipy.optimize.bracket(func, xa, xb, grow_limit=110.0, maxiter=1000). */
export function bracket(f: Objective, xa0: number, xb0: number, growLimit = 110.0, maxiter = 1000): Bracket {
  let xa = xa0;
  let xb = xb0;
  let fa = f(xa);
  let fb = f(xb);
  if (fa < fb) {
    // Switch so fa > fb (scipy swaps on a strict comparison).
    [xa, xb] = [xb, xa];
    [fa, fb] = [fb, fa];
  }
  let xc = xb + GOLD * (xb - xa);
  let fc = f(xc);
  let calls = 3;
  let iter = 0;
  while (fc < fb) {
    const tmp1 = (xb - xa) * (fb - fc);
    const tmp2 = (xb - xc) * (fb - fa);
    const val = tmp2 - tmp1;
    const denom = Math.abs(val) < VERY_SMALL ? 2.0 * VERY_SMALL : 2.0 * val;
    let w = xb - ((xb - xc) * tmp2 - (xb - xa) * tmp1) / denom;
    const wlim = xb + growLimit * (xc - xb);
    if (iter > maxiter) throw new BracketNotFound();
    iter += 1;
    let fw: number;
    if ((w - xc) * (xb - w) > 0.0) {
      fw = f(w);
      calls += 1;
      if (fw < fc) {
        xa = xb;
        xb = w;
        fa = fb;
        fb = fw;
        return { xa, xb, xc, fa, fb, fc, calls };
      } else if (fw > fb) {
        xc = w;
        fc = fw;
        return { xa, xb, xc, fa, fb, fc, calls };
      }
      w = xc + GOLD * (xc - xb);
      fw = f(w);
      calls += 1;
    } else if ((w - wlim) * (wlim - xc) >= 0.0) {
      w = wlim;
      fw = f(w);
      calls += 1;
    } else if ((w - wlim) * (xc - w) > 0.0) {
      fw = f(w);
      calls += 1;
      if (fw < fc) {
        xb = xc;
        xc = w;
        w = xc + GOLD * (xc - xb);
        fb = fc;
        fc = fw;
        fw = f(w);
        calls += 1;
      }
    } else {
      w = xc + GOLD * (xc - xb);
      fw = f(w);
      calls += 1;
    }
    xa = xb;
    xb = xc;
    xc = w;
    fa = fb;
    fb = fc;
    fc = fw;
  }
  return { xa, xb, xc, fa, fb, fc, calls };
}

const MINTOL = 1.0e-11; // Brent._mintol
const CG = 0.381966; // Brent._cg (scipy's literal 0.3819660)

/**
 * scipy.optimize.brent(f, brack=(xa, xb), tol, maxiter): bracket from the pair, then
 * Brent's method. Throws {@link BracketNotFound} where scipy raises RuntimeError.
 */
export function brentMinimize(f: Objective, xa0: number, xb0: number, tol = 1.48e-8, maxiter = 500): BrentResult {
  const br = bracket(f, xa0, xb0);
  const { xa, xb, xc, fb } = br;
  let calls = br.calls;
  let x = xb;
  let w = xb;
  let v = xb;
  let fx = fb;
  let fw = fb;
  let fv = fb;
  let a: number;
  let b: number;
  if (xa < xc) {
    a = xa;
    b = xc;
  } else {
    a = xc;
    b = xa;
  }
  let deltax = 0.0;
  // scipy leaves `rat` unbound until the first (always golden) step sets it.
  let rat = 0.0;
  let iter = 0;
  while (iter < maxiter) {
    const tol1 = tol * Math.abs(x) + MINTOL;
    const tol2 = 2.0 * tol1;
    const xmid = 0.5 * (a + b);
    if (Math.abs(x - xmid) < tol2 - 0.5 * (b - a)) break;
    if (Math.abs(deltax) <= tol1) {
      deltax = x >= xmid ? a - x : b - x; // golden section step
      rat = CG * deltax;
    } else {
      // parabolic step
      const tmp1 = (x - w) * (fx - fv);
      let tmp2 = (x - v) * (fx - fw);
      let p = (x - v) * tmp2 - (x - w) * tmp1;
      tmp2 = 2.0 * (tmp2 - tmp1);
      if (tmp2 > 0.0) p = -p;
      tmp2 = Math.abs(tmp2);
      const dxTemp = deltax;
      deltax = rat;
      if (p > tmp2 * (a - x) && p < tmp2 * (b - x) && Math.abs(p) < Math.abs(0.5 * tmp2 * dxTemp)) {
        rat = (p * 1.0) / tmp2;
        const u = x + rat;
        if (u - a < tol2 || b - u < tol2) rat = xmid - x >= 0 ? tol1 : -tol1;
      } else {
        deltax = x >= xmid ? a - x : b - x;
        rat = CG * deltax;
      }
    }
    let u: number;
    if (Math.abs(rat) < tol1) u = rat >= 0 ? x + tol1 : x - tol1;
    else u = x + rat;
    const fu = f(u);
    calls += 1;
    if (fu > fx) {
      if (u < x) a = u;
      else b = u;
      if (fu <= fw || w === x) {
        v = w;
        w = u;
        fv = fw;
        fw = fu;
      } else if (fu <= fv || v === x || v === w) {
        v = u;
        fv = fu;
      }
    } else {
      if (u >= x) a = x;
      else b = x;
      v = w;
      w = x;
      x = u;
      fv = fw;
      fw = fx;
      fx = fu;
    }
    iter += 1;
  }
  return { x, fx, iterations: iter, calls, converged: iter < maxiter && !Number.isNaN(x) && !Number.isNaN(fx) };
}
