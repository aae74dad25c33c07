/**
 * Real artefacts to mutate: every registered conformance case fitted on its real data
 * (so a newly registered kind is fuzzed without touching this file), plus a signed and a
 * metadata-carrying variant, plus a pipeline of two steps.
 */
import { Pipeline, StandardScaler, generateSigningKey, publicKeyOf } from "../../src/index.js";
import { ALL_CASES } from "../conformance/all-cases.js";
import { completePenguinRows, penguinRows } from "../conformance/arbitraries.js";

export interface CorpusEntry {
  label: string;
  bytes: Uint8Array;
}

export interface Corpus {
  entries: CorpusEntry[];
  /** Key that signed the `signed` entries; loaders in the fuzz trust its public key. */
  signingKey: Uint8Array;
  publicKey: Uint8Array;
}

let cached: Corpus | null = null;

export function buildCorpus(): Corpus {
  if (cached) return cached;
  const signingKey = generateSigningKey();
  const entries: CorpusEntry[] = [];
  for (const c of ALL_CASES) {
    // A prefix of the real rows keeps artefacts small (more mutations per second) and
    // the fits quick; the whole set is the fallback for a kind that needs more data.
    let bytes: Uint8Array | undefined;
    for (const rows of [c.realRows.slice(0, 200), c.realRows]) {
      try {
        const t = c.make();
        t.fit(c.toInput(rows));
        bytes = t.save();
        break;
      } catch {
        // try the whole data set; a case whose real-data fit fails has nothing to save
      }
    }
    if (bytes) entries.push({ label: c.label, bytes });
  }
  const scaler = new StandardScaler({ name: "penguin" }).fit(penguinRows());
  entries.push({ label: "StandardScaler signed", bytes: scaler.save({ sign: { privateKey: signingKey } }) });
  entries.push({ label: "StandardScaler with metadata", bytes: scaler.save({ metadata: JSON.parse('{"run":"fuzz","__proto__":"x","constructor":"y"}') }) });
  const pipeline = new Pipeline([new StandardScaler(), new StandardScaler({ withMean: false })], { name: "pipe" }).fit(completePenguinRows());
  entries.push({ label: "Pipeline of two StandardScalers", bytes: pipeline.save() });
  cached = { entries, signingKey, publicKey: publicKeyOf(signingKey) };
  return cached;
}

/** The smallest entries (for exhaustive passes whose cost is bytes x bits). */
export function smallest(corpus: Corpus, n: number): CorpusEntry[] {
  return corpus.entries
    .slice()
    .sort((a, b) => a.bytes.length - b.bytes.length)
    .slice(0, n);
}
