/**
 * Property-based skew tests (DESIGN.md "What no skew means"), for every registered
 * transform, on hostile data: extreme magnitudes, NaN, ±Inf, subnormals, duplicates,
 * constant columns, single rows and empty batches. ≥ 200 runs per property.
 *
 * Each property either holds bit for bit or both sides fail with the same typed error:
 *  1. fit -> save -> load -> transform equals fit -> transform;
 *  2. transform of a batch equals its rows transformed one at a time;
 *  3. partialFit over any split + merge equals fit (within the case's stated bound).
 * (4, the browser, is test/browser.)
 */
import fc from "fast-check";
import { describe, it } from "vitest";
import { ALL_CASES as CASES } from "../conformance/all-cases.js";
import { checkBatchVsRows, checkMerge, checkRoundTrip, fitted } from "../conformance/checks.js";

const RUNS = Number(process.env.SKEW_RUNS ?? 200);

for (const c of CASES) {
  describe(`skew: ${c.label}`, () => {
    it("fit -> save -> load -> transform equals fit -> transform", () => {
      fc.assert(
        fc.property(c.extremeRows, c.extremeRows, (fitRows, xRows) => {
          const f = fitted(c, fitRows);
          if (f.ok) checkRoundTrip(c, f.value, xRows);
        }),
        { numRuns: RUNS },
      );
    });

    it("a batch transforms like its rows one at a time", () => {
      fc.assert(
        fc.property(c.extremeRows, c.extremeRows, (fitRows, xRows) => {
          const f = fitted(c, fitRows);
          if (f.ok) checkBatchVsRows(c, f.value, xRows);
        }),
        { numRuns: RUNS },
      );
    });

    it("partialFit over any split + merge equals fit", () => {
      fc.assert(
        fc.property(c.extremeRows, fc.array(fc.nat({ max: 32 }), { maxLength: 5 }), fc.integer({ min: 1, max: 3 }), (rows, cuts, shards) => {
          checkMerge(c, rows, cuts, shards);
        }),
        { numRuns: RUNS },
      );
    });
  });
}
