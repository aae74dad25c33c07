/**
 * scikit-learn's build_analyzer as stages: normalizers in order (its preprocessor:
 * lowercase, then strip accents), then either the word path (a pre-tokenizer, then
 * word n-grams) or character n-grams ("char", "charWb"). Tokens are emitted as spans
 * (string, start, end) so callers can look them up without slicing.
 */
import type { TextAnalyzerSpec } from "../artefact/states.js";
import { compileNormalizers } from "./normalizer.js";
import { charNgrams, charWbNgrams, wordNgrams } from "./ngrams.js";
import { compilePreTokenizer } from "./pre-tokenizer.js";
import type { SpanSink } from "./token-pattern.js";

export type Analyze = (doc: string, emit: SpanSink) => void;

export function compileAnalyzer(spec: TextAnalyzerSpec, who: string): Analyze {
  const normalize = compileNormalizers(spec.normalizers, who);
  const [minN, maxN] = spec.ngramRange;
  if (spec.analyzer === "char") return (doc, emit) => charNgrams(normalize(doc), minN, maxN, emit);
  if (spec.analyzer === "charWb") return (doc, emit) => charWbNgrams(normalize(doc), minN, maxN, emit);
  const split = compilePreTokenizer(spec.preTokenizer, who);
  if (maxN === 1) return (doc, emit) => split(normalize(doc), emit);
  const tokens: string[] = [];
  const collect: SpanSink = (s, start, end) => {
    tokens.push(start === 0 && end === s.length ? s : s.slice(start, end));
  };
  return (doc, emit) => {
    tokens.length = 0;
    split(normalize(doc), collect);
    if (minN === 1) for (const t of tokens) emit(t, 0, t.length);
    wordNgrams(tokens, minN, maxN, emit);
    tokens.length = 0;
  };
}

/** The tokens of one document as strings (for inspection and tests; sklearn's build_analyzer()(doc)). */
export function analyzeToList(analyze: Analyze, doc: string): string[] {
  const out: string[] = [];
  analyze(doc, (s, start, end) => out.push(s.slice(start, end)));
  return out;
}
