/**
 * The conformance suite: every registered transform, the same contract checks.
 * A new transform needs only an entry in cases.ts.
 */
import fc from "fast-check";
import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { ALL_CASES as CASES } from "./all-cases.js";
import { checkBatchVsRows, checkDeterministic, checkMerge, checkRoundTrip, fitted, outcome } from "./checks.js";
import { sameBytes } from "./compare.js";

const RUNS = 25;

for (const c of CASES) {
  describe(`conformance: ${c.label}`, () => {
    const xs = c.realTransformRows ?? c.realRows;
    const real = () => {
      const f = fitted(c, c.realRows);
      if (!f.ok) throw new Error(`fit on real data failed: ${f.message}`);
      return f.value;
    };

    it(c.stateless ? "is stateless: works before fit exactly as after it" : "is not fitted before fit: transform, width and save raise NOT_FITTED", () => {
      const t = c.make();
      if (c.stateless) {
        const x = c.toInput(xs.slice(0, 2));
        const before = outcome(() => t.transform(x));
        if (!before.ok) throw new Error(`stateless transform before fit failed: ${before.code} ${before.message}`);
        const after = real();
        expect(t.width).toBe(after.width);
        expect(t.outputNames()).toEqual(after.outputNames());
        expect(sameBytes(before.value, after.transform(x))).toBe(true);
        expect(sameBytes(t.save(), after.save())).toBe(true);
        return;
      }
      expect(t.isFitted).toBe(false);
      for (const op of [(): unknown => t.transform(c.toInput(xs.slice(0, 2))), () => t.width, () => t.save(), () => t.outputNames()]) {
        const r = outcome(op);
        expect(r.ok ? "ok" : r.code).toBe("NOT_FITTED");
      }
    });

    it("has consistent width, outputNames and output length", () => {
      const t = real();
      const names = t.outputNames();
      expect(names.length).toBe(t.width);
      expect(new Set(names).size).toBe(names.length);
      const y = t.transform(c.toInput(xs));
      expect(y.length).toBe(xs.length * t.width);
      for (let i = 0; i < y.length; i++) if (!Number.isFinite(y[i])) throw new Error(`non-finite output at ${i}: ${y[i]}`);
    });

    it("writes into a caller's buffer and rejects one that is too small", () => {
      const t = real();
      const n = xs.length;
      const fresh = t.transform(c.toInput(xs));
      if (!(fresh instanceof Float32Array)) return;
      const out = new Float32Array(n * t.width + 5).fill(7);
      const view = t.transform(c.toInput(xs), out);
      expect(sameBytes(view, fresh)).toBe(true);
      expect(view.buffer).toBe(out.buffer);
      expect(out[n * t.width + 4]).toBe(7);
      const small = outcome(() => t.transform(c.toInput(xs), new Float32Array(Math.max(0, n * t.width - 1))));
      expect(small.ok ? "ok" : small.code).toBe(n * t.width === 0 ? "ok" : "BUFFER_TOO_SMALL");
    });

    it("toTensor gives a [n, width] tensor with the transform's values", () => {
      const t = real() as unknown as { toTensor?: (x: unknown) => tf.Tensor2D; width: number; transform: (x: unknown) => Float32Array };
      if (!t.toTensor) return;
      const x = c.toInput(xs.slice(0, 7));
      const tensor = t.toTensor(x);
      expect(tensor.shape).toEqual([7, t.width]);
      expect(sameBytes(tensor.dataSync() as Float32Array, t.transform(x))).toBe(true);
      tensor.dispose();
    });

    it("round-trips through an artefact bit for bit (real data)", () => {
      checkRoundTrip(c, real(), xs);
    });

    it("transforms a batch like its rows one at a time (real data)", () => {
      checkBatchVsRows(c, real(), xs);
    });

    it("saves the same bytes for the same data", () => {
      checkDeterministic(c, c.realRows);
    });

    it("raises typed errors for bad input", () => {
      const t = real();
      for (const bad of c.badInputs) {
        const r = outcome(() => t.transform(bad.input()));
        expect(r.ok ? "ok" : r.code, bad.label).toBe(bad.code);
      }
      if (c.emptyFitThrows) {
        const r = outcome(() => {
          const u = c.make();
          u.fit(c.toInput([]));
          return u.width;
        });
        expect(r.ok ? "ok" : r.code).not.toBe("ok");
      }
    });

    it("partialFit over random splits + merge equals fit (real data)", () => {
      fc.assert(
        fc.property(fc.array(fc.nat({ max: c.realRows.length }), { maxLength: 6 }), fc.integer({ min: 1, max: 3 }), (cuts, shards) => {
          checkMerge(c, c.realRows, cuts, shards);
        }),
        { numRuns: RUNS },
      );
    });

    it("round trip, batch-vs-rows, merge and determinism hold on random valid data", () => {
      fc.assert(
        fc.property(c.rows, c.rows, fc.array(fc.nat({ max: 64 }), { maxLength: 4 }), (fitRows, xRows, cuts) => {
          const f = fitted(c, fitRows);
          if (!f.ok) return; // a typed fit error (e.g. all values missing) is allowed here
          checkRoundTrip(c, f.value, xRows);
          checkBatchVsRows(c, f.value, xRows);
          checkMerge(c, fitRows, cuts, 2);
          checkDeterministic(c, fitRows);
        }),
        { numRuns: RUNS },
      );
    });
  });
}
