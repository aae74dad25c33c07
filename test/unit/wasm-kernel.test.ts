/**
 * The WebAssembly SIMD kernels (src/core/wasm/) against the JS loops, bit for bit: the
 * scalers' transforms on hostile float32 data and statistics (extreme magnitudes,
 * subnormals, ±0, NaN, ±Infinity, scales within a few ulps of 1), widths and row counts
 * that are not multiples of 4, plain and KernelArena buffers; the fit moments; and the
 * same typed error on both backends where a cell cannot be transformed.
 */
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { batchMoments } from "../../src/core/moments.js";
import { runAffine } from "../../src/core/wasm/affine-kernel.js";
import { kernelModuleBytes } from "../../src/core/wasm/kernel-code.js";
import {
  InvalidInputError,
  InvalidOptionError,
  KernelArena,
  MaxAbsScaler,
  MinMaxScaler,
  SkewlessError,
  StandardScaler,
  kernelBackend,
  matrix,
  setKernelBackend,
} from "../../src/index.js";

afterEach(() => setKernelBackend("auto"));

const F32_SPECIALS = [0, -0, NaN, Infinity, -Infinity, 1e-45, -1e-45, 1.1754942e-38, 1.17549435e-38, 3.4028235e38, -3.4028235e38, 1, -1];

/** float32 cells: mostly ordinary values over many magnitudes, some subnormal/huge/special ones. */
const cell = (specials: boolean): fc.Arbitrary<number> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
    { weight: 2, arbitrary: fc.float({ noNaN: true, noDefaultInfinity: true }) },
    { weight: specials ? 1 : 0, arbitrary: fc.constantFrom(...F32_SPECIALS) },
  ).map(Math.fround);

/** float64 statistics: ordinary, extreme, or within a few ulps of 1 / of 0. */
const offsetArb = fc.oneof(
  fc.constant(0),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -8, max: 8 }).map((k) => k * 2 ** -1074),
);
const scaleArb = fc.oneof(
  fc.constant(1),
  fc.integer({ min: -16, max: 16 }).map((k) => 1 + k * 2 ** -52),
  fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
  fc.double({ min: 5e-324, max: 1.7e308, noNaN: true }),
);

interface Shape {
  n: number;
  d: number;
  x: number[];
}
const shapeArb = (specials: boolean, maxRows = 40): fc.Arbitrary<Shape> =>
  fc
    .tuple(fc.integer({ min: 0, max: maxRows }), fc.oneof(fc.integer({ min: 1, max: 9 }), fc.constantFrom(12, 17, 31, 33)))
    .chain(([n, d]) => fc.array(cell(specials), { minLength: n * d, maxLength: n * d }).map((x) => ({ n, d, x })));

type Outcome = { bytes: number[] } | { code: string; message: string };

function outcome(f: () => Float32Array): Outcome {
  try {
    const y = f();
    return { bytes: Array.from(new Uint8Array(y.buffer, y.byteOffset, y.byteLength)) };
  } catch (e) {
    if (!(e instanceof SkewlessError)) throw e;
    return { code: e.code, message: e.message };
  }
}

/** Runs `t` on the JS loops, and on wasm with plain buffers, with input and output in one arena, and with one of them in it. */
function allPaths(s: Shape, t: (x: Float32Array, out?: Float32Array) => Float32Array): Outcome[] {
  const x = Float32Array.from(s.x);
  setKernelBackend("js");
  const js = outcome(() => t(x));
  setKernelBackend("wasm");
  const plain = outcome(() => t(x));
  const arena = new KernelArena(2 * x.length + 8);
  const xa = arena.allocateFloat32(x.length);
  xa.set(x);
  const oa = arena.allocateFloat32(x.length + 3); // longer than needed: transform takes a subarray
  const inArena = outcome(() => t(xa, oa));
  // One side in the arena: staged through its header.
  const inputOnly = outcome(() => t(xa, new Float32Array(x.length)));
  const outputOnly = outcome(() => t(x, oa));
  return [js, plain, inArena, inputOnly, outputOnly];
}

/** Bit equality of two float32 arrays, reporting the first differing cell (toEqual is slow on large arrays). */
function expectSameBits(got: Float32Array, want: Float32Array): void {
  expect(got.length).toBe(want.length);
  const a = new Uint32Array(got.buffer, got.byteOffset, got.length);
  const b = new Uint32Array(want.buffer, want.byteOffset, want.length);
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) expect.fail(`cell ${k}: ${got[k]} vs ${want[k]}`);
}

function expectSame(results: Outcome[]): void {
  for (const r of results.slice(1)) expect(r).toEqual(results[0]);
}

describe("WebAssembly kernels give the JS loops' bits", () => {
  it("StandardScaler.transform", () => {
    fc.assert(
      fc.property(
        shapeArb(true).chain((s) =>
          fc.record({
            s: fc.constant(s),
            mean: fc.array(offsetArb, { minLength: s.d, maxLength: s.d }),
            scale: fc.array(scaleArb, { minLength: s.d, maxLength: s.d }),
            withMean: fc.boolean(),
            withStd: fc.boolean(),
          }),
        ),
        ({ s, mean, scale, withMean, withStd }) => {
          const t = StandardScaler.fromState({
            nFeaturesIn: s.d,
            withMean,
            withStd,
            mean: Float64Array.from(mean),
            var: Float64Array.from(scale, (v) => v * v),
            scale: withStd ? Float64Array.from(scale) : new Float64Array(0),
            nSamplesSeen: new Float64Array(s.d).fill(1),
          });
          expectSame(allPaths(s, (x, out) => t.transform(matrix(x, s.n, s.d), out)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("MaxAbsScaler.transform", () => {
    fc.assert(
      fc.property(
        shapeArb(true).chain((s) => fc.record({ s: fc.constant(s), scale: fc.array(scaleArb, { minLength: s.d, maxLength: s.d }) })),
        ({ s, scale }) => {
          const t = MaxAbsScaler.fromState({ nFeaturesIn: s.d, maxAbs: Float64Array.from(scale), scale: Float64Array.from(scale) });
          expectSame(allPaths(s, (x, out) => t.transform(matrix(x, s.n, s.d), out)));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("MinMaxScaler.transform, with and without clip", () => {
    fc.assert(
      fc.property(
        shapeArb(true).chain((s) =>
          fc.record({
            s: fc.constant(s),
            scale: fc.array(scaleArb, { minLength: s.d, maxLength: s.d }),
            min: fc.array(offsetArb, { minLength: s.d, maxLength: s.d }),
            clip: fc.boolean(),
            range: fc.constantFrom<[number, number]>([0, 1], [-1, 1], [-1e-300, 3e38], [0.25, 0.75]),
          }),
        ),
        ({ s, scale, min, clip, range }) => {
          const t = MinMaxScaler.fromState({
            nFeaturesIn: s.d,
            featureRange: range,
            clip,
            dataMin: new Float64Array(s.d),
            dataMax: new Float64Array(s.d).fill(1),
            scale: Float64Array.from(scale),
            min: Float64Array.from(min),
          });
          expectSame(allPaths(s, (x, out) => t.transform(matrix(x, s.n, s.d), out)));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("fit moments (count, sum, m2, min, max) and the infinity error", () => {
    fc.assert(
      fc.property(shapeArb(true, 40), (s) => {
        const x = Float32Array.from(s.x);
        const run = (backend: "js" | "wasm") => {
          setKernelBackend(backend);
          try {
            const a = batchMoments(matrix(x, s.n, s.d), "t");
            return { count: Array.from(a.count), sum: Array.from(a.sum), m2: Array.from(a.m2), min: Array.from(a.min), max: Array.from(a.max) };
          } catch (e) {
            return { error: (e as Error).message };
          }
        };
        const js = run("js");
        const wasm = run("wasm");
        // toEqual tells -0 from +0 and treats NaN as equal to NaN: bit-level equality of the numbers.
        expect(wasm).toEqual(js);
        // In place in an arena too.
        const arena = new KernelArena(x.length);
        const xa = arena.allocateFloat32(x.length);
        xa.set(x);
        setKernelBackend("wasm");
        let inArena: unknown;
        try {
          const a = batchMoments(matrix(xa, s.n, s.d), "t");
          inArena = { count: Array.from(a.count), sum: Array.from(a.sum), m2: Array.from(a.m2), min: Array.from(a.min), max: Array.from(a.max) };
        } catch (e) {
          inArena = { error: (e as Error).message };
        }
        expect(inArena).toEqual(js);
      }),
      { numRuns: 200 },
    );
  });

  it("StandardScaler fit + transform on large inputs (many chunks and blocks), plain and in an arena", () => {
    for (const [n, d] of [[40_001, 3], [9_999, 32], [3_001, 33], [70_001, 1]] as const) {
      const x = new Float32Array(n * d);
      let u = 12345;
      for (let k = 0; k < x.length; k++) {
        u = (u * 1103515245 + 12345) >>> 0;
        x[k] = ((u / 2 ** 32) - 0.3) * 10 ** ((k % 9) - 4);
      }
      setKernelBackend("js");
      const sJs = new StandardScaler().fit(matrix(x, n, d));
      const yJs = sJs.transform(matrix(x, n, d));
      setKernelBackend("auto");
      expect(kernelBackend()).toBe("wasm");
      const sW = new StandardScaler().fit(matrix(x, n, d));
      expect(sW.save()).toEqual(sJs.save());
      expectSameBits(sW.transform(matrix(x, n, d)), yJs);
      const arena = new KernelArena(2 * x.length + 8);
      const xa = arena.allocateFloat32(x.length);
      xa.set(x);
      const oa = arena.allocateFloat32(x.length);
      expect(new StandardScaler().fit(matrix(xa, n, d)).save()).toEqual(sJs.save());
      sW.transform(matrix(xa, n, d), oa);
      expectSameBits(oa, yJs);
      expectSameBits(sW.transform(matrix(xa, n, d)), yJs);
      oa.fill(0);
      sW.transform(matrix(x, n, d), oa);
      expectSameBits(oa, yJs);
    }
  });
});

describe("non-finite cells: the same typed error on every path", () => {
  const n = 20_000;
  const d = 7;
  const x = new Float32Array(n * d).map((_, k) => ((k * 7919) % 1000) / 37 - 11);
  const s = new StandardScaler().fit(matrix(x, n, d));

  for (const [label, row, feature, value, pattern] of [
    ["NaN in a late chunk", 15_000, 4, NaN, /row 15000, feature 4 is missing/],
    ["-Infinity in the first chunk", 3, 6, -Infinity, /row 3, feature 6 is -Infinity/],
    ["NaN in the JS tail rows (n not a multiple of 4 / gcd(d, 4))", n - 1, 2, NaN, /row 19999, feature 2 is missing/],
  ] as const) {
    it(label, () => {
      const bad = x.slice();
      bad[row * d + feature] = value;
      if (row + 1 < n) bad[(row + 1) * d] = NaN; // a later bad cell must not be named instead
      for (const backend of ["js", "wasm"] as const) {
        setKernelBackend(backend);
        expect(() => s.transform(matrix(bad, n, d))).toThrow(InvalidInputError);
        expect(() => s.transform(matrix(bad, n, d))).toThrow(pattern);
        const arena = new KernelArena(2 * bad.length + 8);
        const xa = arena.allocateFloat32(bad.length);
        xa.set(bad);
        expect(() => s.transform(matrix(xa, n, d), arena.allocateFloat32(bad.length))).toThrow(pattern);
      }
    });
  }

  it("a result past the float32 range", () => {
    const tiny = StandardScaler.fromState({ nFeaturesIn: 4, withMean: false, withStd: true, mean: new Float64Array(4), var: new Float64Array(4), scale: new Float64Array(4).fill(1e-30), nSamplesSeen: new Float64Array(4).fill(1) });
    const big = new Float32Array(4000).fill(1);
    big[2345] = 3e38;
    for (const backend of ["js", "wasm"] as const) {
      setKernelBackend(backend);
      expect(() => tiny.transform(matrix(big, 1000, 4))).toThrow(/row 586, feature 1 is 3\.\d+e\+38, whose result is outside the float32 range/);
    }
  });
});

describe("backend switch", () => {
  it('forcing "js" skips the kernels; "auto" uses them for large float32 input', () => {
    const x = new Float32Array(4096).fill(1.5);
    const out = new Float32Array(4096);
    const spec = { op: "subdiv" as const, a: new Float64Array(4).fill(0.5), b: new Float64Array(4).fill(2) };
    setKernelBackend("js");
    expect(kernelBackend()).toBe("js");
    expect(runAffine(spec, x, 1024, 4, out)).toBe("declined");
    expect(out[0]).toBe(0);
    setKernelBackend("auto");
    expect(kernelBackend()).toBe("wasm");
    expect(runAffine(spec, x, 1024, 4, out)).toBe("done");
    expect(out[4095]).toBe(0.5);
    // Small inputs and Float64Array input stay on the JS loops in "auto".
    expect(runAffine(spec, x.subarray(0, 16), 4, 4, out)).toBe("declined");
    expect(runAffine(spec, new Float64Array(4096), 1024, 4, out)).toBe("declined");
    setKernelBackend("wasm");
    expect(runAffine(spec, x.subarray(0, 16), 4, 4, out)).toBe("done");
  });

  it("the module stays small enough for browsers to compile synchronously on the main thread (4 KB)", () => {
    expect(kernelModuleBytes().length).toBeLessThan(4096);
  });

  it("rejects an unknown backend with a typed error", () => {
    expect(() => setKernelBackend("gpu" as "js")).toThrow(InvalidOptionError);
    expect(() => setKernelBackend("gpu" as "js")).toThrow(/"auto", "wasm" or "js"/);
  });

  it("an in-place transform (output = input) runs the JS loop and gives the same bits", () => {
    const n = 1000;
    const d = 6;
    const x = new Float32Array(n * d).map((_, k) => (k % 13) - 6.5);
    const s = new StandardScaler().fit(matrix(x, n, d));
    const want = s.transform(matrix(x, n, d));
    setKernelBackend("wasm");
    const arena = new KernelArena(n * d);
    const xa = arena.allocateFloat32(n * d);
    xa.set(x);
    expect(s.transform(matrix(xa, n, d), xa)).toEqual(want);
  });
});

describe("KernelArena", () => {
  it("hands out zeroed, 16-byte aligned views that stay valid across allocations, frees and reuse", () => {
    const arena = new KernelArena(1000);
    expect(arena.zeroCopy).toBe(true);
    const a = arena.allocateFloat32(10);
    const b = arena.allocateFloat32(301);
    const c = arena.allocateFloat32(5);
    for (const v of [a, b, c]) expect(v.byteOffset % 16).toBe(0);
    a.fill(1);
    b.fill(2);
    c.fill(3);
    arena.free(b);
    const d = arena.allocateFloat32(100); // reuses part of b's block
    expect(Array.from(d.subarray(0, 3))).toEqual([0, 0, 0]);
    const e = arena.allocateFloat32(500);
    expect(a.length).toBe(10);
    expect(a[9]).toBe(1);
    expect(c[4]).toBe(3);
    expect(e.buffer).toBe(a.buffer);
    expect(() => arena.allocateFloat32(1000)).toThrow(/no free block/);
    try {
      arena.allocateFloat32(1000);
    } catch (err) {
      expect((err as SkewlessError).code).toBe("BUFFER_TOO_SMALL");
    }
    arena.free(a);
    arena.free(c);
    arena.free(d);
    arena.free(e);
    expect(arena.available).toBe(1000);
    expect(arena.allocateFloat32(1000).length).toBe(1000);
    arena.reset();
    expect(arena.available).toBe(1000);
  });

  it("rejects foreign or double frees and bad sizes with typed errors", () => {
    const arena = new KernelArena(64);
    const v = arena.allocateFloat32(8);
    expect(() => arena.free(new Float32Array(8))).toThrow(InvalidInputError);
    arena.free(v);
    expect(() => arena.free(v)).toThrow(/already freed/);
    expect(() => new KernelArena(-1)).toThrow(InvalidOptionError);
    expect(() => new KernelArena(1.5)).toThrow(InvalidOptionError);
    expect(() => arena.allocateFloat32(-2)).toThrow(InvalidOptionError);
  });

  it("works on the JS loops when the backend is forced to js", () => {
    setKernelBackend("js");
    const arena = new KernelArena(64);
    const x = arena.allocateFloat32(32).map((_, k) => k);
    const out = arena.allocateFloat32(32);
    const s = new MaxAbsScaler().fit(matrix(x, 8, 4));
    s.transform(matrix(x, 8, 4), out);
    expect(out[31]).toBe(1);
  });
});
