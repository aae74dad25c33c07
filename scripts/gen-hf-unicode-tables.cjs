/*
 * Bakes the character classes that Hugging Face tokenizers (the Rust library behind the
 * `tokenizers` npm binding) uses, by asking the binding itself about every code point, into
 * src/transforms/text/tokenizers/unicode/hf-tables.ts.
 *
 * Why not JS property escapes: the Rust crates behind these stages carry their own Unicode
 * versions (unicode_categories is pre-Unicode-10, so e.g. U+061D is not punctuation for BERT
 * there; the regex engines are newer), and JS engines follow theirs; baking what the reference
 * does makes the result the same in every engine.
 *
 * Run (needs the devDependency `tokenizers`): node scripts/gen-hf-unicode-tables.cjs
 */
const fs = require("fs");
const path = require("path");
const tk = require("tokenizers");

const clean = tk.bertNormalizer({ cleanText: true, handleChineseChars: false, stripAccents: false, lowercase: false });
const bertStrip = tk.bertNormalizer({ cleanText: false, handleChineseChars: false, stripAccents: true, lowercase: false });
const stripAccents = tk.stripAccentsNormalizer();
const bertPre = tk.bertPreTokenizer();
const wsPre = tk.whitespacePreTokenizer();
const wsSplit = tk.whitespaceSplitPreTokenizer();
const byteLevel = tk.byteLevelPreTokenizer(false, true);
// Oniguruma classes as the Split pre-tokenizer sees them: "x" + s + "x" with the class removed.
const splitRegex = (re) =>
  tk.Tokenizer.fromString(
    JSON.stringify({
      version: "1.0", truncation: null, padding: null, added_tokens: [], normalizer: null,
      pre_tokenizer: { type: "Split", pattern: { Regex: re }, behavior: "Removed", invert: false },
      post_processor: null, decoder: null,
      model: { type: "WordPiece", unk_token: "[UNK]", continuing_subword_prefix: "##", max_input_chars_per_word: 100, vocab: { "[UNK]": 0 } },
    }),
  ).getPreTokenizer();
const onigW = splitRegex("\\w");
const onigD = splitRegex("\\d");

const classes = {
  /** Removed by BertNormalizer clean_text (NUL, U+FFFD, unicode_categories' is_other minus \t\n\r). */
  bertRemoved: [],
  /** Rust char::is_whitespace (BertNormalizer, BertPreTokenizer, WhitespaceSplit, Strip). */
  whitespace: [],
  /** BertPreTokenizer punctuation: ASCII punctuation or unicode_categories' is_punctuation. */
  bertPunctuation: [],
  /** Removed after NFD by BertNormalizer strip_accents (unicode_categories' Mn), NFD-stable code points. */
  nonspacingMark: [],
  /** Removed by the StripAccents normalizer (is_combining_mark). */
  combiningMark: [],
  /** Rust regex \w (Whitespace pre-tokenizer, added tokens' single_word). */
  regexWord: [],
  /** Oniguruma \p{L} (ByteLevel split regex). */
  onigLetter: [],
  /** Oniguruma \p{N}. */
  onigNumber: [],
  /** Oniguruma \s. */
  onigSpace: [],
  /** Oniguruma \w (Split/Replace patterns). */
  onigWord: [],
  /** Oniguruma \d. */
  onigDigit: [],
};

/** Per form, the code points whose normalization (alone) differs between the reference's tables and this engine's: cp -> reference result. */
const forms = { NFD: tk.nfdNormalizer(), NFKD: tk.nfkdNormalizer(), NFC: tk.nfcNormalizer(), NFKC: tk.nfkcNormalizer() };
const exceptions = { NFD: {}, NFKD: {}, NFC: {}, NFKC: {} };

for (let cp = 0; cp <= 0x10ffff; cp++) {
  if (cp >= 0xd800 && cp <= 0xdfff) continue;
  const s = String.fromCodePoint(cp);
  const c = clean.normalizeString("a" + s + "b");
  if (c === "ab") classes.bertRemoved.push(cp);
  const isSpace = wsSplit.preTokenizeString("a" + s + "b").length === 2;
  if (isSpace) classes.whitespace.push(cp);
  if (!isSpace && bertPre.preTokenizeString("a" + s + "b").length === 3) classes.bertPunctuation.push(cp);
  if (s.normalize("NFD") === s && bertStrip.normalizeString("a" + s) === "a") classes.nonspacingMark.push(cp);
  if (stripAccents.normalizeString("a" + s) === "a") classes.combiningMark.push(cp);
  if (wsPre.preTokenizeString("a" + s + "b").length === 1) classes.regexWord.push(cp);
  if (byteLevel.preTokenizeString("a" + s).length === 1) classes.onigLetter.push(cp);
  if (onigW.preTokenizeString("!" + s + "!").length === 2) classes.onigWord.push(cp);
  if (onigD.preTokenizeString("!" + s + "!").length === 2) classes.onigDigit.push(cp);
  for (const [form, n] of Object.entries(forms)) {
    const r = n.normalizeString(s);
    if (r !== s.normalize(form)) exceptions[form][cp] = r;
  }
  const isNumber = byteLevel.preTokenizeString("1" + s).length === 1;
  if (isNumber) classes.onigNumber.push(cp);
  // "x", s, "!" stay three pieces only when s is \s (a digit also would, hence !isNumber).
  if (!isNumber && cp !== 0x20 && byteLevel.preTokenizeString("x" + s + "!").length === 3) classes.onigSpace.push(cp);
}
classes.onigSpace.push(0x20);
classes.onigSpace.sort((a, b) => a - b);

/** Inclusive ranges as base-36 deltas: start-prevEnd, end-start, ... */
function encode(cps) {
  const parts = [];
  let prev = 0;
  for (let i = 0; i < cps.length; ) {
    let j = i;
    while (j + 1 < cps.length && cps[j + 1] === cps[j] + 1) j++;
    parts.push((cps[i] - prev).toString(36), (cps[j] - cps[i]).toString(36));
    prev = cps[j];
    i = j + 1;
  }
  return parts.join(",");
}

const version = require("tokenizers/package.json").version;
let out = `/**
 * Character classes of Hugging Face tokenizers ${version}, baked from the reference binding by
 * scripts/gen-hf-unicode-tables.cjs (do not edit). Inclusive code point ranges, each as
 * base-36 "start - previous end, end - start" pairs. See char-classes.ts.
 */
`;
for (const [name, cps] of Object.entries(classes)) {
  out += `export const ${name.replace(/[A-Z]/g, (m) => "_" + m).toUpperCase()} = "${encode(cps)}";\n`;
  console.log(name, cps.length);
}
out += `/** Per normalization form: code point -> what the reference makes of it alone, where the engine that baked this differs (characters newer than the reference's tables). */\n`;
out += `export const NORMALIZATION_EXCEPTIONS: Record<"NFD" | "NFKD" | "NFC" | "NFKC", Record<number, string>> = ${JSON.stringify(exceptions)};\n`;
for (const [f, m] of Object.entries(exceptions)) console.log(f, "exceptions", Object.keys(m).length);
const dir = path.join(__dirname, "..", "src", "transforms", "text", "tokenizers", "unicode");
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, "hf-tables.ts"), out);
