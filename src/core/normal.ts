/**
 * Inverse of the standard normal CDF, Φ⁻¹ (scipy.special.ndtri, which scipy.stats.norm.ppf
 * calls for 0 < p < 1), and the inverse error function built on it.
 *
 * Method: Wichura's algorithm AS 241 (PPND16, Applied Statistics 37(3), 1988): three
 * minimax rational approximations — one in q = p - 1/2 for the centre, two in
 * r = sqrt(-ln(min(p, 1 - p))) for the tails — published to about 1 part in 1e16. No
 * iteration, so the cost is one rational function (plus a log and a sqrt in the tails),
 * cheap enough for per-cell use in QuantileTransformer's normal output.
 * test/unit/normal.test.ts checks it against scipy 1.10's ndtri and erfinv
 * (fixtures/parity/NormalDistribution.json).
 *
 * Arithmetic is plain float64 plus Math.log and Math.sqrt; sqrt is correctly rounded
 * everywhere, and V8's log (fdlibm) gives the same bits in Node and Chromium.
 */

// Centre, |p - 1/2| <= 0.425: x = q * A(r) / B(r), r = 0.180625 - q^2.
const A = [
  3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125, 45921.953931549871457,
  67265.770927008700853, 33430.575583588128105, 2509.0809287301226727,
];
const B = [
  1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867, 39307.89580009271061,
  28729.085735721942674, 5226.495278852854561,
];
// Intermediate tail, r = sqrt(-ln(min(p, 1 - p))) <= 5: x = C(r - 1.6) / D(r - 1.6).
const C = [
  1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504, 1.27045825245236838258,
  0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4,
];
const D = [
  1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459,
  0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9,
];
// Far tail, r > 5: x = E(r - 5) / F(r - 5).
const E = [
  6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123, 0.026532189526576123093,
  0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7,
];
const F = [
  1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4,
  1.846318317510054681e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15,
];

/** Degree-7 polynomial by Horner's rule, coefficients lowest power first. */
function poly7(c: readonly number[], x: number): number {
  return ((((((c[7] * x + c[6]) * x + c[5]) * x + c[4]) * x + c[3]) * x + c[2]) * x + c[1]) * x + c[0];
}

/** Φ⁻¹(1/2 + q) for |q| <= 0.425, taking q itself so callers with an exact q lose nothing to p - 1/2. */
function central(q: number): number {
  const r = 0.180625 - q * q;
  return (q * poly7(A, r)) / poly7(B, r);
}

/** -Φ⁻¹(t) for 0 < t < 0.075 (t = the smaller tail area): a positive deviate. */
function tail(t: number): number {
  let r = Math.sqrt(-Math.log(t));
  if (r <= 5) {
    r -= 1.6;
    return poly7(C, r) / poly7(D, r);
  }
  r -= 5;
  return poly7(E, r) / poly7(F, r);
}

/**
 * Φ⁻¹(p), the standard normal quantile: ndtri(0) = -Infinity, ndtri(1) = Infinity, NaN
 * outside [0, 1] or for NaN (as scipy.special.ndtri).
 */
export function ndtri(p: number): number {
  if (!(p >= 0 && p <= 1)) return NaN;
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) return central(q);
  // 1 - p is exact for p in [0.5, 1] (Sterbenz), so the upper tail loses nothing here.
  return q < 0 ? -tail(p) : tail(1 - p);
}

/**
 * erf⁻¹(y) = Φ⁻¹((1 + y) / 2) / √2, evaluated without forming (1 + y) / 2 (which would
 * round away the low bits of a small y): the centre takes q = y / 2 exactly and the tails
 * take (1 - |y|) / 2, exact for |y| >= 1/2. erfinv(±1) = ±Infinity; NaN outside [-1, 1].
 */
export function erfinv(y: number): number {
  if (!(y >= -1 && y <= 1)) return NaN;
  if (y === 1) return Infinity;
  if (y === -1) return -Infinity;
  const q = y / 2;
  if (Math.abs(q) <= 0.425) {
    // central(q) / √2 with y multiplied in before any halving, so a subnormal y keeps its bits.
    const r = 0.180625 - q * q;
    return ((y * poly7(A, r)) / poly7(B, r)) * (0.5 * Math.SQRT1_2);
  }
  const x = tail((1 - Math.abs(y)) / 2) * Math.SQRT1_2;
  return y < 0 ? -x : x;
}
