import { describe, expect, it } from "vitest";
import { TfidfVectorizer, type TfidfVectorizerOptions, csrToDense } from "../../src/index.js";
import { compareCsr, expectVocabulary, loadTextCases, resolveDocs } from "./text-fixtures.js";

const TOLERANCE = 1e-6;

describe("TfidfVectorizer parity with scikit-learn 1.2.1 (within 1e-6)", () => {
  const worstByCase: string[] = [];
  for (const c of loadTextCases<TfidfVectorizerOptions>("TfidfVectorizer")) {
    it(c.name, () => {
      const fitDocs = resolveDocs(c.fit);
      const docs = resolveDocs(c.transform);
      const v = new TfidfVectorizer(c.options).fit(fitDocs);
      expectVocabulary(v.vocabulary, c.vocabulary);
      const idf = v.idf;
      expect(idf.length).toBe(c.idf!.length);
      let idfWorst = 0;
      c.idf!.forEach((x, j) => (idfWorst = Math.max(idfWorst, Math.abs(idf[j] - x) / x)));
      expect(idfWorst).toBeLessThan(1e-9);
      const sparse = v.transformSparse(docs);
      const { worst, at } = compareCsr(sparse, c.expected);
      expect(worst, at).toBeLessThanOrEqual(TOLERANCE);
      worstByCase.push(`${worst.toExponential(2)}  ${c.name}`);
      const dense = v.transform(docs);
      expect(Buffer.from(dense.buffer).equals(Buffer.from(csrToDense(sparse).buffer))).toBe(true);
      const once = new TfidfVectorizer(c.options).fitTransformSparse(fitDocs);
      const twice = v.transformSparse(fitDocs);
      expect(Buffer.from(once.data.buffer).equals(Buffer.from(twice.data.buffer))).toBe(true);
      expect(Array.from(once.indices)).toEqual(Array.from(twice.indices));
    });
  }
  it("reports the worst relative difference per case", () => {
    if (process.env.PARITY_REPORT) console.log(worstByCase.join("\n"));
  });
});
