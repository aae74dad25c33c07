/**
 * Registry of the transforms under the shared conformance and skew suites. Registering a
 * transform = adding a case here; no new harness.
 */
import { Clip, Log1p, MaxAbsScaler, MinMaxScaler, Normalizer, StandardScaler, matrix } from "../../src/index.js";
import { QuantileTransformer, RobustScaler, SimpleImputer } from "../../src/index.js";
import { KBinsDiscretizer, PowerTransformer } from "../../src/index.js";
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

/** |x| of every cell: real data inside log1p's domain (penguins' Delta 13 C is negative). */
const absRows = (rows: NumRow[]): NumRow[] => rows.map((r) => r.map((v) => (v === null ? null : Math.abs(v))));

export const CASES: ConformanceCase<NumRow, NumericInput>[] = [
  // Min/max and width-only accumulators merge exactly: tolerance 0.
  numericCase("MinMaxScaler", () => new MinMaxScaler({ name: "penguin" }), { mergeTolerance: 0 }),
  numericCase("MinMaxScaler featureRange=[-1,1] clip", () => new MinMaxScaler({ featureRange: [-1, 1], clip: true }), { mergeTolerance: 0 }),
  numericCase("MinMaxScaler one column", () => new MinMaxScaler({ name: "mass" }), {
    mergeTolerance: 0,
    realRows: penguinRows().map((r) => [r[3]]),
    realTransformRows: completePenguinRows().map((r) => [r[3]]),
    rows: numericRows(1),
    extremeRows: extremeRows(1),
    badInputs: [
      { label: "NaN", input: () => [NaN], code: "INVALID_INPUT" },
      { label: "null", input: () => [null], code: "INVALID_INPUT" },
      { label: "-Infinity", input: () => [-Infinity], code: "INVALID_INPUT" },
      { label: "string", input: () => ["3"] as unknown as number[], code: "INVALID_INPUT" },
      { label: "two features", input: () => [[1, 2]], code: "SCHEMA_MISMATCH" },
    ],
  }),
  numericCase("MaxAbsScaler", () => new MaxAbsScaler({ name: "penguin" }), { mergeTolerance: 0 }),
  // Normalizer is stateless per row: a missing cell at transform is an error, so it is fitted and exercised on complete rows.
  numericCase("Normalizer l2", () => new Normalizer(), { mergeTolerance: 0, realRows: completePenguinRows(), rows: numericRows(D, { missing: false }) }),
  numericCase("Normalizer l1", () => new Normalizer({ norm: "l1" }), { mergeTolerance: 0, realRows: completePenguinRows(), rows: numericRows(D, { missing: false }) }),
  numericCase("Normalizer max", () => new Normalizer({ norm: "max" }), { mergeTolerance: 0, realRows: completePenguinRows(), rows: numericRows(D, { missing: false }) }),
  numericCase("Log1p", () => new Log1p({ name: "penguin" }), {
    mergeTolerance: 0,
    realRows: absRows(penguinRows()),
    realTransformRows: absRows(completePenguinRows()),
    rows: numericRows(D, { min: -0.999 }),
    badInputs: [
      ...numericBadInputs(),
      { label: "-1", input: () => [absRows(completePenguinRows())[0].map((v, j) => (j === 4 ? -1 : v))], code: "INVALID_INPUT" },
      { label: "-Infinity", input: () => [absRows(completePenguinRows())[0].map((v, j) => (j === 4 ? -Infinity : v))], code: "INVALID_INPUT" },
    ],
  }),
  // Finite bounds clamp ±Infinity (np.clip does), so "Infinity" is not a bad input here.
  numericCase("Clip min=0 max=1000", () => new Clip({ min: 0, max: 1000 }), {
    mergeTolerance: 0,
    badInputs: numericBadInputs().filter((b) => b.label !== "Infinity"),
  }),
  // An open upper bound leaves +Infinity infinite: a typed error.
  numericCase("Clip min=-30", () => new Clip({ name: "penguin", min: -30 }), { mergeTolerance: 0 }),
  // Sorted-value stores (RobustScaler, QuantileTransformer, SimpleImputer) merge exactly: tolerance 0.
  numericCase("RobustScaler", () => new RobustScaler({ name: "penguin" }), { mergeTolerance: 0 }),
  numericCase("RobustScaler quantileRange=[10,90] unitVariance withCentering=false", () => new RobustScaler({ quantileRange: [10, 90], unitVariance: true, withCentering: false }), {
    mergeTolerance: 0,
  }),
  numericCase("RobustScaler one column", () => new RobustScaler({ name: "mass", withScaling: false }), {
    mergeTolerance: 0,
    realRows: penguinRows().map((r) => [r[3]]),
    realTransformRows: completePenguinRows().map((r) => [r[3]]),
    rows: numericRows(1),
    extremeRows: extremeRows(1),
    badInputs: [
      { label: "NaN", input: () => [NaN], code: "INVALID_INPUT" },
      { label: "null", input: () => [null], code: "INVALID_INPUT" },
      { label: "string", input: () => ["3"] as unknown as number[], code: "INVALID_INPUT" },
      { label: "two features", input: () => [[1, 2]], code: "SCHEMA_MISMATCH" },
    ],
  }),
  // Sketch mode (every value past exactValuesLimit = 0, tiny levels so compactions happen on
  // small data). Merge order changes which values a sketch keeps, so the merged state is not
  // compared by value here; the rank-error bound it must meet needs the data and is checked
  // in test/unit/quantile-sketch.test.ts. Everything else (save/load, determinism, rows vs
  // batch, typed errors, the skew suite) runs as for any case.
  numericCase("RobustScaler sketched exactValuesLimit=0 sketchCapacity=8", () => new RobustScaler({ exactValuesLimit: 0, sketchCapacity: 8 }), { mergeTolerance: Infinity }),
  numericCase("QuantileTransformer sketched exactValuesLimit=0 sketchCapacity=8", () => new QuantileTransformer({ nQuantiles: 50, exactValuesLimit: 0, sketchCapacity: 8 }), {
    mergeTolerance: Infinity,
  }),
  numericCase("QuantileTransformer uniform", () => new QuantileTransformer({ name: "penguin" }), { mergeTolerance: 0 }),
  numericCase("QuantileTransformer normal nQuantiles=100", () => new QuantileTransformer({ nQuantiles: 100, outputDistribution: "normal" }), { mergeTolerance: 0 }),
  numericCase("QuantileTransformer one column nQuantiles=7", () => new QuantileTransformer({ name: "mass", nQuantiles: 7, outputDistribution: "normal" }), {
    mergeTolerance: 0,
    realRows: penguinRows().map((r) => [r[3]]),
    realTransformRows: completePenguinRows().map((r) => [r[3]]),
    rows: numericRows(1),
    extremeRows: extremeRows(1),
    badInputs: [
      { label: "NaN", input: () => [NaN], code: "INVALID_INPUT" },
      { label: "undefined", input: () => [undefined], code: "INVALID_INPUT" },
      { label: "Infinity", input: () => [Infinity], code: "INVALID_INPUT" },
      { label: "two features", input: () => [[1, 2]], code: "SCHEMA_MISMATCH" },
    ],
  }),
  // Imputers accept missing cells at transform: the real transform rows keep theirs.
  numericCase("SimpleImputer mean addIndicator", () => new SimpleImputer({ name: "penguin", addIndicator: true }), {
    mergeTolerance: 0,
    realTransformRows: penguinRows(),
    badInputs: numericBadInputs({ missingAllowed: true }),
  }),
  numericCase("SimpleImputer median", () => new SimpleImputer({ strategy: "median" }), {
    mergeTolerance: 0,
    realTransformRows: penguinRows(),
    badInputs: numericBadInputs({ missingAllowed: true }),
  }),
  numericCase("SimpleImputer mostFrequent keepEmptyFeatures", () => new SimpleImputer({ strategy: "mostFrequent", keepEmptyFeatures: true }), {
    mergeTolerance: 0,
    realTransformRows: penguinRows(),
    badInputs: numericBadInputs({ missingAllowed: true }),
  }),
  numericCase("SimpleImputer constant fillValue=-1 addIndicator", () => new SimpleImputer({ strategy: "constant", fillValue: -1, addIndicator: true }), {
    mergeTolerance: 0,
    realTransformRows: penguinRows(),
    badInputs: numericBadInputs({ missingAllowed: true }),
  }),
  numericCase("SimpleImputer one column median", () => new SimpleImputer({ name: "mass", strategy: "median" }), {
    mergeTolerance: 0,
    realRows: penguinRows().map((r) => [r[3]]),
    realTransformRows: penguinRows().map((r) => [r[3]]),
    rows: numericRows(1),
    extremeRows: extremeRows(1),
    badInputs: [
      { label: "-Infinity", input: () => [-Infinity], code: "INVALID_INPUT" },
      { label: "string", input: () => ["3"] as unknown as number[], code: "INVALID_INPUT" },
      { label: "two features", input: () => [[1, 2]], code: "SCHEMA_MISMATCH" },
    ],
  }),
  // PowerTransformer and KBinsDiscretizer fit from the exact sorted-value store: merge is bit-exact.
  numericCase("PowerTransformer yeo-johnson", () => new PowerTransformer({ name: "penguin" }), { mergeTolerance: 0 }),
  numericCase("PowerTransformer yeo-johnson standardize=false", () => new PowerTransformer({ standardize: false }), { mergeTolerance: 0 }),
  numericCase("PowerTransformer box-cox", () => new PowerTransformer({ method: "box-cox" }), {
    mergeTolerance: 0,
    // Box-Cox needs x > 0: penguins with |Delta 13 C| (the only negative column).
    realRows: penguinRows().map((r) => r.map((v) => (v === null ? null : Math.abs(v)))),
    realTransformRows: completePenguinRows().map((r) => r.map((v) => (v === null ? null : Math.abs(v)))),
    rows: numericRows(D, { min: 1e-3, max: 1e6 }),
    extremeRows: extremeRows(D).map((rows) => rows.map((r) => r.map((v) => (v === null ? null : Math.abs(v))))),
    badInputs: [
      ...numericBadInputs(),
      { label: "zero", input: () => [completePenguinRows()[0].map((v, j) => (j === 4 ? 0 : Math.abs(v as number)))], code: "INVALID_INPUT" },
      { label: "a negative value", input: () => [completePenguinRows()[0].map((v, j) => (j === 0 ? -1 : Math.abs(v as number)))], code: "INVALID_INPUT" },
    ],
  }),
  numericCase("KBinsDiscretizer quantile onehot", () => new KBinsDiscretizer({ name: "penguin" }), { mergeTolerance: 0 }),
  numericCase("KBinsDiscretizer uniform ordinal nBins=3", () => new KBinsDiscretizer({ strategy: "uniform", encode: "ordinal", nBins: 3 }), { mergeTolerance: 0 }),
  numericCase("KBinsDiscretizer kmeans onehot nBins=4", () => new KBinsDiscretizer({ strategy: "kmeans", nBins: 4 }), { mergeTolerance: 0 }),
  numericCase("KBinsDiscretizer kmeans ordinal one column", () => new KBinsDiscretizer({ name: "mass", strategy: "kmeans", encode: "ordinal" }), {
    mergeTolerance: 0,
    realRows: penguinRows().map((r) => [r[3]]),
    realTransformRows: completePenguinRows().map((r) => [r[3]]),
    rows: numericRows(1),
    extremeRows: extremeRows(1),
    badInputs: [
      { label: "NaN", input: () => [NaN], code: "INVALID_INPUT" },
      { label: "-Infinity", input: () => [-Infinity], code: "INVALID_INPUT" },
      { label: "string", input: () => ["3"] as unknown as number[], code: "INVALID_INPUT" },
      { label: "two features", input: () => [[1, 2]], code: "SCHEMA_MISMATCH" },
    ],
  }),
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
