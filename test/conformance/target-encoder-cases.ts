/**
 * TargetEncoder under the shared suites. Its rows are (category, target) pairs: fit needs
 * the target, so `toInput` builds a labelled column { values, target }; transform takes
 * the same object and ignores the target.
 */
import fc from "fast-check";
import { type LabelledColumn, TargetEncoder, type TargetEncoderInput } from "../../src/index.js";
import { type CatRow, extremeCategorical, isoColumn, penguinColumn, stringColumn } from "./categorical-arbitraries.js";
import type { ConformanceCase } from "./subject.js";

export interface TargetRow {
  x: CatRow;
  y: number | boolean | null | undefined;
}

const toInput = (rows: TargetRow[]): LabelledColumn => ({ values: rows.map((r) => r.x), target: rows.map((r) => r.y as number) });

/** Penguin rows as (category, target) pairs, leaving out rows whose target is NA. */
function pairs(x: string, targetColumn: string, y: (v: string) => number | boolean): TargetRow[] {
  const xs = penguinColumn(x);
  const ts = penguinColumn(targetColumn);
  return xs.flatMap((v, i) => {
    const t = ts[i];
    return t === null ? [] : [{ x: v, y: y(t) }];
  });
}

const SPECIES: Record<string, number> = {
  "Adelie Penguin (Pygoscelis adeliae)": 0,
  "Chinstrap penguin (Pygoscelis antarctica)": 1,
  "Gentoo penguin (Pygoscelis papua)": 2,
};

/**
 * Bad inputs for transform (fitted on strings). Defined here rather than taken from
 * categorical-cases.ts, which imports this file (a cycle would leave one side undefined).
 */
const BAD_INPUTS: ConformanceCase<TargetRow, TargetEncoderInput>["badInputs"] = [
  { label: "a number in a string column", input: () => [5], code: "INVALID_INPUT" },
  { label: "an object", input: () => [{} as unknown as CatRow], code: "INVALID_INPUT" },
  { label: "a bigint", input: () => [3n as unknown as CatRow], code: "INVALID_INPUT" },
  { label: "a string instead of a column", input: () => "Biscoe" as unknown as TargetEncoderInput, code: "INVALID_INPUT" },
  { label: "null instead of a column", input: () => null as unknown as TargetEncoderInput, code: "INVALID_INPUT" },
  { label: "a labelled column with a number in it", input: () => ({ values: ["a", 5], target: [1, 2] }), code: "INVALID_INPUT" },
];

/** Random valid data: pooled categories (with missing) and targets of the case's kind. */
function validRows(target: fc.Arbitrary<number | boolean>): fc.Arbitrary<TargetRow[]> {
  return stringColumn().chain((xs) => fc.array(target, { minLength: xs.length, maxLength: xs.length }).map((ys) => xs.map((x, i) => ({ x, y: ys[i] }))));
}

/** Finite targets at the edges: float32 extremes, subnormals, -0, values whose squares underflow. */
const edgeTarget = fc.oneof(
  { weight: 3, arbitrary: fc.double({ min: -3.4028234663852886e38, max: 3.4028234663852886e38, noNaN: true }) },
  { weight: 2, arbitrary: fc.constantFrom(0, -0, 5e-324, -5e-324, 1e-300, -2.2250738585072014e-308, 3.4028234663852886e38, -3.4028234663852886e38, 1, 1 + 2 ** -52, 0.1, 1e20) },
  { weight: 1, arbitrary: fc.integer() },
);

/** Targets of one kind at the edges: any for continuous, two (binary) or up to four (multiclass) edge labels. */
function edgeTargets(kind: "continuous" | "binary" | "multiclass", n: number): fc.Arbitrary<number[]> {
  if (kind === "continuous") return fc.array(edgeTarget, { minLength: n, maxLength: n });
  const labels = fc.uniqueArray(edgeTarget, { minLength: 1, maxLength: kind === "binary" ? 2 : 4, comparator: "SameValueZero" });
  return labels.chain((ls) => fc.array(fc.constantFrom(...ls), { minLength: n, maxLength: n }));
}

/**
 * Hostile data: the shared extreme categorical cells (mixed types, objects, lone
 * surrogates...) with extreme, missing or ill-typed targets — mostly typed errors — and,
 * as often, well-typed columns (strange strings, missing values) with edge targets, so
 * that fits succeed on many rows and merge exactness is really exercised.
 */
function hostileRows(kind: "continuous" | "binary" | "multiclass"): fc.Arbitrary<TargetRow[]> {
  const target: fc.Arbitrary<TargetRow["y"]> = fc.oneof(
    { weight: 4, arbitrary: fc.double() },
    { weight: 3, arbitrary: fc.constantFrom(0, -0, 1, 2, 5e-324, -2.2250738585072014e-308, 3.4028234663852886e38, -3.4e38, 1e308, 1e-300) },
    { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, null, undefined, true, false) },
    { weight: 1, arbitrary: fc.constant("1" as unknown as number) },
  );
  const wild = extremeCategorical().chain((xs) => fc.array(target, { minLength: xs.length, maxLength: xs.length }).map((ys) => xs.map((x, i) => ({ x, y: ys[i] }))));
  const cell: fc.Arbitrary<CatRow> = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom("a", "b", "c", "__proto__", "toString", "", " ", "\u0000", "\u{1F469}\u200D\u{1F469}\u200D\u{1F467}", "e\u0301", "\u00e9") },
    { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 3 }) },
    { weight: 1, arbitrary: fc.constantFrom(null, undefined, NaN) },
  );
  const tame = fc
    .array(cell, { minLength: 0, maxLength: 40 })
    .chain((xs) => edgeTargets(kind, xs.length).map((ys) => xs.map((x, i) => ({ x, y: ys[i] }))));
  return fc.oneof(wild, tame);
}

function targetCase(
  label: string,
  make: () => TargetEncoder,
  realRows: TargetRow[],
  target: fc.Arbitrary<number | boolean>,
  kind: "continuous" | "binary" | "multiclass",
): ConformanceCase<TargetRow, TargetEncoderInput> {
  return {
    label,
    make,
    toInput,
    realRows,
    rows: validRows(target),
    extremeRows: hostileRows(kind),
    // Exact sums: partialFit + merge gives fit's state bit for bit.
    mergeTolerance: 0,
    badInputs: BAD_INPUTS,
    emptyFitThrows: true,
  };
}

export const TARGET_ENCODER_CASES: ConformanceCase<TargetRow, TargetEncoderInput>[] = [
  targetCase(
    "TargetEncoder continuous, island -> body mass",
    () => new TargetEncoder({ name: "island", targetType: "continuous" }),
    pairs("Island", "Body Mass (g)", Number),
    fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    "continuous",
  ),
  targetCase(
    "TargetEncoder binary smooth=2, comments (missing) -> clutch completion",
    () => new TargetEncoder({ name: "comments", targetType: "binary", smooth: 2 }),
    pairs("Comments", "Clutch Completion", (v) => v === "Yes"),
    fc.constantFrom(0, 1),
    "binary",
  ),
  targetCase(
    "TargetEncoder multiclass, sex (missing) -> species",
    () => new TargetEncoder({ name: "sex", targetType: "multiclass" }),
    pairs("Sex", "Species", (v) => SPECIES[v]),
    fc.constantFrom(0, 1, 2, 5),
    "multiclass",
  ),
  targetCase(
    "TargetEncoder continuous smooth=0, non-ASCII ISO names -> name length",
    () => new TargetEncoder({ name: "name", targetType: "continuous", smooth: 0 }),
    isoColumn("name").map((x) => ({ x, y: [...x].length })),
    fc.integer({ min: -5, max: 5 }),
    "continuous",
  ),
];
