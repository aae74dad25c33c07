import { describe, expect, it } from "vitest";
import { QuantileTransformer, type QuantileTransformerOptions, matrix } from "../../src/index.js";
import { expectClose, loadParityCases, toMatrixData } from "./fixtures.js";

describe("QuantileTransformer parity with scikit-learn 1.2.1", () => {
  for (const c of loadParityCases<QuantileTransformerOptions>("QuantileTransformer")) {
    it(c.name, () => {
      const fit = toMatrixData(c.fit);
      const x = toMatrixData(c.transform);
      const t = new QuantileTransformer(c.options).fit(matrix(fit.data, fit.rows, fit.cols));
      const y = t.transform(matrix(x.data, x.rows, x.cols));
      expectClose(y, c.expected, 1e-6, c.name);
      const rec = t.toRecord();
      if (rec.kind !== "QuantileTransformer") throw new Error("kind");
      const nq = c.attributes.n_quantiles_ as number;
      expect(rec.state.nQuantiles).toBe(nq);
      // linspace and nanpercentile are reproduced operation for operation: bit-identical.
      expectClose(rec.state.references, [c.attributes.references_ as number[]], 0, "references_");
      const q = c.attributes.quantiles_ as number[][] | undefined;
      if (q) {
        // sklearn's quantiles_ is n_quantiles x n_features; the state is feature-major.
        const featureMajor = Array.from({ length: fit.cols }, (_, j) => q.map((row) => row[j]));
        expectClose(rec.state.quantiles, featureMajor, 0, "quantiles_");
      }
      expect(t.width).toBe(x.cols);
    });
  }
});
