/**
 * Counting the terms of a batch of documents into the shared mergeable accumulator
 * (src/core/vocabulary/counts.ts: occurrences and document frequency per term, and the
 * number of documents). Within a batch, terms are interned into a TermTable and counted
 * in typed arrays — one table probe per token, no string cut out for a known term —
 * then folded into the accumulator's Maps once per distinct term.
 */
import { type TokenCounts } from "../../core/vocabulary/index.js";
import type { Analyze } from "../../text/analyzer.js";
import { TermTable } from "../../text/term-table.js";

/**
 * Adds `docs` to `acc` (mutates and returns it). With `fixed` (a given vocabulary),
 * only its terms are counted.
 */
export function countDocuments(acc: TokenCounts<string>, analyze: Analyze, docs: readonly string[], fixed: TermTable | null): TokenCounts<string> {
  const table = fixed ?? new TermTable(256);
  let cap = fixed ? Math.max(1, fixed.size) : 1024;
  let tf = new Float64Array(cap);
  let df = new Float64Array(cap);
  let last = new Int32Array(cap).fill(-1);
  let doc = 0;
  const sink = (s: string, start: number, end: number, raw?: number): void => {
    const id = fixed ? table.lookup(s, start, end, raw) : table.intern(s, start, end, raw);
    if (id < 0) return;
    if (id >= cap) {
      cap *= 2;
      const tf2 = new Float64Array(cap);
      tf2.set(tf);
      tf = tf2;
      const df2 = new Float64Array(cap);
      df2.set(df);
      df = df2;
      const last2 = new Int32Array(cap).fill(-1);
      last2.set(last);
      last = last2;
    }
    tf[id]++;
    if (last[id] !== doc) {
      last[id] = doc;
      df[id]++;
    }
  };
  for (; doc < docs.length; doc++) analyze(docs[doc], sink);
  const counts = acc.counts;
  const documentCounts = acc.documentCounts!;
  const terms = table.terms;
  for (let id = 0; id < terms.length; id++) {
    if (tf[id] === 0) continue;
    const t = terms[id];
    counts.set(t, (counts.get(t) ?? 0) + tf[id]);
    documentCounts.set(t, (documentCounts.get(t) ?? 0) + df[id]);
  }
  acc.documents += docs.length;
  return acc;
}
