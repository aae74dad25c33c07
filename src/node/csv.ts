/**
 * CSV input for FeatureSpace, parsed by csv-parse (streaming, RFC 4180 quoting).
 * Yields columnar batches: numeric columns are parsed to numbers (missing tokens ->
 * null); a cell that is not a number is a typed error naming the column, the line and
 * the value — never a silent NaN. Other columns stay strings (missing tokens -> null).
 */
import { createReadStream } from "node:fs";
import type { Readable } from "node:stream";
import { parse } from "csv-parse";
import { InvalidInputError, SchemaError, describeValue } from "../core/errors.js";
import type { Columnar } from "../space/data.js";

export interface CsvOptions {
  /** Rows per yielded batch. Default 65536. */
  batchSize?: number;
  /** Columns to parse as numbers. */
  numericColumns?: readonly string[];
  /** Cell texts that mean "missing". Default ["", "NA", "NaN", "null", "NULL", "N/A"]. */
  missingValues?: readonly string[];
  /** Field delimiter. Default ",". */
  delimiter?: string;
}

export const DEFAULT_MISSING = ["", "NA", "NaN", "null", "NULL", "N/A"] as const;

/** Reads a CSV file (path) or stream with a header row as columnar batches. */
export async function* csvBatches(source: string | Readable, options: CsvOptions = {}): AsyncGenerator<Columnar> {
  const batchSize = options.batchSize ?? 65536;
  const numeric = new Set(options.numericColumns ?? []);
  const missing = new Set<string>(options.missingValues ?? DEFAULT_MISSING);
  const input = typeof source === "string" ? createReadStream(source) : source;
  const parser = input.pipe(parse({ delimiter: options.delimiter ?? ",", bom: true, relax_column_count: false, skip_empty_lines: true }));
  let header: string[] | null = null;
  let cols: unknown[][] = [];
  let line = 1;
  const flush = (): Columnar => {
    const out: Record<string, ArrayLike<unknown>> = {};
    header!.forEach((h, j) => Object.defineProperty(out, h, { value: cols[j], enumerable: true, writable: true, configurable: true }));
    cols = header!.map(() => []);
    return out;
  };
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      if (header === null) {
        header = record;
        const dup = header.find((h, i) => header!.indexOf(h) !== i);
        if (dup !== undefined) throw new SchemaError(`CSV header names column "${dup}" twice; column names must be unique`, { column: dup });
        for (const c of numeric) if (!header.includes(c)) throw new SchemaError(`CSV has no column "${c}" (header: ${header.join(", ")})`, { column: c });
        cols = header.map(() => []);
        continue;
      }
      line++;
      for (let j = 0; j < header.length; j++) {
        const text = record[j];
        if (missing.has(text)) cols[j].push(null);
        else if (numeric.has(header[j])) {
          const v = text.trim() === "" ? NaN : Number(text);
          if (!Number.isFinite(v) && !/^[+-]?(inf|infinity)$/i.test(text.trim())) {
            throw new InvalidInputError(`CSV column "${header[j]}" line ${line} is ${describeValue(text)}, not a number; fix the value or list it as a missing token`, {
              column: header[j],
              row: line,
              value: describeValue(text),
            });
          }
          cols[j].push(Number.isFinite(v) ? v : text.trim().startsWith("-") ? -Infinity : Infinity);
        } else cols[j].push(text);
      }
      if (cols[0].length >= batchSize) yield flush();
    }
  } catch (e) {
    if (e instanceof InvalidInputError || e instanceof SchemaError) throw e;
    const err = e as { code?: string; message?: string };
    throw new InvalidInputError(`CSV could not be parsed near line ${line + 1}: ${err.message ?? String(e)}`, { row: line + 1 });
  }
  if (header === null) throw new SchemaError("CSV is empty: it needs a header row naming the columns");
  if (cols[0].length > 0 || line === 1) yield flush();
}
