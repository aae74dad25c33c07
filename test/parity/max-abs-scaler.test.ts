import { describe, expect, it } from "vitest";
import { MaxAbsScaler, type MaxAbsScalerOptions, matrix } from "../../src/index.js";
import { expectClose, loadParityCases, toMatrixData } from "./fixtures.js";

describe("MaxAbsScaler parity with scikit-learn 1.2.1", () => {
  for (const c of loadParityCases<MaxAbsScalerOptions>("MaxAbsScaler")) {
    it(c.name, () => {
      const fit = toMatrixData(c.fit);
      const x = toMatrixData(c.transform);
      const s = new MaxAbsScaler(c.options).fit(matrix(fit.data, fit.rows, fit.cols));
      expectClose(s.transform(matrix(x.data, x.rows, x.cols)), c.expected, 1e-6, c.name);
      const rec = s.toRecord();
      if (rec.kind !== "MaxAbsScaler") throw new Error("kind");
      expectClose(rec.state.maxAbs, [c.attributes.max_abs_ as number[]], 0, "max_abs_");
      expectClose(rec.state.scale, [c.attributes.scale_ as number[]], 0, "scale_");
      expect(s.width).toBe(x.cols);
    });
  }
});
