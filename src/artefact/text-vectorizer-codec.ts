/**
 * Codec of TextVectorizer state (proto message TextVectorizerState, Node field 52).
 * Decoding checks the enums, the vocabulary (non-empty, no repeats, no mask token) and
 * the idf length against the declared width; the transform's own loader re-checks the
 * option combination (src/transforms/text/text-vectorizer.ts).
 */
import { ArtefactError } from "../core/errors.js";
import { bytesToF64, f64ToBytes } from "./bytes.js";
import { skewless } from "./generated/skewless.js";
import type { TextVectorizerOutputMode, TextVectorizerState } from "./states.js";

import pb = skewless.v1;

const MODES: Record<TextVectorizerOutputMode, string> = { int: "int", multiHot: "multi_hot", count: "count", tfIdf: "tf_idf" };
const STANDARDIZE = ["lower_and_strip_punctuation", "lower", "strip_punctuation", "none"] as const;
const SPLIT = ["whitespace", "character", "none"] as const;

function pick<T extends string>(value: string | null | undefined, allowed: readonly T[], field: string): T {
  if (value != null && (allowed as readonly string[]).includes(value)) return value as T;
  throw new ArtefactError(`artefact field text_vectorizer.${field} is ${JSON.stringify(value)}; expected one of ${allowed.join(", ")}`);
}

export const TEXT_VECTORIZER_CODEC = {
  field: "textVectorizer" as const,
  encode: (s: TextVectorizerState): pb.TextVectorizerState.$Properties => ({
    standardize: s.standardize,
    split: s.split,
    ngrams: s.ngrams,
    outputMode: MODES[s.outputMode],
    outputSequenceLength: s.outputSequenceLength,
    maxTokens: s.maxTokens,
    padToMaxTokens: s.padToMaxTokens,
    vocabulary: s.vocabulary,
    idfF64: f64ToBytes(s.idf),
    fixedVocabulary: s.fixedVocabulary,
    missing: s.missing,
    documents: s.documents,
  }),
  decode: (m: pb.TextVectorizerState, d: number): TextVectorizerState => {
    if (d !== 1) throw new ArtefactError(`artefact text_vectorizer node has n_features_in ${d}; a text vectorizer reads one column`);
    const mode = (Object.keys(MODES) as TextVectorizerOutputMode[]).find((k) => MODES[k] === m.outputMode);
    if (mode === undefined) throw new ArtefactError(`artefact field text_vectorizer.output_mode is ${JSON.stringify(m.outputMode)}; expected one of ${Object.values(MODES).join(", ")}`);
    const vocabulary = (m.vocabulary ?? []).slice();
    if (vocabulary.length === 0) throw new ArtefactError("artefact field text_vectorizer.vocabulary is empty");
    if (new Set(vocabulary).size !== vocabulary.length) throw new ArtefactError("artefact field text_vectorizer.vocabulary repeats a token");
    if (vocabulary.includes("")) throw new ArtefactError("artefact field text_vectorizer.vocabulary holds the mask token \"\"");
    return {
      nFeaturesIn: d,
      standardize: pick(m.standardize, STANDARDIZE, "standardize"),
      split: pick(m.split, SPLIT, "split"),
      ngrams: (m.ngrams ?? []).slice(),
      outputMode: mode,
      outputSequenceLength: m.outputSequenceLength ?? 0,
      maxTokens: Number(m.maxTokens ?? 0),
      padToMaxTokens: m.padToMaxTokens === true,
      vocabulary,
      // Length checked against the width by the transform's loader.
      idf: bytesToF64(m.idfF64, "text_vectorizer.idf_f64"),
      fixedVocabulary: m.fixedVocabulary === true,
      missing: pick(m.missing, ["error", "empty"] as const, "missing"),
      documents: Number(m.documents ?? 0),
    };
  },
};
