/** Reading the numbers of a text vectors file. */
import { formatError } from "./word-vectors.js";

/**
 * One vector component: JavaScript number syntax (decimal, exponent), finite, and finite
 * as float32 (the table stores float32). Anything else is a typed error naming the line.
 */
export function parseValue(field: string, format: string, lineNo: number, index: number): number {
  const x = Number(field);
  if (field === "" || !Number.isFinite(x) || !Number.isFinite(Math.fround(x))) {
    throw formatError(format, `line ${lineNo}`, `value ${index + 1} is ${JSON.stringify(field.length > 40 ? `${field.slice(0, 37)}...` : field)}, not a finite float32 number`, "fix or drop the line");
  }
  return x;
}

/** Fields of a line split on single spaces, trailing empty fields (a trailing space) dropped. */
export function splitFields(line: string): string[] {
  const fields = line.split(" ");
  let n = fields.length;
  while (n > 0 && fields[n - 1] === "") n--;
  fields.length = n;
  return fields;
}
