/**
 * Reads the scikit-learn golden files written by fixtures/parity/generate.py.
 * JSON has no NaN: null cells are missing values (NaN for numeric inputs).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";

const DIR = join(__dirname, "..", "..", "fixtures", "parity");

type Rows = (number | null)[][];

export interface ParityCase<O = Record<string, unknown>> {
  name: string;
  options: O;
  fit: Rows;
  transform: Rows;
  expected: Rows;
  attributes: Record<string, unknown>;
  [extra: string]: unknown;
}

let datasets: Record<string, Rows> | undefined;

function resolve(x: Rows | string): Rows {
  if (typeof x !== "string") return x;
  datasets ??= JSON.parse(readFileSync(join(DIR, "datasets.json"), "utf8")).datasets as Record<string, Rows>;
  const d = datasets[x];
  if (!d) throw new Error(`parity fixture refers to unknown dataset ${x}`);
  return d;
}

export function loadParityCases<O = Record<string, unknown>>(kind: string): ParityCase<O>[] {
  const file = JSON.parse(readFileSync(join(DIR, `${kind}.json`), "utf8")) as { sklearn: string; cases: ParityCase<O>[] };
  expect(file.sklearn).toBe("1.2.1");
  return file.cases.map((c) => ({ ...c, fit: resolve(c.fit), transform: resolve(c.transform) }));
}

/** Rows as a row-major Float64Array with missing cells as NaN. */
export function toMatrixData(rows: Rows): { data: Float64Array; rows: number; cols: number } {
  const n = rows.length;
  const d = n > 0 ? rows[0].length : 0;
  const data = new Float64Array(n * d);
  rows.forEach((r, i) => r.forEach((v, j) => (data[i * d + j] = v === null ? NaN : v)));
  return { data, rows: n, cols: d };
}

/**
 * Max relative difference of `actual` (our float32 output) against sklearn's float64
 * output, |a - e| / max(|e|, 1): relative for values of magnitude >= 1 and absolute
 * below, so outputs that sklearn computes as ~1e-17 instead of 0 do not count as
 * infinitely wrong. Returns the worst cell for the failure message.
 */
export function maxRelativeDifference(actual: ArrayLike<number>, expected: Rows): { worst: number; at: string } {
  const cols = expected[0]?.length ?? 0;
  let worst = 0;
  let at = "";
  expect(actual.length).toBe(expected.length * cols);
  for (let i = 0; i < expected.length; i++) {
    for (let j = 0; j < cols; j++) {
      const e = expected[i][j];
      const a = actual[i * cols + j];
      if (e === null) {
        if (!Number.isNaN(a)) {
          worst = Infinity;
          at = `row ${i} col ${j}: expected missing, got ${a}`;
        }
        continue;
      }
      const diff = Math.abs(a - e) / Math.max(Math.abs(e), 1);
      if (!(diff <= worst)) {
        worst = diff;
        at = `row ${i} col ${j}: got ${a}, sklearn ${e}`;
      }
    }
  }
  return { worst, at };
}

export function expectClose(actual: ArrayLike<number>, expected: Rows, tolerance: number, label: string): void {
  const { worst, at } = maxRelativeDifference(actual, expected);
  expect(worst, `${label}: worst ${at}`).toBeLessThanOrEqual(tolerance);
}
