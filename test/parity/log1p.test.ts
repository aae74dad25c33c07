import { describe, expect, it } from "vitest";
import { Log1p, matrix } from "../../src/index.js";
import { expectClose, loadParityCases, toMatrixData } from "./fixtures.js";

describe("Log1p parity with scikit-learn 1.2.1 FunctionTransformer(np.log1p)", () => {
  for (const c of loadParityCases("Log1p")) {
    it(c.name, () => {
      const fit = toMatrixData(c.fit);
      const x = toMatrixData(c.transform);
      const s = new Log1p(c.options).fit(matrix(fit.data, fit.rows, fit.cols));
      expectClose(s.transform(matrix(x.data, x.rows, x.cols)), c.expected, 1e-6, c.name);
      expect(s.nFeaturesIn).toBe(c.attributes.n_features_in_);
    });
  }
});
