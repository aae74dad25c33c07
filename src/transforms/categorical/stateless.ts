/**
 * Accumulator algebra of stateless transforms (the hashers): fit learns nothing, so the
 * state comes from the options alone. The accumulator only counts rows seen (plain
 * data; merge is a sum, associative and commutative with init() as identity), and a
 * stateless transform installs init() at construction so transform works before fit.
 */
import type { AccumulatorSpec } from "../../core/transform.js";

export interface StatelessAcc {
  rows: number;
}

/**
 * `rowsOf` validates a fit batch's shape (and returns its row count) so that fit still
 * rejects something that is not input at all; `state` builds the options' state.
 */
export function statelessSpec<In, State>(rowsOf: (batch: In) => number, state: () => State): AccumulatorSpec<In, StatelessAcc, State> {
  return {
    init: () => ({ rows: 0 }),
    update: (acc, batch) => {
      acc.rows += rowsOf(batch);
      return acc;
    },
    merge: (a, b) => ({ rows: a.rows + b.rows }),
    finalize: () => state(),
  };
}
