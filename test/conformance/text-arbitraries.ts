import { fileURLToPath } from "node:url";
/** fast-check arbitraries and real documents for text transforms. */
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";

export type TextRow = string | null | undefined;

const DATA = fileURLToPath(new URL("../../fixtures/data", import.meta.url));

function jsonl(file: string): { lang?: string; text: string }[] {
  return readFileSync(join(DATA, file), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as { lang?: string; text: string });
}

/** UDHR paragraphs (fixtures/data/udhr-sample.jsonl), every `step`-th, optionally of some languages only. */
export function udhrDocs(step = 1, langs?: string[]): string[] {
  return jsonl("udhr-sample.jsonl")
    .filter((r, i) => i % step === 0 && (langs === undefined || langs.includes(r.lang!)))
    .map((r) => r.text);
}

/** King James Version verses (fixtures/data/kjv-sample.jsonl), every `step`-th. */
export function kjvDocs(step = 1): string[] {
  return jsonl("kjv-sample.jsonl")
    .filter((_, i) => i % step === 0)
    .map((r) => r.text);
}

const WORDS = [
  "the", "lord", "light", "rights", "human", "droits", "homme", "Menschen", "Würde", "права", "человека", "δικαιώματα",
  "حقوق", "الإنسان", "זכויות", "אדם", "मानव", "अधिकार", "สิทธิมนุษยชน", "人人", "生而自由", "人権", "인권", "quyền", "con người",
  "ẹ̀tọ́", "café", "cafe\u0301", "İstanbul", "ΟΔΟΣ", "__proto__", "constructor", "x²", "١٢٣", "😀", "👩‍👩‍👧", "a", "I",
];
const SEPARATORS = [" ", " ", " ", ", ", ". ", "\n", "\t", "  ", "-", "'", "\u00a0", "\u3000", "、"];

/** Ordinary documents: words from a multilingual pool with separators, some empty. */
export function textColumn(): fc.Arbitrary<TextRow[]> {
  const doc = fc
    .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS)), { minLength: 0, maxLength: 12 })
    .map((parts) => parts.map(([w, s]) => w + s).join(""));
  return fc.array(doc, { minLength: 1, maxLength: 30 });
}

const HUGE = "lorem ipsum dolor sit amet ".repeat(40_000); // ~1 MB of text in one document

/**
 * Hostile documents: empty and whitespace-only, emoji ZWJ sequences, RTL and bidi
 * controls, combining marks, astral letters, arbitrary graphemes and UTF-16 units (lone
 * surrogates: a typed error), a 1 MB document, missing values and non-strings (typed
 * errors unless the case treats missing as empty).
 */
export function extremeText(): fc.Arbitrary<TextRow[]> {
  const cell: fc.Arbitrary<TextRow> = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom("", " ", "\n\n", "a", "ab ab", "__proto__ constructor toString", "the lord the lord", "x".repeat(5_000)) },
    { weight: 3, arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }) },
    { weight: 2, arbitrary: fc.constantFrom("👩‍👩‍👧 👍🏽 🇫🇷", "שָׁלוֹם עֲלֵיכֶם", "مَرْحَبًا بِكُمْ", "\u202eevil\u202c text", "e\u0301\u0301\u0301 ǅ ﬁ", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𠀀𠀁", "สิทธิมนุษยชน 人人生而自由") },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 6 }) },
    { weight: 1, arbitrary: fc.constantFrom("\ud800", "a\udc00b", HUGE) },
    { weight: 1, arbitrary: fc.constantFrom(null, undefined) },
    { weight: 1, arbitrary: fc.constantFrom(5 as unknown as TextRow, {} as unknown as TextRow, [] as unknown as TextRow, 10n as unknown as TextRow, true as unknown as TextRow) },
  );
  return fc.oneof(fc.array(cell, { minLength: 0, maxLength: 20 }), cell.map((c) => [c]));
}
