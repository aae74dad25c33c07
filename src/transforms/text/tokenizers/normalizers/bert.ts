/**
 * HF BertNormalizer: clean_text (drop NUL, U+FFFD and control/format/private-use/surrogate
 * characters; whitespace to " "), handle_chinese_chars (" c " around CJK ideographs),
 * strip_accents (NFD, then drop nonspacing marks; defaults to `lowercase`), lowercase.
 *
 * Pure-ASCII text takes one pass with no alignment work: ASCII has no decompositions, no
 * marks and no CJK, and its removals (C0 controls, DEL) are rare enough to fall back.
 */
import type { NormalizerConfig } from "../config.js";
import type { NormalizedString } from "../normalized-string.js";
import { BERT_REMOVED_F, MN_F } from "../unicode/char-classes.js";
import { lowercase, padChinese, removeFlagged, unicodeNormalize, whitespaceToSpace } from "./ops.js";

type Bert = Extract<NormalizerConfig, { type: "BertNormalizer" }>;

/** ASCII with no character clean_text would remove (C0 controls but \t\n\r, and DEL). */
function cleanAscii(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c >= 0x7f || (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d)) return false;
  }
  return true;
}

export function bertNormalize(c: Bert, ns: NormalizedString): void {
  const stripAccents = c.strip_accents ?? c.lowercase;
  if (cleanAscii(ns.text)) {
    let t = ns.text;
    if (c.clean_text && (t.includes("\t") || t.includes("\n") || t.includes("\r"))) t = t.replace(/[\t\n\r]/g, " ");
    if (c.lowercase) t = t.toLowerCase();
    ns.replaceSameShape(t);
    return;
  }
  if (c.clean_text) {
    removeFlagged(ns, BERT_REMOVED_F);
    whitespaceToSpace(ns);
  }
  if (c.handle_chinese_chars) padChinese(ns);
  if (stripAccents) {
    unicodeNormalize(ns, "NFD");
    removeFlagged(ns, MN_F);
  }
  if (c.lowercase) lowercase(ns);
}
