/** fast-check arbitraries and real columns for categorical transforms. */
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";

export type CatRow = string | number | boolean | null | undefined;

const DATA = fileURLToPath(new URL("../../fixtures/data", import.meta.url));

function csv(file: string): Record<string, string>[] {
  return parse(readFileSync(join(DATA, file), "utf8"), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
}

/** A penguins_raw.csv column as strings, "NA" as null. */
export function penguinColumn(name: string): (string | null)[] {
  return csv("penguins_raw.csv").map((r) => (r[name] === "NA" ? null : r[name]));
}

/** A column of the ISO 3166-2 sample (non-ASCII subdivision names, types, country codes). */
export function isoColumn(name: "code" | "country" | "type" | "name"): string[] {
  return csv("iso3166-2-sample.csv").map((r) => r[name]);
}

/** Ordinary string categories from a small pool (so categories repeat), some missing. */
export function stringColumn(): fc.Arbitrary<CatRow[]> {
  const pool = ["a", "b", "c", "Biscoe", "Dream", "", "ß", "é", "e\u0301", "__proto__", "constructor", "日本", "😀"];
  const cell = fc.oneof({ weight: 10, arbitrary: fc.constantFrom(...pool) }, { weight: 1, arbitrary: fc.constant(null) });
  return fc.array(cell, { minLength: 1, maxLength: 40 });
}

/**
 * Hostile categorical data: huge strings, lone surrogates, prototype names, NaN/±Inf,
 * mixed types, objects — a transform must give its documented result or a typed error.
 */
export function extremeCategorical(): fc.Arbitrary<CatRow[]> {
  const cell: fc.Arbitrary<CatRow> = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom("a", "b", "c", "__proto__", "toString", "hasOwnProperty", "", " ", "\u0000") },
    { weight: 3, arbitrary: fc.string({ unit: "grapheme", maxLength: 6 }) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 4 }) },
    { weight: 1, arbitrary: fc.constantFrom("\ud800", "x".repeat(100_000), "👩‍👩‍👧", "\u202e") },
    { weight: 1, arbitrary: fc.constantFrom(null, undefined, NaN) },
    { weight: 1, arbitrary: fc.constantFrom(0, -0, 1, Infinity, -Infinity, 1e308, true, false) },
    { weight: 1, arbitrary: fc.constantFrom({} as unknown as CatRow, [] as unknown as CatRow, 10n as unknown as CatRow) },
  );
  return fc.oneof(fc.array(cell, { minLength: 0, maxLength: 30 }), cell.map((c) => [c]));
}
