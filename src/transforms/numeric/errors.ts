/** Errors shared by the numeric transforms' apply loops. */
import { cellName, type NumericValue } from "../../core/columns.js";
import { InvalidInputError, describeValue } from "../../core/errors.js";

/**
 * The input cell was missing or infinite, or the result does not fit float32.
 * Called only on the slow path, after the hot loop saw a non-finite result.
 */
export function nonFiniteOutput(kind: string, name: string, row: number, feature: number, value: NumericValue | unknown, cols: number): InvalidInputError {
  const who = `${kind} "${name}"`;
  const where = cellName(who, row, feature, cols);
  const shown = describeValue(value);
  let why: string;
  if (value == null || (typeof value === "number" && Number.isNaN(value))) {
    why = `${where} is missing (${shown}); ${kind} does not accept missing values at transform — put a SimpleImputer before it or drop the row`;
  } else if (value === Infinity || value === -Infinity) {
    why = `${where} is ${shown}; infinite values cannot be transformed — clip or drop them first`;
  } else {
    why = `${where} is ${shown}, whose result is outside the float32 range or undefined; check the value or clip it first`;
  }
  return new InvalidInputError(why, { column: name, row, value: shown });
}

/**
 * Fitted statistics must be finite: values near the float64 limit (|x| > ~1e154 squared,
 * or sums past 1.8e308) overflow, and a NaN/Inf statistic would turn every output into
 * NaN later. Reject at fit time with the feature named.
 */
export function requireFiniteStatistics(who: string, ...arrays: Float64Array[]): void {
  for (const a of arrays) {
    for (let j = 0; j < a.length; j++) {
      if (!Number.isFinite(a[j])) {
        throw new InvalidInputError(
          `${who}: a statistic of feature ${j} overflows float64 (got ${a[j]}); the values are too large to fit — rescale the feature (e.g. divide by a power of ten) first`,
          { column: who },
        );
      }
    }
  }
}
