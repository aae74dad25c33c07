/**
 * Normalizer stages: small string -> string steps applied in order before
 * tokenizing, each a plain serializable spec (TextNormalizerSpec) so a fitted
 * pipeline saves and reloads exactly.
 *
 *  - lowercase: String.prototype.toLowerCase — full case mapping with the final-sigma
 *    rule, which on every character assigned in Unicode 14 gives the same string as
 *    Python's str.lower() (checked by enumerating all code points and sigma contexts;
 *    "İ" becomes "i̇" in both). Characters assigned after Unicode 14 follow the engine.
 *  - unicodeNormalize: String.prototype.normalize(NFC | NFD | NFKC | NFKD).
 *  - stripAccents: see strip-accents.ts (scikit-learn's "unicode" / "ascii").
 *  - stripPunctuation: see strip-punctuation.ts (Keras's ASCII set, or Unicode).
 *  - replace: every match of a Python `re` pattern replaced by literal text (no group
 *    references). After an empty match the search resumes one code point later (JS);
 *    Python 3.7+ may also take a non-empty match starting there.
 */
import type { TextNormalizerSpec } from "../artefact/states.js";
import { InvalidOptionError, describeValue } from "../core/errors.js";
import { translatePythonPattern } from "./python-regex.js";
import { stripAccentsAscii, stripAccentsUnicode } from "./strip-accents.js";
import { stripPunctuation } from "./strip-punctuation.js";

export type Normalize = (s: string) => string;

const FORMS = ["NFC", "NFD", "NFKC", "NFKD"] as const;

/** Checks a user-given spec and returns a clean copy (no extra keys). */
export function validateNormalizer(spec: unknown, who: string): TextNormalizerSpec {
  const s = spec as Record<string, unknown> | null;
  const bad = (what: string): InvalidOptionError =>
    new InvalidOptionError(
      `${who}: normalizer ${describeValue(spec)} ${what}; use { type: "lowercase" }, { type: "unicodeNormalize", form: "NFC" | "NFD" | "NFKC" | "NFKD" }, { type: "stripAccents", mode: "unicode" | "ascii" }, { type: "stripPunctuation", scope: "ascii" | "unicode" } or { type: "replace", pattern, replacement }`,
    );
  if (s === null || typeof s !== "object") throw bad("is not an object");
  switch (s.type) {
    case "lowercase":
      return { type: "lowercase" };
    case "unicodeNormalize":
      if (!(FORMS as readonly unknown[]).includes(s.form)) throw bad(`has form ${describeValue(s.form)}`);
      return { type: "unicodeNormalize", form: s.form as (typeof FORMS)[number] };
    case "stripAccents":
      if (s.mode !== "unicode" && s.mode !== "ascii") throw bad(`has mode ${describeValue(s.mode)}`);
      return { type: "stripAccents", mode: s.mode };
    case "stripPunctuation":
      if (s.scope !== "ascii" && s.scope !== "unicode") throw bad(`has scope ${describeValue(s.scope)}`);
      return { type: "stripPunctuation", scope: s.scope };
    case "replace":
      if (typeof s.pattern !== "string" || typeof s.replacement !== "string") throw bad("needs a string pattern and a string replacement");
      translatePythonPattern(s.pattern, who);
      return { type: "replace", pattern: s.pattern, replacement: s.replacement };
    default:
      throw bad(`has unknown type ${describeValue(s.type)}`);
  }
}

export function compileNormalizer(spec: TextNormalizerSpec, who: string): Normalize {
  switch (spec.type) {
    case "lowercase":
      return (s) => s.toLowerCase();
    case "unicodeNormalize": {
      const form = spec.form;
      return (s) => s.normalize(form);
    }
    case "stripAccents":
      return spec.mode === "unicode" ? stripAccentsUnicode : stripAccentsAscii;
    case "stripPunctuation": {
      const scope = spec.scope;
      return (s) => stripPunctuation(s, scope);
    }
    case "replace": {
      const t = translatePythonPattern(spec.pattern, who);
      const re = new RegExp(t.source, `${t.flags}g`);
      const replacement = spec.replacement;
      return (s) => s.replace(re, () => replacement);
    }
  }
}

/** All stages in order as one function (the identity for none). */
export function compileNormalizers(specs: readonly TextNormalizerSpec[], who: string): Normalize {
  const fns = specs.map((s) => compileNormalizer(s, who));
  if (fns.length === 0) return (s) => s;
  if (fns.length === 1) return fns[0];
  return (s) => {
    for (const f of fns) s = f(s);
    return s;
  };
}
