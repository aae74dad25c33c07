import { tableFromArrays } from "apache-arrow";
import { describe, expect, it } from "vitest";
import {
  FeatureSpace,
  OneHotEncoder,
  SimpleImputer,
  StandardScaler,
  checkSkew,
  inspectArtefact,
  loadAs,
} from "../../src/index.js";
import { sameBytes } from "../conformance/compare.js";
import { penguinColumn } from "../conformance/categorical-arbitraries.js";
import { penguinRows } from "../conformance/arbitraries.js";

// Real rows: penguins' body mass and bill length (with NA), island and sex (with NA).
const numeric = penguinRows();
const island = penguinColumn("Island");
const sex = penguinColumn("Sex");
const records = numeric.map((r, i) => ({ mass: r[3], bill: r[0], island: island[i], sex: sex[i], comment: "unused" }));
const columns = {
  mass: records.map((r) => r.mass),
  bill: Float64Array.from(records, (r) => (r.bill === null ? NaN : r.bill)),
  island: records.map((r) => r.island),
  sex: records.map((r) => r.sex),
};

function makeSpace(): FeatureSpace {
  return new FeatureSpace({
    mass: [new SimpleImputer({ strategy: "median" }), new StandardScaler()],
    island: new OneHotEncoder({ handleUnknown: "ignore" }),
    sex: new OneHotEncoder(),
    size: { input: ["mass", "bill"], transform: [new SimpleImputer(), new StandardScaler()] },
  });
}

describe("FeatureSpace", () => {
  const space = makeSpace().fit(records);
  const expected = space.transformToArray(records);

  it("joins every feature's block in spec order with a named layout", () => {
    expect(space.outputNames()).toEqual(["mass", "island_Biscoe", "island_Dream", "island_Torgersen", "sex_FEMALE", "sex_MALE", "sex_None", "size_mass", "size_bill"]);
    expect(space.width).toBe(9);
    const mass = new StandardScaler().fit(new SimpleImputer({ strategy: "median" }).fit(columns.mass).transform(columns.mass));
    const massOut = mass.transform(new SimpleImputer({ strategy: "median" }).fit(columns.mass).transform(columns.mass));
    for (let i = 0; i < records.length; i++) expect(expected[i * 9]).toBe(massOut[i]);
    const layout = space.layout;
    expect(layout[7]).toMatchObject({ index: 7, name: "size_mass", source: "mass,bill", transform: "SimpleImputer > StandardScaler", feature: "size" });
  });

  it("reads records, columnar objects and Arrow tables the same way", () => {
    expect(sameBytes(space.transformToArray(columns), expected)).toBe(true);
    const table = tableFromArrays({
      mass: Float64Array.from(columns.mass, (v) => (v === null ? NaN : v)),
      bill: columns.bill,
      island: columns.island as string[],
      sex: columns.sex.map((v) => v ?? null) as (string | null)[],
    });
    expect(sameBytes(space.transformToArray(table as never), expected)).toBe(true);
    const fitOnArrow = makeSpace().fit(table as never);
    expect(sameBytes(fitOnArrow.save(), space.save())).toBe(true);
  });

  it("fits from an async iterable of batches in one pass per chain step, equal to fit within rounding", async () => {
    const progress: number[] = [];
    const streamed = await makeSpace().fitAsync(
      async function* () {
        for (let i = 0; i < records.length; i += 50) yield records.slice(i, i + 50);
      },
      { onProgress: (p) => progress.push(p.pass) },
    );
    expect(new Set(progress)).toEqual(new Set([1, 2]));
    const y = streamed.transformToArray(records);
    for (let i = 0; i < y.length; i++) expect(Math.abs(y[i] - expected[i])).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(expected[i])));
    await expect(makeSpace().fitAsync([records])).rejects.toMatchObject({ code: "INVALID_OPTION" });
  });

  it("saves one artefact that reloads to identical outputs, with statistics", () => {
    const bytes = space.save();
    const loaded = loadAs(FeatureSpace, bytes);
    expect(sameBytes(loaded.transformToArray(records), expected)).toBe(true);
    expect(loaded.outputNames()).toEqual(space.outputNames());
    const { record } = inspectArtefact(bytes);
    expect(record.inputSchema.map((c) => c.name)).toEqual(["mass", "island", "sex", "bill"]);
    const mass = loaded.statistics.find((s) => s.name === "mass")!;
    const present = columns.mass.filter((v): v is number => v !== null);
    expect(mass.count).toBe(present.length);
    expect(mass.missing).toBe(columns.mass.length - present.length);
    expect(mass.min).toBe(Math.min(...present));
    expect(mass.mean).toBeCloseTo(present.reduce((a, b) => a + b, 0) / present.length, 9);
    const islands = loaded.statistics.find((s) => s.name === "island")!;
    expect(islands.distinct).toBe(3);
    expect(islands.topValues[0]).toEqual({ value: "Biscoe", count: island.filter((v) => v === "Biscoe").length });
    expect(sameBytes(loaded.save(), bytes)).toBe(true);
  });

  it("checkSkew passes on a real space and reports what it compared", () => {
    const report = checkSkew(space, records.slice(0, 40));
    expect(report.checks.every((c) => c.identical)).toBe(true);
    expect(report.values).toBe(40 * 9);
  });

  it("names the column in schema and type errors; ignores or rejects extra columns as configured", () => {
    expect(() => space.transformToArray([{ mass: 1, bill: 2, island: "Dream" }])).toThrow(expect.objectContaining({ code: "SCHEMA_MISMATCH", message: expect.stringContaining('"sex"') }));
    expect(() => space.transformToArray([{ mass: "heavy", bill: 2, island: "Dream", sex: "MALE" }])).toThrow(
      expect.objectContaining({ code: "INVALID_INPUT", message: expect.stringContaining('"mass"') }),
    );
    expect(() => space.transformToArray([{ mass: 1, bill: 2, island: "Dream", sex: "ALIEN" }])).toThrow(expect.objectContaining({ code: "INVALID_INPUT", message: expect.stringContaining("feature \"sex\"") }));
    const strict = new FeatureSpace({ mass: new StandardScaler() }, { extraColumns: "error" }).fit({ mass: [1, 2, 3] });
    expect(() => strict.transformToArray([{ mass: 1, note: "x" }])).toThrow(expect.objectContaining({ code: "SCHEMA_MISMATCH", message: expect.stringContaining('"note"') }));
    expect(strict.transformToArray([{ mass: 2 }])[0]).toBe(0);
  });

  it("treats prototype-named fields as data, not lookups", () => {
    // A computed key makes "__proto__" an own property (a literal __proto__: would set the prototype).
    const s = new FeatureSpace({ constructor: new OneHotEncoder(), ["__proto__"]: new StandardScaler() } as never);
    const rows = [JSON.parse('{"constructor":"a","__proto__":1}'), JSON.parse('{"constructor":"b","__proto__":3}')];
    s.fit(rows);
    expect(s.outputNames()).toEqual(["constructor_a", "constructor_b", "__proto__"]);
    expect(Array.from(s.transformToArray(rows))).toEqual([1, 0, -1, 0, 1, 1]);
  });

  it("adds crosses of categorical columns as HashedCrossing features", () => {
    const crossed = new FeatureSpace({ island: new OneHotEncoder() }, { crosses: [{ columns: ["island", "sex"], numBins: 4 }] });
    const rows = records.map((r) => ({ island: r.island, sex: r.sex ?? "unknown" }));
    crossed.fit(rows);
    expect(crossed.outputNames()).toEqual(["island_Biscoe", "island_Dream", "island_Torgersen", "island_x_sex_0", "island_x_sex_1", "island_x_sex_2", "island_x_sex_3"]);
    const y = crossed.transformToArray(rows);
    for (let i = 0; i < rows.length; i++) expect(y[i * 7 + 3] + y[i * 7 + 4] + y[i * 7 + 5] + y[i * 7 + 6]).toBe(1);
    // The same pair always lands in the same bucket.
    const a = rows.findIndex((r) => r.island === "Dream" && r.sex === "MALE");
    const b = rows.findIndex((r, i) => i > a && r.island === "Dream" && r.sex === "MALE");
    expect(Array.from(y.subarray(a * 7 + 3, a * 7 + 7))).toEqual(Array.from(y.subarray(b * 7 + 3, b * 7 + 7)));
  });

  it("writes into a caller's buffer", () => {
    const out = new Float32Array(records.length * 9 + 3);
    const y = space.transformToArray(records, out);
    expect(y.buffer).toBe(out.buffer);
    expect(sameBytes(y, expected)).toBe(true);
  });

  it("rejects bad specs with option errors", () => {
    expect(() => new FeatureSpace({})).toThrow(expect.objectContaining({ code: "INVALID_OPTION" }));
    const t = new StandardScaler();
    expect(() => new FeatureSpace({ a: t, b: t })).toThrow(expect.objectContaining({ code: "INVALID_OPTION" }));
    expect(() => new FeatureSpace({ a: [new StandardScaler(), new OneHotEncoder()] as never })).toThrow(expect.objectContaining({ code: "INVALID_OPTION" }));
    expect(() => new FeatureSpace({ a: { input: ["x", "y"], transform: new OneHotEncoder() } })).toThrow(expect.objectContaining({ code: "INVALID_OPTION" }));
  });
});

describe("FeatureSpace on more rows than one block", () => {
  it("gives the same bytes as transforming each block alone, and errors name the caller's row", () => {
    const island = penguinColumn("Island");
    const rows = Array.from({ length: 10_000 }, (_, i) => ({ x: (i * 7919) % 1000, island: island[i % island.length] }));
    const space = new FeatureSpace({ x: new StandardScaler(), island: new OneHotEncoder(), pair: { input: ["x", "x"], transform: new StandardScaler() } }).fit(rows);
    const whole = space.transformToArray(rows);
    const parts = [rows.slice(0, 4096), rows.slice(4096, 9000), rows.slice(9000)].map((p) => space.transformToArray(p));
    const joined = new Float32Array(whole.length);
    let at = 0;
    for (const p of parts) {
      joined.set(p, at);
      at += p.length;
    }
    expect(sameBytes(joined, whole)).toBe(true);
    const bad = rows.slice();
    bad[9001] = { x: Number.NaN, island: "Dream" };
    expect(() => space.transformToArray(bad)).toThrow(expect.objectContaining({ code: "INVALID_INPUT", details: expect.objectContaining({ row: 9001 }) }));
  });
});
