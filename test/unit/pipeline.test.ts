import { describe, expect, it } from "vitest";
import { NotFittedError, Pipeline, StandardScaler, loadArtefact, loadAs, matrix } from "../../src/index.js";
import { completePenguinRows } from "../conformance/arbitraries.js";
import { sameBytes } from "../conformance/compare.js";

const rows = completePenguinRows();

describe("Pipeline", () => {
  it("fits each step on the previous step's output, like applying the steps by hand", () => {
    const p = new Pipeline([new StandardScaler({ withStd: false }), new StandardScaler()], { name: "penguin" }).fit(rows);
    const a = new StandardScaler({ withStd: false }).fit(rows);
    const ya = a.transform(rows);
    const b = new StandardScaler().fit(matrix(ya, rows.length, 6));
    expect(sameBytes(p.transform(rows), b.transform(matrix(ya, rows.length, 6)))).toBe(true);
    expect(p.width).toBe(6);
    expect(p.outputNames(["a", "b", "c", "d", "e", "f"])).toEqual(["a", "b", "c", "d", "e", "f"]);
  });

  it("round-trips through one artefact and keeps its steps", () => {
    const p = new Pipeline([new StandardScaler({ withStd: false }), new StandardScaler()]).fit(rows);
    const bytes = p.save();
    const q = loadAs(Pipeline, bytes);
    expect(q.steps.map((s) => s.kind)).toEqual(["StandardScaler", "StandardScaler"]);
    expect(sameBytes(q.transform(rows), p.transform(rows))).toBe(true);
    expect(sameBytes(q.save(), bytes)).toBe(true);
    expect(loadArtefact(bytes)).toBeInstanceOf(Pipeline);
  });

  it("fitBatches makes one pass per step and equals fit", () => {
    const batches = [rows.slice(0, 50), rows.slice(50, 51), rows.slice(51)];
    let passes = 0;
    const streamed = new Pipeline([new StandardScaler({ withStd: false }), new StandardScaler()]).fitBatches(() => {
      passes++;
      return batches;
    });
    const whole = new Pipeline([new StandardScaler({ withStd: false }), new StandardScaler()]).fit(rows);
    expect(passes).toBe(2);
    const a = streamed.transform(rows);
    const b = whole.transform(rows);
    for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(b[i])));
  });

  it("rejects use before fit, empty steps and a reused step", () => {
    expect(() => new Pipeline([new StandardScaler()]).transform(rows)).toThrow(NotFittedError);
    expect(() => new Pipeline([] as never)).toThrow(expect.objectContaining({ code: "INVALID_OPTION" }));
    const s = new StandardScaler();
    expect(() => new Pipeline([s, s])).toThrow(expect.objectContaining({ code: "INVALID_OPTION" }));
  });

  it("names the schema error at its input", () => {
    const p = new Pipeline([new StandardScaler()]).fit(rows);
    expect(() => p.transform([[1, 2]])).toThrow(expect.objectContaining({ code: "SCHEMA_MISMATCH" }));
  });
});
