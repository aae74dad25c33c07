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

/** Index of the first cell that differs (bit for bit), or -1; cheaper than toEqual on 500k cells. */
function firstDifference(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
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
      expect(firstDifference(enc.transform(x), expected), "dense output").toBe(-1);
      expect(firstDifference(csrToDense(enc.transformSparse(x)), expected), "sparse output").toBe(-1);
    });
  }
});
