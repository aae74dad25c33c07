/**
 * How Keras TextVectorization turns one document into tokens, built from the shared
 * text stages (src/text): standardize, split, then n-grams.
 *
 *  - standardize "lower": ASCII letters only. Keras calls tf.strings.lower with its
 *    default encoding "", which TensorFlow treats as ASCII (absl AsciiStrToLower), so
 *    "É" and "İ" stay as they are.
 *  - standardize "strip_punctuation": Keras' DEFAULT_STRIP_REGEX, i.e. the 32 ASCII
 *    characters of Python's string.punctuation (src/text/strip-punctuation.ts "ascii").
 *    "lower_and_strip_punctuation" lowercases first, as Keras.
 *  - split "whitespace": tf.strings.split with no separator splits on runs of ASCII
 *    whitespace (space, \t, \n, \v, \f, \r); Unicode spaces (U+00A0, U+3000, ...) are
 *    part of tokens, as in TensorFlow. Built on the regexSplit pre-tokenizer.
 *  - split "character": tf.strings.unicode_split — one token per code point (the
 *    "characters" pre-tokenizer); spaces are tokens too.
 *  - split "none": the standardized document is one token ("" is the mask token).
 *  - n-grams: tf.strings.ngrams(tokens, widths, separator " "): for each width in the
 *    given order, every run of that many consecutive tokens joined by one space; a
 *    document shorter than a width gives no n-gram of that width.
 */
import { InvalidOptionError } from "../../core/errors.js";
import { wordNgrams } from "../../text/ngrams.js";
import { compilePreTokenizer } from "../../text/pre-tokenizer.js";
import { stripPunctuation } from "../../text/strip-punctuation.js";

export type Standardize = "lower_and_strip_punctuation" | "lower" | "strip_punctuation" | "none";
export type Split = "whitespace" | "character" | "none";

/** Tokens of one document, in Keras order. */
export type KerasTokenize = (doc: string) => string[];

const ASCII_UPPER = /[A-Z]+/g;

function lowerAscii(s: string): string {
  return s.replace(ASCII_UPPER, (m) => m.toLowerCase());
}

/** TensorFlow's whitespace set for tf.strings.split(sep=None): C isspace in the "C" locale. */
const TF_WHITESPACE = "[ \\t\\n\\x0b\\x0c\\r]+";

export function kerasTokenizer(standardize: Standardize, split: Split, ngrams: readonly number[], who: string): KerasTokenize {
  const lower = standardize === "lower" || standardize === "lower_and_strip_punctuation";
  const strip = standardize === "strip_punctuation" || standardize === "lower_and_strip_punctuation";
  const splitter = split === "whitespace" ? compilePreTokenizer({ type: "regexSplit", pattern: TF_WHITESPACE }, who) : split === "character" ? compilePreTokenizer({ type: "characters" }, who) : null;
  if (split === "none" && ngrams.some((n) => n > 1)) {
    throw new InvalidOptionError(`${who}: ngrams ${JSON.stringify(ngrams)} need split "whitespace" or "character" (with split null a document is one token); set split, or ngrams null`);
  }
  const unigramsOnly = ngrams.length === 1 && ngrams[0] === 1;
  return (doc) => {
    let s = doc;
    if (lower) s = lowerAscii(s);
    if (strip) s = stripPunctuation(s, "ascii");
    let tokens: string[];
    if (splitter === null) tokens = [s];
    else {
      tokens = [];
      splitter(s, (str, start, end) => {
        tokens.push(str.slice(start, end));
      });
    }
    if (unigramsOnly) return tokens;
    const out: string[] = [];
    for (const n of ngrams) {
      if (n === 1) for (const t of tokens) out.push(t);
      else wordNgrams(tokens, n, n, (str, start, end) => out.push(start === 0 && end === str.length ? str : str.slice(start, end)));
    }
    return out;
  };
}
