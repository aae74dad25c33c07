/**
 * Pre-tokenizers (HF tokenizers/src/pre_tokenizers): parsing and compiling into a function
 * over the splits of a document.
 *
 *  - BertPreTokenizer: split on whitespace (removed), then every punctuation character
 *    (ASCII punctuation or Unicode P*, HF's table) isolated.
 *  - Whitespace: the runs of \w+ and of [^\w\s]+ (Rust regex classes).
 *  - WhitespaceSplit: runs of non-whitespace.
 *  - ByteLevel: GPT-2's (byte_level.ts).
 *  - Punctuation / Digits / Split (regex or literal, any behavior, invert) / Sequence.
 * None of them segments scripts written without spaces (Thai, Khmer, Japanese): such a run
 * is one word for the model to split into subwords; BertNormalizer isolates CJK ideographs.
 */
import type { PreTokenizerConfig, SplitBehavior } from "../config.js";
import { UnsupportedComponentError } from "../errors.js";
import { arr, bool, obj, oneOf } from "../json-fields.js";
import type { NormalizedString } from "../normalized-string.js";
import { compilePattern, findMatches, parsePattern } from "../pattern.js";
import { type Split, charSegments, refine, splitBySegments } from "../pre-tokenized.js";
import { NUMBER_F, PUNCT_F, WHITESPACE_F, WORD_F, bmpFlags, flagsOf } from "../unicode/char-classes.js";
import { addPrefixSpace, gpt2Split, toByteLevel } from "./byte_level.js";

export type PreTokenize = (splits: Split[]) => Split[];

export const PRE_TOKENIZER_TYPES = ["BertPreTokenizer", "Whitespace", "WhitespaceSplit", "ByteLevel", "Punctuation", "Digits", "Split", "Sequence"] as const;
const BEHAVIORS = ["Removed", "Isolated", "MergedWithPrevious", "MergedWithNext", "Contiguous"] as const;

export function parsePreTokenizer(v: unknown, path = "pre_tokenizer"): PreTokenizerConfig {
  const o = obj(v, path);
  const type = o.type;
  switch (type) {
    case "BertPreTokenizer":
    case "Whitespace":
    case "WhitespaceSplit":
      return { type };
    case "ByteLevel":
      return {
        type,
        add_prefix_space: bool(o.add_prefix_space, `${path}.add_prefix_space`, true),
        trim_offsets: bool(o.trim_offsets, `${path}.trim_offsets`, true),
        use_regex: bool(o.use_regex, `${path}.use_regex`, true),
      };
    case "Punctuation":
      return { type, behavior: oneOf(o.behavior, BEHAVIORS, `${path}.behavior`, "Isolated") };
    case "Digits":
      return { type, individual_digits: bool(o.individual_digits, `${path}.individual_digits`, false) };
    case "Split":
      return {
        type,
        pattern: parsePattern(o.pattern, `${path}.pattern`),
        behavior: oneOf(o.behavior, BEHAVIORS, `${path}.behavior`),
        invert: bool(o.invert, `${path}.invert`, false),
      };
    case "Sequence":
      return { type, pretokenizers: arr(o.pretokenizers, `${path}.pretokenizers`).map((p, i) => parsePreTokenizer(p, `${path}.pretokenizers[${i}]`)) };
    default:
      throw new UnsupportedComponentError(`${path}.${String(type)}`, PRE_TOKENIZER_TYPES);
  }
}

const isWhitespace = (cp: number): boolean => (flagsOf(cp) & WHITESPACE_F) !== 0;
const isPunct = (cp: number): boolean => (flagsOf(cp) & PUNCT_F) !== 0;
const isNumeric = (cp: number): boolean => (flagsOf(cp) & NUMBER_F) !== 0;

/** BertPreTokenizer in one pass: whitespace dropped, each punctuation character alone. */
function bertSplit(ns: NormalizedString, out: NormalizedString[]): void {
  const t = ns.text;
  const f = bmpFlags();
  const n = t.length;
  let start = -1;
  for (let i = 0; i < n; ) {
    const c = t.charCodeAt(i);
    let w = 1;
    let fl: number;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && (t.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      w = 2;
      fl = flagsOf(((c - 0xd800) << 10) + (t.charCodeAt(i + 1) - 0xdc00) + 0x10000);
    } else {
      fl = f[c];
    }
    if (fl & (WHITESPACE_F | PUNCT_F)) {
      if (start >= 0) out.push(ns.slice(start, i));
      start = -1;
      if (fl & PUNCT_F && !(fl & WHITESPACE_F)) out.push(ns.slice(i, i + w));
    } else if (start < 0) {
      start = i;
    }
    i += w;
  }
  if (start >= 0) out.push(ns.slice(start, n));
}

const WORD = 1;
const SPACE = 2;
const OTHER = 3;

/** Whitespace: runs of \w and runs of [^\w\s]; whitespace dropped. */
function whitespaceSplit(ns: NormalizedString, out: NormalizedString[]): void {
  const t = ns.text;
  const n = t.length;
  let start = 0;
  let cls = 0;
  for (let i = 0; i < n; ) {
    const cp = t.codePointAt(i)!;
    const w = cp > 0xffff ? 2 : 1;
    const fl = flagsOf(cp);
    const c = fl & WORD_F ? WORD : fl & WHITESPACE_F ? SPACE : OTHER;
    if (c !== cls) {
      if (cls === WORD || cls === OTHER) out.push(ns.slice(start, i));
      start = i;
      cls = c;
    }
    i += w;
  }
  if (cls === WORD || cls === OTHER) out.push(ns.slice(start, n));
}

export function compilePreTokenizer(c: PreTokenizerConfig, path = "pre_tokenizer"): PreTokenize {
  const segs: number[] = [];
  switch (c.type) {
    case "BertPreTokenizer":
      return (splits) => refine(splits, bertSplit);
    case "Whitespace":
      return (splits) => refine(splits, whitespaceSplit);
    case "WhitespaceSplit":
      return (splits) => refine(splits, (ns, out) => splitBySegments(ns, segs, charSegments(ns.text, isWhitespace, segs), "Removed", out));
    case "ByteLevel": {
      const { add_prefix_space: prefix, use_regex: useRegex } = c;
      return (splits) => {
        const pieces = refine(splits, (ns, out) => {
          if (prefix) addPrefixSpace(ns);
          if (!useRegex) {
            out.push(ns);
            return;
          }
          gpt2Split(ns.text, (s, e) => out.push(ns.slice(s, e)));
        });
        for (const p of pieces) if (p.addedId < 0) toByteLevel(p.ns);
        return pieces;
      };
    }
    case "Punctuation": {
      const b = c.behavior;
      return (splits) => refine(splits, (ns, out) => splitBySegments(ns, segs, charSegments(ns.text, isPunct, segs), b, out));
    }
    case "Digits": {
      const b: SplitBehavior = c.individual_digits ? "Isolated" : "Contiguous";
      return (splits) => refine(splits, (ns, out) => splitBySegments(ns, segs, charSegments(ns.text, isNumeric, segs), b, out));
    }
    case "Split": {
      const re = compilePattern(c.pattern, `${path}.pattern`);
      const empty = "String" in c.pattern && c.pattern.String === "";
      const { behavior, invert } = c;
      return (splits) =>
        refine(splits, (ns, out) => {
          findMatches(re, ns.text, empty, segs);
          if (invert) for (let k = 2; k < segs.length; k += 3) segs[k] = segs[k] ? 0 : 1;
          splitBySegments(ns, segs, segs.length, behavior, out);
        });
    }
    case "Sequence": {
      const fns = c.pretokenizers.map((p, i) => compilePreTokenizer(p, `${path}.pretokenizers[${i}]`));
      return (splits) => {
        for (const f of fns) splits = f(splits);
        return splits;
      };
    }
  }
}
