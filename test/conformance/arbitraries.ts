/** fast-check arbitraries of numeric rows: ordinary values, and hostile ones for the skew suite. */
import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export type NumRow = (number | null)[];

/** Well-behaved magnitudes, a few missing cells. */
export function numericRows(d: number, opts: { missing?: boolean; min?: number; max?: number; minRows?: number } = {}): fc.Arbitrary<NumRow[]> {
  const value = fc.double({ min: opts.min ?? -1e6, max: opts.max ?? 1e6, noNaN: true, noDefaultInfinity: true });
  const cell = opts.missing === false ? value : fc.oneof({ weight: 12, arbitrary: value }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constant(NaN) });
  return fc.array(fc.array(cell, { minLength: d, maxLength: d }), { minLength: opts.minRows ?? 1, maxLength: 40 });
}

/**
 * Extreme data for the skew suite: magnitudes near the float64 limits, subnormals, ±0,
 * NaN, ±Infinity, null, duplicates, constant columns, single rows and empty batches.
 */
export function extremeRows(d: number): fc.Arbitrary<NumRow[]> {
  const cell: fc.Arbitrary<number | null> = fc.oneof(
    { weight: 6, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
    { weight: 4, arbitrary: fc.double({ min: -1e3, max: 1e3, noNaN: true }) },
    { weight: 1, arbitrary: fc.constantFrom(Number.MIN_VALUE, -Number.MIN_VALUE, 2.2250738585072014e-308, 0, -0, 1e308, -1e308, 3.4e38, -3.5e38) },
    { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, null) },
  );
  const row = fc.array(cell, { minLength: d, maxLength: d });
  const varied = fc.array(row, { minLength: 0, maxLength: 30 });
  const constant = fc.tuple(row, fc.integer({ min: 1, max: 20 })).map(([r, k]) => Array.from({ length: k }, () => r.slice()));
  const duplicated = fc.array(row, { minLength: 1, maxLength: 4 }).chain((base) => fc.array(fc.constantFrom(...base), { minLength: 1, maxLength: 30 }));
  return fc.oneof(varied, constant, duplicated, row.map((r) => [r]));
}

/** Numeric columns of penguins_raw.csv (fixtures/data, CC0) as rows, NA as null. */
export function penguinRows(): NumRow[] {
  const ds = JSON.parse(readFileSync(fileURLToPath(new URL("../../fixtures/parity/datasets.json", import.meta.url)), "utf8")).datasets;
  return ds.penguins as NumRow[];
}

/** penguinRows() without rows that have a missing cell. */
export function completePenguinRows(): NumRow[] {
  return penguinRows().filter((r) => r.every((v) => v !== null));
}
