/**
 * StringLookup with Keras semantics: strings -> vocabulary indices (or one-hot,
 * multi-hot, count, tf-idf). All the behaviour is the shared lookup
 * (./lookup.ts, which documents the index layout, ordering, OOV, mask and invert); this
 * file says what a string token is.
 *
 * - Tokens are strings, compared exactly (UTF-16 code units: NFC and NFD spellings
 *   differ; "__proto__" is an ordinary token). Ties in a fitted vocabulary are broken by
 *   code-point order, descending (Keras sorts the UTF-8 bytes, the same order).
 * - A value that is not a string is a typed error (convert with String(value) first).
 * - Strings with a lone UTF-16 surrogate cannot be stored (no UTF-8 form): a typed error
 *   in fit; at transform they are unknown (OOV), and a typed error when several OOV
 *   indices need their hash.
 * - numOovIndices > 1: unknown strings go to OOV index
 *   `murmurhash3_x86_32(utf8(token), seed 0) as uint32 mod numOovIndices`. Keras uses
 *   FarmHash64 here, so that bucket can differ from Keras'; everything else matches.
 * - Defaults as Keras 3: maskToken null, oovToken "[UNK]", numOovIndices 1.
 */
import type { LookupState } from "../../artefact/states.js";
import { requireWellFormed } from "../../core/categories.js";
import { ArtefactError, InvalidInputError, describeValue } from "../../core/errors.js";
import { stringOovBucket } from "../../core/vocabulary/index.js";
import { Lookup, type LookupFlavour, type LookupOptions, restoreLookup } from "./lookup.js";

export type StringLookupOptions = LookupOptions<string>;

export const STRING_TOKENS: LookupFlavour<string> = {
  kind: "StringLookup",
  flavour: "string",
  defaultOovToken: "[UNK]",
  tokenName: "string",
  token(v, who, row) {
    if (typeof v === "string") return v;
    throw new InvalidInputError(
      `${who}: row ${row} is ${describeValue(v)} (${typeof v}); StringLookup takes strings — convert the values (e.g. String(value)) first, or use IntegerLookup for integers`,
      { column: who, row, value: describeValue(v) },
    );
  },
  storable(t, who, row) {
    requireWellFormed(t, who, row);
  },
  oovBucket: stringOovBucket,
  label: (t) => t,
  toList: (tokens) => ({ type: "string", values: tokens.slice(), includesMissing: false }),
  fromList(list) {
    if (list.type !== "string" || list.includesMissing) throw new ArtefactError("artefact StringLookup vocabulary must hold strings (and no missing entry)");
    return list.values;
  },
};

export class StringLookup extends Lookup<"StringLookup", string> {
  readonly kind = "StringLookup" as const;

  constructor(options: StringLookupOptions = {}) {
    super(STRING_TOKENS, options);
  }

  static fromState(state: LookupState, name?: string): StringLookup {
    return restoreLookup(STRING_TOKENS, state, (o) => new StringLookup({ ...o, name }));
  }
}
