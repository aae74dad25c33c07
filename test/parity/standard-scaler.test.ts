import { describe, expect, it } from "vitest";
import { StandardScaler, type StandardScalerOptions, matrix } from "../../src/index.js";
import { expectClose, loadParityCases, toMatrixData } from "./fixtures.js";

describe("StandardScaler parity with scikit-learn 1.2.1", () => {
  for (const c of loadParityCases<StandardScalerOptions>("StandardScaler")) {
    it(c.name, () => {
      const fit = toMatrixData(c.fit);
      const x = toMatrixData(c.transform);
      const s = new StandardScaler(c.options).fit(matrix(fit.data, fit.rows, fit.cols));
      expectClose(s.transform(matrix(x.data, x.rows, x.cols)), c.expected, 1e-6, c.name);
      const rec = s.toRecord();
      if (rec.kind !== "StandardScaler") throw new Error("kind");
      expectClose(rec.state.mean, [c.attributes.mean_ as number[]], 1e-12, "mean_");
      if (c.attributes.var_) expectClose(rec.state.var, [c.attributes.var_ as number[]], 1e-12, "var_");
      if (c.attributes.scale_) expectClose(rec.state.scale, [c.attributes.scale_ as number[]], 1e-12, "scale_");
      expect(s.width).toBe(x.cols);
    });
  }
});
