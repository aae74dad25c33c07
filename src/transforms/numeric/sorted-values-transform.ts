/**
 * The base of the quantile-based numeric transforms (RobustScaler, QuantileTransformer,
 * KBinsDiscretizer, PowerTransformer, SimpleImputer): they all fit through the per-feature
 * value store of core/sorted-values.ts, exact up to exactValuesLimit and sketched beyond,
 * and report the sketch's certified rank error after a fit.
 */
import type { Kind } from "../../artefact/states.js";
import {
  type SketchPolicy,
  type SortedValuesAcc,
  type StreamingQuantileOptions,
  mergeSortedValues,
  rankErrorsOf,
  sketchPolicy,
} from "../../core/sorted-values.js";
import { NumericTransform } from "../base.js";

export abstract class SortedValuesTransform<K extends Kind> extends NumericTransform<K, SortedValuesAcc> {
  protected readonly policy: SketchPolicy;
  private rankErrors?: Float64Array;

  /** @param kind the class name, for option errors (this.kind is not set yet while the base constructs). */
  protected constructor(name: string | undefined, options: StreamingQuantileOptions, kind: string) {
    super(name);
    this.policy = sketchPolicy(options, kind);
  }

  /** After a fit in this process: per feature, the certified rank error of the quantiles read (0 = exact). */
  get quantileRankError(): Float64Array | undefined {
    if (this.isFitted) this.state(); // finalizes pending partialFit batches
    return this.rankErrors;
  }

  /** Merges two stores under this transform's exact limit and sketch capacity. */
  protected mergeValues(a: SortedValuesAcc, b: SortedValuesAcc, who: string): SortedValuesAcc {
    return mergeSortedValues(a, b, who, this.policy);
  }

  /** Called by finalize: keeps the rank errors of the store the state is computed from. */
  protected recordRankErrors(acc: SortedValuesAcc): void {
    this.rankErrors = rankErrorsOf(acc);
  }
}
