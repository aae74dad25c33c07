import fc from "fast-check";
import { it } from "vitest";
import { appendFileSync } from "node:fs";
import { buildCorpus } from "../fuzz/corpus.js";
import { attempt, newStats } from "../fuzz/harness.js";
import { STRATEGIES } from "../fuzz/mutators.js";
it("diag", () => {
  const full = buildCorpus();
  const mine = { ...full, entries: full.entries.filter((e) => (process.env.MINE === "1") === /Lookup/.test(e.label)) };
  const stats = newStats();
  const findings = new Map<string, string>();
  let n = 0;
  for (const s of STRATEGIES.filter((x) => x.name.startsWith("field-level"))) {
    fc.assert(fc.property(s.arbitrary(mine), (c) => {
      n++;
      if (n % 20 === 0) appendFileSync("/tmp/fuzzdiag.log", `progress ${s.name} ${n} ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MB\n`);
      appendFileSync("/tmp/fuzzlast.log", `${c.label}\n`);
      try {
        attempt(c.bytes, c.options, stats, c.label);
      } catch (e) {
        const m = String((e as Error).message).split("\n")[0].slice(0, 160);
        if (!findings.has(m)) findings.set(m, c.label);
      }
    }), { numRuns: 3000, seed: 7 });
  }
  console.log("cases", n, "loaded", stats.loaded, "maxMs", stats.maxMs.toFixed(1), stats.slowest);
  for (const [m, l] of findings) console.log("FINDING", m, "<=", l);
}, 900_000);
