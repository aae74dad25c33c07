import { describe, expect, it } from "vitest";
import { MinMaxScaler, type MinMaxScalerOptions, matrix } from "../../src/index.js";
import { expectClose, loadParityCases, toMatrixData } from "./fixtures.js";

describe("MinMaxScaler parity with scikit-learn 1.2.1", () => {
  for (const c of loadParityCases<MinMaxScalerOptions>("MinMaxScaler")) {
    it(c.name, () => {
      const fit = toMatrixData(c.fit);
      const x = toMatrixData(c.transform);
      const s = new MinMaxScaler(c.options).fit(matrix(fit.data, fit.rows, fit.cols));
      expectClose(s.transform(matrix(x.data, x.rows, x.cols)), c.expected, 1e-6, c.name);
      const rec = s.toRecord();
      if (rec.kind !== "MinMaxScaler") throw new Error("kind");
      // Same float64 operations in the same order as sklearn: the fitted attributes agree to the bit.
      expectClose(rec.state.dataMin, [c.attributes.data_min_ as number[]], 0, "data_min_");
      expectClose(rec.state.dataMax, [c.attributes.data_max_ as number[]], 0, "data_max_");
      expectClose(rec.state.scale, [c.attributes.scale_ as number[]], 0, "scale_");
      expectClose(rec.state.min, [c.attributes.min_ as number[]], 0, "min_");
      expect(s.width).toBe(x.cols);
    });
  }
});
