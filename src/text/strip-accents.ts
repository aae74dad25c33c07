/**
 * scikit-learn's accent stripping (sklearn.feature_extraction.text):
 *
 *  - "unicode" (strip_accents_unicode): NFKD, then drop every code point whose
 *    canonical combining class is not 0 (unicodedata.combining). An ASCII string is
 *    returned unchanged. Marks of combining class 0 stay: Devanagari vowel signs,
 *    spacing marks (Mc), U+034F ... — which is why this uses the combining-class table
 *    baked from Python (char-classes.ts) and not JS's \p{M}, which would drop them.
 *  - "ascii" (strip_accents_ascii): NFKD, then drop every non-ASCII code point.
 *
 * NFKD is the engine's String.prototype.normalize; decompositions of assigned
 * characters never change between Unicode versions (the stability policy), so on text
 * of Unicode 14 characters this equals Python 3.11's unicodedata.normalize.
 */
import { COMBINING as COMBINING_FLAG, bmpFlags, codePointFlags } from "./char-classes.js";

/** Module-local copy for the hot loop (see token-pattern.ts). */
const COMBINING = COMBINING_FLAG;

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

export function stripAccentsUnicode(s: string): string {
  if (isAscii(s)) return s;
  const d = s.normalize("NFKD");
  const flags = bmpFlags();
  const n = d.length;
  let out = "";
  let runStart = 0;
  for (let i = 0; i < n; ) {
    const c = d.charCodeAt(i);
    let width = 1;
    let combining: boolean;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const lo = d.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        width = 2;
        combining = (codePointFlags(((c - 0xd800) << 10) + (lo - 0xdc00) + 0x10000) & COMBINING) !== 0;
      } else {
        combining = false;
      }
    } else {
      combining = (flags[c] & COMBINING) !== 0;
    }
    if (combining) {
      if (i > runStart) out += d.slice(runStart, i);
      runStart = i + width;
    }
    i += width;
  }
  return runStart === 0 ? d : out + d.slice(runStart);
}

export function stripAccentsAscii(s: string): string {
  const d = s.normalize("NFKD");
  return isAscii(d) ? d : d.replace(/[^\x00-\x7f]/gu, "");
}
