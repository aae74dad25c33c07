import { describe, expect, it } from "vitest";
import { Normalizer, type NormalizerOptions, matrix } from "../../src/index.js";
import { expectClose, loadParityCases, toMatrixData } from "./fixtures.js";

describe("Normalizer parity with scikit-learn 1.2.1", () => {
  for (const c of loadParityCases<NormalizerOptions>("Normalizer")) {
    it(c.name, () => {
      const fit = toMatrixData(c.fit);
      const x = toMatrixData(c.transform);
      const s = new Normalizer(c.options).fit(matrix(fit.data, fit.rows, fit.cols));
      expectClose(s.transform(matrix(x.data, x.rows, x.cols)), c.expected, 1e-6, c.name);
      expect(s.nFeaturesIn).toBe(c.attributes.n_features_in_);
      expect(s.width).toBe(x.cols);
    });
  }
});
