/**
 * The fit-and-transform fast paths of CountVectorizer / TfidfVectorizer against the
 * general ones, bit for bit:
 *  - fitTransformSparse builds its rows by transposition and weighs them column by
 *    column (term-counts.ts fittedCsr); fit().transformSparse() counts each document
 *    again and weighs it row by row (term-counts.ts weighRow);
 *  - fitTransform (dense) goes through fittedRows and the row-wise weights;
 *  - in Node documents of 32 or more code units are scanned, interned and counted in
 *    WebAssembly (scan-kernel.ts), shorter ones scanned in JS from the string; compared
 *    here with the JS loops (the "js" kernel backend, as in browsers).
 * Corpora are random: more than 256 documents (the passes work in chunks of rows) from a
 * small alphabet (terms repeat within and across documents, so pruning by minDf, maxDf
 * and maxFeatures drops entries), with every weighting option.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CountVectorizer, TfidfVectorizer } from "../../src/index.js";
import type { CsrMatrix } from "../../src/core/sparse.js";
import { setKernelBackend } from "../../src/core/wasm/runtime.js";

const WORDS = ["ab", "ba", "abc", "zz", "éé", "ΣΑΣ", "中文", "x1", "naïve", "a", "the", "ÄÖ", "\u{1d400}\u{1d401}", "long".repeat(9)];
const doc = fc.array(fc.constantFrom(...WORDS, " ", ", ", ".\n"), { maxLength: 30 }).map((parts) => parts.join(" "));
const corpus = fc.array(doc, { minLength: 1, maxLength: 700, size: "max" });

const tfidfOptions = fc.record({
  binary: fc.boolean(),
  sublinearTf: fc.boolean(),
  useIdf: fc.boolean(),
  smoothIdf: fc.constant(true),
  norm: fc.constantFrom("l2" as const, "l1" as const, "none" as const),
  minDf: fc.constantFrom(1, 2, 0.01),
  maxDf: fc.constantFrom(1.0, 0.5, 40),
  maxFeatures: fc.constantFrom(0, 3, 7),
});

function bits(x: CsrMatrix): { indptr: number[]; indices: number[]; data: number[] } {
  return { indptr: Array.from(x.indptr), indices: Array.from(x.indices), data: Array.from(new Uint32Array(x.data.buffer, x.data.byteOffset, x.data.length)) };
}

function underBackend<T>(backend: "js" | "auto", run: () => T): T {
  setKernelBackend(backend);
  try {
    return run();
  } finally {
    setKernelBackend("auto");
  }
}

/**
 * What a fitTransformSparse learns and gives, and what transformSparse then gives for
 * the same documents and for others (unknown terms among them), as comparable data
 * (float bits). Batches with more text than the table has units look up in
 * WebAssembly (scan-kernel.ts lookup) in Node.
 */
function fitted(options: ConstructorParameters<typeof TfidfVectorizer>[0], docs: string[]): { vocabulary: readonly string[]; idf: number[]; rows: ReturnType<typeof bits>; again: ReturnType<typeof bits>; others: ReturnType<typeof bits> } {
  const v = new TfidfVectorizer(options);
  const rows = bits(v.fitTransformSparse(docs));
  const others = docs.map((d, i) => `${d} unknown${i % 7} ${docs[(i * 7) % docs.length]}`);
  return { vocabulary: v.vocabulary, idf: Array.from(v.idf), rows, again: bits(v.transformSparse(docs)), others: bits(v.transformSparse(others)) };
}

/** The first fit's error, if the options leave no vocabulary (then every path must throw it). */
function fitError(make: () => { fit(d: string[]): unknown }, docs: string[]): string | null {
  try {
    make().fit(docs);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

describe("vectorizer fit paths", () => {
  it("TfidfVectorizer: fitTransformSparse, fitTransform and fit + transformSparse agree bit for bit", () => {
    fc.assert(
      fc.property(corpus, tfidfOptions, (docs, o) => {
        const options = { ...o, maxFeatures: o.maxFeatures === 0 ? undefined : o.maxFeatures };
        const error = fitError(() => new TfidfVectorizer(options), docs);
        if (error !== null) {
          expect(() => new TfidfVectorizer(options).fitTransformSparse(docs)).toThrow(error);
          return;
        }
        const fitted = new TfidfVectorizer(options).fit(docs);
        const once = new TfidfVectorizer(options);
        const sparse = once.fitTransformSparse(docs);
        expect(once.vocabulary).toEqual(fitted.vocabulary);
        expect(bits(sparse)).toEqual(bits(fitted.transformSparse(docs)));
        const dense = new TfidfVectorizer(options).fitTransform(docs);
        expect(Buffer.from(dense.buffer).equals(Buffer.from(fitted.transform(docs).buffer))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });

  it("CountVectorizer: fitTransformSparse and fit + transformSparse agree bit for bit", () => {
    fc.assert(
      fc.property(corpus, fc.boolean(), fc.constantFrom(1, 2), fc.constantFrom(0, 5), (docs, binary, minDf, maxFeatures) => {
        const options = { binary, minDf, maxFeatures: maxFeatures === 0 ? undefined : maxFeatures };
        const error = fitError(() => new CountVectorizer(options), docs);
        if (error !== null) return;
        const fitted = new CountVectorizer(options).fit(docs);
        expect(bits(new CountVectorizer(options).fitTransformSparse(docs))).toEqual(bits(fitted.transformSparse(docs)));
      }),
      { numRuns: 40 },
    );
  });

  it("the WebAssembly fit and transform (scan-kernel.ts: scan, find-or-add, lookup) give the JS loops' vocabulary, idf and rows, fit after fit", () => {
    fc.assert(
      fc.property(fc.array(corpus, { minLength: 1, maxLength: 3 }), tfidfOptions, (corpora, o) => {
        const options = { ...o, maxFeatures: o.maxFeatures === 0 ? undefined : o.maxFeatures };
        if (corpora.some((docs) => fitError(() => new TfidfVectorizer(options), docs) !== null)) return;
        const wasm = underBackend("auto", () => corpora.map((docs) => fitted(options, docs)));
        expect(underBackend("js", () => corpora.map((docs) => fitted(options, docs)))).toEqual(wasm);
      }),
      { numRuns: 40 },
    );
  });

  it("the WebAssembly fit grows its table, pool and token buffers as the JS one does", () => {
    // Tens of thousands of distinct terms (far more than the sizes estimated from the
    // text: one per 24 code units, 0.3 pool units per unit), a growing document length,
    // then one document longer than all before.
    let seed = 7;
    const word = (): string => {
      let w = "";
      do {
        seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
        w += String.fromCharCode(0x61 + (seed >>> 8) % 26, 0x3b1 + (seed >>> 16) % 24);
      } while (((seed >>> 24) & 3) !== 0);
      return w;
    };
    const docs = Array.from({ length: 3000 }, (_, i) => Array.from({ length: 1 + (i % 40) }, word).join(" "));
    docs.push(Array.from({ length: 60000 }, word).join(" "));
    const wasm = underBackend("auto", () => fitted({}, docs));
    expect(wasm.vocabulary.length).toBeGreaterThan(50000);
    expect(underBackend("js", () => fitted({}, docs))).toEqual(wasm);
    // Many more row entries than estimated (one per 8 code units): documents of hundreds
    // of distinct two-letter terms, one entry per 3 units.
    const pairs = Array.from({ length: 2000 }, () => Array.from({ length: 300 }, () => word().slice(0, 2)).join(" "));
    const dense = underBackend("auto", () => fitted({}, pairs));
    expect(dense.rows.indices.length).toBeGreaterThan(pairs.join(" ").length / 8);
    expect(underBackend("js", () => fitted({}, pairs))).toEqual(dense);
  });

  it("lone surrogates: the WebAssembly fit (checking as it scans) throws what the JS fit (checking first) throws, then fits as before", () => {
    const long = "a long enough document to be copied into the kernel, ";
    const cases: unknown[][] = [
      ["ok", "x\udc00y"], // short: scanned in JS
      ["ok", long + "x\udc00y"], // lone low surrogate in a long document
      ["ok", long + "x\ud800"], // lone high surrogate at the end
      ["ok", long + "\u{1f600}\u{1d400}b " + long, "\udfff" + long], // pairs are fine; a lone one in the next row
      [long + "\ud800 ", "ok", 42], // the surrogate comes first, before a bad value
      [long, 42, long + "\ud800 "], // the bad value comes first
      [long, null, "\udc00" + long], // a missing value first
    ];
    const attempts: [string, (docs: unknown[]) => unknown][] = [
      ["TfidfVectorizer.fit", (d) => new TfidfVectorizer().fit(d as string[])],
      ["TfidfVectorizer.fitTransformSparse", (d) => new TfidfVectorizer().fitTransformSparse(d as string[])],
      ["TfidfVectorizer.fitTransform", (d) => new TfidfVectorizer().fitTransform(d as string[])],
      ["CountVectorizer.fitTransformSparse", (d) => new CountVectorizer().fitTransformSparse(d as string[])],
    ];
    for (const docs of cases) {
      for (const [what, attempt] of attempts) {
        const js = underBackend("js", () => fitError(() => ({ fit: () => attempt(docs) }), []));
        expect(js, what).not.toBeNull();
        expect(underBackend("auto", () => fitError(() => ({ fit: () => attempt(docs) }), [])), `${what} ${JSON.stringify(docs)}`).toBe(js);
      }
    }
    // The kernel given back after an error serves the next fit.
    const docs = [long + "alpha beta", "beta gamma " + long];
    expect(underBackend("auto", () => fitted({}, docs))).toEqual(underBackend("js", () => fitted({}, docs)));
  });

  it("a given vocabulary: fitTransformSparse agrees with fit + transformSparse", () => {
    fc.assert(
      fc.property(corpus, fc.uniqueArray(fc.constantFrom(...WORDS.map((w) => w.toLowerCase()), "absent"), { minLength: 1 }), (docs, vocabulary) => {
        const fitted = new TfidfVectorizer({ vocabulary }).fit(docs);
        expect(bits(new TfidfVectorizer({ vocabulary }).fitTransformSparse(docs))).toEqual(bits(fitted.transformSparse(docs)));
      }),
      { numRuns: 30 },
    );
  });
});
