/**
 * The Transform contract every kind obeys (checked by test/conformance):
 *
 *  - `fit(values)` learns state; `partialFit(batch)` + `merge(other)` make fitting
 *    streamable and distributable through a plain-data accumulator
 *    (init / update / merge / finalize, float64 accumulation).
 *  - `transform(values, out?)` returns a row-major Float32Array of n x width, written
 *    into the caller's buffer when one is given. Row i depends only on row i.
 *  - Pure after fit; deterministic fit; typed errors for bad input.
 *
 * Core knows nothing of protobuf or tfjs: saving goes through the `ArtefactWriter`
 * installed by the artefact layer, and `toTensor` through the tensor edge module.
 */
import { NotFittedError, SkewlessError } from "./errors.js";

/** Plain, structured-cloneable fitted state of one transform kind. */
export type PlainState = object;

/**
 * The accumulator algebra of one transform kind. Accumulators are plain data (no
 * class instances, no closures) so they cross worker threads, and `merge` is
 * associative and commutative with `init()` as identity — the shape of a Beam CombineFn
 * (createAccumulator / addInput / mergeAccumulators / extractOutput).
 */
export interface AccumulatorSpec<In, Acc, State> {
  init(): Acc;
  /** Folds one batch into `acc` (may mutate and return it). */
  update(acc: Acc, batch: In): Acc;
  /** Combines two accumulators into a new one; must not mutate its arguments. */
  merge(a: Acc, b: Acc): Acc;
  /** Turns a non-empty accumulator into fitted state; throws a typed error otherwise. */
  finalize(acc: Acc): State;
}

/** What every fitted object can do, whatever its input type. */
export interface FittedTransform<In> {
  readonly kind: string;
  readonly name: string;
  readonly isFitted: boolean;
  /** Output columns per row. */
  readonly width: number;
  outputNames(): string[];
  transform(values: In, out?: Float32Array): Float32Array;
}

/** Thrown by partialFit/merge on an object loaded from an artefact, which has state but no accumulator. */
export class StateUnavailableError extends SkewlessError {
  constructor(message: string) {
    super("STATE_UNAVAILABLE", message);
  }
}

/**
 * Shared machinery: accumulate, finalize lazily, guard unfitted use.
 * Subclasses provide the accumulator spec and the apply step.
 */
export abstract class Fittable<In, Acc, State extends PlainState> {
  abstract readonly kind: string;
  readonly name: string;
  protected acc: Acc | null = null;
  protected fittedState: State | null = null;

  protected constructor(name: string | undefined, defaultName: string) {
    this.name = name ?? defaultName;
  }

  protected abstract accumulatorSpec(): AccumulatorSpec<In, Acc, State>;

  /** Learns state from all of `values` (forgets any earlier fit). */
  fit(values: In): this {
    const spec = this.accumulatorSpec();
    const acc = spec.update(spec.init(), values);
    this.fittedState = spec.finalize(acc);
    this.acc = acc;
    return this;
  }

  /** Folds one more batch into the fit. State is recomputed on next use. */
  partialFit(batch: In): this {
    const spec = this.accumulatorSpec();
    if (this.acc === null) {
      if (this.fittedState !== null) throw this.noAccumulator("partialFit");
      this.acc = spec.init();
    }
    this.acc = spec.update(this.acc, batch);
    this.fittedState = null;
    return this;
  }

  /** Adds what `other` has seen to this fit (e.g. a fit of another shard of the data). */
  merge(other: this): this {
    if (other.kind !== this.kind) {
      throw new SkewlessError("MERGE_INCOMPATIBLE", `${this.name}: cannot merge a ${other.kind} into a ${this.kind}`);
    }
    if (other.acc === null) {
      if (other.fittedState !== null) throw other.noAccumulator("merge");
      return this; // an instance that saw no data is the identity of merge
    }
    return this.mergeAccumulator(other.acc);
  }

  /** The plain-data accumulator of everything seen so far (a copy safe to post to a worker). */
  accumulator(): Acc {
    const spec = this.accumulatorSpec();
    if (this.acc === null) {
      if (this.fittedState !== null) throw this.noAccumulator("accumulator");
      return spec.init();
    }
    return spec.merge(spec.init(), this.acc);
  }

  /** Merges a plain accumulator (from {@link accumulator} of another instance) into this fit. */
  mergeAccumulator(other: Acc): this {
    const spec = this.accumulatorSpec();
    if (this.acc === null) {
      if (this.fittedState !== null) throw this.noAccumulator("merge");
      this.acc = spec.init();
    }
    this.acc = spec.merge(this.acc, other);
    this.fittedState = null;
    return this;
  }

  get isFitted(): boolean {
    return this.fittedState !== null || this.acc !== null;
  }

  /** The fitted state, finalizing pending batches first. */
  protected state(): State {
    if (this.fittedState === null) {
      if (this.acc === null) {
        throw new NotFittedError(
          `${this.kind} "${this.name}" is not fitted; call fit(values) (or partialFit(batch)) before transform, or load a fitted artefact`,
          { column: this.name },
        );
      }
      this.fittedState = this.accumulatorSpec().finalize(this.acc);
    }
    return this.fittedState;
  }

  /** Installs state loaded from an artefact. */
  protected setState(state: State): void {
    this.fittedState = state;
    this.acc = null;
  }

  private noAccumulator(op: string): StateUnavailableError {
    return new StateUnavailableError(
      `${this.kind} "${this.name}": ${op} needs the fit accumulator, but this object was loaded from an artefact, which stores fitted state only; fit a new ${this.kind} on the new data instead`,
    );
  }
}
