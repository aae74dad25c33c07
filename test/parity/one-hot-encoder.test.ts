import { describe, expect, it } from "vitest";
import { OneHotEncoder, type OneHotEncoderOptions, SkewlessError, type CategoryValue, csrToDense } from "../../src/index.js";
import { type ColumnSpec, loadCategoricalCases, resolveColumn } from "./categorical-fixtures.js";

interface OneHotCase {
  name: string;
  options: OneHotEncoderOptions;
  fit: ColumnSpec[];
  transform: ColumnSpec[];
  error?: "fit" | "transform";
  sklearnMessage?: string;
  width: number;
  hot: number[];
  names: string[];
  categories: (CategoryValue | null)[];
  infrequent: (CategoryValue | null)[];
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
    return "ok";
  } catch (e) {
    if (e instanceof SkewlessError) return e.code;
    throw e;
  }
}

describe("OneHotEncoder parity with scikit-learn 1.2.1 (exact)", () => {
  for (const c of loadCategoricalCases<OneHotCase>("OneHotEncoder")) {
    it(c.name, () => {
      const fitColumn = resolveColumn(c.fit);
      const x = resolveColumn(c.transform);
      if (c.error === "fit") {
        // sklearn raised ValueError in fit; skewless raises a typed error at fit (or at the first use that finalizes it).
        expect(codeOf(() => new OneHotEncoder(c.options).fit(fitColumn).width), c.sklearnMessage).toMatch(/^INVALID_(INPUT|OPTION)$/);
        return;
      }
      const enc = new OneHotEncoder(c.options).fit(fitColumn);
      if (c.error === "transform") {
        expect(codeOf(() => enc.transform(x)), c.sklearnMessage).toBe("INVALID_INPUT");
        return;
      }
      expect(enc.categories).toEqual(c.categories);
      expect(enc.infrequentCategories).toEqual(c.infrequent);
      expect(enc.width).toBe(c.width);
      expect(enc.outputNames()).toEqual(c.names);
      const expected = new Float32Array(x.length * c.width);
      c.hot.forEach((j, i) => {
        if (j >= 0) expected[i * c.width + j] = 1;
      });
      const dense = enc.transform(x);
      expect(Array.from(dense)).toEqual(Array.from(expected));
      expect(Array.from(csrToDense(enc.transformSparse(x)))).toEqual(Array.from(expected));
    });
  }
});
