import { describe, expect, it } from "vitest";
import { RobustScaler, type RobustScalerOptions, matrix } from "../../src/index.js";
import { expectClose, loadParityCases, toMatrixData } from "./fixtures.js";

describe("RobustScaler parity with scikit-learn 1.2.1", () => {
  for (const c of loadParityCases<RobustScalerOptions>("RobustScaler")) {
    it(c.name, () => {
      const fit = toMatrixData(c.fit);
      const x = toMatrixData(c.transform);
      const s = new RobustScaler(c.options).fit(matrix(fit.data, fit.rows, fit.cols));
      const y = s.transform(matrix(x.data, x.rows, x.cols));
      expectClose(y, c.expected, 1e-6, c.name);
      const rec = s.toRecord();
      if (rec.kind !== "RobustScaler") throw new Error("kind");
      // nanmedian and nanpercentile are reproduced operation for operation: the centre and the
      // spread agree to the bit; unit_variance adds one division by Φ⁻¹ differences (ours vs
      // scipy's ndtri, each within a few ulps of the truth).
      if (c.attributes.center_) expectClose(rec.state.center, [c.attributes.center_ as number[]], 0, "center_");
      else expect(rec.state.center.length).toBe(0);
      if (c.attributes.scale_) expectClose(rec.state.scale, [c.attributes.scale_ as number[]], c.options.unitVariance ? 1e-15 : 0, "scale_");
      else expect(rec.state.scale.length).toBe(0);
      expect(s.width).toBe(x.cols);
    });
  }
});
