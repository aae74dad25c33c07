/** What the shared suites need from any transform, whatever its input type. */
export interface Subject<In> {
  readonly kind: string;
  readonly name: string;
  readonly isFitted: boolean;
  readonly width: number;
  outputNames(): string[];
  fit(values: In): unknown;
  partialFit(values: In): unknown;
  merge(other: never): unknown;
  transform(values: In, out?: Float32Array): Float32Array | Int32Array;
  save(options?: { metadata?: Record<string, string> }): Uint8Array;
  toRecord(): { kind: string; state: unknown };
}

/**
 * One registration: how to make the transform, valid data to fit it on, and the rules
 * it claims. Adding a transform to the suites means adding one of these to cases.ts.
 */
export interface ConformanceCase<Row, In = Row[]> {
  /** Label in test names (kind plus options). */
  label: string;
  make: () => Subject<In>;
  /** Rows -> the transform's input type. */
  toInput: (rows: Row[]) => In;
  /** Real data to fit on (fixed, from fixtures/; may contain missing values). */
  realRows: Row[];
  /** Real data to transform (defaults to realRows). */
  realTransformRows?: Row[];
  /** Valid random fit data (fast-check) for the conformance properties. */
  rows: import("fast-check").Arbitrary<Row[]>;
  /** Hostile random data (extremes, missing, subnormals, ...) for test/skew. */
  extremeRows: import("fast-check").Arbitrary<Row[]>;
  /**
   * partialFit over splits + merge vs fit on all: the max relative difference allowed
   * between fitted states (0 = bit-exact; 1e-12 for moments; a sketch's stated bound).
   */
  mergeTolerance: number;
  /**
   * How far apart two fitted states are, as a relative error (default: elementwise
   * relative difference). Moments are compared relative to their data's magnitude,
   * since Chan's merge is accurate to eps * (mean^2 + var), not to eps * var.
   */
  stateDistance?: (a: unknown, b: unknown) => { diff: number; path: string };
  /** Inputs that transform must reject after fitting on realRows, with the error code. */
  badInputs: { label: string; input: () => In; code: string }[];
  /** Fit with no rows must raise a typed error (true for kinds that learn from data). */
  emptyFitThrows: boolean;
  /**
   * Stateless kinds (the hashers): fit learns nothing and transform, width, save and
   * outputNames work before fit, giving what they give after any fit.
   */
  stateless?: boolean;
}
