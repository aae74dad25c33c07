/** The `missing: "error"` policy of the categorical encoders: a typed error naming the row. */
import { type CategoricalColumn, isMissing } from "../../core/categories.js";
import { InvalidInputError, describeValue } from "../../core/errors.js";

export function requireNoMissing(column: CategoricalColumn, who: string): void {
  for (let i = 0; i < column.length; i++) if (isMissing(column[i])) throw missingError(who, i, column[i]);
}

export function missingError(who: string, row: number, v: unknown): InvalidInputError {
  return new InvalidInputError(`${who}: row ${row} is missing (${describeValue(v)}) and missing: "error" is set; fill it first or use missing: "category"`, {
    column: who,
    row,
    value: describeValue(v),
  });
}
