/**
 * CountVectorizer with scikit-learn 1.2 semantics: documents -> term counts over a
 * vocabulary learned from the corpus (or given).
 *
 *   new CountVectorizer({ ngramRange: [1, 2], minDf: 2, maxDf: 0.9 }).fit(docs).transform(docs)
 *
 * Options (camelCase scikit-learn names; see vectorizer-options.ts): lowercase,
 * stripAccents, analyzer ("word" | "char" | "charWb"), tokenPattern (Python `re`
 * syntax, same tokens as Python on multilingual text), ngramRange, minDf / maxDf,
 * maxFeatures, vocabulary, binary; plus `normalizers` / `preTokenizer` (stages as
 * data instead of scikit-learn's callables) and `missing`.
 *
 * - Vocabulary order: Unicode code points (Python's sorted()), not JS's UTF-16 order.
 * - Output: counts as float32 (exact below 2^24 occurrences of a term in one document);
 *   `transformSparse` gives CSR, `fitTransform` analyzes each document once.
 * - Fitting streams: partialFit/merge add exact term and document counts (plain Maps).
 * - Differences from scikit-learn: no stop_words, no callables (use stages), ngramRange
 *   starts at 1; maxFeatures ties broken by code point order (select-vocabulary.ts);
 *   null documents are a typed error unless missing: "empty"; lone surrogates are a
 *   typed error (base.ts). Characters assigned after Unicode 14 may tokenize differently
 *   from Python 3.11 (src/text/char-classes.ts).
 */
import type { CountVectorizerState } from "../../artefact/states.js";
import { type RowWeights, Vectorizer } from "./vectorizer.js";
import { type CountVectorizerOptions, vectorizerSettings } from "./vectorizer-options.js";

export type { CountVectorizerOptions, DfOption, AnalyzerKind } from "./vectorizer-options.js";

export class CountVectorizer extends Vectorizer<"CountVectorizer"> {
  readonly kind = "CountVectorizer" as const;

  constructor(options: CountVectorizerOptions = {}) {
    super(options.name, vectorizerSettings(options, `CountVectorizer "${options.name ?? "text"}"`));
  }

  static fromState(state: CountVectorizerState, name?: string): CountVectorizer {
    return new CountVectorizer({
      name,
      normalizers: state.analysis.normalizers,
      analyzer: state.analysis.analyzer,
      preTokenizer: state.analysis.preTokenizer,
      ngramRange: state.analysis.ngramRange,
      binary: state.binary,
      missing: state.missing,
    }).loadState(state);
  }

  protected buildState(base: CountVectorizerState, _columnDf: Float64Array): CountVectorizerState {
    return base;
  }

  protected rowWeights(s: CountVectorizerState): RowWeights {
    return { binary: s.binary, sublinearTf: false, idf: null, norm: "none" };
  }
}
