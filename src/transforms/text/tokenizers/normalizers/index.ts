/**
 * Normalizers (HF tokenizers/src/normalizers): parsing tokenizer.json entries into
 * NormalizerConfig, and compiling a config into a function over a NormalizedString.
 */
import type { NormalizerConfig } from "../config.js";
import { UnsupportedComponentError } from "../errors.js";
import { arr, bool, obj, str } from "../json-fields.js";
import type { NormalizedString } from "../normalized-string.js";
import { compilePattern, parsePattern } from "../pattern.js";
import { MARK_F } from "../unicode/char-classes.js";
import { bertNormalize } from "./bert.js";
import { lowercase, removeFlagged, replace, strip, unicodeNormalize } from "./ops.js";

export type Normalize = (ns: NormalizedString) => void;

export const NORMALIZER_TYPES = ["BertNormalizer", "Lowercase", "NFC", "NFD", "NFKC", "NFKD", "StripAccents", "Strip", "Prepend", "Replace", "Sequence"] as const;

export function parseNormalizer(v: unknown, path = "normalizer"): NormalizerConfig {
  const o = obj(v, path);
  const type = o.type;
  switch (type) {
    case "BertNormalizer":
      return {
        type,
        clean_text: bool(o.clean_text, `${path}.clean_text`, true),
        handle_chinese_chars: bool(o.handle_chinese_chars, `${path}.handle_chinese_chars`, true),
        strip_accents: o.strip_accents == null ? null : bool(o.strip_accents, `${path}.strip_accents`),
        lowercase: bool(o.lowercase, `${path}.lowercase`, true),
      };
    case "Lowercase":
    case "NFC":
    case "NFD":
    case "NFKC":
    case "NFKD":
    case "StripAccents":
      return { type };
    case "Strip":
      return { type, strip_left: bool(o.strip_left, `${path}.strip_left`), strip_right: bool(o.strip_right, `${path}.strip_right`) };
    case "Prepend":
      return { type, prepend: str(o.prepend, `${path}.prepend`) };
    case "Replace":
      return { type, pattern: parsePattern(o.pattern, `${path}.pattern`), content: str(o.content, `${path}.content`) };
    case "Sequence":
      return { type, normalizers: arr(o.normalizers, `${path}.normalizers`).map((n, i) => parseNormalizer(n, `${path}.normalizers[${i}]`)) };
    default:
      throw new UnsupportedComponentError(`${path}.${String(type)}`, NORMALIZER_TYPES);
  }
}

export function compileNormalizer(c: NormalizerConfig, path = "normalizer"): Normalize {
  switch (c.type) {
    case "BertNormalizer":
      return (ns) => bertNormalize(c, ns);
    case "Lowercase":
      return lowercase;
    case "NFC":
    case "NFD":
    case "NFKC":
    case "NFKD": {
      const form = c.type;
      return (ns) => unicodeNormalize(ns, form);
    }
    case "StripAccents":
      return (ns) => removeFlagged(ns, MARK_F);
    case "Strip": {
      const { strip_left: l, strip_right: r } = c;
      return (ns) => strip(ns, l, r);
    }
    case "Prepend": {
      const p = c.prepend;
      return (ns) => {
        if (ns.text.length > 0) ns.prepend(p);
      };
    }
    case "Replace": {
      const re = compilePattern(c.pattern, `${path}.pattern`);
      const empty = "String" in c.pattern && c.pattern.String === "";
      const content = c.content;
      return (ns) => replace(ns, re, content, empty);
    }
    case "Sequence": {
      const fns = c.normalizers.map((n, i) => compileNormalizer(n, `${path}.normalizers[${i}]`));
      return (ns) => {
        for (const f of fns) f(ns);
      };
    }
  }
}
