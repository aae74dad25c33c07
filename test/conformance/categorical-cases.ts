/** Categorical transforms registered with the shared conformance and skew suites. */
import { OneHotEncoder, OrdinalEncoder } from "../../src/index.js";
import type { CategoricalColumn } from "../../src/index.js";
import { type CatRow, extremeCategorical, isoColumn, penguinColumn, stringColumn } from "./categorical-arbitraries.js";
import type { ConformanceCase } from "./subject.js";
import { HASHING_CASES } from "./hashing-cases.js";
import { TARGET_ENCODER_CASES } from "./target-encoder-cases.js";
import { LOOKUP_CASES } from "./lookup-cases.js";

const asColumn = (rows: CatRow[]): CategoricalColumn => rows;

/** Bad inputs every string-category transform fitted on penguin islands must reject. */
export function categoricalBadInputs(extra: ConformanceCase<CatRow, CategoricalColumn>["badInputs"] = []): ConformanceCase<CatRow, CategoricalColumn>["badInputs"] {
  return [
    { label: "a number in a string column", input: () => [5], code: "INVALID_INPUT" },
    { label: "an object", input: () => [{} as unknown as CatRow], code: "INVALID_INPUT" },
    { label: "a bigint", input: () => [3n as unknown as CatRow], code: "INVALID_INPUT" },
    { label: "a string instead of a column", input: () => "Biscoe" as unknown as CategoricalColumn, code: "INVALID_INPUT" },
    { label: "null instead of a column", input: () => null as unknown as CategoricalColumn, code: "INVALID_INPUT" },
    ...extra,
  ];
}

export function categoricalCase(
  label: string,
  make: ConformanceCase<CatRow, CategoricalColumn>["make"],
  extra: Partial<ConformanceCase<CatRow, CategoricalColumn>> = {},
): ConformanceCase<CatRow, CategoricalColumn> {
  return {
    label,
    make,
    toInput: asColumn,
    realRows: penguinColumn("Island"),
    rows: stringColumn(),
    extremeRows: extremeCategorical(),
    mergeTolerance: 0,
    badInputs: categoricalBadInputs(),
    emptyFitThrows: true,
    ...extra,
  };
}

export const CATEGORICAL_CASES: ConformanceCase<CatRow, CategoricalColumn>[] = [
  ...HASHING_CASES,
  ...LOOKUP_CASES,
  categoricalCase("OneHotEncoder", () => new OneHotEncoder({ name: "island" }), {
    badInputs: categoricalBadInputs([{ label: "an unknown island", input: () => ["Atlantis"], code: "INVALID_INPUT" }]),
  }),
  categoricalCase("OneHotEncoder ignore, sex with missing", () => new OneHotEncoder({ name: "sex", handleUnknown: "ignore" }), {
    realRows: penguinColumn("Sex"),
  }),
  categoricalCase(
    "OneHotEncoder infrequentIfExist maxCategories=8 drop=first on ISO subdivision types",
    () => new OneHotEncoder({ name: "type", handleUnknown: "infrequentIfExist", maxCategories: 8, drop: "first" }),
    { realRows: isoColumn("type") },
  ),
  categoricalCase("OneHotEncoder minFrequency=0.05 on non-ASCII names", () => new OneHotEncoder({ name: "country", handleUnknown: "infrequentIfExist", minFrequency: 0.05 }), {
    realRows: isoColumn("country"),
  }),
  categoricalCase("OrdinalEncoder", () => new OrdinalEncoder({ name: "island" }), {
    badInputs: categoricalBadInputs([{ label: "an unknown island", input: () => ["Atlantis"], code: "INVALID_INPUT" }]),
  }),
  categoricalCase("OrdinalEncoder useEncodedValue, sex with missing", () => new OrdinalEncoder({ name: "sex", handleUnknown: "useEncodedValue", unknownValue: -2 }), {
    realRows: penguinColumn("Sex"),
  }),
  categoricalCase("OrdinalEncoder missing error on non-ASCII names", () => new OrdinalEncoder({ name: "name", missing: "error", handleUnknown: "useEncodedValue", unknownValue: 1000 }), {
    realRows: isoColumn("name"),
    badInputs: categoricalBadInputs([{ label: "a missing value", input: () => [null], code: "INVALID_INPUT" }]),
  }),
  // Rows are (category, target) pairs with their own toInput; the suites only pass a case's rows back to it.
  ...(TARGET_ENCODER_CASES as unknown as ConformanceCase<CatRow, CategoricalColumn>[]),
];
