/**
 * Base of transforms over one text column: one document (a string) per row.
 *
 * Input checks shared by every text kind: the column must be array-like (not a
 * string); each row a string, or null/undefined where the transform's `missing`
 * policy is "empty" (treated as ""). A document holding a lone UTF-16 surrogate is a
 * typed error at fit and at transform: it is not Unicode text, Python would see a
 * different character sequence, and a learned term holding one could not be stored
 * (the artefact keeps terms as UTF-8). Repair such text with `value.toWellFormed()`
 * (U+FFFD in place of each lone surrogate) first.
 */
import type { ColumnType } from "../../artefact/index.js";
import type { Kind } from "../../artefact/states.js";
import { requireColumn } from "../../core/categories.js";
import { InvalidInputError, describeValue } from "../../core/errors.js";
import { ColumnTransform } from "../base.js";

/** One text column: a document per row; null/undefined only under `missing: "empty"`. */
export type TextColumn = ArrayLike<string | null | undefined>;

export type TextMissingPolicy = "error" | "empty";

export interface PreparedText {
  /** The documents, missing ones as "". */
  readonly docs: readonly string[];
  readonly rows: number;
  /** Total UTF-16 length of the documents. */
  readonly chars: number;
}

/** The typed error for document `row` holding a lone surrogate (see the module doc). */
export function loneSurrogateError(who: string, row: number, v: string): InvalidInputError {
  return new InvalidInputError(
    `${who}: row ${row} contains a lone UTF-16 surrogate (${describeValue(v)}), which is not valid Unicode text; repair it first (e.g. value.toWellFormed(), which puts U+FFFD in its place)`,
    { column: who, row, value: describeValue(v) },
  );
}

/** Throws loneSurrogateError for the first of docs[from, to) that is not well-formed UTF-16. */
export function requireWellFormed(docs: readonly string[], from: number, to: number, who: string): void {
  for (let i = from; i < to; i++) if (!docs[i].isWellFormed()) throw loneSurrogateError(who, i, docs[i]);
}

/**
 * Validates a text column and returns its documents (missing -> "" under "empty").
 * With `surrogates: "deferred"` the documents are not checked for lone surrogates here:
 * the caller checks each one before using anything computed from it (the WebAssembly
 * fit, whose scan proves most documents surrogate-free as it goes), and errors come in
 * the same order as with "check" (a bad value at row i after a lone surrogate in an
 * earlier row still reports the surrogate).
 */
export function readTextColumn(values: unknown, who: string, missing: TextMissingPolicy, surrogates: "check" | "deferred" = "check"): PreparedText {
  const column = requireColumn(values, who) as ArrayLike<unknown>;
  const n = column.length;
  const docs: string[] = new Array(n);
  const check = surrogates === "check";
  let chars = 0;
  for (let i = 0; i < n; i++) {
    const v = column[i];
    if (typeof v === "string") {
      if (check && !v.isWellFormed()) throw loneSurrogateError(who, i, v);
      docs[i] = v;
      chars += v.length;
    } else if (v == null && missing === "empty") {
      docs[i] = "";
    } else {
      if (!check) requireWellFormed(docs, 0, i, who);
      throw badDocument(who, i, v);
    }
  }
  return { docs, rows: n, chars };
}

/** The typed error for row i holding `v`, which is not a document (and not an allowed missing value). */
function badDocument(who: string, i: number, v: unknown): InvalidInputError {
  if (v == null) {
    return new InvalidInputError(`${who}: row ${i} is ${describeValue(v)}, not a document; fill missing text first, or set missing: "empty" to treat it as an empty document`, {
      column: who,
      row: i,
      value: describeValue(v),
    });
  }
  return new InvalidInputError(`${who}: row ${i} is ${describeValue(v)} (${typeof v}); a text column holds strings — convert it (e.g. String(value)) first`, {
    column: who,
    row: i,
    value: describeValue(v),
  });
}

export abstract class TextTransform<K extends Kind, Acc> extends ColumnTransform<TextColumn, K, Acc, PreparedText> {
  protected constructor(name: string | undefined) {
    super(name, "text");
  }

  protected get who(): string {
    return `${this.kind} "${this.name}"`;
  }

  protected inputType(): ColumnType {
    return "text";
  }
}
