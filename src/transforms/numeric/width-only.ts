/**
 * The accumulator of row-wise or cell-wise transforms that learn nothing from the data
 * (Normalizer, Log1p, Clip): fit records only the number of input features d, as
 * scikit-learn's FunctionTransformer (validate=False) does. Cell values are not read at
 * fit — they are checked at transform, where they are used — so a fit over data with
 * missing values succeeds. Merge is exact: equal widths give the same width, different
 * widths are a SchemaError, and the empty accumulator (d = 0) is the identity.
 */
import { type NumericInput, asMatrix } from "../../core/columns.js";
import { InvalidInputError, SchemaError } from "../../core/errors.js";
import type { AccumulatorSpec } from "../../core/transform.js";

export interface WidthAcc {
  /** Input features seen, 0 before any non-empty batch. */
  d: number;
}

function mergeWidths(a: number, b: number, who: string): number {
  if (a === 0) return b;
  if (b === 0 || a === b) return a;
  throw new SchemaError(`${who}: cannot combine fits over ${a} and ${b} features; every batch needs the same features`, { column: who });
}

/** An accumulator spec whose finalize turns the fitted width into the kind's state. */
export function widthOnlySpec<S>(who: string, finalize: (d: number) => S): AccumulatorSpec<NumericInput, WidthAcc, S> {
  return {
    init: () => ({ d: 0 }),
    update: (acc, batch) => {
      const m = asMatrix(batch, who, acc.d || undefined);
      // An empty batch is the identity, whatever width it claims.
      return m.rows === 0 ? acc : { d: mergeWidths(acc.d, m.cols, who) };
    },
    merge: (a, b) => ({ d: mergeWidths(a.d, b.d, who) }),
    finalize: (acc) => {
      if (acc.d === 0) {
        throw new InvalidInputError(`${who}: fit saw no rows; pass at least one row so the number of features is known`, { column: who });
      }
      return finalize(acc.d);
    },
  };
}
