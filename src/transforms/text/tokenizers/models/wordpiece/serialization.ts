/** The WordPiece "model" entry of tokenizer.json. */
import type { WordPieceModelConfig } from "../../config.js";
import { type Json, str, uint } from "../../json-fields.js";
import { parseVocab, vocabObject } from "../vocab-json.js";

export function parseWordPiece(o: Json, path: string): { settings: WordPieceModelConfig; tokens: string[] } {
  return {
    settings: {
      type: "WordPiece",
      unk_token: o.unk_token === undefined ? "[UNK]" : str(o.unk_token, `${path}.unk_token`),
      continuing_subword_prefix: o.continuing_subword_prefix === undefined ? "##" : str(o.continuing_subword_prefix, `${path}.continuing_subword_prefix`),
      max_input_chars_per_word: uint(o.max_input_chars_per_word, `${path}.max_input_chars_per_word`, 100),
    },
    tokens: parseVocab(o.vocab, `${path}.vocab`),
  };
}

export function wordPieceJson(s: WordPieceModelConfig, tokens: readonly string[]): object {
  return { ...s, vocab: vocabObject(tokens) };
}
