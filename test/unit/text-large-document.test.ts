/**
 * One 10 MB document through every text path: CountVectorizer, TfidfVectorizer,
 * TextVectorizer (int), the wordBoundaries pre-tokenizer, WordPiece and byte-level BPE.
 *
 * The document is the bundled corpora (every UDHR paragraph in 37 languages and every KJV
 * verse, one per line) repeated until it passes 10,000,000 UTF-16 units. Since the base
 * ends with "\n" and every splitter breaks at a newline, the tokens of the document are
 * the tokens of the base k times over — the expected results below are computed from
 * the base (150 KB) by separate, simple code (JS regexes, Maps, sorts), not by the
 * transforms' own machinery. What this guards: no stack overflow on one huge string, no
 * quadratic step, counts that do not drift at this size. Each step's time is printed.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BPE, CountVectorizer, TextVectorizer, TfidfVectorizer, WordPiece } from "../../src/index.js";
import { wordSegments } from "../../src/text/word-break.js";

const DATA = join(__dirname, "..", "..", "fixtures", "data");
const jsonl = (name: string): string[] =>
  readFileSync(join(DATA, name), "utf8")
    .trim()
    .split("\n")
    .map((l) => (JSON.parse(l) as { text: string }).text);
const lines = [...jsonl("udhr-sample.jsonl"), ...jsonl("kjv-sample.jsonl")];
const base = lines.join("\n") + "\n";
const k = Math.ceil(10_000_000 / base.length);
const doc = base.repeat(k);

const timings: string[] = [];
function timed<T>(label: string, f: () => T): T {
  const t0 = performance.now();
  const r = f();
  timings.push(`${label}: ${(performance.now() - t0).toFixed(0)} ms`);
  return r;
}

/** Code point order (Python's str order), which the vectorizers use for ties. */
function byCodePoint(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

function countMap(tokens: Iterable<string>): Map<string, number> {
  const m = new Map<string, number>();
  for (const t of tokens) m.set(t, (m.get(t) ?? 0) + 1);
  return m;
}

/** A dense row's values by term, in the vocabulary's order. */
function expectRowEquals(vocabulary: readonly string[], row: Float32Array, expected: Map<string, number>, factor: number): void {
  expect(vocabulary.length).toBe(expected.size);
  let wrong = 0;
  for (let j = 0; j < vocabulary.length; j++) if (row[j] !== factor * (expected.get(vocabulary[j]) ?? -1)) wrong++;
  expect(wrong).toBe(0);
}

const TIMEOUT = 180_000;

describe(`one ${(doc.length / 1e6).toFixed(1)}M-unit document (${k} x the UDHR + KJV samples)`, () => {
  it("is over 10,000,000 UTF-16 units", () => {
    expect(doc.length).toBeGreaterThanOrEqual(10_000_000);
    expect(base.endsWith("\n")).toBe(true);
  });

  it(
    "CountVectorizer (default token pattern) counts every term k times its count in the base",
    () => {
      // sklearn's (?u)\b\w\w+\b: maximal runs of Python \w (letters, numbers, "_"; equal to
      // [\p{L}\p{N}_] on these Unicode-14 characters) at least 2 code points long, after str.lower.
      const expected = countMap((base.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? []).filter((t) => [...t].length >= 2));
      const v = timed("CountVectorizer fit", () => new CountVectorizer({ name: "doc" }).fit([doc]));
      expect(v.vocabulary).toEqual([...expected.keys()].sort(byCodePoint));
      const row = timed("CountVectorizer transform", () => v.transform([doc]));
      expectRowEquals(v.vocabulary, row, expected, k);
      let total = 0;
      for (const x of row) total += x;
      expect(total).toBe(k * [...expected.values()].reduce((a, b) => a + b, 0));
    },
    TIMEOUT,
  );

  it(
    "TfidfVectorizer on the one document: idf 1 everywhere, so the row is the counts over their l2 norm",
    () => {
      const expected = countMap((base.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? []).filter((t) => [...t].length >= 2));
      const v = timed("TfidfVectorizer fit", () => new TfidfVectorizer({ name: "doc" }).fit([doc]));
      const row = timed("TfidfVectorizer transform", () => v.transform([doc]));
      let norm = 0;
      for (const c of expected.values()) norm += (k * c) ** 2;
      norm = Math.sqrt(norm);
      let worst = 0;
      let squares = 0;
      v.vocabulary.forEach((t, j) => {
        const want = (k * expected.get(t)!) / norm;
        worst = Math.max(worst, Math.abs(row[j] - want) / want);
        squares += row[j] * row[j];
      });
      expect(worst).toBeLessThanOrEqual(2 ** -23); // float32 rounding of the same quotient
      expect(Math.abs(squares - 1)).toBeLessThan(1e-5);
    },
    TIMEOUT,
  );

  it(
    "TextVectorizer int: the first 2^20 ids are the Keras vocabulary indices of the first 2^20 tokens",
    () => {
      // Keras: ASCII lowercase, strip the 32 ASCII punctuation characters, split on runs
      // of ASCII whitespace; vocabulary by count descending, then token descending.
      const tokensOf = (s: string): string[] =>
        s
          .replace(/[A-Z]/g, (c) => c.toLowerCase())
          .replace(/[!-/:-@[-`{-~]/g, "")
          .split(/[ \t\n\v\f\r]+/)
          .filter((t) => t !== "");
      const baseTokens = tokensOf(base);
      const counts = countMap(baseTokens);
      const maxTokens = 5000;
      const vocab = [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)! || byCodePoint(b, a)).slice(0, maxTokens - 2);
      const L = 1_048_576;
      const v = timed("TextVectorizer fit", () => new TextVectorizer({ name: "doc", maxTokens, outputSequenceLength: L }).fit([doc]));
      expect(v.getVocabulary({ includeSpecialTokens: false })).toEqual(vocab);
      const ids = timed("TextVectorizer transformIds", () => v.transformIds([doc]));
      expect(ids.length).toBe(L);
      const index = new Map(vocab.map((t, i) => [t, i + 2]));
      expect(k * baseTokens.length).toBeGreaterThan(L); // truncated, not padded
      let wrong = 0;
      for (let i = 0; i < L; i++) if (ids[i] !== (index.get(baseTokens[i % baseTokens.length]) ?? 1)) wrong++;
      expect(wrong).toBe(0);
    },
    TIMEOUT,
  );

  it(
    "wordBoundaries: the segments tile the document, k copies of the base's; the vectorizer counts the word-like ones",
    () => {
      const baseSegments: [number, number, boolean][] = [];
      wordSegments(base, (a, b, w) => baseSegments.push([a, b, w]));
      let n = 0;
      let last = 0;
      let mismatch = 0;
      timed("wordSegments (UAX #29)", () =>
        wordSegments(doc, (a, b, w) => {
          const [ea, eb, ew] = baseSegments[n % baseSegments.length];
          const shift = Math.floor(n / baseSegments.length) * base.length;
          if (a !== last || a !== ea + shift || b !== eb + shift || w !== ew) mismatch++;
          last = b;
          n++;
        }),
      );
      expect(mismatch).toBe(0);
      expect(n).toBe(k * baseSegments.length);
      expect(last).toBe(doc.length);

      const lower = base.toLowerCase();
      const expected = new Map<string, number>();
      wordSegments(lower, (a, b, w) => {
        if (w) expected.set(lower.slice(a, b), (expected.get(lower.slice(a, b)) ?? 0) + 1);
      });
      const v = timed("CountVectorizer wordBoundaries fit", () => new CountVectorizer({ name: "doc", preTokenizer: { type: "wordBoundaries" } }).fit([doc]));
      const row = timed("CountVectorizer wordBoundaries transform", () => v.transform([doc]));
      expectRowEquals(v.vocabulary, row, expected, k);
    },
    TIMEOUT,
  );

  it(
    "WordPiece: the document's ids and UTF-16 offsets are the base's k times over, offsets monotone and inside the string",
    () => {
      const wp = timed("WordPiece train (lines, vocab 2000)", () => new WordPiece({ vocabSize: 2000 }).fit(lines));
      const opts = { addSpecialTokens: false, offsets: "utf16" as const };
      const one = wp.encode(base, null, opts);
      const e = timed("WordPiece encode", () => wp.encode(doc, null, opts));
      const m = one.ids.length;
      expect(e.ids.length).toBe(k * m);
      let wrong = 0;
      let prevStart = 0;
      for (let i = 0; i < e.ids.length; i++) {
        const [a, b] = e.offsets[i];
        const [ea, eb] = one.offsets[i % m];
        const shift = Math.floor(i / m) * base.length;
        if (e.ids[i] !== one.ids[i % m] || a !== ea + shift || b !== eb + shift || a < prevStart || a > b || b > doc.length) wrong++;
        prevStart = a;
      }
      expect(wrong).toBe(0);
    },
    TIMEOUT,
  );

  it(
    "byte-level BPE: decode(encode(document)) gives the document back; offsets monotone and inside the string",
    () => {
      const bpe = timed("BPE train (lines, vocab 1000)", () => new BPE({ vocabSize: 1000 }).fit(lines));
      const e = timed("BPE encode", () => bpe.encode(doc, null, { offsets: "utf16" }));
      expect(e.ids.length).toBe(k * bpe.encode(base).ids.length);
      let bad = 0;
      let prevStart = 0;
      for (const [a, b] of e.offsets) {
        if (a < prevStart || a > b || b > doc.length) bad++;
        prevStart = a;
      }
      expect(bad).toBe(0);
      const back = timed("BPE decode", () => bpe.decode(e.ids));
      expect(back.length).toBe(doc.length);
      expect(back === doc).toBe(true);
      console.log(`10 MB document timings:\n  ${timings.join("\n  ")}`);
    },
    TIMEOUT,
  );
});
