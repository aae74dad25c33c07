import { describe, expect, it } from "vitest";
import { Clip, type ClipOptions, matrix } from "../../src/index.js";
import { expectClose, loadParityCases, toMatrixData } from "./fixtures.js";

describe("Clip parity with scikit-learn 1.2.1 FunctionTransformer(np.clip)", () => {
  for (const c of loadParityCases<ClipOptions>("Clip")) {
    it(c.name, () => {
      const fit = toMatrixData(c.fit);
      const x = toMatrixData(c.transform);
      const s = new Clip(c.options).fit(matrix(fit.data, fit.rows, fit.cols));
      expectClose(s.transform(matrix(x.data, x.rows, x.cols)), c.expected, 1e-6, c.name);
      expect(s.nFeaturesIn).toBe(c.attributes.n_features_in_);
    });
  }
});
