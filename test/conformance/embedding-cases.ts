/**
 * EmbeddingTable registered with the shared conformance and skew suites: the three
 * sources (corpus, pretrained, random), the four poolings, the three storage
 * precisions, every OOV policy, string and integer tokens, single tokens and token
 * lists. Real data: KJV verses as word lists (fixtures/data/kjv-sample.jsonl), pretrained
 * vectors in GloVe and word2vec formats (fixtures/embedding/vectors/), ISO 3166-2
 * subdivision codes as a high-cardinality categorical, penguin measurements as ids.
 */
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { EmbeddingTable, parseGloveText, parseWord2vecText } from "../../src/index.js";
import type { EmbeddingInput } from "../../src/index.js";
import { type CatRow, extremeCategorical, isoColumn, penguinColumn, stringColumn } from "./categorical-arbitraries.js";
import { extremeMultiValuedRows } from "./hashing-arbitraries.js";
import { kjvDocs } from "./text-arbitraries.js";
import type { ConformanceCase } from "./subject.js";

type Row = CatRow | CatRow[];
const asInput = (rows: Row[]): EmbeddingInput => rows;

const vectorsFile = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`../../fixtures/embedding/vectors/${name}`, import.meta.url)));
const GLOVE = parseGloveText(vectorsFile("kjv-16d.glove.txt"));
const W2V = parseWord2vecText(vectorsFile("kjv-16d.w2v.txt"));

/** KJV verses as lowercase word lists. */
function kjvWords(step = 1): string[][] {
  return kjvDocs(step).map((v) => v.toLowerCase().match(/[a-z]+/g) ?? []);
}

/** Valid random rows: lists of words (some from the pretrained vocabulary), single words, missing entries and rows, empty rows. */
function wordRows(): fc.Arbitrary<Row[]> {
  const word = fc.constantFrom<CatRow>("the", "and", "lord", "light", "day", "night", "god", "earth", "", "ß", "e\u0301", "__proto__", "日本", "😀", "zzz");
  const cell = fc.oneof({ weight: 12, arbitrary: word }, { weight: 1, arbitrary: fc.constantFrom<CatRow>(null, undefined, NaN) });
  const row = fc.oneof({ weight: 8, arbitrary: fc.array(cell, { maxLength: 8 }) as fc.Arbitrary<Row> }, { weight: 2, arbitrary: cell as fc.Arbitrary<Row> });
  return fc.array(row, { minLength: 1, maxLength: 30 });
}

/** Valid random integer id sequences (0 is the padding mask in the case using them). */
function idRows(): fc.Arbitrary<Row[]> {
  const id = fc.oneof(fc.integer({ min: 0, max: 12 }), fc.constantFrom(-1, 2 ** 40, -0));
  return fc.array(fc.array(id, { maxLength: 8 }) as fc.Arbitrary<Row>, { minLength: 1, maxLength: 30 });
}

/** Penguins as padded id sequences: [flipper length, body mass / 100, 0, 0] (NA -> missing). */
function penguinIds(): Row[] {
  const flipper = penguinColumn("Flipper Length (mm)");
  const mass = penguinColumn("Body Mass (g)");
  return flipper.map((f, i) => [f === null ? null : Number(f), mass[i] === null ? null : Math.round(Number(mass[i]) / 100), 0, 0]);
}

const listBadInputs = (): ConformanceCase<Row, EmbeddingInput>["badInputs"] => [
  { label: "a number token in a string row", input: () => [["the", 5]], code: "INVALID_INPUT" },
  { label: "a boolean row in a string column", input: () => [true], code: "INVALID_INPUT" },
  { label: "an object row", input: () => [{} as unknown as Row], code: "INVALID_INPUT" },
  { label: "a bigint token", input: () => [[3n as unknown as CatRow]], code: "INVALID_INPUT" },
  { label: "an infinite token", input: () => [[Infinity]], code: "INVALID_INPUT" },
  { label: "a string instead of a column", input: () => "the" as unknown as EmbeddingInput, code: "INVALID_INPUT" },
  { label: "null instead of a column", input: () => null as unknown as EmbeddingInput, code: "INVALID_INPUT" },
];

export const EMBEDDING_CASES: ConformanceCase<Row, EmbeddingInput>[] = [
  {
    label: "EmbeddingTable corpus (PPMI + SVD) dims=8 window=2 minCount=2 on KJV verses",
    make: () => new EmbeddingTable({ name: "verse", dims: 8, window: 2, minCount: 2, seed: 5 }),
    toInput: asInput,
    realRows: kjvWords(2),
    realTransformRows: [...kjvWords(3), ["unknown", "words"], [], null, "light"],
    rows: wordRows(),
    extremeRows: extremeMultiValuedRows() as fc.Arbitrary<Row[]>,
    mergeTolerance: 0,
    badInputs: listBadInputs(),
    emptyFitThrows: true,
  },
  {
    label: "EmbeddingTable pretrained GloVe oov=hashBuckets pooling=tfIdfMean storage=float16 mask='' on KJV verses",
    make: () => new EmbeddingTable({ name: "words", vectors: GLOVE, oov: "hashBuckets", oovBuckets: 8, pooling: "tfIdfMean", storage: "float16", maskToken: "" }),
    toInput: asInput,
    realRows: kjvWords(),
    realTransformRows: [...kjvWords(2), ["", "", "light"], ["not", "in", "the", "vectorz"]],
    rows: wordRows(),
    extremeRows: extremeMultiValuedRows() as fc.Arbitrary<Row[]>,
    mergeTolerance: 0,
    badInputs: listBadInputs(),
    emptyFitThrows: true,
  },
  {
    label: "EmbeddingTable pretrained word2vec text maxTokens=120 oov=random pooling=sum storage=int8 on KJV verses",
    make: () => new EmbeddingTable({ name: "words", vectors: W2V, maxTokens: 120, oov: "random", seed: 3, pooling: "sum", storage: "int8" }),
    toInput: asInput,
    realRows: kjvWords(),
    rows: wordRows(),
    extremeRows: extremeMultiValuedRows() as fc.Arbitrary<Row[]>,
    mergeTolerance: 0,
    badInputs: listBadInputs(),
    emptyFitThrows: true,
  },
  {
    label: "EmbeddingTable random (entity embeddings) dims=6 maxTokens=500 oov=hashBuckets storage=int8 missing=error on ISO subdivision codes",
    make: () => new EmbeddingTable({ name: "code", source: "random", dims: 6, maxTokens: 500, oov: "hashBuckets", oovBuckets: 16, storage: "int8", missing: "error" }),
    toInput: asInput,
    realRows: isoColumn("code"),
    realTransformRows: [...isoColumn("code").slice(0, 300), "XX-ZZ", "", "__proto__"],
    rows: stringColumn(),
    extremeRows: extremeCategorical() as fc.Arbitrary<Row[]>,
    mergeTolerance: 0,
    badInputs: [
      ...listBadInputs(),
      { label: "a missing value (missing: error)", input: () => [null], code: "INVALID_INPUT" },
      { label: "a missing token in a list (missing: error)", input: () => [["FR-75", NaN]], code: "INVALID_INPUT" },
    ],
    emptyFitThrows: true,
  },
  {
    label: "EmbeddingTable random dims=5 pooling=max mask=0 oov=mean storage=float16 on penguin id sequences",
    make: () => new EmbeddingTable({ name: "ids", source: "random", dims: 5, pooling: "max", maskToken: 0, oov: "mean", storage: "float16", seed: 11 }),
    toInput: asInput,
    realRows: penguinIds(),
    realTransformRows: [...penguinIds(), [0, 0, 0], [999, 0], 181],
    rows: idRows(),
    extremeRows: extremeMultiValuedRows() as fc.Arbitrary<Row[]>,
    mergeTolerance: 0,
    badInputs: [
      { label: "a string token", input: () => [[181, "a"]], code: "INVALID_INPUT" },
      { label: "an infinite id", input: () => [[-Infinity]], code: "INVALID_INPUT" },
      { label: "an object row", input: () => [{} as unknown as Row], code: "INVALID_INPUT" },
      { label: "null instead of a column", input: () => null as unknown as EmbeddingInput, code: "INVALID_INPUT" },
    ],
    emptyFitThrows: true,
  },
];
