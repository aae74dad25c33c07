/**
 * Registry of the transforms under the shared conformance and skew suites. Registering a
 * transform = adding a case here; no new harness.
 */
import { StandardScaler, matrix } from "../../src/index.js";
import type { NumericInput } from "../../src/index.js";
import { type NumRow, completePenguinRows, extremeRows, numericRows, penguinRows } from "./arbitraries.js";
import type { ConformanceCase } from "./subject.js";

/** Numeric rows as the transforms' input: an array of rows (d > 1) or a flat column (d = 1). */
export function numericInput(rows: NumRow[]): NumericInput {
  if (rows.length > 0 && rows[0].length === 1) return rows.map((r) => r[0]);
  return rows;
}

const D = 6;

/** Bad inputs every numeric transform fitted on 6 features must reject at transform time. */
export function numericBadInputs(opts: { missingAllowed?: boolean } = {}): ConformanceCase<NumRow, NumericInput>["badInputs"] {
  const good = completePenguinRows()[0];
  const bad: ConformanceCase<NumRow, NumericInput>["badInputs"] = [
    { label: "a string cell", input: () => [good.map((v, j) => (j === 2 ? ("181" as unknown as number) : v))], code: "INVALID_INPUT" },
    { label: "an object cell", input: () => [good.map((v, j) => (j === 0 ? ({} as unknown as number) : v))], code: "INVALID_INPUT" },
    { label: "Infinity", input: () => [good.map((v, j) => (j === 1 ? Infinity : v))], code: "INVALID_INPUT" },
    { label: "too few features", input: () => [good.slice(0, D - 1)], code: "SCHEMA_MISMATCH" },
    { label: "ragged rows", input: () => [good, good.slice(1)], code: "SCHEMA_MISMATCH" },
    { label: "a matrix of the wrong width", input: () => matrix(new Float64Array(8), 2, 4), code: "SCHEMA_MISMATCH" },
    { label: "a string instead of a column", input: () => "1,2,3" as unknown as NumericInput, code: "INVALID_INPUT" },
  ];
  if (!opts.missingAllowed) {
    bad.push({ label: "NaN", input: () => [good.map((v, j) => (j === 3 ? NaN : v))], code: "INVALID_INPUT" });
    bad.push({ label: "null", input: () => [good.map((v, j) => (j === 3 ? null : v))], code: "INVALID_INPUT" });
  }
  return bad;
}

interface MomentState {
  mean: Float64Array;
  var: Float64Array;
  scale: Float64Array;
  nSamplesSeen: Float64Array;
}

/** Moments relative to each feature's root mean square, the scale Chan's merge is accurate to. */
export function momentDistance(a: unknown, b: unknown): { diff: number; path: string } {
  const x = a as MomentState;
  const y = b as MomentState;
  let worst = { diff: 0, path: "state" };
  const consider = (diff: number, path: string) => {
    if (!(diff <= worst.diff)) worst = { diff, path };
  };
  for (let j = 0; j < x.mean.length; j++) {
    if (x.nSamplesSeen[j] !== y.nSamplesSeen[j]) consider(Infinity, `nSamplesSeen[${j}]`);
    const ms = Math.max(x.var[j] + x.mean[j] ** 2, Number.MIN_VALUE);
    consider(Math.abs(x.mean[j] - y.mean[j]) / Math.sqrt(ms), `mean[${j}] ${x.mean[j]} vs ${y.mean[j]}`);
    consider(Math.abs(x.var[j] - y.var[j]) / ms, `var[${j}] ${x.var[j]} vs ${y.var[j]}`);
    if (x.scale.length > 0) consider(Math.abs(x.scale[j] - y.scale[j]) / Math.max(x.scale[j], Math.sqrt(ms)), `scale[${j}] ${x.scale[j]} vs ${y.scale[j]}`);
  }
  return worst;
}

function numericCase(label: string, make: () => ConformanceCase<NumRow, NumericInput>["make"] extends () => infer S ? S : never, extra: Partial<ConformanceCase<NumRow, NumericInput>> = {}): ConformanceCase<NumRow, NumericInput> {
  return {
    label,
    make,
    toInput: numericInput,
    realRows: penguinRows(),
    realTransformRows: completePenguinRows(),
    rows: numericRows(D),
    extremeRows: extremeRows(D),
    mergeTolerance: 1e-12,
    badInputs: numericBadInputs(),
    emptyFitThrows: true,
    ...extra,
  };
}

export const CASES: ConformanceCase<NumRow, NumericInput>[] = [
  numericCase("StandardScaler", () => new StandardScaler({ name: "penguin" }), { stateDistance: momentDistance }),
  numericCase("StandardScaler withMean=false", () => new StandardScaler({ withMean: false }), { stateDistance: momentDistance }),
  numericCase("StandardScaler one column", () => new StandardScaler({ name: "mass" }), {
    stateDistance: momentDistance,
    realRows: penguinRows().map((r) => [r[3]]),
    realTransformRows: completePenguinRows().map((r) => [r[3]]),
    rows: numericRows(1),
    extremeRows: extremeRows(1),
    badInputs: [
      { label: "NaN", input: () => [NaN], code: "INVALID_INPUT" },
      { label: "string", input: () => ["3"] as unknown as number[], code: "INVALID_INPUT" },
      { label: "two features", input: () => [[1, 2]], code: "SCHEMA_MISMATCH" },
    ],
  }),
];
