/**
 * TfidfVectorizer with scikit-learn 1.2 semantics: CountVectorizer's counts, then
 * TfidfTransformer's weighting, all in float64 and rounded once to float32:
 *
 *   tf      = count (1 with binary); 1 + ln(tf) with sublinearTf
 *   idf(t)  = ln((n + s) / (df(t) + s)) + 1, s = 1 with smoothIdf (default) else 0,
 *             n the fitted documents (useIdf; default true)
 *   value   = tf x idf, then each row divided by its l2 norm (default; the sum of
 *             squares in column order, as scikit-learn's csr row normalization) or l1
 *             norm; an all-zero row stays zero; norm "none" leaves rows as they are.
 *
 * Every CountVectorizer option applies (count-vectorizer.ts). The idf weights are part
 * of the fitted state (raw float64 in the artefact). With a given vocabulary and
 * smoothIdf: false, a term in no fitted document has an infinite idf: a typed error
 * at fit (scikit-learn returns inf/nan with a warning).
 */
import type { CountVectorizerState, TfidfVectorizerState } from "../../artefact/states.js";
import { InvalidInputError, InvalidOptionError, describeValue } from "../../core/errors.js";
import { type RowWeights, Vectorizer, infiniteIdf } from "./vectorizer.js";
import { type CountVectorizerOptions, vectorizerSettings } from "./vectorizer-options.js";

export interface TfidfVectorizerOptions extends CountVectorizerOptions {
  /** "l2" (default), "l1" or "none" (scikit-learn's None). */
  norm?: "l2" | "l1" | "none" | null;
  /** Default true. */
  useIdf?: boolean;
  /** Default true. */
  smoothIdf?: boolean;
  /** Default false. */
  sublinearTf?: boolean;
}

export class TfidfVectorizer extends Vectorizer<"TfidfVectorizer"> {
  readonly kind = "TfidfVectorizer" as const;
  private readonly weighting: { norm: "l2" | "l1" | "none"; useIdf: boolean; smoothIdf: boolean; sublinearTf: boolean };

  constructor(options: TfidfVectorizerOptions = {}) {
    const who = `TfidfVectorizer "${options.name ?? "text"}"`;
    super(options.name, vectorizerSettings(options, who));
    const norm = options.norm === null ? "none" : (options.norm ?? "l2");
    if (norm !== "l2" && norm !== "l1" && norm !== "none") throw new InvalidOptionError(`${who}: norm must be "l2", "l1" or "none", got ${describeValue(norm)}`);
    const flag = (v: unknown, name: string, dflt: boolean): boolean => {
      if (v === undefined) return dflt;
      if (typeof v !== "boolean") throw new InvalidOptionError(`${who}: ${name} must be true or false, got ${describeValue(v)}`);
      return v;
    };
    this.weighting = {
      norm,
      useIdf: flag(options.useIdf, "useIdf", true),
      smoothIdf: flag(options.smoothIdf, "smoothIdf", true),
      sublinearTf: flag(options.sublinearTf, "sublinearTf", false),
    };
  }

  static fromState(state: TfidfVectorizerState, name?: string): TfidfVectorizer {
    return new TfidfVectorizer({
      name,
      normalizers: state.analysis.normalizers,
      analyzer: state.analysis.analyzer,
      preTokenizer: state.analysis.preTokenizer,
      ngramRange: state.analysis.ngramRange,
      binary: state.binary,
      missing: state.missing,
      norm: state.norm,
      useIdf: state.useIdf,
      smoothIdf: state.smoothIdf,
      sublinearTf: state.sublinearTf,
    }).loadState(state);
  }

  /** Inverse document frequency per term, in column order (scikit-learn's idf_); empty without useIdf. */
  get idf(): Float64Array {
    return this.state().idf.slice();
  }

  protected buildState(base: CountVectorizerState, columnDf: Float64Array): TfidfVectorizerState {
    const w = this.weighting;
    let idf = new Float64Array(0);
    if (w.useIdf) {
      if (base.documents === 0) {
        throw new InvalidInputError(`${this.who}: fit saw no documents; idf weights need at least one document`, { column: this.name });
      }
      const s = w.smoothIdf ? 1 : 0;
      idf = new Float64Array(base.vocabulary.length);
      const bad = idfWeights(columnDf, base.documents + s, s, idf);
      if (bad >= 0) throw infiniteIdf(this.who, base.vocabulary[bad]);
    }
    return { ...base, norm: w.norm, useIdf: w.useIdf, smoothIdf: w.smoothIdf, sublinearTf: w.sublinearTf, idf };
  }

  protected rowWeights(s: TfidfVectorizerState): RowWeights {
    return { binary: s.binary, sublinearTf: s.sublinearTf, idf: s.useIdf ? s.idf : null, norm: s.norm };
  }
}

/** Document frequencies below this have their idf computed once per fit and reused (see idfWeights). */
const MEMO = 4096;

/**
 * idf[j] = ln(n / (df[j] + s)) + 1; returns the first column whose df + s is 0
 * (infinite idf), or -1. Most terms of a large vocabulary share a few small document
 * frequencies (most occur in one document), so the weight of each small df + s is
 * computed once and reused: the same expression on the same numbers, so the same bits,
 * for a fraction of the logarithms. A weight is at least 1 (d <= n), so 0 marks "not yet".
 */
function idfWeights(df: Float64Array, n: number, s: number, idf: Float64Array): number {
  const memo = new Float64Array(MEMO);
  for (let j = 0; j < idf.length; j++) {
    const d = df[j] + s;
    if (d === 0) return j;
    if (d < MEMO) {
      let w = memo[d];
      if (w === 0) w = memo[d] = Math.log(n / d) + 1;
      idf[j] = w;
    } else {
      idf[j] = Math.log(n / d) + 1;
    }
  }
  return -1;
}
