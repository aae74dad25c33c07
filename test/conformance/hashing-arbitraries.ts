/** fast-check arbitraries and real rows for the hashers (token lists, pairs, crossed columns). */
import fc from "fast-check";
import type { FeaturePair } from "../../src/index.js";
import { type CatRow, extremeCategorical, isoColumn, penguinColumn } from "./categorical-arbitraries.js";

/** A FeatureHasher "string" row built from one cell: strings split on spaces, missing -> no tokens, anything else as one (bad) token. */
export function tokensOf(v: CatRow): string[] {
  if (typeof v === "string") return v.split(" ").filter((t) => t !== "");
  if (v == null) return [];
  return [v as unknown as string];
}

const PAIR_STRINGS = ["Species", "Island", "Stage", "Clutch Completion", "Sex"];
const PAIR_NUMBERS = ["Culmen Length (mm)", "Culmen Depth (mm)", "Flipper Length (mm)", "Body Mass (g)", "Delta 15 N (o/oo)", "Delta 13 C (o/oo)"];

/** Penguin rows as [column, value] pairs: string columns as string values, numeric ones as numbers; NA omitted. */
export function penguinPairs(): FeaturePair[][] {
  const strings = PAIR_STRINGS.map((c) => [c, penguinColumn(c)] as const);
  const numbers = PAIR_NUMBERS.map((c) => [c, penguinColumn(c)] as const);
  return strings[0][1].map((_, i) => {
    const row: FeaturePair[] = [];
    for (const [c, col] of strings) if (col[i] !== null) row.push([c, col[i] as string]);
    for (const [c, col] of numbers) if (col[i] !== null) row.push([c, Number(col[i])]);
    return row;
  });
}

/** Valid random pair rows: repeated feature names (so columns collide), string / number / boolean values. */
export function pairRows(): fc.Arbitrary<FeaturePair[][]> {
  const name = fc.constantFrom("a", "b", "colour", "__proto__", "é", "日本", "");
  const value = fc.oneof(
    fc.constantFrom("x", "y", "", "Biscoe", "😀"),
    fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
    fc.integer({ min: -5, max: 5 }),
    fc.boolean(),
  );
  return fc.array(fc.array(fc.tuple(name, value), { maxLength: 8 }), { minLength: 1, maxLength: 30 });
}

/** Hostile pair rows: extreme and non-finite values, missing values, bad names, malformed pairs, lone surrogates. */
export function extremePairRows(): fc.Arbitrary<FeaturePair[][]> {
  const name = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom("a", "b", "__proto__", "constructor", "", "\u0000", "x".repeat(10_000)) },
    { weight: 1, arbitrary: fc.constantFrom("\ud800", 5 as unknown as string, null as unknown as string) },
  );
  const value = fc.oneof(
    fc.constantFrom<FeaturePair[1]>(0, -0, 1, -1, 1e308, -1e308, 3.4e38, 5e-324, 1e-310, Number.MAX_SAFE_INTEGER, true, false, "", "v", "\ud800"),
    fc.double(),
    fc.constantFrom(null, undefined, {}, 10n) as unknown as fc.Arbitrary<FeaturePair[1]>,
  );
  const pair = fc.oneof(
    { weight: 12, arbitrary: fc.tuple(name, value) as fc.Arbitrary<FeaturePair> },
    { weight: 1, arbitrary: fc.constantFrom(["a"], ["a", 1, 2], "ab", null) as unknown as fc.Arbitrary<FeaturePair> },
  );
  const row = fc.oneof({ weight: 12, arbitrary: fc.array(pair, { maxLength: 6 }) }, { weight: 1, arbitrary: fc.constantFrom("ab", null) as unknown as fc.Arbitrary<FeaturePair[]> });
  return fc.array(row, { maxLength: 20 });
}

/** Rows of real multi-valued cells: each ISO name's words (for multiHot / count). */
export function isoWords(): string[][] {
  return isoColumn("name").map((n) => n.split(" "));
}

/** Valid random multi-valued rows from a small pool (values repeat within and across rows). */
export function multiValuedRows(): fc.Arbitrary<CatRow[][]> {
  return fc.array(fc.array(fc.constantFrom<CatRow>("a", "b", "c", "", "ß", "__proto__", "日本", 1, 2.5, true), { maxLength: 6 }), { minLength: 1, maxLength: 30 });
}

/** Hostile multi-valued rows: lists of hostile cells, bare cells, empty lists. */
export function extremeMultiValuedRows(): fc.Arbitrary<(CatRow | CatRow[])[]> {
  const cell = extremeCategorical().map((xs) => xs[0]);
  return fc.array(fc.oneof(extremeCategorical(), cell) as fc.Arbitrary<CatRow | CatRow[]>, { maxLength: 20 });
}

/** Real crossed rows: (Species, Island) of the penguins. */
export function penguinCrossRows(): [CatRow, CatRow][] {
  const species = penguinColumn("Species");
  const island = penguinColumn("Island");
  return species.map((s, i) => [s, island[i]]);
}

/** Real crossed rows for 3 columns: (country, type, name) of the ISO sample. */
export function isoCrossRows(): [CatRow, CatRow, CatRow][] {
  const country = isoColumn("country");
  const type = isoColumn("type");
  const name = isoColumn("name");
  return country.map((c, i) => [c, type[i], name[i]]);
}

/** Random crossed rows of `d` columns from string and number pools. */
export function crossRows(d: number): fc.Arbitrary<CatRow[][]> {
  const cell = fc.constantFrom<CatRow>("a", "b", "", "ß", "e\u0301", "__proto__", "日本", "😀", "1", 1, -2, 2.5, true, false);
  return fc.array(fc.array(cell, { minLength: d, maxLength: d }), { minLength: 1, maxLength: 30 });
}

/** Hostile crossed rows of `d` columns. */
export function extremeCrossRows(d: number): fc.Arbitrary<CatRow[][]> {
  const cell = extremeCategorical().map((xs) => (xs.length > 0 ? xs[0] : "a"));
  return fc.array(fc.array(cell, { minLength: d, maxLength: d }), { maxLength: 20 });
}

/** Rows of tuples -> the list of columns HashedCrossing takes. */
export function toColumns(rows: CatRow[][], d: number): CatRow[][] {
  return Array.from({ length: d }, (_, j) => rows.map((r) => r[j]));
}
