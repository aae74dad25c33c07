/**
 * Punctuation stripping.
 *
 *  - "ascii": Keras TextVectorization's `lower_and_strip_punctuation` (without the
 *    lowercasing): every match of its DEFAULT_STRIP_REGEX
 *    `[!"#$%&()\*\+,-\./:;<=>?@\[\\\]^_`{|}~\']` is removed — exactly the 32
 *    characters of Python's string.punctuation, ASCII only (so "¿", "«" and "。" stay,
 *    as in Keras).
 *  - "unicode": that set plus every Unicode punctuation character (\p{P}: "¿", "«",
 *    "。", "、", "־" ...). Symbols other than the ASCII ones (currency, emoji: \p{S})
 *    stay. \p{P} follows the JS engine's Unicode version.
 */
const ASCII = /[!"#$%&()*+,\-./:;<=>?@[\\\]^_`{|}~']/g;
const UNICODE = /[!"#$%&()*+,\-./:;<=>?@[\\\]^_`{|}~'\p{P}]/gu;

export function stripPunctuation(s: string, scope: "ascii" | "unicode"): string {
  return s.replace(scope === "ascii" ? ASCII : UNICODE, "");
}
