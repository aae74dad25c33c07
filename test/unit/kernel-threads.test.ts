/**
 * Helper threads for the transform kernels (startKernelThreads on a shared KernelArena):
 * split transforms give the JS loop's bits, non-finite cells in a helper's part still raise
 * the typed error naming the cell, parts nobody claims are taken back (no hang), and
 * closing the helpers leaves a working arena.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { kernelModuleBytes } from "../../src/core/wasm/kernel-code.js";
import { createMailbox, partsRun, PARALLEL_MIN_CELLS, stopMailbox } from "../../src/core/wasm/kernel-threads.js";
import { InvalidOptionError, KernelArena, MaxAbsScaler, MinMaxScaler, RobustScaler, SkewlessError, StandardScaler, matrix, setKernelBackend } from "../../src/index.js";
import { type KernelThreads, startKernelThreads } from "../../src/node.js";

/** mulberry32: a seeded stream of float32 cells over several magnitudes. */
function fill(x: Float32Array, seed: number): void {
  let a = seed >>> 0;
  for (let i = 0; i < x.length; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    const u = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    x[i] = Math.fround((u - 0.5) * 10 ** ((i % 7) - 2));
  }
}

type Fitted = { transform(x: ReturnType<typeof matrix>, out?: Float32Array): Float32Array };

function jsBits(t: Fitted, m: ReturnType<typeof matrix>): Float32Array {
  setKernelBackend("js");
  try {
    return t.transform(m);
  } finally {
    setKernelBackend("auto");
  }
}

function firstDiff(a: Float32Array, b: Float32Array): number {
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

const ROWS_MAX = 40_000;
const D_MAX = 40;

describe("kernel helper threads", () => {
  const arena = new KernelArena(2 * ROWS_MAX * D_MAX + 64, { shared: true });
  let threads: KernelThreads;
  let boxes: Int32Array[];

  beforeAll(async () => {
    expect(arena.shared).toBe(true);
    threads = startKernelThreads(arena, 2);
    boxes = [...arena.helperMailboxes];
    // Let the helpers start, so that they (not only the caller) run parts below. A helper
    // must claim its part while the caller runs its own, so the parts are made as large as
    // the arena allows, and a loaded CI machine gets many tries.
    const cells = ROWS_MAX * D_MAX - (ROWS_MAX * D_MAX) % 16;
    const until = Date.now() + 20_000;
    while (Date.now() < until) {
      const x = arena.allocateFloat32(cells);
      const y = arena.allocateFloat32(cells);
      fill(x, 1);
      const m = matrix(x, cells / 16, 16);
      new StandardScaler().fit(m).transform(m, y);
      arena.free(y);
      arena.free(x);
      if (boxes.every((b) => partsRun(b) > 0)) break;
      await new Promise((r) => setTimeout(r, 20));
    }
  }, 30_000);
  afterAll(async () => {
    await threads.close();
  });

  it("helpers start and run parts", () => {
    expect(boxes).toHaveLength(2);
    for (const b of boxes) expect(partsRun(b)).toBeGreaterThan(0);
  });

  it("split transforms give the JS loop's bits (StandardScaler, MinMaxScaler with clip, MaxAbsScaler, RobustScaler)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: D_MAX }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.integer({ min: 0, max: 3 }),
        (d, seed, which) => {
          const n = Math.min(ROWS_MAX, Math.ceil(PARALLEL_MIN_CELLS / d) + (seed % 37));
          const x = arena.allocateFloat32(n * d);
          const y = arena.allocateFloat32(n * d);
          try {
            fill(x, seed);
            const m = matrix(x, n, d);
            const t: Fitted = [
              () => new StandardScaler().fit(m),
              () => new MinMaxScaler({ featureRange: [-1, 2], clip: true }).fit(matrix(x.subarray(0, Math.max(d, (n >> 1) * d)), Math.max(1, n >> 1), d)),
              () => new MaxAbsScaler().fit(m),
              () => new RobustScaler().fit(m),
            ][which]();
            t.transform(m, y);
            expect(firstDiff(y, jsBits(t, m))).toBe(-1);
          } finally {
            arena.free(y);
            arena.free(x);
          }
        },
      ),
      { numRuns: 24, seed: 20261126 },
    );
  });

  it("a non-finite output in a helper's part raises the typed error naming that cell", () => {
    const n = 65_536;
    const d = 16;
    const x = arena.allocateFloat32(n * d);
    const y = arena.allocateFloat32(n * d);
    try {
      fill(x, 7);
      const m = matrix(x, n, d);
      const scaler = new StandardScaler().fit(m);
      x[(n - 3) * d + 5] = Infinity; // in the last part, which a helper runs
      let err: unknown;
      try {
        scaler.transform(m, y);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(SkewlessError);
      expect((err as SkewlessError).code).toBe("INVALID_INPUT");
      expect(String((err as Error).message)).toContain(String(n - 3));
    } finally {
      arena.free(y);
      arena.free(x);
    }
  });

  it("parts nobody claims are taken back by the caller (no wait, same bits)", () => {
    const idle = createMailbox(); // no thread serves it
    const stopped = createMailbox();
    stopMailbox(stopped);
    arena.helperMailboxes.push(idle, stopped);
    const n = 50_000;
    const d = 21;
    const x = arena.allocateFloat32(n * d);
    const y = arena.allocateFloat32(n * d);
    try {
      fill(x, 3);
      const m = matrix(x, n, d);
      const scaler = new StandardScaler().fit(m);
      const started = Date.now();
      scaler.transform(m, y);
      expect(Date.now() - started).toBeLessThan(2000);
      expect(firstDiff(y, jsBits(scaler, m))).toBe(-1);
      expect(partsRun(idle)).toBe(0);
      expect(Atomics.load(idle, 0)).toBe(0); // back to IDLE
    } finally {
      arena.helperMailboxes.splice(arena.helperMailboxes.indexOf(idle), 2);
      arena.free(y);
      arena.free(x);
    }
  });

  it("the shared-memory module differs only in its memory import and stays small enough to compile synchronously", () => {
    const plain = kernelModuleBytes(false);
    const shared = kernelModuleBytes(true);
    expect(shared.length).toBeLessThan(4096);
    expect(shared.length - plain.length).toBeLessThanOrEqual(4);
    expect(WebAssembly.validate(shared)).toBe(true);
  });

  it("refuses a plain arena and bad thread counts with typed errors", () => {
    expect(() => startKernelThreads(new KernelArena(16), 1)).toThrow(InvalidOptionError);
    expect(() => startKernelThreads(arena, 0)).toThrow(InvalidOptionError);
    expect(() => startKernelThreads(arena, 1.5)).toThrow(InvalidOptionError);
    expect(() => new KernelArena(16, { shared: "yes" as unknown as boolean })).toThrow(InvalidOptionError);
  });

  it("after close() the arena transforms alone, with the same bits", async () => {
    const other = new KernelArena(2 * PARALLEL_MIN_CELLS, { shared: true });
    const t = startKernelThreads(other, 1);
    await t.close();
    expect(other.helperMailboxes).toHaveLength(0);
    const x = other.allocateFloat32(PARALLEL_MIN_CELLS);
    const y = other.allocateFloat32(PARALLEL_MIN_CELLS);
    fill(x, 11);
    const m = matrix(x, PARALLEL_MIN_CELLS / 32, 32);
    const scaler = new StandardScaler().fit(m);
    scaler.transform(m, y);
    expect(firstDiff(y, jsBits(scaler, m))).toBe(-1);
  });
});
