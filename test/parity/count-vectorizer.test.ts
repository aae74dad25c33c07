import { describe, expect, it } from "vitest";
import { CountVectorizer, type CountVectorizerOptions, csrToDense } from "../../src/index.js";
import { compareCsr, expectVocabulary, loadTextCases, resolveDocs } from "./text-fixtures.js";

describe("CountVectorizer parity with scikit-learn 1.2.1 (exact)", () => {
  for (const c of loadTextCases<CountVectorizerOptions>("CountVectorizer")) {
    it(c.name, () => {
      const fitDocs = resolveDocs(c.fit);
      const docs = resolveDocs(c.transform);
      const v = new CountVectorizer(c.options).fit(fitDocs);
      expectVocabulary(v.vocabulary, c.vocabulary);
      const sparse = v.transformSparse(docs);
      const { worst, at } = compareCsr(sparse, c.expected);
      expect(worst, at).toBe(0);
      // Dense output holds the same values.
      const dense = v.transform(docs);
      expect(Buffer.from(dense.buffer).equals(Buffer.from(csrToDense(sparse).buffer))).toBe(true);
      // One-pass fitTransform gives the same matrix as fit then transform on the fit documents.
      const w = new CountVectorizer(c.options);
      const once = w.fitTransformSparse(fitDocs);
      const twice = v.transformSparse(fitDocs);
      expect(Array.from(once.indices)).toEqual(Array.from(twice.indices));
      expect(Array.from(once.data)).toEqual(Array.from(twice.data));
      expect(w.vocabulary).toEqual(v.vocabulary);
    });
  }
});
