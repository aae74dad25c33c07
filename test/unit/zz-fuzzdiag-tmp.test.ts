import fc from "fast-check";
import { appendFileSync, writeFileSync } from "node:fs";
import { it } from "vitest";
import { buildCorpus } from "../fuzz/corpus.js";
import { attempt, newStats } from "../fuzz/harness.js";
import { STRATEGIES } from "../fuzz/mutators.js";
it("diag", () => {
  const full = buildCorpus();
  const mine = { ...full, entries: full.entries.filter((e) => /Lookup/.test(e.label)) };
  console.log(mine.entries.map((e) => `${e.label} ${e.bytes.length}`));
  const stats = newStats();
  writeFileSync("/tmp/fuzzdiag.log", "");
  for (const s of STRATEGIES) {
    fc.assert(fc.property(s.arbitrary(mine), (c) => {
      appendFileSync("/tmp/fuzzdiag.log", `${s.name} | ${c.label} | mem ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)}\n`);
      const t0 = performance.now();
      attempt(c.bytes, c.options, stats, c.label);
      const ms = performance.now() - t0;
      if (ms > 200) appendFileSync("/tmp/fuzzdiag.log", `SLOW ${ms.toFixed(0)} ms\n`);
    }), { numRuns: s.ciRuns });
  }
}, 600_000);
