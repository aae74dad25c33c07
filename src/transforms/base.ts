/**
 * Base class of transforms over numeric input (a scalar column or an n x d matrix):
 * input viewing, the fitted-width check, the caller's output buffer, naming, tensors,
 * and saving. A kind supplies its accumulator algebra, width, names and apply step.
 */
import { type ColumnType, encodeArtefact } from "../artefact/index.js";
import type { Kind, NodeRecord, StateByKind } from "../artefact/states.js";
import { type Matrix, type NumericInput, asMatrix } from "../core/columns.js";
import { SchemaError, SkewlessError } from "../core/errors.js";
import { Fittable } from "../core/transform.js";
import { type Tensor2D, toTensor2D } from "../tensor.js";

export interface SaveOptions {
  /** Free-form metadata stored in the artefact (e.g. a training run id). Nothing time-based is added unless you put it here. */
  metadata?: Record<string, string>;
  /** Sign the artefact with an ed25519 private key (generateSigningKey()); loaders check it with `trustedKeys`. */
  sign?: { privateKey: Uint8Array };
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

/**
 * Shared by every single-input transform: the fitted-width check, the caller's output
 * buffer, naming, tensors and saving. `Prepared` is the validated view of one input
 * batch (a matrix for numeric kinds, a value column for categorical ones).
 */
export abstract class ColumnTransform<In, K extends Kind, Acc, Prepared extends { rows: number }> extends Fittable<In, Acc, StateByKind[K]> {
  abstract override readonly kind: K;

  /** Validates and views one input batch against the fitted state. */
  protected abstract prepare(values: In, state: StateByKind[K]): Prepared;
  /** Output columns of one row for the fitted state. */
  protected abstract widthFor(state: StateByKind[K]): number;
  /** Output names given the names of the d input features. */
  protected abstract namesFor(state: StateByKind[K], inputNames: string[]): string[];
  /** Writes rows x width values into `out` (already checked to be long enough). */
  protected abstract apply(state: StateByKind[K], x: Prepared, out: Float32Array): void;
  /** Type of the input column recorded in the artefact schema. */
  protected abstract inputType(state: StateByKind[K]): ColumnType;

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
  transform(values: In, out?: Float32Array): Float32Array {
    const s = this.state();
    const x = this.prepare(values, s);
    const w = this.widthFor(s);
    const target = outputBuffer(out, x.rows * w, `${this.kind} "${this.name}"`, x.rows, w);
    this.apply(s, x, target);
    return target;
  }

  /**
   * @internal Writes the rows' outputs into `out` at column `offset` of rows `stride`
   * wide (how FeatureSpace assembles its matrix). The default goes through `scratch`;
   * kinds with a hot loop may write in place.
   */
  transformStrided(values: In, out: Float32Array, stride: number, offset: number, scratch?: Float32Array): void {
    const y = this.transform(values, scratch);
    const w = this.width;
    const n = w === 0 ? 0 : y.length / w;
    if (w === 1) for (let i = 0; i < n; i++) out[i * stride + offset] = y[i];
    else for (let i = 0; i < n; i++) out.set(y.subarray(i * w, i * w + w), i * stride + offset);
  }

  /** transform() wrapped as a tf.Tensor2D of shape [n, width]. */
  toTensor(values: In): Tensor2D {
    const out = this.transform(values);
    return toTensor2D(out, out.length / Math.max(1, this.width), this.width);
  }

  /** Artefact bytes of the fitted state. Same state, same bytes. */
  save(options: SaveOptions = {}): Uint8Array {
    const s = this.state();
    const names = this.namesFor(s, defaultInputNames(this.name, s.nFeaturesIn));
    return encodeArtefact({
      root: this.toRecord(),
      inputSchema: [{ name: this.name, type: this.inputType(s), width: s.nFeaturesIn }],
      layout: names.map((n) => ({ name: n, source: this.name, transform: this.kind })),
      metadata: { ...(options.metadata ?? {}) },
      statistics: [],
    }, { sign: options.sign, source: this });
  }

  /** The fitted state as an artefact node. */
  toRecord(): NodeRecord {
    return { kind: this.kind, name: this.name, state: this.state(), children: [] } as NodeRecord;
  }

  /** @internal Installs state loaded from an artefact (used by loadArtefact). */
  loadState(state: StateByKind[K]): this {
    this.setState(state);
    return this;
  }
}

/**
 * The output block: a fresh Float32Array, or the first `need` values of the caller's
 * buffer (a subarray view, so callers can pass one large reusable buffer).
 */
export function outputBuffer(out: Float32Array | undefined, need: number, who: string, rows: number, width: number): Float32Array {
  if (out === undefined) return new Float32Array(need);
  if (!(out instanceof Float32Array)) {
    throw new SkewlessError("BUFFER_TOO_SMALL", `${who}: out must be a Float32Array, got ${Object.prototype.toString.call(out)}`);
  }
  if (out.length < need) {
    throw new SkewlessError(
      "BUFFER_TOO_SMALL",
      `${who}: output buffer holds ${out.length} values but ${rows} rows x ${width} columns need ${need}; allocate new Float32Array(${need})`,
    );
  }
  return out.length === need ? out : out.subarray(0, need);
}

/** Numeric kinds: input is a scalar column or an n x d matrix. */
export abstract class NumericTransform<K extends Kind, Acc> extends ColumnTransform<NumericInput, K, Acc, Matrix> {
  protected constructor(name: string | undefined) {
    super(name, "x");
  }

  protected prepare(values: NumericInput, state: StateByKind[K]): Matrix {
    return this.view(values, state.nFeaturesIn);
  }

  protected inputType(state: StateByKind[K]): ColumnType {
    return state.nFeaturesIn === 1 ? "numeric" : "vector";
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
}
