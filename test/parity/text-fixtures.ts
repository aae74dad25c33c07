/**
 * Reads the text parity fixtures (fixtures/parity/{CountVectorizer,TfidfVectorizer}.json,
 * written by gen_count_vectorizer.py / gen_tfidf_vectorizer.py) and resolves their
 * document specs against the committed corpora, as fixtures/parity/text.py does.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import type { CsrMatrix } from "../../src/index.js";

const ROOT = join(__dirname, "..", "..", "fixtures");

export type DocSpec =
  | { corpus: "udhr" | "kjv"; langs?: string[]; from?: number; to?: number; step?: number }
  | { crafted: string[]; from?: number; to?: number; step?: number };

export interface Sparse {
  indptr: number[];
  indexGaps: number[];
  data: number[];
}

export type VocabularyPin = { terms: string[] } | { size: number; sha256: string; head: string[]; tail: string[] };

export interface TextCase<O> {
  name: string;
  options: O;
  fit: DocSpec[];
  transform: DocSpec[];
  vocabulary: VocabularyPin;
  idf?: number[];
  expected: Sparse;
}

const corpora = new Map<string, { lang?: string; text: string }[]>();

function records(name: "udhr" | "kjv"): { lang?: string; text: string }[] {
  let r = corpora.get(name);
  if (r === undefined) {
    const file = name === "udhr" ? "udhr-sample.jsonl" : "kjv-sample.jsonl";
    r = readFileSync(join(ROOT, "data", file), "utf8")
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) => JSON.parse(l) as { lang?: string; text: string });
    corpora.set(name, r);
  }
  return r;
}

/** The documents of a spec list, as text.py documents() builds them. */
export function resolveDocs(specs: DocSpec[]): string[] {
  const out: string[] = [];
  for (const s of specs) {
    let docs: string[];
    if ("crafted" in s) docs = s.crafted.slice();
    else {
      let recs = records(s.corpus);
      if (s.langs) recs = recs.filter((r) => s.langs!.includes(r.lang!));
      docs = recs.map((r) => r.text);
    }
    const from = s.from ?? 0;
    const to = Math.min(s.to ?? docs.length, docs.length);
    const step = s.step ?? 1;
    for (let i = from; i < to; i += step) out.push(docs[i]);
  }
  return out;
}

export function loadTextCases<O>(kind: string): TextCase<O>[] {
  const file = JSON.parse(readFileSync(join(ROOT, "parity", `${kind}.json`), "utf8")) as { sklearn: string; cases: TextCase<O>[] };
  expect(file.sklearn).toBe("1.2.1");
  return file.cases;
}

/** Checks a fitted vocabulary against the pinned one (full list, or size + SHA-256 of the terms joined by "\n"). */
export function expectVocabulary(actual: string[], pin: VocabularyPin): void {
  if ("terms" in pin) {
    expect(actual).toEqual(pin.terms);
    return;
  }
  expect(actual.slice(0, 20)).toEqual(pin.head);
  expect(actual.slice(-20)).toEqual(pin.tail);
  expect(actual.length).toBe(pin.size);
  expect(createHash("sha256").update(actual.join("\n"), "utf8").digest("hex")).toBe(pin.sha256);
}

/** The expected matrix with absolute column indices. */
export function expectedCsr(e: Sparse): { indptr: number[]; indices: number[]; data: number[] } {
  const indices: number[] = new Array(e.indexGaps.length);
  for (let r = 0; r + 1 < e.indptr.length; r++) {
    let col = 0;
    for (let k = e.indptr[r]; k < e.indptr[r + 1]; k++) {
      col = k === e.indptr[r] ? e.indexGaps[k] : col + e.indexGaps[k];
      indices[k] = col;
    }
  }
  return { indptr: e.indptr, indices, data: e.data };
}

/** Same sparsity pattern, and the worst relative difference of the values. */
export function compareCsr(actual: CsrMatrix, e: Sparse): { worst: number; at: string } {
  const x = expectedCsr(e);
  expect(Array.from(actual.indptr)).toEqual(x.indptr);
  expect(Array.from(actual.indices)).toEqual(x.indices);
  let worst = 0;
  let at = "";
  for (let k = 0; k < x.data.length; k++) {
    const d = Math.abs(actual.data[k] - x.data[k]) / Math.max(Math.abs(x.data[k]), 1e-12);
    if (d > worst) {
      worst = d;
      at = `entry ${k}: ${actual.data[k]} vs ${x.data[k]}`;
    }
  }
  return { worst, at };
}
