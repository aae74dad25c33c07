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

/** Validates a text column and returns its documents (missing -> "" under "empty"). */
export function readTextColumn(values: unknown, who: string, missing: TextMissingPolicy): PreparedText {
  const column = requireColumn(values, who) as ArrayLike<unknown>;
  const n = column.length;
  const docs: string[] = new Array(n);
  let chars = 0;
  for (let i = 0; i < n; i++) {
    const v = column[i];
    if (typeof v === "string") {
      if (!v.isWellFormed()) {
        throw new InvalidInputError(
          `${who}: row ${i} contains a lone UTF-16 surrogate (${describeValue(v)}), which is not valid Unicode text; repair it first (e.g. value.toWellFormed(), which puts U+FFFD in its place)`,
          { column: who, row: i, value: describeValue(v) },
        );
      }
      docs[i] = v;
      chars += v.length;
    } else if (v == null && missing === "empty") {
      docs[i] = "";
    } else if (v == null) {
      throw new InvalidInputError(`${who}: row ${i} is ${describeValue(v)}, not a document; fill missing text first, or set missing: "empty" to treat it as an empty document`, {
        column: who,
        row: i,
        value: describeValue(v),
      });
    } else {
      throw new InvalidInputError(`${who}: row ${i} is ${describeValue(v)} (${typeof v}); a text column holds strings — convert it (e.g. String(value)) first`, {
        column: who,
        row: i,
        value: describeValue(v),
      });
    }
  }
  return { docs, rows: n, chars };
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
