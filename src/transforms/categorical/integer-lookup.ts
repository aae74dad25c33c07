/**
 * IntegerLookup with Keras semantics: integers -> vocabulary indices (or one-hot,
 * multi-hot, count, tf-idf). All the behaviour is the shared lookup (./lookup.ts, which
 * documents the index layout, ordering, OOV, mask and invert); this file says what an
 * integer token is.
 *
 * - Tokens are JS numbers that are safe integers (Keras uses int64; beyond 2^53 a JS
 *   number is not an exact integer). -0 is 0. Fractions, booleans, strings, ±Infinity
 *   are typed errors. Ties in a fitted vocabulary are broken numerically, descending.
 * - numOovIndices > 1: an unknown integer goes to OOV index `token mod numOovIndices`
 *   (floor mod, non-negative) — Keras' default `oov_method="floormod"`, so buckets match
 *   Keras exactly.
 * - Defaults as Keras 3: maskToken null, oovToken -1, numOovIndices 1. The OOV token -1
 *   is never learned as vocabulary, so -1 in the data maps to OOV (Keras too).
 */
import type { LookupState } from "../../artefact/states.js";
import { ArtefactError, InvalidInputError, describeValue } from "../../core/errors.js";
import { integerOovBucket } from "../../core/vocabulary/index.js";
import { Lookup, type LookupFlavour, type LookupOptions, restoreLookup } from "./lookup.js";

export type IntegerLookupOptions = LookupOptions<number>;

export const INTEGER_TOKENS: LookupFlavour<number> = {
  kind: "IntegerLookup",
  flavour: "integer",
  defaultOovToken: -1,
  tokenName: "integer",
  token(v, who, row) {
    if (typeof v === "number" && Number.isSafeInteger(v)) return v === 0 ? 0 : v;
    const why =
      typeof v === "number"
        ? Number.isInteger(v)
          ? "is beyond 2^53, where JS numbers are not exact integers"
          : "is not an integer"
        : `is a ${typeof v}`;
    throw new InvalidInputError(
      `${who}: row ${row} is ${describeValue(v)}, which ${why}; IntegerLookup takes safe integers — round or convert the values first, or use StringLookup for other tokens`,
      { column: who, row, value: describeValue(v) },
    );
  },
  storable() {},
  oovBucket: (t, numOov) => integerOovBucket(t, numOov),
  label: (t) => String(t),
  toList: (tokens) => ({ type: "number", values: Float64Array.from(tokens), includesMissing: false }),
  fromList(list) {
    if (list.type !== "number" || list.includesMissing) throw new ArtefactError("artefact IntegerLookup vocabulary must hold numbers (and no missing entry)");
    const out = Array.from(list.values);
    for (const v of out) if (!Number.isSafeInteger(v)) throw new ArtefactError(`artefact IntegerLookup vocabulary holds ${v}, which is not a safe integer`);
    return out.map((v) => (v === 0 ? 0 : v));
  },
};

export class IntegerLookup extends Lookup<"IntegerLookup", number> {
  readonly kind = "IntegerLookup" as const;

  constructor(options: IntegerLookupOptions = {}) {
    super(INTEGER_TOKENS, options);
  }

  static fromState(state: LookupState, name?: string): IntegerLookup {
    return restoreLookup(INTEGER_TOKENS, state, (o) => new IntegerLookup({ ...o, name }));
  }
}
