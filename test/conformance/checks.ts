/**
 * The assertions shared by test/conformance and test/skew. Each takes a registered
 * case and data, and throws (via expect) when the contract is broken. A bad input may
 * fail with a typed SkewlessError; anything else escaping is a failure.
 */
import { expect } from "vitest";
import { SkewlessError, loadArtefact } from "../../src/index.js";
import { sameBytes, stateDifference } from "./compare.js";
import type { ConformanceCase, Subject } from "./subject.js";

export type Outcome<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

/** Runs fn; a SkewlessError becomes a failed outcome, any other throw fails the test. */
export function outcome<T>(fn: () => T): Outcome<T> {
  try {
    return { ok: true, value: fn() };
  } catch (e) {
    if (e instanceof SkewlessError) return { ok: false, code: e.code, message: e.message };
    throw new Error(`expected a SkewlessError, got ${(e as Error)?.name}: ${(e as Error)?.message}`, { cause: e });
  }
}

export function fitted<Row, In>(c: ConformanceCase<Row, In>, rows: Row[]): Outcome<Subject<In>> {
  return outcome(() => {
    const t = c.make();
    t.fit(c.toInput(rows));
    // Finalize now so a fit-time error surfaces here, not in a later check.
    void t.width;
    return t;
  });
}

function sameOutcome(a: Outcome<Float32Array | Int32Array>, b: Outcome<Float32Array | Int32Array>, what: string): void {
  if (a.ok && b.ok) {
    expect(sameBytes(a.value, b.value), `${what}: outputs differ`).toBe(true);
    return;
  }
  expect(a.ok ? "ok" : a.code, `${what}: ${a.ok ? "" : a.message} / ${b.ok ? "" : b.message}`).toBe(b.ok ? "ok" : b.code);
}

/** fit -> save -> load -> transform equals fit -> transform bit for bit; re-saving gives the same bytes. */
export function checkRoundTrip<Row, In>(c: ConformanceCase<Row, In>, t: Subject<In>, x: Row[]): void {
  const bytes = t.save();
  const loaded = loadArtefact(bytes) as unknown as Subject<In>;
  expect(loaded.kind).toBe(t.kind);
  expect(loaded.width).toBe(t.width);
  expect(loaded.outputNames()).toEqual(t.outputNames());
  sameOutcome(outcome(() => t.transform(c.toInput(x))), outcome(() => loaded.transform(c.toInput(x))), `${c.label} round trip`);
  expect(sameBytes(loaded.save(), bytes), `${c.label}: re-saved artefact differs`).toBe(true);
}

/** transform of a batch equals the rows transformed one at a time (and an empty batch gives no rows). */
export function checkBatchVsRows<Row, In>(c: ConformanceCase<Row, In>, t: Subject<In>, x: Row[]): void {
  const whole = outcome(() => t.transform(c.toInput(x)));
  const parts: Outcome<Float32Array | Int32Array>[] = x.map((r) => outcome(() => t.transform(c.toInput([r]))));
  const failed = parts.find((p) => !p.ok);
  if (failed && !failed.ok) {
    expect(whole.ok, `${c.label}: a single row fails (${failed.code}) but the batch succeeds`).toBe(false);
    if (!whole.ok) expect(whole.code).toBe(failed.code);
    return;
  }
  expect(whole.ok, `${c.label}: every row succeeds alone but the batch fails: ${whole.ok ? "" : whole.message}`).toBe(true);
  if (!whole.ok) return;
  const w = t.width;
  expect(whole.value.length).toBe(x.length * w);
  parts.forEach((p, i) => {
    if (!p.ok) return;
    expect(sameBytes(p.value, whole.value.subarray(i * w, (i + 1) * w)), `${c.label}: row ${i} alone differs from the batch`).toBe(true);
  });
  const empty = outcome(() => t.transform(c.toInput([])));
  if (empty.ok) expect(empty.value.length).toBe(0);
}

/**
 * partialFit over the given split of the rows, spread over `shards` instances merged at
 * the end, equals fit on all rows within the case's tolerance.
 */
export function checkMerge<Row, In>(c: ConformanceCase<Row, In>, rows: Row[], cuts: number[], shards: number): void {
  const whole = fitted(c, rows);
  const bounds = [0, ...[...new Set(cuts.map((k) => Math.min(rows.length, k)))].sort((a, b) => a - b), rows.length];
  const instances = Array.from({ length: shards }, () => c.make());
  const streamed = outcome(() => {
    for (let i = 0; i + 1 < bounds.length; i++) {
      instances[i % shards].partialFit(c.toInput(rows.slice(bounds[i], bounds[i + 1])));
    }
    const head = instances[0];
    for (const other of instances.slice(1)) head.merge(other as never);
    void head.width;
    return head;
  });
  if (!whole.ok || !streamed.ok) {
    expect(streamed.ok ? "ok" : streamed.code, `${c.label} merge: ${whole.ok ? "" : whole.message} / ${streamed.ok ? "" : streamed.message}`).toBe(
      whole.ok ? "ok" : whole.code,
    );
    return;
  }
  const d = (c.stateDistance ?? stateDifference)(streamed.value.toRecord().state, whole.value.toRecord().state);
  expect(d.diff, `${c.label}: merged state differs at ${d.path}`).toBeLessThanOrEqual(c.mergeTolerance);
}

/** The same data and options give the same artefact bytes. */
export function checkDeterministic<Row, In>(c: ConformanceCase<Row, In>, rows: Row[]): void {
  const a = fitted(c, rows);
  const b = fitted(c, rows);
  if (!a.ok || !b.ok) {
    expect(a.ok ? "ok" : a.code).toBe(b.ok ? "ok" : b.code);
    return;
  }
  expect(sameBytes(a.value.save(), b.value.save()), `${c.label}: two fits of the same data saved different bytes`).toBe(true);
}
