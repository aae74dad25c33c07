/** The BPE "model" entry of tokenizer.json (merges as [left, right] pairs, or legacy "left right" strings). */
import type { BpeModelConfig } from "../../config.js";
import { UnsupportedComponentError, badField } from "../../errors.js";
import { type Json, arr, bool, nullableStr } from "../../json-fields.js";
import { parseVocab, vocabObject } from "../vocab-json.js";

export function parseBpe(o: Json, path: string): { settings: BpeModelConfig; tokens: string[]; merges: Uint32Array } {
  const dropout = o.dropout ?? null;
  if (dropout !== null) {
    if (typeof dropout !== "number" || !(dropout >= 0 && dropout <= 1)) throw badField(`${path}.dropout`, dropout, "null or a number in [0, 1]");
    if (dropout > 0) throw new UnsupportedComponentError(`${path}.dropout`, ["dropout null or 0"], "BPE dropout is random at encode time, so no artefact could reproduce its output");
  }
  const settings: BpeModelConfig = {
    type: "BPE",
    dropout: dropout as number | null,
    unk_token: nullableStr(o.unk_token, `${path}.unk_token`),
    continuing_subword_prefix: nullableStr(o.continuing_subword_prefix, `${path}.continuing_subword_prefix`),
    end_of_word_suffix: nullableStr(o.end_of_word_suffix, `${path}.end_of_word_suffix`),
    fuse_unk: bool(o.fuse_unk, `${path}.fuse_unk`, false),
    byte_fallback: bool(o.byte_fallback, `${path}.byte_fallback`, false),
    ignore_merges: bool(o.ignore_merges, `${path}.ignore_merges`, false),
  };
  const tokens = parseVocab(o.vocab, `${path}.vocab`);
  const ids = new Map<string, number>();
  tokens.forEach((t, i) => ids.set(t, i));
  const list = arr(o.merges, `${path}.merges`);
  const merges = new Uint32Array(list.length * 2);
  list.forEach((m, r) => {
    let pair: unknown[];
    if (typeof m === "string") {
      pair = m.split(" ");
      if (pair.length !== 2) throw badField(`${path}.merges[${r}]`, m, 'a "left right" string with exactly one space');
    } else {
      pair = arr(m, `${path}.merges[${r}]`);
      if (pair.length !== 2) throw badField(`${path}.merges[${r}]`, m, "a [left, right] pair");
    }
    for (let k = 0; k < 2; k++) {
      const id = typeof pair[k] === "string" ? ids.get(pair[k] as string) : undefined;
      if (id === undefined) throw badField(`${path}.merges[${r}][${k}]`, pair[k], "a token of the vocabulary");
      merges[2 * r + k] = id;
    }
  });
  return { settings, tokens, merges };
}

export function bpeJson(s: BpeModelConfig, tokens: readonly string[], merges: Uint32Array): object {
  const pairs: [string, string][] = new Array(merges.length / 2);
  for (let r = 0; r < pairs.length; r++) pairs[r] = [tokens[merges[2 * r]], tokens[merges[2 * r + 1]]];
  return { ...s, vocab: vocabObject(tokens), merges: pairs };
}
