/**
 * Loader fuzzing (issue 6): random bytes, truncation at every offset, bit flips, byte
 * edits and field-level mutations re-framed with a valid digest, hand-written hostile
 * declared sizes. Every case must load or fail with a typed SkewlessError; loads are
 * timed, and whatever loads is checked against the limits it was loaded under.
 *
 * CI runs >= 20,000 cases (FUZZ_SCALE multiplies them); `npm run fuzz` runs >= 1,000,000.
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { unframe } from "../../src/artefact/envelope.js";
import { frame } from "../../src/artefact/envelope.js";
import { buildCorpus } from "./corpus.js";
import { attempt, newStats, summary } from "./harness.js";
import { STRATEGIES } from "./mutators.js";

const SCALE = Number(process.env.FUZZ_SCALE ?? 1);
/** A load that takes longer than this is a hang for the purpose of the test (CI machines are slow). */
const MAX_LOAD_MS = 2000;

const corpus = buildCorpus();
const stats = newStats();

describe("loader fuzz", () => {
  it("has a corpus of every registered kind", () => {
    expect(corpus.entries.length).toBeGreaterThanOrEqual(5);
    for (const e of corpus.entries) expect(attempt(e.bytes, {}, stats, e.label)).toBe("ok");
  });

  it("truncation at every offset of every corpus artefact", () => {
    for (const e of corpus.entries) {
      const n = e.bytes.length;
      // Every offset of small artefacts; of large ones, every offset near either end and a stride between.
      const stride = n <= 2048 ? 1 : Math.ceil(n / 1024);
      for (let k = 0; k < n; k++) {
        if (stride > 1 && k > 256 && k < n - 256 && k % stride !== 0) continue;
        const code = attempt(e.bytes.subarray(0, k), {}, stats, `truncate ${e.label} at ${k}`);
        expect(code).not.toBe("ok");
      }
    }
  });

  it("the envelope truncated at every offset, re-framed with a valid digest", () => {
    for (const e of corpus.entries.filter((x) => x.bytes.length <= 2048)) {
      const f = unframe(e.bytes);
      for (let k = 0; k < f.envelope.length; k++) {
        attempt(frame(f.envelope.subarray(0, k), f.signatures, f.minor), {}, stats, `truncate envelope of ${e.label} at ${k}`);
      }
    }
  });

  for (const s of STRATEGIES) {
    // Thousands of cases per strategy: ~27 s for the largest on a quiet run of this 2-core
    // VM, 66 s in a slow spell, so the suite's 60 s default would make it flaky. What
    // bounds each case is MAX_LOAD_MS (checked below), not this.
    it(
      s.name,
      () => {
        fc.assert(
          fc.property(s.arbitrary(corpus), (c) => {
            attempt(c.bytes, c.options, stats, c.label);
          }),
          { numRuns: Math.ceil(s.ciRuns * SCALE) },
        );
      },
      240_000,
    );
  }

  afterAll(() => {
    console.log(`loader fuzz summary\n${summary(stats)}`);
  });

  it("ran >= 20,000 cases, none slower than the hang bound", () => {
    // vitest runs the tests of a file in order, so this sees every case above.
    expect(stats.cases).toBeGreaterThanOrEqual(20_000 * Math.min(1, SCALE));
    expect(stats.maxMs).toBeLessThan(MAX_LOAD_MS);
  });
});
