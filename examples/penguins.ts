/** Loads the bundled penguins_raw.csv (fixtures/data, CC0) with csv-parse. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";

export const PENGUIN_NUMERIC = [
  "Culmen Length (mm)",
  "Culmen Depth (mm)",
  "Flipper Length (mm)",
  "Body Mass (g)",
  "Delta 15 N (o/oo)",
  "Delta 13 C (o/oo)",
] as const;

export type PenguinRecord = Record<string, string>;

export function readPenguins(path = fileURLToPath(new URL("../fixtures/data/penguins_raw.csv", import.meta.url))): PenguinRecord[] {
  return parse(readFileSync(path, "utf8"), { columns: true, skip_empty_lines: true }) as PenguinRecord[];
}

/** The numeric columns as rows of numbers, "NA" as null (missing). */
export function numericRows(records: PenguinRecord[]): (number | null)[][] {
  return records.map((r) => PENGUIN_NUMERIC.map((c) => (r[c] === "NA" || r[c] === "" ? null : Number(r[c]))));
}
