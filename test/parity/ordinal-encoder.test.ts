import { describe, expect, it } from "vitest";
import { type CategoryValue, OrdinalEncoder, type OrdinalEncoderOptions, SkewlessError } from "../../src/index.js";
import { type ColumnSpec, loadCategoricalCases, resolveColumn } from "./categorical-fixtures.js";

interface OrdinalCase {
  name: string;
  options: OrdinalEncoderOptions;
  fit: ColumnSpec[];
  transform: ColumnSpec[];
  error?: "fit" | "transform";
  sklearnMessage?: string;
  expected: number[];
  categories: (CategoryValue | null)[];
  names: string[];
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

describe("OrdinalEncoder parity with scikit-learn 1.2.1 (exact)", () => {
  for (const c of loadCategoricalCases<OrdinalCase>("OrdinalEncoder")) {
    it(c.name, () => {
      const fitColumn = resolveColumn(c.fit);
      const x = resolveColumn(c.transform);
      if (c.error === "fit") {
        expect(codeOf(() => new OrdinalEncoder(c.options).fit(fitColumn).width), c.sklearnMessage).toMatch(/^INVALID_(INPUT|OPTION)$/);
        return;
      }
      const enc = new OrdinalEncoder(c.options).fit(fitColumn);
      if (c.error === "transform") {
        expect(codeOf(() => enc.transform(x)), c.sklearnMessage).toBe("INVALID_INPUT");
        return;
      }
      // sklearn lists the missing category as nan; the fixture writes it as null, as skewless does.
      expect(enc.categories).toEqual(c.categories);
      expect(enc.outputNames()).toEqual(c.names);
      expect(enc.width).toBe(1);
      const y = enc.transform(x);
      expect(Array.from(y)).toEqual(c.expected);
    });
  }
});
