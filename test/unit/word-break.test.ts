/**
 * Unicode word boundaries (UAX #29, src/text/word-break.ts) and the `wordBoundaries`
 * pre-tokenizer.
 *
 * The authority is the Unicode conformance file WordBreakTest.txt of the table's Unicode
 * version: every line of the committed copy (fixtures/data/WordBreakTest.txt) runs; the
 * system copy (Debian's unicode-data) runs too when installed with the same version. The
 * committed table is checked against the property files it was generated from when they
 * are installed. Intl.Segmenter (the engine's ICU) is a second, independent
 * implementation: on characters ICU does not segment by dictionary it must agree; if that
 * comparison alone fails after an engine upgrade, ICU changed — WordBreakTest.txt decides.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CountVectorizer, InvalidOptionError, TfidfVectorizer, loadArtefact } from "../../src/index.js";
import { compilePreTokenizer, validatePreTokenizer } from "../../src/text/pre-tokenizer.js";
import { WORD_LIKE, wordBreakCode, wordBreakProperty, wordSegmentList, wordSegments } from "../../src/text/word-break.js";
import { WB_NAMES, WORD_BREAK_UNICODE_VERSION } from "../../src/text/word-break-table.js";

const FIXTURES = join(__dirname, "..", "..", "fixtures", "data");
const SYSTEM = "/usr/share/unicode";

interface Case {
  line: number;
  text: string;
  /** UTF-16 indices of the boundaries, 0 and text.length included. */
  boundaries: number[];
  source: string;
}

/** The test lines of a WordBreakTest.txt: "÷ 0041 × 0308 ÷ 0020 ÷ # comment". */
function readWordBreakTest(path: string): { version: string; cases: Case[] } {
  const lines = readFileSync(path, "utf8").split("\n");
  const version = /WordBreakTest-(\d+\.\d+\.\d+)\.txt/.exec(lines[0])?.[1] ?? "?";
  const cases: Case[] = [];
  lines.forEach((raw, k) => {
    const body = raw.split("#")[0].trim();
    if (body === "") return;
    let text = "";
    const boundaries: number[] = [];
    for (const t of body.split(/\s+/)) {
      if (t === "÷") boundaries.push(text.length);
      else if (t !== "×") text += String.fromCodePoint(parseInt(t, 16));
    }
    cases.push({ line: k + 1, text, boundaries, source: raw });
  });
  return { version, cases };
}

function boundariesOf(text: string): number[] {
  const out = [0];
  wordSegments(text, (start, end) => {
    expect(start).toBe(out.at(-1));
    out.push(end);
  });
  if (text === "") out.push(0);
  return out;
}

function runConformance(path: string): { passed: number; total: number; failures: string[] } {
  const { cases } = readWordBreakTest(path);
  const failures: string[] = [];
  for (const c of cases) {
    const got = boundariesOf(c.text);
    if (got.join() !== c.boundaries.join()) failures.push(`line ${c.line}: ${c.source.trim()}\n   got boundaries ${got.join(",")}, expected ${c.boundaries.join(",")}`);
  }
  return { passed: cases.length - failures.length, total: cases.length, failures };
}

const tokens = (spec: Parameters<typeof compilePreTokenizer>[0], text: string): string[] => {
  const out: string[] = [];
  compilePreTokenizer(spec, "t")(text, (s, a, b) => out.push(s.slice(a, b)));
  return out;
};
const words = (text: string): string[] => tokens({ type: "wordBoundaries" }, text);

const udhr = readFileSync(join(FIXTURES, "udhr-sample.jsonl"), "utf8")
  .trim()
  .split("\n")
  .map((l) => JSON.parse(l) as { lang: string; text: string });
const udhrText = (lang: string): string[] => udhr.filter((r) => r.lang === lang).map((r) => r.text);
const kjv = readFileSync(join(FIXTURES, "kjv-sample.jsonl"), "utf8")
  .trim()
  .split("\n")
  .map((l) => (JSON.parse(l) as { text: string }).text);

describe("UAX #29 conformance (WordBreakTest.txt)", () => {
  it("the committed copy is the table's Unicode version, and every line passes", () => {
    const path = join(FIXTURES, "WordBreakTest.txt");
    expect(readWordBreakTest(path).version).toBe(WORD_BREAK_UNICODE_VERSION);
    const r = runConformance(path);
    expect(r.failures).toEqual([]);
    expect(r.total).toBe(1823);
    expect(r.passed).toBe(r.total);
  });

  const system = join(SYSTEM, "auxiliary", "WordBreakTest.txt");
  const systemVersion = existsSync(system) ? readWordBreakTest(system).version : null;
  it.runIf(systemVersion === WORD_BREAK_UNICODE_VERSION)(`every line of ${system} passes (when unicode-data ${WORD_BREAK_UNICODE_VERSION} is installed)`, () => {
    const r = runConformance(system);
    expect(r.failures).toEqual([]);
    expect(r.passed).toBe(r.total);
  });

  const props = join(SYSTEM, "auxiliary", "WordBreakProperty.txt");
  it.runIf(existsSync(props) && readFileSync(props, "utf8").startsWith(`# WordBreakProperty-${WORD_BREAK_UNICODE_VERSION}.txt`))(
    "the committed table gives every code point its Word_Break value of WordBreakProperty.txt (when installed)",
    () => {
      const expected = new Uint8Array(0x110000); // 0 = Other
      for (const raw of readFileSync(props, "utf8").split("\n")) {
        const line = raw.split("#")[0].trim();
        if (line === "") continue;
        const [cps, name] = line.split(";").map((x) => x.trim());
        const [lo, hi] = cps.split("..").map((x) => parseInt(x, 16));
        expected.fill(WB_NAMES.indexOf(name as (typeof WB_NAMES)[number]), lo, (hi ?? lo) + 1);
      }
      let wrong = 0;
      for (let cp = 0; cp < 0x110000; cp++) if (wordBreakProperty(cp) !== expected[cp]) wrong++;
      expect(wrong).toBe(0);
    },
  );

  it("never splits a surrogate pair; segments cover the string; a lone surrogate is a segment of its own", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (s) => {
        const b = boundariesOf(s);
        expect(b.at(-1)).toBe(s.length);
        for (const i of b.slice(1, -1)) {
          const hi = s.charCodeAt(i - 1);
          const lo = s.charCodeAt(i);
          expect(hi >= 0xd800 && hi <= 0xdbff && lo >= 0xdc00 && lo <= 0xdfff).toBe(false);
        }
      }),
      { numRuns: 2000 },
    );
    expect(wordSegmentList("ab\ud800cd")).toEqual(["ab", "\ud800", "cd"]);
    expect(wordSegmentList("a\udc00\u0301")).toEqual(["a", "\udc00\u0301"]);
    expect(words("ab\ud800cd")).toEqual(["ab", "cd"]);
  });
});

describe("agreement with Intl.Segmenter (ICU) where ICU uses no dictionary", () => {
  const Segmenter = (Intl as { Segmenter?: typeof Intl.Segmenter }).Segmenter;
  // One or two characters of every Word_Break value, none from scripts ICU segments with a
  // dictionary (Thai, Lao, Khmer, Myanmar, Han, kana).
  const ALPHABET = ["a", "Z", "é", "ß", "Ω", "ǅ", "ا", "א", "ש", "\u05b4", "'", '"', ".", ":", ",", ";", "1", "٣", "_", "‿", " ", "\u3000", "\t", "\r", "\n", "\u0085", "\u0301", "\u200d", "\u00ad", "\u200b", "🇫", "🇷", "👩", "❤", "🏽", "!", "$", "-", "\ufe0f", "𝐀", "𐐀", "Ⓜ", "¾"];

  it.runIf(Segmenter !== undefined)("same boundaries on random strings over every Word_Break value", () => {
    const seg = new Segmenter!("und", { granularity: "word" });
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ALPHABET), { maxLength: 12 }), (chars) => {
        const s = chars.join("");
        const icu = [...seg.segment(s)].map((x) => x.index);
        expect(boundariesOf(s).slice(0, -1)).toEqual(s === "" ? [0] : icu);
      }),
      { numRuns: 3000 },
    );
  });

  it.runIf(Segmenter !== undefined)("same segments and the same word-like ones on UDHR paragraphs in 31 languages written with spaces, and on KJV", () => {
    const seg = new Segmenter!("und", { granularity: "word" });
    const spaced = [...new Set(udhr.map((r) => r.lang))].filter((l) => !["tha", "khm", "cmn_hans", "cmn_hant", "jpn", "amh"].includes(l));
    expect(spaced.length).toBe(31);
    const docs = [...udhr.filter((r) => spaced.includes(r.lang)).map((r) => r.text), ...kjv];
    for (const text of docs) {
      const mine: string[] = [];
      wordSegments(text, (a, b, w) => mine.push(`${a}:${b}:${w}`));
      const icu = [...seg.segment(text)].map((x) => `${x.index}:${x.index + x.segment.length}:${x.isWordLike === true}`);
      expect(mine).toEqual(icu);
    }
  });
});

describe("wordBoundaries pre-tokenizer", () => {
  it("validates as a plain spec and is listed in the error for unknown types", () => {
    expect(validatePreTokenizer({ type: "wordBoundaries", extra: 1 }, "t")).toEqual({ type: "wordBoundaries" });
    expect(() => validatePreTokenizer({ type: "wordBoundary" }, "t")).toThrow(InvalidOptionError);
    expect(() => validatePreTokenizer({ type: "wordBoundary" }, "t")).toThrow('{ type: "wordBoundaries" }');
  });

  it("keeps segments holding a letter, number or emoji; drops space-, punctuation-, symbol- and mark-only ones", () => {
    expect(words("Hello, world! It's 3.14 — e.g. foo_bar; $5 + 2 = 7?")).toEqual(["Hello", "world", "It's", "3.14", "e.g", "foo_bar", "5", "2", "7"]);
    expect(words("  ... \t\n ___ +-*/ ©")).toEqual(["©"]);
    expect(words("\u0301 a\u0301")).toEqual(["a\u0301"]); // a mark after a space is a segment of its own, dropped
    expect(words("ፍትሕ ፩ ፪")).toEqual(["ፍትሕ", "፩", "፪"]); // Ethiopic digits (No) count as numbers (ICU: not word-like)
    expect(words("")).toEqual([]);
  });

  it("combining marks stay attached: NFD text gives the NFD form of the NFC tokens", () => {
    for (const lang of ["vie", "fra", "ell_polytonic", "hin", "ben", "tam", "yor", "heb", "arb"]) {
      for (const text of udhrText(lang)) {
        const nfc = text.normalize("NFC");
        const nfd = text.normalize("NFD");
        expect(words(nfd)).toEqual(words(nfc).map((t) => t.normalize("NFD")));
      }
    }
    expect(words("Ca\u0300 phe\u0302\u0301 ngo\u031bn")).toEqual(["Ca\u0300", "phe\u0302\u0301", "ngo\u031bn"]);
  });

  it("RTL: Arabic and Hebrew words with their marks, acronyms and digits (UAX #29 WB4, WB7a-c, WB8)", () => {
    expect(words("مُحَمَّد، ١٩٤٨ كِتَاب؟")).toEqual(["مُحَمَّد", "١٩٤٨", "كِتَاب"]);
    expect(words("שָׁלוֹם, צה\"ל ת' 1948.")).toEqual(["שָׁלוֹם", "צה\"ל", "ת'", "1948"]);
    // Real text: every token is a non-empty run without spaces; dropping only punctuation-
    // only segments, the tokens in order rebuild the text minus spaces and punctuation.
    for (const lang of ["arb", "heb", "pes_1", "urd"]) {
      for (const text of udhrText(lang)) {
        const t = words(text);
        expect(t.length).toBeGreaterThan(0);
        for (const w of t) expect(/\s/u.test(w)).toBe(false);
        const letters = (s: string): string => s.replace(/[^\p{L}\p{N}\p{M}]/gu, "");
        expect(letters(t.join(""))).toBe(letters(text));
      }
    }
  });

  it("scripts without spaces: no dictionary, so Thai/Khmer split per letter (with its marks), Han and Hiragana per character, Katakana and Hangul runs stay whole", () => {
    expect(words("ภาษาไทย สวัสดี")).toEqual(["ภ", "า", "ษ", "า", "ไ", "ท", "ย", "ส", "วั", "ส", "ดี"]);
    expect(words("ខ្ញុំស្រលាញ់")).toEqual(["ខ្", "ញុំ", "ស្", "រ", "លា", "ញ់"]);
    expect(words("人人生而自由，在尊严。")).toEqual(["人", "人", "生", "而", "自", "由", "在", "尊", "严"]);
    expect(words("カタカナとひらがな")).toEqual(["カタカナ", "と", "ひ", "ら", "が", "な"]);
    expect(words("한국어 문장")).toEqual(["한국어", "문장"]);
    // The other splitters on the same text (what the README's table says).
    const han = "人人生而自由，在尊严。";
    expect(tokens({ type: "tokenPattern", pattern: "(?u)\\b\\w\\w+\\b" }, han)).toEqual(["人人生而自由", "在尊严"]);
    expect(tokens({ type: "whitespace" }, han)).toEqual([han]);
    expect(tokens({ type: "regexSplit", pattern: "\\W+" }, han)).toEqual(["人人生而自由", "在尊严"]);
    expect(tokens({ type: "characters" }, "ខ្ញុំ")).toEqual(["ខ", "្", "ញ", "ុ", "ំ"]);
    // On the UDHR samples: every Thai/Khmer token holds exactly one letter (Lo), every
    // Chinese token is one character.
    for (const lang of ["tha", "khm"]) {
      for (const text of udhrText(lang)) for (const w of words(text)) expect([...w].filter((c) => /\p{Lo}/u.test(c) && !/\p{M}/u.test(c)).length, `${lang} ${w}`).toBeLessThanOrEqual(1);
    }
    for (const text of udhrText("cmn_hans")) for (const w of words(text)) if (/\p{Script=Han}/u.test(w)) expect([...w].length).toBe(1);
  });

  it("emoji: ZWJ sequences, flags, keycaps, skin tones and tag sequences are one token each", () => {
    const csv = readFileSync(join(FIXTURES, "emoji", "emoji.csv"), "utf8").trim().split("\n").slice(1);
    const emoji = csv.map((row) => String.fromCodePoint(...row.split(",")[0].split("-").map((h) => parseInt(h, 16))));
    expect(emoji.length).toBe(240);
    expect(words(emoji.join(" "))).toEqual(emoji);
    expect(words("👩‍👩‍👧👍🏽🇫🇷🇩🇪🇮 #️⃣1️⃣🏴󠁧󠁢󠁳󠁣󠁴󠁿❤️‍🔥")).toEqual(["👩‍👩‍👧", "👍🏽", "🇫🇷", "🇩🇪", "🇮", "#️⃣", "1️⃣", "🏴󠁧󠁢󠁳󠁣󠁴󠁿", "❤️‍🔥"]);
    expect(words("hi👋there")).toEqual(["hi", "👋", "there"]);
  });

  const emojiTest = join(SYSTEM, "emoji", "emoji-test.txt");
  it.runIf(existsSync(emojiTest) && /# Version: 15\.0\b/.test(readFileSync(emojiTest, "utf8").slice(0, 2000)))("every sequence of emoji-test.txt 15.0 is one word-like segment (when installed)", () => {
    let n = 0;
    for (const line of readFileSync(emojiTest, "utf8").split("\n")) {
      const m = /^([0-9A-F ]+);/.exec(line);
      if (m === null) continue;
      const s = String.fromCodePoint(...m[1].trim().split(/\s+/).map((h) => parseInt(h, 16)));
      const segs: boolean[] = [];
      wordSegments(s, (_a, _b, w) => segs.push(w));
      expect(segs, line).toEqual([true]);
      n++;
    }
    expect(n).toBeGreaterThan(4000);
  });

  it("word-like flags: letters and numbers of every category, emoji; not marks, spaces, punctuation, symbols", () => {
    const like = (c: string): boolean => (wordBreakCode(c.codePointAt(0)!) & WORD_LIKE) !== 0;
    for (const c of ["a", "ß", "ǅ", "ʰ", "ก", "人", "あ", "ア", "한", "1", "٣", "Ⅻ", "½", "𝐀", "😀", "🇫", "🏽", "\u20e3"]) expect(like(c), c).toBe(true);
    for (const c of [" ", "\u0301", "\u0e31", ".", "_", "$", "+", "\u200d", "\ufe0f", "\u00ad", "\ud800"]) expect(like(c), c).toBe(false);
  });

  it("runs in linear time on adversarial input (long mark runs, regional indicators, look-ahead rules)", () => {
    const n = 200_000;
    const inputs = [
      "a" + "\u0301".repeat(n) + "b",
      "🇫".repeat(n),
      "a'".repeat(n),
      "1,".repeat(n),
      "'\u0301\u0301".repeat(n),
      "א\"".repeat(n),
      " ".repeat(n),
      "\u200d😀".repeat(n),
      "\ud800".repeat(n),
    ];
    const t0 = performance.now();
    let segments = 0;
    for (const s of inputs) wordSegments(s, () => segments++);
    expect(segments).toBeGreaterThan(n);
    expect(wordSegmentList("🇫".repeat(5))).toEqual(["🇫🇫", "🇫🇫", "🇫"]);
    expect(performance.now() - t0).toBeLessThan(5000);
  });
});

describe("wordBoundaries in the vectorizers and the artefact", () => {
  const docs = ["Don't panic: 3.14 apples, 👩‍👩‍👧 and 🇫🇷!", "สวัสดี 世界 hello", "שָׁלוֹם צה\"ל hello"];

  it("CountVectorizer fits its vocabulary from the segments, saves as word_boundaries and loads unchanged", () => {
    const v = new CountVectorizer({ name: "doc", preTokenizer: { type: "wordBoundaries" } }).fit(docs);
    expect(v.vocabulary).toEqual(
      [...new Set(docs.flatMap((d) => words(d.toLowerCase())))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    );
    expect(v.vocabulary).toContain("don't");
    expect(v.vocabulary).toContain("👩‍👩‍👧");
    const bytes = v.save();
    expect(Buffer.from(bytes).includes(Buffer.from("word_boundaries"))).toBe(true);
    const loaded = loadArtefact(bytes) as CountVectorizer;
    expect(loaded.transform(docs)).toEqual(v.transform(docs));
    expect(loaded.save()).toEqual(bytes);
  });

  it("TfidfVectorizer with word bigrams over the segments round-trips", () => {
    const v = new TfidfVectorizer({ name: "doc", preTokenizer: { type: "wordBoundaries" }, ngramRange: [1, 2] }).fit(docs);
    expect(v.vocabulary).toContain("don't panic");
    const loaded = loadArtefact(v.save()) as TfidfVectorizer;
    expect(loaded.transform(docs)).toEqual(v.transform(docs));
  });
});
