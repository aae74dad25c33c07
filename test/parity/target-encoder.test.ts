/**
 * TargetEncoder against fixtures/parity/TargetEncoder.json. scikit-learn 1.2.1 has no
 * TargetEncoder, so the expected values are NOT sklearn output: they come from an
 * independent numpy implementation of scikit-learn 1.3's documented formula (see
 * fixtures/parity/gen_target_encoder.py). Required: 1e-6 on every output cell.
 */
import { describe, expect, it } from "vitest";
import { type CategoryValue, TargetEncoder, type TargetEncoderOptions } from "../../src/index.js";
import { type ColumnSpec, loadCategoricalCases, resolveColumn } from "./categorical-fixtures.js";
import { expectClose, maxRelativeDifference } from "./fixtures.js";

interface TargetCase {
  name: string;
  reference: string;
  options: TargetEncoderOptions;
  fit: ColumnSpec[];
  target: ColumnSpec[];
  transform: ColumnSpec[];
  categories: (CategoryValue | null)[];
  classes: number[];
  encodings: number[][];
  targetMean: number[];
  transformed: number[][];
  fitTransform: number[][];
}

const worst = { fit: 0, transform: 0, fitTransform: 0 };

describe("TargetEncoder against an independent implementation of scikit-learn 1.3's formula", () => {
  for (const c of loadCategoricalCases<TargetCase>("TargetEncoder")) {
    it(c.name, () => {
      expect(c.reference).toMatch(/independent numpy implementation/);
      const values = resolveColumn(c.fit);
      const target = resolveColumn(c.target) as (number | boolean)[];
      const x = resolveColumn(c.transform);
      const enc = new TargetEncoder(c.options).fit({ values, target });
      expect(enc.categories).toEqual(c.categories);
      const width = c.targetMean.length;
      expect(enc.width).toBe(width);
      expect(enc.outputNames()).toEqual(
        c.options.targetType === "multiclass" ? c.classes.map((k) => `${c.options.name}_${k}`) : [c.options.name],
      );
      // Fitted encodings are float64: far tighter than the float32 outputs.
      expectClose(enc.encodings, c.encodings, 1e-9, "encodings");
      expectClose(enc.targetMean, [c.targetMean], 1e-9, "targetMean");
      worst.fit = Math.max(worst.fit, maxRelativeDifference(enc.encodings, c.encodings).worst);

      const y = enc.transform(x);
      expectClose(y, c.transformed, 1e-6, "fit -> transform");
      worst.transform = Math.max(worst.transform, maxRelativeDifference(y, c.transformed).worst);

      const crossed = new TargetEncoder(c.options);
      const z = crossed.fitTransform({ values, target });
      expectClose(z, c.fitTransform, 1e-6, "fitTransform");
      worst.fitTransform = Math.max(worst.fitTransform, maxRelativeDifference(z, c.fitTransform).worst);
      // fitTransform leaves the state fit gives.
      expect(crossed.save()).toEqual(enc.save());
    });
  }

  it("reports the worst relative differences", () => {
    console.log(`TargetEncoder parity worst |a-e|/max(|e|,1): encodings ${worst.fit.toExponential(2)}, transform ${worst.transform.toExponential(2)}, fitTransform ${worst.fitTransform.toExponential(2)}`);
  });
});
