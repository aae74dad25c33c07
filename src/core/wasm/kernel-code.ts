/**
 * The WebAssembly SIMD kernels, as code for the assembler. Each one is bit-identical to
 * a scalar JS loop: wasm float arithmetic is IEEE 754 round-to-nearest-even with
 * subnormals, as JS's is, float32 -> float64 promotion is exact, demotion rounds as
 * Math.fround does, and no instruction is fused (no FMA).
 *
 * Transform kernels (float32 in, float32 out) walk `cells` cells in whole periods; a
 * period is a whole number of rows and a whole number of kernel rounds (4 *
 * TRANSFORM_UNROLL cells), so every 4-cell vector meets the same features in every
 * period, and the per-cell statistics A and B of one period sit at `stats` (float64 each,
 * interleaved per 4 cells: A of the 4 cells, then B):
 *  - "subdiv":     y = f32((x - A[c]) / B[c])
 *  - "muladd":     y = f32(x * A[c] + B[c])
 *  - "muladdClip": y = f32(min(max(x * A[c] + B[c], lo), hi))   (np.clip order)
 * They return a flag: nonzero when some output is NaN or ±Infinity ("muladd*" also when
 * some input is), the OR of the bits of y - y, which is +0 for every finite y and NaN
 * otherwise (an OR cannot cancel the way a sum could). The caller then recomputes in JS,
 * which throws the typed error naming the cell.
 *
 * Fit kernels walk `rows` rows of a row-major float32 matrix `rowBytes` apart, four
 * features at a time (group g reads the 16 bytes at column 4g), each feature's running
 * values in float64 lanes, rows in order — so each sum rounds exactly as the JS loop
 * `s += v` does. A group may read up to 12 bytes past a row's last feature (the next
 * row, or slack the caller keeps after the data); those lanes' results are ignored.
 * NaN cells are skipped by adding -0 instead (s + -0 === s for every s, including -0).
 *  - "sums":    per lane count, sum, min (`if (v < lo) lo = v` is f64x2.pmin(lo, v)), max;
 *               acc + 128 * g holds sum, min, max, count (2 vectors each).
 *  - "squares": per lane t = v - mean: corr += t, m2 += t * t;
 *               mean at mean + 32 * g, acc + 64 * g holds corr, m2.
 */
import { type Bytes, F64, type FunctionDef, HIGH_TO_LOW, I32, JOIN_LOW_HALVES, V128, assembleModule, f64x2Const, op } from "./assembler.js";

type Compute = (
  x: { lo: number; hi: number; v: number },
  stat: (which: 0 | 1, half: 0 | 16) => Bytes,
  locals: { y: number; acc: number; lo: number; hi: number },
) => Bytes;

/**
 * 4-cell groups per inner round of the transform kernels: a period must be a multiple
 * of 4 * TRANSFORM_UNROLL cells. Unrolling amortizes the pointer updates and the branch.
 */
export const TRANSFORM_UNROLL = 4;

/**
 * One transform kernel (pin, pout, cells, stats, period[, lo, hi]) -> flag. `compute`
 * leaves nothing on the stack: it sets local y (4 float32 results) and ORs its flag into
 * acc. Statistics are interleaved per 4-cell group (64 bytes: A for the 4 cells, then B),
 * so one pointer walks them with constant offsets.
 */
function transformKernel(exportName: string, clipParams: boolean, compute: Compute): FunctionDef {
  // params: 0 pin, 1 pout, 2 cells, 3 stats, 4 period [, 5 lo, 6 hi]
  const P = clipParams ? 7 : 5;
  const [end, send, sp] = [P, P + 1, P + 2];
  const [acc, v, xlo, xhi, y, lo, hi] = [P + 3, P + 4, P + 5, P + 6, P + 7, P + 8, P + 9];
  const g = op.get;
  const U = TRANSFORM_UNROLL;
  const group = (u: number): Bytes => {
    const stat = (which: 0 | 1, half: 0 | 16): Bytes => [...g(sp), ...op.load(64 * u + 32 * which + half)];
    return [
      ...g(0), ...op.load(16 * u), ...op.set(v),
      ...g(v), ...op.promote, ...op.set(xlo),
      ...g(v), ...g(v), ...op.shuffle(HIGH_TO_LOW), ...op.promote, ...op.set(xhi),
      ...compute({ lo: xlo, hi: xhi, v }, stat, { y, acc, lo, hi }),
      ...g(1), ...g(y), ...op.store(16 * u),
    ];
  };
  const code: Bytes = [
    ...g(0), ...g(2), ...op.i32(4), ...op.i32Mul, ...op.i32Add, ...op.set(end),
    ...g(3), ...g(4), ...op.i32(16), ...op.i32Mul, ...op.i32Add, ...op.set(send),
    ...(clipParams ? [...g(5), ...op.f64x2Splat, ...op.set(lo), ...g(6), ...op.f64x2Splat, ...op.set(hi)] : []),
    ...op.block,
    ...g(0), ...g(end), ...op.i32GeU, ...op.brIf(0),
    ...op.loop, // one period per round
    ...g(3), ...op.set(sp),
    ...op.loop, // U groups of 4 cells per round
    ...Array.from({ length: U }, (_, u) => group(u)).flat(),
    ...g(0), ...op.i32(16 * U), ...op.i32Add, ...op.set(0),
    ...g(1), ...op.i32(16 * U), ...op.i32Add, ...op.set(1),
    ...g(sp), ...op.i32(64 * U), ...op.i32Add, ...op.tee(sp), ...g(send), ...op.i32LtU, ...op.brIf(0),
    ...op.end,
    ...g(0), ...g(end), ...op.i32LtU, ...op.brIf(0),
    ...op.end,
    ...op.end,
    ...g(acc), ...op.anyTrue,
  ];
  const params = clipParams ? [I32, I32, I32, I32, I32, F64, F64] : [I32, I32, I32, I32, I32];
  return { exportName, params, results: [I32], locals: [[3, I32], [7, V128]], code };
}

/** Two float64x2 halves -> one float32x4 (both demoted, low halves joined). */
const join = (lo: Bytes, hi: Bytes): Bytes => [...lo, ...op.demote, ...hi, ...op.demote, ...op.shuffle(JOIN_LOW_HALVES)];
/** acc |= bits(y - y). */
const flagOutput = (y: number, acc: number): Bytes => [...op.get(y), ...op.get(y), ...op.f32x4Sub, ...op.get(acc), ...op.or, ...op.set(acc)];

const subdiv = transformKernel("subdiv", false, (x, stat, l) => [
  ...join(
    [...op.get(x.lo), ...stat(0, 0), ...op.f64x2Sub, ...stat(1, 0), ...op.f64x2Div],
    [...op.get(x.hi), ...stat(0, 16), ...op.f64x2Sub, ...stat(1, 16), ...op.f64x2Div],
  ),
  ...op.set(l.y),
  ...flagOutput(l.y, l.acc),
]);

function mulAddKernel(clip: boolean): FunctionDef {
  return transformKernel(clip ? "muladdClip" : "muladd", clip, (x, stat, l) => {
    const half = (xv: number, h: 0 | 16): Bytes => [
      ...op.get(xv), ...stat(0, h), ...op.f64x2Mul, ...stat(1, h), ...op.f64x2Add,
      // Math.min(Math.max(y, lo), hi): f64x2.max/min are NaN-propagating and order -0 < +0, as Math.max/min.
      ...(clip ? [...op.get(l.lo), ...op.f64x2Max, ...op.get(l.hi), ...op.f64x2Min] : []),
    ];
    return [
      ...join(half(x.lo, 0), half(x.hi, 16)),
      ...op.set(l.y),
      ...flagOutput(l.y, l.acc),
      // The input must be finite too: with clip, ±Infinity would otherwise become a bound.
      ...op.get(x.v), ...op.get(x.v), ...op.f32x4Sub, ...op.get(l.acc), ...op.or, ...op.set(l.acc),
    ];
  });
}

/** Locals a fit kernel's prologue and body may use besides the accumulators. */
interface FitLocals {
  /** i32: the group index, and a scratch address. */
  gi: number;
  tmp: number;
  /** v128: four per-group constants or temporaries. */
  k: [number, number, number, number];
}

/**
 * One fit kernel over groups of 4 features: (pin, rows, rowBytes, groups, [mean,] acc).
 * `state` float64x2 accumulators per group sit at acc + 16 * state * g (loaded before the
 * group's rows, stored after); `prologue` sets per-group constants, `body` updates the
 * accumulators from x (the two promoted halves of a row's 4 cells) and their non-NaN masks.
 */
function fitKernel(
  exportName: string,
  withMean: boolean,
  state: number,
  prologue: (l: FitLocals) => Bytes,
  body: (x: [number, number], m: [number, number], s: number[], l: FitLocals) => Bytes,
): FunctionDef {
  const accParam = withMean ? 5 : 4;
  const P = accParam + 1;
  const [gi, p, end, a, tmp] = [P, P + 1, P + 2, P + 3, P + 4];
  const V = P + 5;
  const [v, x0, x1, m0, m1] = [V, V + 1, V + 2, V + 3, V + 4];
  const s = Array.from({ length: state }, (_, i) => V + 5 + i);
  const K = V + 5 + state;
  const l: FitLocals = { gi, tmp, k: [K, K + 1, K + 2, K + 3] };
  const g = op.get;
  const code: Bytes = [
    ...op.block,
    ...g(3), ...op.i32Eqz, ...op.brIf(0),
    ...op.i32(0), ...op.set(gi),
    ...op.loop, // one group of 4 features per round
    ...g(0), ...g(gi), ...op.i32(16), ...op.i32Mul, ...op.i32Add, ...op.tee(p),
    ...g(1), ...g(2), ...op.i32Mul, ...op.i32Add, ...op.set(end),
    ...g(accParam), ...g(gi), ...op.i32(16 * state), ...op.i32Mul, ...op.i32Add, ...op.set(a),
    ...s.flatMap((si, i) => [...g(a), ...op.load(16 * i), ...op.set(si)]),
    ...prologue(l),
    ...op.block,
    ...g(p), ...g(end), ...op.i32GeU, ...op.brIf(0),
    ...op.loop, // one row per round
    ...g(p), ...op.load(), ...op.set(v),
    ...g(v), ...op.promote, ...op.tee(x0), ...g(x0), ...op.f64x2Eq, ...op.set(m0),
    ...g(v), ...g(v), ...op.shuffle(HIGH_TO_LOW), ...op.promote, ...op.tee(x1), ...g(x1), ...op.f64x2Eq, ...op.set(m1),
    ...body([x0, x1], [m0, m1], s, l),
    ...g(p), ...g(2), ...op.i32Add, ...op.tee(p), ...g(end), ...op.i32LtU, ...op.brIf(0),
    ...op.end,
    ...op.end,
    ...s.flatMap((si, i) => [...g(a), ...g(si), ...op.store(16 * i)]),
    ...g(gi), ...op.i32(1), ...op.i32Add, ...op.tee(gi), ...g(3), ...op.i32LtU, ...op.brIf(0),
    ...op.end,
    ...op.end,
  ];
  const params = withMean ? [I32, I32, I32, I32, I32, I32] : [I32, I32, I32, I32, I32];
  return { exportName, params, results: [], locals: [[5, I32], [5 + state + 4, V128]], code };
}

/** bitselect(value, -0, mask): the value where the cell is not NaN, else the additive identity -0. */
const orNegZero = (value: Bytes, mask: number, negZero: number): Bytes => [...value, ...op.get(negZero), ...op.get(mask), ...op.bitselect];

const sums = fitKernel(
  "sums",
  false,
  8,
  (l) => [...f64x2Const(-0), ...op.set(l.k[0]), ...f64x2Const(1), ...op.set(l.k[1])],
  (x, m, s, l) => {
    const [negZero, one] = l.k;
    return [0, 1].flatMap((h) => [
      // sum += v (NaN skipped)
      ...op.get(s[h]), ...orNegZero(op.get(x[h]), m[h], negZero), ...op.f64x2Add, ...op.set(s[h]),
      // min: v < lo ? v : lo; max: hi < v ? v : hi (a NaN v compares false and is skipped)
      ...op.get(s[2 + h]), ...op.get(x[h]), ...op.f64x2Pmin, ...op.set(s[2 + h]),
      ...op.get(s[4 + h]), ...op.get(x[h]), ...op.f64x2Pmax, ...op.set(s[4 + h]),
      // count += 1 for a non-NaN cell (mask & 1.0 is 1.0 or +0; counts stay exact integers)
      ...op.get(s[6 + h]), ...op.get(m[h]), ...op.get(one), ...op.and, ...op.f64x2Add, ...op.set(s[6 + h]),
    ]);
  },
);

const squares = fitKernel(
  "squares",
  true,
  4,
  (l) => [
    ...f64x2Const(-0), ...op.set(l.k[0]),
    // this group's two mean vectors at mean + 32 * g
    ...op.get(4), ...op.get(l.gi), ...op.i32(32), ...op.i32Mul, ...op.i32Add, ...op.tee(l.tmp), ...op.load(0), ...op.set(l.k[1]),
    ...op.get(l.tmp), ...op.load(16), ...op.set(l.k[2]),
  ],
  (x, m, s, l) => {
    const [negZero, mu0, mu1, t] = l.k;
    const mu = [mu0, mu1];
    return [0, 1].flatMap((h) => [
      ...op.get(x[h]), ...op.get(mu[h]), ...op.f64x2Sub, ...op.set(t),
      // corr += t; m2 += t * t (NaN skipped)
      ...op.get(s[h]), ...orNegZero(op.get(t), m[h], negZero), ...op.f64x2Add, ...op.set(s[h]),
      ...op.get(s[2 + h]), ...orNegZero([...op.get(t), ...op.get(t), ...op.f64x2Mul], m[h], negZero), ...op.f64x2Add, ...op.set(s[2 + h]),
    ]);
  },
);

/**
 * Module bytes: imports env.mem (a shared memory with `sharedMemory`), exports subdiv, muladd,
 * muladdClip, sums, squares. The code is the same either way; only the import differs.
 */
export function kernelModuleBytes(sharedMemory = false): Uint8Array<ArrayBuffer> {
  return assembleModule([subdiv, mulAddKernel(false), mulAddKernel(true), sums, squares], sharedMemory);
}
