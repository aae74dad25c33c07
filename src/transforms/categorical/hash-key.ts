/**
 * The text a categorical value is hashed as, shared by Hashing and HashedCrossing:
 * strings as they are, numbers as their JavaScript decimal string (String(v): shortest
 * round-trip form, so 3 -> "3", 0.1 -> "0.1", -0 -> "0", 1e21 -> "1e+21"), booleans as
 * "true" / "false". A number and its decimal string therefore land in the same bucket,
 * which keeps a batch's buckets independent of the other rows' types.
 */
import { isMissing, valueType } from "../../core/categories.js";
import { InvalidInputError, describeValue } from "../../core/errors.js";

export function hashKey(v: unknown, who: string, row: number): string {
  if (typeof v === "string") return v;
  if (isMissing(v)) {
    throw new InvalidInputError(
      `${who}: row ${row} is missing (${describeValue(v)}); hashing has no bucket for missing values — fill them first (e.g. with a sentinel string, or the maskValue)`,
      { column: who, row, value: describeValue(v) },
    );
  }
  // Rejects ±Infinity, objects, bigint, symbols with a typed error naming the row.
  valueType(v, who, row);
  return String(v);
}
