import { describe, expect, it } from "vitest";
import { SimpleImputer, type SimpleImputerOptions, matrix } from "../../src/index.js";
import { expectClose, loadParityCases, toMatrixData } from "./fixtures.js";

describe("SimpleImputer parity with scikit-learn 1.2.1", () => {
  for (const c of loadParityCases<SimpleImputerOptions>("SimpleImputer")) {
    it(c.name, () => {
      const fit = toMatrixData(c.fit);
      const x = toMatrixData(c.transform);
      const imp = new SimpleImputer(c.options).fit(matrix(fit.data, fit.rows, fit.cols));
      const y = imp.transform(matrix(x.data, x.rows, x.cols));
      expectClose(y, c.expected, 1e-6, c.name);
      expect(imp.outputNames(Array.from({ length: fit.cols }, (_, j) => `f${j}`))).toEqual(c.names);
      const rec = imp.toRecord();
      if (rec.kind !== "SimpleImputer") throw new Error("kind");
      // Median, most frequent and constant are exact; the mean is the correctly rounded sum over n,
      // numpy's is a left-to-right sum: they agree to within numpy's rounding.
      const stats = (c.attributes.statistics_ as (number | null)[]).map((v) => (v === null ? NaN : v));
      const tolerance = (c.options.strategy ?? "mean") === "mean" ? 1e-14 : 0;
      stats.forEach((e, j) => {
        const a = rec.state.statistics[j];
        if (Number.isNaN(e)) expect(a).toBeNaN();
        else expect(Math.abs(a - e) / Math.max(Math.abs(e), 1), `statistics_[${j}]: ${a} vs ${e}`).toBeLessThanOrEqual(tolerance);
      });
    });
  }
});
