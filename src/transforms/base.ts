/**
 * Base class of transforms over numeric input (a scalar column or an n x d matrix):
 * input viewing, the fitted-width check, the caller's output buffer, naming, tensors,
 * and saving. A kind supplies its accumulator algebra, width, names and apply step.
 */
import { encodeArtefact } from "../artefact/index.js";
import type { Kind, NodeRecord, StateByKind } from "../artefact/states.js";
import { type Matrix, type NumericInput, asMatrix } from "../core/columns.js";
import { SchemaError, SkewlessError } from "../core/errors.js";
import { Fittable } from "../core/transform.js";
import { type Tensor2D, toTensor2D } from "../tensor.js";

export interface SaveOptions {
  /** Free-form metadata stored in the artefact (e.g. a training run id). Nothing time-based is added unless you put it here. */
  metadata?: Record<string, string>;
}

export interface TransformOptions {
  /** Label used in error messages and output names. */
  name?: string;
}

/** Input feature names when none are known: the name itself for one feature, name_j for several. */
export function defaultInputNames(name: string, d: number): string[] {
  if (d === 1) return [name];
  return Array.from({ length: d }, (_, j) => `${name}_${j}`);
}

export abstract class NumericTransform<K extends Kind, Acc> extends Fittable<NumericInput, Acc, StateByKind[K]> {
  abstract override readonly kind: K;

  protected constructor(name: string | undefined) {
    super(name, "x");
  }

  /** Output columns of one row for the fitted state. */
  protected abstract widthFor(state: StateByKind[K]): number;
  /** Output names given the names of the d input features. */
  protected abstract namesFor(state: StateByKind[K], inputNames: string[]): string[];
  /** Writes n x width values into `out` (already checked to be long enough). */
  protected abstract apply(state: StateByKind[K], m: Matrix, out: Float32Array): void;

  get width(): number {
    return this.widthFor(this.state());
  }

  /** Number of input features d the transform was fitted on. */
  get nFeaturesIn(): number {
    return this.state().nFeaturesIn;
  }

  outputNames(inputNames?: string[]): string[] {
    const s = this.state();
    const names = inputNames ?? defaultInputNames(this.name, s.nFeaturesIn);
    if (names.length !== s.nFeaturesIn) {
      throw new SchemaError(`${this.kind} "${this.name}": got ${names.length} input names for ${s.nFeaturesIn} features`);
    }
    return this.namesFor(s, names);
  }

  /**
   * Transforms n rows into a row-major Float32Array of n x width. Pass `out` to reuse a
   * buffer (at least n x width long; only the first n x width values are written).
   */
  transform(values: NumericInput, out?: Float32Array): Float32Array {
    const s = this.state();
    const m = this.view(values, s.nFeaturesIn);
    const w = this.widthFor(s);
    const need = m.rows * w;
    let target: Float32Array;
    if (out === undefined) target = new Float32Array(need);
    else {
      if (!(out instanceof Float32Array)) {
        throw new SkewlessError("BUFFER_TOO_SMALL", `${this.kind} "${this.name}": out must be a Float32Array, got ${Object.prototype.toString.call(out)}`);
      }
      if (out.length < need) {
        throw new SkewlessError(
          "BUFFER_TOO_SMALL",
          `${this.kind} "${this.name}": output buffer holds ${out.length} values but ${m.rows} rows x ${w} columns need ${need}; allocate new Float32Array(${need})`,
        );
      }
      target = out;
    }
    this.apply(s, m, target);
    return out === undefined ? target : target.subarray(0, need);
  }

  /** transform() wrapped as a tf.Tensor2D of shape [n, width]. */
  toTensor(values: NumericInput): Tensor2D {
    const out = this.transform(values);
    return toTensor2D(out, out.length / Math.max(1, this.width), this.width);
  }

  /** Artefact bytes of the fitted state. Same state, same bytes. */
  save(options: SaveOptions = {}): Uint8Array {
    const s = this.state();
    const inputs = defaultInputNames(this.name, s.nFeaturesIn);
    const names = this.namesFor(s, inputs);
    return encodeArtefact({
      root: this.toRecord(),
      inputSchema: [{ name: this.name, type: s.nFeaturesIn === 1 ? "numeric" : "vector", width: s.nFeaturesIn }],
      layout: names.map((n) => ({ name: n, source: this.name, transform: this.kind })),
      metadata: { ...(options.metadata ?? {}) },
      statistics: [],
    });
  }

  /** The fitted state as an artefact node. */
  toRecord(): NodeRecord {
    return { kind: this.kind, name: this.name, state: this.state(), children: [] } as NodeRecord;
  }

  /** Views input as a matrix and checks it has the fitted number of features. */
  protected view(values: NumericInput, d: number | undefined): Matrix {
    const m = asMatrix(values, `${this.kind} "${this.name}"`, d);
    if (d !== undefined && m.cols !== d) {
      throw new SchemaError(
        `${this.kind} "${this.name}" was fitted on ${d} feature(s) but got ${m.cols} per row; pass rows with the same features, in the same order, as in fit`,
        { column: this.name },
      );
    }
    return m;
  }

  /** Rebuilds a fitted transform's state from an artefact node (used by loadArtefact). */
  loadState(state: StateByKind[K]): this {
    this.setState(state);
    return this;
  }
}
