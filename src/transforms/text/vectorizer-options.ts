/**
 * Options shared by CountVectorizer and TfidfVectorizer (scikit-learn 1.2 names in
 * camelCase), validated into the analyzer spec and fit settings stored in the artefact.
 *
 * minDf / maxDf: scikit-learn tells a count from a fraction by the Python type (int 1
 * is one document, float 1.0 is all of them); JS has one number type, so:
 *   - a number in [0, 1) is a fraction of the documents;
 *   - an integer > 1 is a document count;
 *   - 1 means what scikit-learn's default means: minDf 1 = "at least one document"
 *     (int 1), maxDf 1 = "at most all documents" (float 1.0) — both keep every term;
 *   - { count: n } (integer >= 1) or { fraction: f } (0 <= f <= 1) say it explicitly,
 *     e.g. maxDf: { count: 1 } for "terms in exactly one document".
 * A number > 1 that is not an integer is refused, as scikit-learn refuses a float > 1.
 */
import type { DfBound, TextAnalyzerSpec, TextNormalizerSpec, TextPreTokenizerSpec } from "../../artefact/states.js";
import { InvalidOptionError, describeValue } from "../../core/errors.js";
import { validateNormalizer } from "../../text/normalizer.js";
import { validatePreTokenizer } from "../../text/pre-tokenizer.js";
import { TABLES_SOURCE } from "../../text/unicode-tables.js";
import { WORD_BREAK_SOURCE } from "../../text/word-break-table.js";
import type { TransformOptions } from "../base.js";
import type { TextMissingPolicy } from "./base.js";

export type DfOption = number | { count: number } | { fraction: number };
export type AnalyzerKind = "word" | "char" | "charWb";

export interface CountVectorizerOptions extends TransformOptions {
  /** Lowercase before tokenizing (Python str.lower semantics). Default true. */
  lowercase?: boolean;
  /** "unicode" | "ascii" (scikit-learn's strip_accents), applied after lowercasing. Default none. */
  stripAccents?: "unicode" | "ascii" | null;
  /** Normalizer stages run instead of lowercase/stripAccents (scikit-learn's `preprocessor`, as data). */
  normalizers?: TextNormalizerSpec[];
  /** "word" (default), "char", or "charWb" (also accepted as "char_wb"). */
  analyzer?: AnalyzerKind | "char_wb";
  /** Python `re` pattern of a token for the word analyzer. Default "(?u)\\b\\w\\w+\\b". */
  tokenPattern?: string;
  /** A pre-tokenizer stage instead of tokenPattern (scikit-learn's `tokenizer`, as data). */
  preTokenizer?: TextPreTokenizerSpec;
  /** [min n, max n] of the n-grams (words or characters). Default [1, 1]. */
  ngramRange?: [number, number];
  /** Drop terms in fewer documents (see the module doc for count vs fraction). Default 1. */
  minDf?: DfOption;
  /** Drop terms in more documents. Default 1 (= all documents: no limit). */
  maxDf?: DfOption;
  /** Keep only this many terms, the most frequent over the corpus. Default: no limit. */
  maxFeatures?: number | null;
  /** Use these terms (output column order) instead of learning them; an array, or a Map term -> column. */
  vocabulary?: readonly string[] | ReadonlyMap<string, number> | null;
  /** Output 1 for every present term instead of its count. Default false. */
  binary?: boolean;
  /** null/undefined documents: "error" (default) or "empty" (an empty document). */
  missing?: TextMissingPolicy;
}

export const DEFAULT_TOKEN_PATTERN = "(?u)\\b\\w\\w+\\b";

export interface VectorizerSettings {
  analysis: TextAnalyzerSpec;
  minDf: DfBound;
  maxDf: DfBound;
  maxFeatures: number;
  vocabulary: string[] | null;
  binary: boolean;
  missing: TextMissingPolicy;
}

function dfBound(v: DfOption | undefined, name: "minDf" | "maxDf", who: string): DfBound {
  const fail = (): InvalidOptionError =>
    new InvalidOptionError(
      `${who}: ${name} must be a fraction in [0, 1), an integer document count, 1, { count: n } (integer n >= 1) or { fraction: f } (0 <= f <= 1); got ${describeValue(v)}`,
    );
  if (v === undefined) return name === "minDf" ? { value: 1, fraction: false } : { value: 1, fraction: true };
  if (typeof v === "number") {
    if (!(v >= 0) || !Number.isFinite(v)) throw fail();
    if (v < 1) return { value: v, fraction: true };
    if (v === 1) return name === "minDf" ? { value: 1, fraction: false } : { value: 1, fraction: true };
    if (!Number.isSafeInteger(v)) throw fail();
    return { value: v, fraction: false };
  }
  if (v !== null && typeof v === "object") {
    const o = v as { count?: unknown; fraction?: unknown };
    if ("count" in o && !("fraction" in o) && typeof o.count === "number" && Number.isSafeInteger(o.count) && o.count >= 1) return { value: o.count, fraction: false };
    if ("fraction" in o && !("count" in o) && typeof o.fraction === "number" && o.fraction >= 0 && o.fraction <= 1) return { value: o.fraction, fraction: true };
  }
  throw fail();
}

function givenVocabulary(v: CountVectorizerOptions["vocabulary"], who: string): string[] | null {
  if (v == null) return null;
  let terms: string[];
  if (v instanceof Map) {
    const n = v.size;
    terms = new Array<string>(n);
    const seen = new Set<number>();
    for (const [term, index] of v as ReadonlyMap<unknown, unknown>) {
      if (typeof index !== "number" || !Number.isInteger(index) || index < 0 || index >= n) {
        throw new InvalidOptionError(`${who}: vocabulary maps ${describeValue(term)} to ${describeValue(index)}; a vocabulary of ${n} terms must use the columns 0..${n - 1}`);
      }
      if (seen.has(index)) throw new InvalidOptionError(`${who}: vocabulary contains repeated index ${index}; every term needs its own column`);
      seen.add(index);
      terms[index] = term as string;
    }
  } else if (Array.isArray(v)) {
    terms = (v as unknown[]).slice() as string[];
  } else {
    throw new InvalidOptionError(`${who}: vocabulary must be an array of terms or a Map term -> column, got ${describeValue(v)}`);
  }
  if (terms.length === 0) throw new InvalidOptionError(`${who}: the given vocabulary is empty; give at least one term or leave vocabulary unset`);
  const unique = new Set<string>();
  for (const t of terms) {
    if (typeof t !== "string") throw new InvalidOptionError(`${who}: vocabulary term ${describeValue(t)} is not a string`);
    if (!t.isWellFormed()) throw new InvalidOptionError(`${who}: vocabulary term ${describeValue(t)} contains a lone UTF-16 surrogate, which cannot be stored; repair it (toWellFormed())`);
    if (unique.has(t)) throw new InvalidOptionError(`${who}: duplicate term ${describeValue(t)} in vocabulary (scikit-learn refuses it too)`);
    unique.add(t);
  }
  return terms;
}

export function vectorizerSettings(o: CountVectorizerOptions, who: string): VectorizerSettings {
  const bool = (v: unknown, name: string, dflt: boolean): boolean => {
    if (v === undefined) return dflt;
    if (typeof v !== "boolean") throw new InvalidOptionError(`${who}: ${name} must be true or false, got ${describeValue(v)}`);
    return v;
  };
  const lowercase = bool(o.lowercase, "lowercase", true);
  const strip = o.stripAccents ?? null;
  if (strip !== null && strip !== "unicode" && strip !== "ascii") {
    throw new InvalidOptionError(`${who}: stripAccents must be "unicode", "ascii" or null, got ${describeValue(strip)}`);
  }
  let normalizers: TextNormalizerSpec[];
  if (o.normalizers !== undefined) {
    if (!Array.isArray(o.normalizers)) throw new InvalidOptionError(`${who}: normalizers must be an array of normalizer stages, got ${describeValue(o.normalizers)}`);
    if (o.lowercase !== undefined || o.stripAccents != null) {
      throw new InvalidOptionError(`${who}: give either normalizers or lowercase/stripAccents, not both (normalizers replaces them)`);
    }
    normalizers = o.normalizers.map((s) => validateNormalizer(s, who));
  } else {
    // scikit-learn's preprocessor: lowercase first, then strip accents.
    normalizers = [];
    if (lowercase) normalizers.push({ type: "lowercase" });
    if (strip !== null) normalizers.push({ type: "stripAccents", mode: strip });
  }
  const rawAnalyzer = o.analyzer ?? "word";
  const analyzer: AnalyzerKind | null = rawAnalyzer === "char_wb" ? "charWb" : rawAnalyzer === "word" || rawAnalyzer === "char" || rawAnalyzer === "charWb" ? rawAnalyzer : null;
  if (analyzer === null) throw new InvalidOptionError(`${who}: analyzer must be "word", "char" or "charWb", got ${describeValue(rawAnalyzer)}`);
  let preTokenizer: TextPreTokenizerSpec;
  if (o.preTokenizer !== undefined) {
    if (o.tokenPattern !== undefined) throw new InvalidOptionError(`${who}: give either preTokenizer or tokenPattern, not both`);
    preTokenizer = validatePreTokenizer(o.preTokenizer, who);
  } else {
    const pattern = o.tokenPattern ?? DEFAULT_TOKEN_PATTERN;
    if (typeof pattern !== "string") throw new InvalidOptionError(`${who}: tokenPattern must be a string (a Python regular expression), got ${describeValue(pattern)}`);
    preTokenizer = validatePreTokenizer({ type: "tokenPattern", pattern }, who);
  }
  const range = o.ngramRange ?? [1, 1];
  if (!Array.isArray(range) || range.length !== 2 || !range.every((x) => Number.isSafeInteger(x) && x >= 1) || range[0] > range[1]) {
    throw new InvalidOptionError(`${who}: ngramRange must be [min, max] with integers 1 <= min <= max, got ${describeValue(range)}${Array.isArray(range) ? ` ${JSON.stringify(range)}` : ""}`);
  }
  const minDf = dfBound(o.minDf, "minDf", who);
  const maxDf = dfBound(o.maxDf, "maxDf", who);
  const maxFeatures = o.maxFeatures ?? 0;
  if (!(Number.isSafeInteger(maxFeatures) && maxFeatures >= 0) || (o.maxFeatures != null && maxFeatures < 1)) {
    throw new InvalidOptionError(`${who}: maxFeatures must be a positive integer or null, got ${describeValue(o.maxFeatures)}`);
  }
  const missing = o.missing ?? "error";
  if (missing !== "error" && missing !== "empty") throw new InvalidOptionError(`${who}: missing must be "error" or "empty", got ${describeValue(missing)}`);
  return {
    analysis: { normalizers, analyzer, preTokenizer, ngramRange: [range[0], range[1]], unicodeTables: preTokenizer.type === "wordBoundaries" ? `${TABLES_SOURCE}; word boundaries: ${WORD_BREAK_SOURCE}` : TABLES_SOURCE },
    minDf,
    maxDf,
    maxFeatures,
    vocabulary: givenVocabulary(o.vocabulary, who),
    binary: bool(o.binary, "binary", false),
    missing,
  };
}
