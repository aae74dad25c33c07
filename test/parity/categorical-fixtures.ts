/**
 * Resolves the column specs of the categorical parity fixtures (written by
 * fixtures/parity/categorical.py, which documents the format) into columns, reading
 * the same CSV files the generator read.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { expect } from "vitest";
import type { CategoricalValue } from "../../src/index.js";

const ROOT = join(__dirname, "..", "..", "fixtures");
const FILES = { penguins: "penguins_raw.csv", iso: "iso3166-2-sample.csv" } as const;

interface SpecOptions {
  from?: number;
  to?: number;
  as?: "number" | "boolean" | "length";
  map?: Record<string, number | boolean>;
}

export type ColumnSpec = ({ csv: keyof typeof FILES; column: string } | { crafted: CategoricalValue[] }) & SpecOptions;

const tables = new Map<string, Record<string, string>[]>();

function table(name: keyof typeof FILES): Record<string, string>[] {
  let t = tables.get(name);
  if (!t) {
    t = parse(readFileSync(join(ROOT, "data", FILES[name]), "utf8"), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
    tables.set(name, t);
  }
  return t;
}

function convert(v: CategoricalValue, as: SpecOptions["as"], map: SpecOptions["map"]): CategoricalValue {
  if (v == null) return v;
  if (map !== undefined) {
    if (!Object.hasOwn(map, String(v))) throw new Error(`fixture: ${String(v)} is not in the spec's map`);
    return map[String(v)];
  }
  if (as === undefined) return v;
  if (as === "number") return Number(v);
  if (as === "length") return [...String(v)].length;
  const b = ({ Yes: true, No: false } as Record<string, boolean>)[String(v)];
  if (b === undefined) throw new Error(`fixture: ${String(v)} is not Yes/No`);
  return b;
}

/** The column the specs describe: penguins "NA" and JSON null become null (missing). */
export function resolveColumn(specs: ColumnSpec[]): CategoricalValue[] {
  const out: CategoricalValue[] = [];
  for (const s of specs) {
    let vs: CategoricalValue[];
    if ("crafted" in s) vs = s.crafted.slice();
    else {
      vs = table(s.csv).map((r) => {
        const v = r[s.column];
        if (v === undefined) throw new Error(`fixture: no column ${s.column} in ${s.csv}`);
        return s.csv === "penguins" && v === "NA" ? null : v;
      });
    }
    vs = vs.slice(s.from ?? 0, s.to ?? vs.length);
    for (const v of vs) out.push(convert(v, s.as, s.map));
  }
  return out;
}

export interface CategoricalParityFile<C> {
  kind: string;
  sklearn: string;
  cases: C[];
}

export function loadCategoricalCases<C>(kind: string, sklearnVersion = "1.2.1"): C[] {
  const file = JSON.parse(readFileSync(join(ROOT, "parity", `${kind}.json`), "utf8")) as CategoricalParityFile<C>;
  expect(file.sklearn).toBe(sklearnVersion);
  expect(file.kind).toBe(kind);
  return file.cases;
}
