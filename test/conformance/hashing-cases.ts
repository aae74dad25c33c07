/**
 * The stateless hashers (FeatureHasher, Hashing, HashedCrossing) registered with the
 * shared suites. Their inputs are token lists, [feature, value] pairs, multi-valued rows
 * or several columns, so each case has its own row type and toInput; the suites only
 * pass a case's rows back to its own toInput.
 */
import fc from "fast-check";
import { FeatureHasher, HashedCrossing, Hashing } from "../../src/index.js";
import type { CategoricalColumn, FeaturePair } from "../../src/index.js";
import { type CatRow, extremeCategorical, isoColumn, penguinColumn, stringColumn } from "./categorical-arbitraries.js";
import {
  crossRows,
  extremeCrossRows,
  extremeMultiValuedRows,
  extremePairRows,
  isoCrossRows,
  isoWords,
  multiValuedRows,
  pairRows,
  penguinCrossRows,
  penguinPairs,
  toColumns,
  tokensOf,
} from "./hashing-arbitraries.js";
import type { ConformanceCase } from "./subject.js";

/** Lets a case of another row/input type sit in CATEGORICAL_CASES (the suites erase the types anyway). */
function registered<Row, In>(c: ConformanceCase<Row, In>): ConformanceCase<CatRow, CategoricalColumn> {
  return c as unknown as ConformanceCase<CatRow, CategoricalColumn>;
}

const notAList = <In>(): ConformanceCase<unknown, In>["badInputs"] => [
  { label: "a string instead of a list of rows", input: () => "Biscoe" as unknown as In, code: "INVALID_INPUT" },
  { label: "null instead of a list of rows", input: () => null as unknown as In, code: "INVALID_INPUT" },
  { label: "a number instead of a list of rows", input: () => 5 as unknown as In, code: "INVALID_INPUT" },
];

/** Valid random single values (no missing: hashers reject missing values at transform). */
const presentColumn = (): fc.Arbitrary<CatRow[]> => stringColumn().map((xs) => xs.filter((v) => v != null));

/** Hashing / HashedCrossing: every non-list value must hash or fail typed. */
const valueBadInputs = <In>(wrap: (v: unknown) => In): ConformanceCase<unknown, In>["badInputs"] => [
  ...notAList<In>(),
  { label: "a missing value", input: () => wrap(null), code: "INVALID_INPUT" },
  { label: "NaN", input: () => wrap(NaN), code: "INVALID_INPUT" },
  { label: "Infinity", input: () => wrap(Infinity), code: "INVALID_INPUT" },
  { label: "an object", input: () => wrap({}), code: "INVALID_INPUT" },
  { label: "a bigint", input: () => wrap(3n), code: "INVALID_INPUT" },
  { label: "a lone surrogate", input: () => wrap("a\ud800"), code: "INVALID_INPUT" },
];

type TokenIn = ReturnType<typeof tokensOfRows>;
const tokensOfRows = (rows: CatRow[]): string[][] => rows.map(tokensOf);

export const HASHING_CASES: ConformanceCase<CatRow, CategoricalColumn>[] = [
  registered<CatRow, TokenIn>({
    label: "FeatureHasher string nFeatures=64 on penguin comments / ISO names",
    make: () => new FeatureHasher({ name: "comments", nFeatures: 64 }),
    toInput: tokensOfRows,
    realRows: penguinColumn("Comments"),
    realTransformRows: isoColumn("name"),
    rows: stringColumn(),
    extremeRows: extremeCategorical(),
    mergeTolerance: 0,
    badInputs: [
      ...notAList<TokenIn>(),
      { label: "a row that is a string", input: () => ["Nest never observed"] as unknown as TokenIn, code: "INVALID_INPUT" },
      { label: "a null row", input: () => [null] as unknown as TokenIn, code: "INVALID_INPUT" },
      { label: "a number token", input: () => [[5]] as unknown as TokenIn, code: "INVALID_INPUT" },
      { label: "a null token", input: () => [["a", null]] as unknown as TokenIn, code: "INVALID_INPUT" },
      { label: "a lone surrogate", input: () => [["\udc00"]], code: "INVALID_INPUT" },
    ],
    emptyFitThrows: false,
    stateless: true,
  }),
  registered<CatRow, TokenIn>({
    label: "FeatureHasher string nFeatures=1 alternateSign=false",
    make: () => new FeatureHasher({ name: "tokens", nFeatures: 1, alternateSign: false }),
    toInput: tokensOfRows,
    realRows: isoColumn("name"),
    rows: stringColumn(),
    extremeRows: extremeCategorical(),
    mergeTolerance: 0,
    badInputs: notAList<TokenIn>(),
    emptyFitThrows: false,
    stateless: true,
  }),
  registered<FeaturePair[], FeaturePair[][]>({
    label: "FeatureHasher pair nFeatures=32 on penguin rows",
    make: () => new FeatureHasher({ name: "penguin", nFeatures: 32, inputType: "pair" }),
    toInput: (rows) => rows,
    realRows: penguinPairs(),
    rows: pairRows(),
    extremeRows: extremePairRows(),
    mergeTolerance: 0,
    badInputs: [
      ...notAList<FeaturePair[][]>(),
      { label: "a NaN value", input: () => [[["Body Mass (g)", NaN]]], code: "INVALID_INPUT" },
      { label: "an infinite value", input: () => [[["Body Mass (g)", -Infinity]]], code: "INVALID_INPUT" },
      { label: "a null value", input: () => [[["Sex", null]]] as unknown as FeaturePair[][], code: "INVALID_INPUT" },
      { label: "a number feature name", input: () => [[[3, 1]]] as unknown as FeaturePair[][], code: "INVALID_INPUT" },
      { label: "a pair of three", input: () => [[["a", 1, 2]]] as unknown as FeaturePair[][], code: "INVALID_INPUT" },
      { label: "a token instead of a pair", input: () => [["Sex"]] as unknown as FeaturePair[][], code: "INVALID_INPUT" },
      { label: "a sum outside float32", input: () => [[["a", 1e300]]], code: "INVALID_INPUT" },
    ],
    emptyFitThrows: false,
    stateless: true,
  }),
  registered<CatRow, CategoricalColumn>({
    label: "Hashing int numBins=8 on islands",
    make: () => new Hashing({ name: "island", numBins: 8 }),
    toInput: (rows) => rows,
    realRows: penguinColumn("Island"),
    realTransformRows: isoColumn("name"),
    rows: presentColumn(),
    extremeRows: extremeCategorical(),
    mergeTolerance: 0,
    badInputs: [...valueBadInputs<CategoricalColumn>((v) => [v as CatRow]), { label: "a list row in int mode", input: () => [["a"]] as unknown as CategoricalColumn, code: "INVALID_INPUT" }],
    emptyFitThrows: false,
    stateless: true,
  }),
  registered<CatRow, CategoricalColumn>({
    label: "Hashing oneHot numBins=16 salt=7 maskValue='' on ISO types",
    make: () => new Hashing({ name: "type", numBins: 16, outputMode: "oneHot", salt: 7, maskValue: "" }),
    toInput: (rows) => rows,
    realRows: isoColumn("type"),
    rows: presentColumn(),
    extremeRows: extremeCategorical(),
    mergeTolerance: 0,
    badInputs: valueBadInputs<CategoricalColumn>((v) => [v as CatRow]),
    emptyFitThrows: false,
    stateless: true,
  }),
  registered<CatRow[], CatRow[][]>({
    label: "Hashing count numBins=32 maskValue='a' on ISO name words",
    make: () => new Hashing({ name: "words", numBins: 32, outputMode: "count", maskValue: "a" }),
    toInput: (rows) => rows,
    realRows: isoWords(),
    rows: multiValuedRows(),
    extremeRows: extremeMultiValuedRows() as fc.Arbitrary<CatRow[][]>,
    mergeTolerance: 0,
    badInputs: valueBadInputs<CatRow[][]>((v) => [["ok", v as CatRow]]),
    emptyFitThrows: false,
    stateless: true,
  }),
  registered<CatRow[], CatRow[][]>({
    label: "Hashing multiHot numBins=5 salt=4294967295",
    make: () => new Hashing({ name: "tags", numBins: 5, outputMode: "multiHot", salt: 0xffffffff }),
    toInput: (rows) => rows,
    realRows: isoWords(),
    rows: multiValuedRows(),
    extremeRows: extremeMultiValuedRows() as fc.Arbitrary<CatRow[][]>,
    mergeTolerance: 0,
    badInputs: valueBadInputs<CatRow[][]>((v) => [[v as CatRow]]),
    emptyFitThrows: false,
    stateless: true,
  }),
  registered<CatRow[], CatRow[][]>({
    label: "HashedCrossing int numBins=64 species x island",
    make: () => new HashedCrossing({ name: "species_x_island", numBins: 64 }),
    toInput: (rows) => toColumns(rows, 2),
    realRows: penguinCrossRows(),
    rows: crossRows(2),
    extremeRows: extremeCrossRows(2),
    mergeTolerance: 0,
    badInputs: [
      ...valueBadInputs<CatRow[][]>((v) => [["Adelie"], [v as CatRow]]),
      { label: "one column", input: () => [["a"]], code: "SCHEMA_MISMATCH" },
      { label: "three columns", input: () => [["a"], ["b"], ["c"]], code: "SCHEMA_MISMATCH" },
      { label: "columns of different lengths", input: () => [["a", "b"], ["c"]], code: "INVALID_INPUT" },
      { label: "a column that is a string", input: () => ["ab", "cd"] as unknown as CatRow[][], code: "INVALID_INPUT" },
    ],
    emptyFitThrows: false,
    stateless: true,
  }),
  registered<CatRow[], CatRow[][]>({
    label: "HashedCrossing oneHot numBins=16 on 3 ISO columns",
    make: () => new HashedCrossing({ name: "iso_cross", numBins: 16, outputMode: "oneHot", nInputs: 3 }),
    toInput: (rows) => toColumns(rows, 3),
    realRows: isoCrossRows(),
    rows: crossRows(3),
    extremeRows: extremeCrossRows(3),
    mergeTolerance: 0,
    badInputs: valueBadInputs<CatRow[][]>((v) => [["FR"], ["Region"], [v as CatRow]]),
    emptyFitThrows: false,
    stateless: true,
  }),
];
