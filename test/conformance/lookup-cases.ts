/**
 * StringLookup and IntegerLookup registered with the shared suites: single-valued cases
 * (int, oneHot) take a column, multi-valued ones (multiHot, count, tfIdf) take rows of
 * value lists, so those have their own row type and toInput. Only fitted vocabularies
 * are registered: a lookup given its vocabulary is fitted from construction, which the
 * suites' "not fitted before fit" check does not expect (unit tests cover it).
 */
import fc from "fast-check";
import { IntegerLookup, StringLookup } from "../../src/index.js";
import type { CategoricalColumn, LookupInput } from "../../src/index.js";
import { type CatRow, extremeCategorical, isoColumn, penguinColumn, stringColumn } from "./categorical-arbitraries.js";
import { extremeMultiValuedRows, isoWords } from "./hashing-arbitraries.js";
import type { ConformanceCase } from "./subject.js";

/** Lets a case of another row/input type sit in CATEGORICAL_CASES (the suites erase the types anyway). */
function registered<Row, In>(c: ConformanceCase<Row, In>): ConformanceCase<CatRow, CategoricalColumn> {
  return c as unknown as ConformanceCase<CatRow, CategoricalColumn>;
}

type Bag = CatRow[];
const asRows = (rows: Bag[]): LookupInput => rows;
const asColumn = (rows: CatRow[]): LookupInput => rows;

/** Valid random strings without missing values (lookups refuse missing values at transform). */
const presentStrings = (): fc.Arbitrary<CatRow[]> => stringColumn().map((xs) => xs.filter((v) => v != null));

/** Valid random rows of strings from a small pool, so tokens repeat within and across rows. */
function stringBags(): fc.Arbitrary<Bag[]> {
  const token = fc.constantFrom<CatRow>("a", "b", "c", "", "ß", "é", "e\u0301", "__proto__", "日本", "😀", "\uff01", "[UNK]");
  return fc.array(fc.oneof({ weight: 6, arbitrary: fc.array(token, { maxLength: 6 }) }, { weight: 1, arbitrary: token.map((t) => [t]) }), {
    minLength: 1,
    maxLength: 30,
  });
}

/** Valid random integers, repeated, negative, large, the OOV token -1 and the mask 0 included. */
function integerColumn(): fc.Arbitrary<CatRow[]> {
  const v = fc.oneof(fc.integer({ min: -6, max: 6 }), fc.constantFrom(2 ** 40, -(2 ** 40), Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, -0));
  return fc.array(v, { minLength: 1, maxLength: 40 });
}

/** Hostile integer-ish values: unsafe integers, fractions, NaN/±Inf, -0, strings, booleans. */
function extremeIntegers(): fc.Arbitrary<CatRow[]> {
  const cell: fc.Arbitrary<CatRow> = fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: -3, max: 3 }) },
    { weight: 2, arbitrary: fc.integer() },
    {
      weight: 2,
      arbitrary: fc.constantFrom<CatRow>(-0, -1, 0, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 2 ** 53, -(2 ** 60), 1e308, 0.5, 5e-324, NaN, Infinity, -Infinity),
    },
    { weight: 1, arbitrary: fc.constantFrom<CatRow>(null, undefined, "1", true, {} as unknown as CatRow, 3n as unknown as CatRow) },
  );
  return fc.oneof(fc.array(cell, { maxLength: 30 }), cell.map((c) => [c]));
}

/** Penguin comments as word lists (NA -> an empty row): long, repetitive real text. */
function commentWords(): Bag[] {
  return penguinColumn("Comments").map((c) => (c === null ? [] : c.split(" ").filter((w) => w !== "")));
}

/** A penguin numeric column as integers (NA -> null; fractional values rounded). */
function penguinIntegers(name: string): (number | null)[] {
  return penguinColumn(name).map((v) => (v === null ? null : Math.round(Number(v))));
}

const present = <T>(xs: (T | null)[]): T[] => xs.filter((x): x is T => x !== null);

/** As categoricalBadInputs in categorical-cases.ts (not imported: that module imports this one). */
function stringBadInputs(extra: ConformanceCase<CatRow, LookupInput>["badInputs"] = []): ConformanceCase<CatRow, LookupInput>["badInputs"] {
  return [
    { label: "a number in a string column", input: () => [5], code: "INVALID_INPUT" },
    { label: "an object", input: () => [{} as unknown as CatRow], code: "INVALID_INPUT" },
    { label: "a bigint", input: () => [3n as unknown as CatRow], code: "INVALID_INPUT" },
    { label: "a string instead of a column", input: () => "Biscoe" as unknown as LookupInput, code: "INVALID_INPUT" },
    { label: "null instead of a column", input: () => null as unknown as LookupInput, code: "INVALID_INPUT" },
    ...extra,
  ];
}

const bagBadInputs = (): ConformanceCase<Bag, LookupInput>["badInputs"] => [
  { label: "a number token in a string row", input: () => [["a", 5]], code: "INVALID_INPUT" },
  { label: "a missing token", input: () => [["a", null]], code: "INVALID_INPUT" },
  { label: "a null row", input: () => [null], code: "INVALID_INPUT" },
  { label: "an object row", input: () => [{} as unknown as Bag], code: "INVALID_INPUT" },
  { label: "a string instead of a list of rows", input: () => "Biscoe" as unknown as LookupInput, code: "INVALID_INPUT" },
  { label: "null instead of a list of rows", input: () => null as unknown as LookupInput, code: "INVALID_INPUT" },
];

const integerBadInputs = (): ConformanceCase<CatRow, LookupInput>["badInputs"] => [
  { label: "a string", input: () => ["181"], code: "INVALID_INPUT" },
  { label: "a fraction", input: () => [181.5], code: "INVALID_INPUT" },
  { label: "an unsafe integer", input: () => [2 ** 60], code: "INVALID_INPUT" },
  { label: "a missing value", input: () => [null], code: "INVALID_INPUT" },
  { label: "NaN", input: () => [NaN], code: "INVALID_INPUT" },
  { label: "a bigint", input: () => [3n as unknown as CatRow], code: "INVALID_INPUT" },
  { label: "a string instead of a column", input: () => "181" as unknown as LookupInput, code: "INVALID_INPUT" },
];

export const LOOKUP_CASES: ConformanceCase<CatRow, CategoricalColumn>[] = [
  registered<CatRow, LookupInput>({
    label: "StringLookup int on penguin islands",
    make: () => new StringLookup({ name: "island" }),
    toInput: asColumn,
    realRows: penguinColumn("Island"),
    realTransformRows: [...penguinColumn("Island"), "Atlantis", "", "__proto__"],
    rows: presentStrings(),
    extremeRows: extremeCategorical(),
    mergeTolerance: 0,
    badInputs: stringBadInputs([
      { label: "a missing value", input: () => [null], code: "INVALID_INPUT" },
      { label: "a list in int mode", input: () => [["Biscoe"] as unknown as CatRow], code: "INVALID_INPUT" },
    ]),
    emptyFitThrows: true,
  }),
  registered<CatRow, LookupInput>({
    label: "StringLookup oneHot mask='' numOovIndices=3 maxTokens=40 on non-ASCII ISO names",
    make: () => new StringLookup({ name: "name", outputMode: "oneHot", maskToken: "", numOovIndices: 3, maxTokens: 40 }),
    toInput: asColumn,
    realRows: isoColumn("name"),
    realTransformRows: [...isoColumn("name").slice(0, 200), "", "Atlantis", "e\u0301"],
    rows: presentStrings(),
    extremeRows: extremeCategorical(),
    mergeTolerance: 0,
    badInputs: stringBadInputs([{ label: "a lone surrogate hashed to an OOV bucket", input: () => ["\ud800"], code: "INVALID_INPUT" }]),
    emptyFitThrows: true,
  }),
  registered<Bag, LookupInput>({
    label: "StringLookup multiHot on ISO name words",
    make: () => new StringLookup({ name: "words", outputMode: "multiHot" }),
    toInput: asRows,
    realRows: isoWords(),
    rows: stringBags(),
    extremeRows: extremeMultiValuedRows() as fc.Arbitrary<Bag[]>,
    mergeTolerance: 0,
    badInputs: bagBadInputs(),
    emptyFitThrows: true,
  }),
  registered<Bag, LookupInput>({
    label: "StringLookup count numOovIndices=2 on penguin comment words",
    make: () => new StringLookup({ name: "comments", outputMode: "count", numOovIndices: 2 }),
    toInput: asRows,
    realRows: commentWords(),
    realTransformRows: isoWords(),
    rows: stringBags(),
    extremeRows: extremeMultiValuedRows() as fc.Arbitrary<Bag[]>,
    mergeTolerance: 0,
    badInputs: bagBadInputs(),
    emptyFitThrows: true,
  }),
  registered<Bag, LookupInput>({
    label: "StringLookup tfIdf maxTokens=30 padToMaxTokens mask='' on penguin comment words",
    make: () => new StringLookup({ name: "comments", outputMode: "tfIdf", maxTokens: 30, padToMaxTokens: true, maskToken: "" }),
    toInput: asRows,
    realRows: commentWords(),
    realTransformRows: [...commentWords(), ...isoWords().slice(0, 100)],
    rows: stringBags(),
    extremeRows: extremeMultiValuedRows() as fc.Arbitrary<Bag[]>,
    mergeTolerance: 0,
    badInputs: bagBadInputs(),
    emptyFitThrows: true,
  }),
  registered<CatRow, LookupInput>({
    label: "IntegerLookup int mask=0 numOovIndices=2 on penguin flipper lengths",
    make: () => new IntegerLookup({ name: "flipper", maskToken: 0, numOovIndices: 2 }),
    toInput: asColumn,
    realRows: penguinIntegers("Flipper Length (mm)"),
    realTransformRows: [...present(penguinIntegers("Flipper Length (mm)")), ...present(penguinIntegers("Body Mass (g)")), 0, -1, -7],
    rows: integerColumn(),
    extremeRows: extremeIntegers(),
    mergeTolerance: 0,
    badInputs: integerBadInputs(),
    emptyFitThrows: true,
  }),
  registered<Bag, LookupInput>({
    label: "IntegerLookup count maxTokens=20 on penguin (flipper, culmen) rows",
    make: () => new IntegerLookup({ name: "sizes", outputMode: "count", maxTokens: 20 }),
    toInput: asRows,
    realRows: ((): Bag[] => {
      const flipper = penguinIntegers("Flipper Length (mm)");
      const culmen = penguinIntegers("Culmen Length (mm)");
      return flipper.map((f, i) => present([f, culmen[i], f]));
    })(),
    rows: fc.array(integerColumn(), { minLength: 1, maxLength: 20 }) as fc.Arbitrary<Bag[]>,
    extremeRows: fc.array(fc.oneof(extremeIntegers(), extremeIntegers().map((xs) => xs[0])), { maxLength: 20 }) as fc.Arbitrary<Bag[]>,
    mergeTolerance: 0,
    badInputs: [
      { label: "a string token", input: () => [[181, "a"]], code: "INVALID_INPUT" },
      { label: "a fractional token", input: () => [[0.5]], code: "INVALID_INPUT" },
      { label: "a missing token", input: () => [[181, null]], code: "INVALID_INPUT" },
      { label: "a null row", input: () => [null], code: "INVALID_INPUT" },
      { label: "null instead of a list of rows", input: () => null as unknown as LookupInput, code: "INVALID_INPUT" },
    ],
    emptyFitThrows: true,
  }),
];
