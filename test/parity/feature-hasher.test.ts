/**
 * FeatureHasher parity with scikit-learn 1.2.1: exact equality of the CSR matrix
 * (indptr, sorted indices, and data as float32 of scikit-learn's float64 sums), and of
 * the dense form for small nFeatures. Inputs are rebuilt from fixtures/data with the
 * rules of fixtures/parity/gen_feature_hasher.py.
 */
import { describe, expect, it } from "vitest";
import { FeatureHasher, type FeatureHasherInput, type FeatureHasherOptions, type FeaturePair } from "../../src/index.js";
import { isoColumn, penguinColumn } from "../conformance/categorical-arbitraries.js";
import { loadParityCases } from "./fixtures.js";

/** Python's str.split(): runs of str.isspace() characters. */
const PY_SPACE = /[\t\n\v\f\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/u;
const pySplit = (s: string): string[] => s.split(PY_SPACE).filter((t) => t !== "");

const PENGUIN_STRINGS = ["Species", "Island", "Stage", "Individual ID", "Clutch Completion", "Sex", "Comments"];
const PENGUIN_NUMERIC = ["Culmen Length (mm)", "Culmen Depth (mm)", "Flipper Length (mm)", "Body Mass (g)", "Delta 15 N (o/oo)", "Delta 13 C (o/oo)"];

function penguinPairs(): FeaturePair[][] {
  const strings = PENGUIN_STRINGS.map((c) => [c, penguinColumn(c)] as const);
  const numbers = PENGUIN_NUMERIC.map((c) => [c, penguinColumn(c)] as const);
  return strings[0][1].map((_, i) => {
    const row: FeaturePair[] = [];
    for (const [c, col] of strings) if (col[i] !== null) row.push([c, col[i] as string]);
    for (const [c, col] of numbers) if (col[i] !== null) row.push([c, Number(col[i])]);
    return row;
  });
}

const INPUTS: Record<string, () => FeatureHasherInput> = {
  penguin_comments: () => penguinColumn("Comments").map((c) => (c === null ? [] : pySplit(c))),
  iso_names: () => isoColumn("name").map(pySplit),
  iso_rows: () => {
    const [code, country, type, name] = [isoColumn("code"), isoColumn("country"), isoColumn("type"), isoColumn("name")];
    return code.map((c, i) => [c, country[i], type[i], name[i]]);
  },
  penguin_pairs: penguinPairs,
};

interface Csr {
  rows: number;
  cols: number;
  indptr: number[];
  indices: number[];
  data: number[];
}

describe("FeatureHasher parity with scikit-learn 1.2.1", () => {
  for (const c of loadParityCases<FeatureHasherOptions>("FeatureHasher")) {
    it(c.name, () => {
      const x = INPUTS[c.input as string]();
      expect(Array.from(x, (r) => r.length)).toEqual(c.itemsPerRow);
      const want = c.csr as Csr;
      const h = new FeatureHasher(c.options);
      const got = h.transformSparse(x);
      expect(got.rows).toBe(want.rows);
      expect(got.cols).toBe(want.cols);
      expect(Array.from(got.indptr)).toEqual(want.indptr);
      expect(Array.from(got.indices)).toEqual(want.indices);
      expect(Array.from(got.data)).toEqual(want.data.map(Math.fround));
      // Stateless: fit learns nothing, and fit + transform equals transform.
      expect(Array.from(h.fit(x).transformSparse(x).data)).toEqual(Array.from(got.data));
      if (want.cols <= 1000) {
        const dense = h.transform(x);
        const expected = new Float32Array(want.rows * want.cols);
        for (let i = 0; i < want.rows; i++) {
          for (let k = want.indptr[i]; k < want.indptr[i + 1]; k++) expected[i * want.cols + want.indices[k]] = want.data[k];
        }
        expect(Array.from(dense)).toEqual(Array.from(expected));
      }
    });
  }
});
