/**
 * Pipeline: a chain of numeric transforms, each fitted on the previous one's output
 * (scikit-learn's Pipeline). Saved as one artefact node whose children are the steps.
 *
 * Streaming: a step can only be fitted once the steps before it are, so a chain of k
 * stateful steps needs k passes over the data. `fit(values)` does them in memory;
 * `fitBatches(source)` re-reads a batch source once per step. partialFit/merge of a
 * whole pipeline are not offered for that reason; fit the steps' accumulators per pass.
 */
import { type ColumnType, encodeArtefact } from "../artefact/index.js";
import type { NodeRecord } from "../artefact/states.js";
import { type Matrix, type NumericInput, matrix } from "../core/columns.js";
import { InvalidOptionError, NotFittedError, SkewlessError } from "../core/errors.js";
import { type Tensor2D, toTensor2D } from "../tensor.js";
import { type SaveOptions, defaultInputNames } from "./base.js";

/** What any step must offer, whatever its input type `In`. */
export interface Step<In> {
  readonly kind: string;
  readonly name: string;
  readonly isFitted: boolean;
  readonly width: number;
  readonly nFeaturesIn: number;
  fit(values: In): unknown;
  partialFit(values: In): unknown;
  transform(values: In, out?: Float32Array): Float32Array;
  outputNames(inputNames?: string[]): string[];
  toRecord(): NodeRecord;
}

/** A step over numeric input (every numeric transform is one); all steps after the first are. */
export type NumericStep = Step<NumericInput>;

export interface PipelineOptions {
  /** Label used in error messages, output names and the artefact. Default "x". */
  name?: string;
}

/**
 * The first step may take any input (a categorical column, text, ...); every later step
 * takes the previous step's Float32 output as an n x width matrix.
 */
export class Pipeline<In = NumericInput> {
  readonly kind = "Pipeline" as const;
  readonly name: string;
  readonly steps: readonly [Step<In>, ...NumericStep[]];

  constructor(steps: [Step<In>, ...NumericStep[]], options: PipelineOptions = {}) {
    if (!Array.isArray(steps) || steps.length === 0) {
      throw new InvalidOptionError("Pipeline needs at least one step, e.g. new Pipeline([new SimpleImputer(), new StandardScaler()])");
    }
    if (new Set(steps).size !== steps.length) throw new InvalidOptionError("Pipeline: the same transform object appears twice; create one instance per step");
    this.steps = steps.slice() as [Step<In>, ...NumericStep[]];
    this.name = options.name ?? "x";
  }

  get isFitted(): boolean {
    return this.steps.every((s) => s.isFitted);
  }

  private requireFitted(): void {
    if (!this.isFitted) {
      throw new NotFittedError(`Pipeline "${this.name}" is not fitted; call fit(values) or fitBatches(source) first, or load a fitted artefact`, {
        column: this.name,
      });
    }
  }

  /** Fits each step on the output of the steps before it. */
  fit(values: In): this {
    const [first, ...rest] = this.steps;
    first.fit(values);
    if (rest.length === 0) return this;
    let x: NumericInput = this.asStepOutput(first, first.transform(values));
    rest.forEach((step, k) => {
      step.fit(x);
      if (k + 1 < rest.length) x = this.asStepOutput(step, step.transform(x));
    });
    return this;
  }

  /** Number of steps that learn from data in sequence (each needs a pass in a streaming fit). */
  get passes(): number {
    return this.steps.length;
  }

  /** Streaming fit of step `k` only, on one batch (steps before k must be fitted). */
  partialFitStep(k: number, batch: In): void {
    if (k === 0) this.steps[0].partialFit(batch);
    else (this.steps[k] as NumericStep).partialFit(this.forward(batch, k));
  }

  /**
   * Streaming fit: `source()` must yield the same batches each time it is called; it is
   * called once per step (k passes for k steps).
   */
  fitBatches(source: () => Iterable<In>): this {
    for (let k = 0; k < this.steps.length; k++) {
      let seen = false;
      for (const batch of source()) {
        this.partialFitStep(k, batch);
        seen = true;
      }
      if (!seen) throw new SkewlessError("INVALID_INPUT", `Pipeline "${this.name}": fitBatches source yielded no batches for step ${k}`);
      void this.steps[k].width; // finalize now so a fit error names this pass
    }
    return this;
  }

  /** Output of the first `upTo` (>= 1) steps. */
  private forward(values: In, upTo: number): NumericInput {
    const [first, ...rest] = this.steps;
    let x: NumericInput = this.asStepOutput(first, first.transform(values));
    for (let k = 0; k + 1 < upTo; k++) x = this.asStepOutput(rest[k], rest[k].transform(x));
    return x;
  }

  private asStepOutput(step: Step<never>, y: Float32Array): Matrix {
    const w = step.width;
    return matrix(y, w === 0 ? 0 : y.length / w, Math.max(1, w));
  }

  get width(): number {
    this.requireFitted();
    return this.steps[this.steps.length - 1].width;
  }

  get nFeaturesIn(): number {
    this.requireFitted();
    return this.steps[0].nFeaturesIn;
  }

  outputNames(inputNames?: string[]): string[] {
    this.requireFitted();
    let names = inputNames ?? defaultInputNames(this.name, this.steps[0].nFeaturesIn);
    for (const s of this.steps) names = s.outputNames(names);
    return names;
  }

  /** Runs every step; intermediate blocks are fresh, the last one writes into `out` when given. */
  transform(values: In, out?: Float32Array): Float32Array {
    this.requireFitted();
    if (this.steps.length === 1) return this.steps[0].transform(values, out);
    const last = this.steps.length - 1;
    return (this.steps[last] as NumericStep).transform(this.forward(values, last), out);
  }

  toTensor(values: In): Tensor2D {
    const y = this.transform(values);
    return toTensor2D(y, y.length / Math.max(1, this.width), this.width);
  }

  toRecord(): NodeRecord {
    this.requireFitted();
    return { kind: "Pipeline", name: this.name, state: { nFeaturesIn: this.nFeaturesIn }, children: this.steps.map((s) => s.toRecord()) };
  }

  save(options: SaveOptions = {}): Uint8Array {
    const d = this.nFeaturesIn;
    const names = this.outputNames();
    return encodeArtefact({
      root: this.toRecord(),
      inputSchema: [{ name: this.name, type: inputColumnType(this.steps[0].toRecord().kind, d), width: d }],
      layout: names.map((n) => ({ name: n, source: this.name, transform: this.kind })),
      metadata: { ...(options.metadata ?? {}) },
      statistics: [],
    }, { sign: options.sign, source: this });
  }

  /** Rebuilds a loaded pipeline from its fitted steps. */
  static fromSteps<In>(steps: [Step<In>, ...NumericStep[]], name: string): Pipeline<In> {
    return new Pipeline<In>(steps, { name });
  }
}

/** The schema type of a pipeline's input, from its first step's kind. */
function inputColumnType(kind: string, d: number): ColumnType {
  if (NUMERIC_KINDS.has(kind)) return d === 1 ? "numeric" : "vector";
  return "categorical";
}

const NUMERIC_KINDS = new Set([
  "StandardScaler", "MinMaxScaler", "MaxAbsScaler", "RobustScaler", "Normalizer", "QuantileTransformer",
  "PowerTransformer", "KBinsDiscretizer", "SimpleImputer", "Log1p", "Clip",
]);
