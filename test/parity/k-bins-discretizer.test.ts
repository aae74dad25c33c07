import { describe, expect, it } from "vitest";
import { KBinsDiscretizer, type KBinsDiscretizerOptions, matrix } from "../../src/index.js";
import { loadParityCases, toMatrixData } from "./fixtures.js";

/** Bin indices (ordinal) and one-hot cells must equal sklearn's exactly; edges are reported. */
describe("KBinsDiscretizer parity with scikit-learn 1.2.1", () => {
  const report: string[] = [];
  for (const c of loadParityCases<KBinsDiscretizerOptions>("KBinsDiscretizer")) {
    it(c.name, () => {
      const fit = toMatrixData(c.fit);
      const x = toMatrixData(c.transform);
      const t = new KBinsDiscretizer(c.options).fit(matrix(fit.data, fit.rows, fit.cols));
      const out = t.transform(matrix(x.data, x.rows, x.cols));
      const w = c.expected[0].length;
      expect(t.width).toBe(w);
      let mismatches = 0;
      let first = "";
      c.expected.forEach((row, i) =>
        row.forEach((e, j) => {
          if (out[i * w + j] !== e) {
            if (mismatches++ === 0) first = `row ${i} col ${j}: got ${out[i * w + j]}, sklearn ${e}`;
          }
        }),
      );
      expect(mismatches, `${c.name}: ${mismatches} cells differ, first at ${first}`).toBe(0);

      const rec = t.toRecord();
      if (rec.kind !== "KBinsDiscretizer") throw new Error("kind");
      expect(Array.from(rec.state.nBins)).toEqual(c.attributes.n_bins_);
      // Edges: JSON null stands for ±Infinity (constant features).
      const sk = (c.attributes.bin_edges_ as (number | null)[][]).flat();
      expect(rec.state.binEdges.length).toBe(sk.length);
      let worst = 0;
      sk.forEach((e, k) => {
        const a = rec.state.binEdges[k];
        if (e === null) {
          expect(Number.isFinite(a), `edge ${k}`).toBe(false);
          return;
        }
        worst = Math.max(worst, Math.abs(a - e) / Math.max(Math.abs(e), 1e-300));
      });
      report.push(`${c.name}: max edge rel diff ${worst.toExponential(2)}`);
      // uniform and quantile use numpy's arithmetic on the same values: bit-exact. kmeans
      // sums cluster members in sorted rather than row order: last-ulp differences.
      expect(worst, "bin edges").toBeLessThanOrEqual(c.options.strategy === "kmeans" ? 1e-12 : 0);
    });
  }
  it("reports edge differences", () => {
    console.log(report.join("\n"));
  });
});
