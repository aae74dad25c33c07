/**
 * FeatureSpace: named input columns -> chains of transforms -> one float32 matrix with
 * a named layout, saved as one artefact.
 *
 *   new FeatureSpace({
 *     age: [new SimpleImputer({ strategy: "median" }), new StandardScaler()],
 *     island: new OneHotEncoder({ handleUnknown: "ignore" }),
 *     bill: { input: ["bill_length", "bill_depth"], transform: new StandardScaler() },
 *   })
 *
 * Fitting: one pass over the data fits every feature's first step and gathers the
 * training statistics; a chain of k steps needs k passes (step j learns from the output
 * of steps < j), so a streaming fit re-reads its source once per extra step.
 */
import { type ColumnType, encodeArtefact } from "../artefact/index.js";
import type { FeatureStatisticsRecord, InputColumnRecord, OutputColumnRecord } from "../artefact/record.js";
import type { FeatureInputRecord, FeatureSpaceState, NodeRecord } from "../artefact/states.js";
import { InvalidInputError, InvalidOptionError, NotFittedError, SchemaError, SkewlessError, describeValue } from "../core/errors.js";
import { type Tensor2D, toTensor2D } from "../tensor.js";
import { type SaveOptions, outputBuffer } from "../transforms/base.js";
import { HashedCrossing } from "../transforms/categorical/hashed-crossing.js";
import { NumericTransform } from "../transforms/base.js";
import { type NumericStep, Pipeline, type Step } from "../transforms/pipeline.js";
import { type ColumnarBatch, type DataBatch, toColumnar } from "./data.js";
import { type ColumnStats, emptyStats, finalizeStats, mergeStats, updateStats } from "./statistics.js";

/** Any transform (or Pipeline) a feature can use. */
export type SpaceTransform = Step<never> | Pipeline<never>;

/** A feature: one transform, a chain, or explicit input columns with a transform or chain. */
export type FeatureSpec = SpaceTransform | SpaceTransform[] | { input: string | string[]; transform: SpaceTransform | SpaceTransform[] };

/**
 * How a feature's columns reach its first step: "numeric" columns are stacked into an
 * n x k matrix; any other transform gets its one "column" as given (strings, token lists,
 * text, images), or an array of its "columns" (crosses).
 */
export type InputKind = "numeric" | "column" | "columns";

export interface CrossSpec {
  /** Two or more categorical columns to cross. */
  columns: string[];
  /** Hash buckets of the cross. */
  numBins: number;
  /** "oneHot" (default here, as Keras FeatureSpace crosses) or "int". */
  outputMode?: "int" | "oneHot";
  /** Feature name; default the columns joined by "_x_". */
  name?: string;
}

export interface FeatureSpaceOptions {
  /** Input columns the space does not use: "ignore" (default; real rows carry other fields) or "error". */
  extraColumns?: "ignore" | "error";
  /**
   * Feature crosses (Keras FeatureSpace's `crosses`): each becomes a HashedCrossing feature
   * after the spec's features. Sugar for `{ input: columns, transform: new HashedCrossing(...) }`.
   */
  crosses?: CrossSpec[];
}

export interface FitProgress {
  /** 1-based pass number and total passes. */
  pass: number;
  passes: number;
  /** Rows and batches seen so far in this pass. */
  rows: number;
  batches: number;
}

export interface FitOptions {
  onProgress?: (p: FitProgress) => void;
}

/** One output column of the space. */
export interface LayoutColumn extends OutputColumnRecord {
  /** Position in the output row. */
  index: number;
  /** The feature (entry of the spec) that produced it. */
  feature: string;
}

interface Feature {
  name: string;
  columns: string[];
  inputKind: InputKind;
  /** A single transform or a Pipeline. */
  chain: SpaceTransform;
}

/** A re-readable source of batches: a function returning a fresh (async) iterable each call. */
export type BatchSource = () => Iterable<DataBatch> | AsyncIterable<DataBatch>;

const own = Object.prototype.hasOwnProperty;

/** Rows per block in transformToArray. */
const BLOCK = 4096;

/** Rows [start, end) of a feature input: a column, a matrix, or (crosses) an array of columns. */
function sliceRows(input: unknown, start: number, end: number, kind: InputKind): unknown {
  if (kind === "columns") return (input as ArrayLike<unknown>[]).map((c) => sliceRows(c, start, end, "column"));
  if (ArrayBuffer.isView(input)) return (input as Float64Array).subarray(start, end);
  if (Array.isArray(input)) return input.slice(start, end);
  const m = input as { data: Float64Array; rows: number; cols: number; columns?: unknown };
  if (m && typeof m === "object" && "data" in m && "cols" in m) {
    return { data: m.data.subarray(start * m.cols, end * m.cols), rows: end - start, cols: m.cols };
  }
  throw new Error("unreachable: unknown feature input shape");
}

export class FeatureSpace {
  readonly kind = "FeatureSpace" as const;
  readonly extraColumns: "ignore" | "error";
  private readonly features: Feature[];
  private stats: Map<string, ColumnStats> | null = null;
  private fittedStatistics: FeatureStatisticsRecord[] | null = null;

  constructor(spec: Readonly<Record<string, FeatureSpec>>, options: FeatureSpaceOptions = {}) {
    if (typeof spec !== "object" || spec === null) throw new InvalidOptionError(`FeatureSpace: spec must be an object of features, got ${describeValue(spec)}`);
    const extra = options.extraColumns ?? "ignore";
    if (extra !== "ignore" && extra !== "error") throw new InvalidOptionError(`FeatureSpace: extraColumns must be "ignore" or "error", got ${describeValue(extra)}`);
    this.extraColumns = extra;
    const entries: [string, FeatureSpec][] = Object.keys(spec).map((k) => [k, spec[k]]);
    for (const c of options.crosses ?? []) {
      if (!c || !Array.isArray(c.columns) || c.columns.length < 2) throw new InvalidOptionError(`FeatureSpace: a cross needs { columns: [two or more column names], numBins }, got ${describeValue(c)}`);
      const name = c.name ?? c.columns.join("_x_");
      if (entries.some(([k]) => k === name)) throw new InvalidOptionError(`FeatureSpace: cross "${name}" has the name of another feature; give it a name`);
      entries.push([name, { input: c.columns.slice(), transform: new HashedCrossing({ name, numBins: c.numBins, outputMode: c.outputMode ?? "oneHot", nInputs: c.columns.length }) }]);
    }
    if (entries.length === 0) throw new InvalidOptionError("FeatureSpace: the spec has no features; give at least one column: transform entry");
    const used = new Set<unknown>();
    this.features = entries.map(([name, featureSpec]) => {
      const f = parseFeature(name, featureSpec);
      for (const t of stepsOf(f.chain)) {
        if (used.has(t)) throw new InvalidOptionError(`FeatureSpace: feature "${name}" reuses a transform object used by another feature; create one instance per feature`);
        used.add(t);
      }
      return f;
    });
  }

  /** @internal Rebuilds a loaded space. */
  static fromParts(state: FeatureSpaceState, chains: SpaceTransform[], statistics: FeatureStatisticsRecord[]): FeatureSpace {
    const space = Object.create(FeatureSpace.prototype) as FeatureSpace;
    const features: Feature[] = state.features.map((f, i) => ({ name: f.name, columns: f.columns.slice(), inputKind: f.inputType as InputKind, chain: chains[i] }));
    Object.assign(space, { kind: "FeatureSpace", extraColumns: state.extraColumns, features, stats: null, fittedStatistics: statistics });
    return space;
  }

  /** Input columns the space reads, in first-use order. */
  get inputColumns(): string[] {
    return [...new Set(this.features.flatMap((f) => f.columns))];
  }

  /** Passes over the data a streaming fit needs (the longest chain). */
  get passes(): number {
    return Math.max(...this.features.map((f) => stepsOf(f.chain).length));
  }

  get isFitted(): boolean {
    return this.features.every((f) => f.chain.isFitted);
  }

  private requireFitted(): void {
    if (!this.isFitted) throw new NotFittedError("FeatureSpace is not fitted; call fit(data) or fitAsync(source) first, or load a fitted artefact");
  }

  /** Fits every feature on in-memory data (records, columnar object or Arrow Table). */
  fit(data: DataBatch, options: FitOptions = {}): this {
    const batch = this.view(data, false);
    this.resetStats();
    this.collectStats(batch);
    for (const f of this.features) this.guard(f, () => f.chain.fit(this.featureInput(f, batch) as never));
    this.finishStats();
    options.onProgress?.({ pass: 1, passes: 1, rows: batch.rows, batches: 1 });
    return this;
  }

  /**
   * Streaming fit over batches. `source` is called once per pass and must yield the same
   * batches each time (e.g. `() => csvBatches(path)`); a plain iterable is accepted when
   * one pass suffices (every feature has a single step).
   */
  async fitAsync(source: BatchSource | Iterable<DataBatch> | AsyncIterable<DataBatch>, options: FitOptions = {}): Promise<this> {
    const passes = this.passes;
    const reread = typeof source === "function" ? source : null;
    if (!reread && passes > 1) {
      throw new InvalidOptionError(
        `FeatureSpace.fitAsync: a chain of ${passes} steps needs ${passes} passes over the data; pass a function that returns a fresh iterable of the batches, e.g. () => csvBatches(path)`,
      );
    }
    this.resetStats();
    for (let pass = 0; pass < passes; pass++) {
      const it = reread ? reread() : (source as Iterable<DataBatch> | AsyncIterable<DataBatch>);
      let rows = 0;
      let batches = 0;
      for await (const data of it as AsyncIterable<DataBatch>) {
        const batch = this.view(data, false);
        if (pass === 0) this.collectStats(batch);
        for (const f of this.features) {
          const steps = stepsOf(f.chain);
          if (pass >= steps.length) continue;
          const input = this.featureInput(f, batch);
          this.guard(f, () => (f.chain instanceof Pipeline ? f.chain.partialFitStep(pass, input as never) : f.chain.partialFit(input as never)));
        }
        rows += batch.rows;
        batches++;
        options.onProgress?.({ pass: pass + 1, passes, rows, batches });
      }
      if (batches === 0) throw new InvalidInputError("FeatureSpace.fitAsync: the source yielded no batches");
      // Finalize the steps of this pass now, so the next pass can transform through them.
      for (const f of this.features) {
        const steps = stepsOf(f.chain);
        if (pass < steps.length) this.guard(f, () => void steps[pass].width);
      }
    }
    this.finishStats();
    return this;
  }

  /** Output width: the sum of the features' widths. */
  get width(): number {
    this.requireFitted();
    let w = 0;
    for (const f of this.features) w += f.chain.width;
    return w;
  }

  /** Every output column: its name, source column(s), transform and feature. */
  get layout(): LayoutColumn[] {
    this.requireFitted();
    const out: LayoutColumn[] = [];
    for (const f of this.features) {
      const names = f.chain.outputNames(inputNamesOf(f));
      const transform = stepsOf(f.chain).map((s) => s.kind).join(" > ");
      for (const n of names) out.push({ index: out.length, name: n, source: f.columns.join(","), transform, feature: f.name });
    }
    const seen = new Set<string>();
    for (const c of out) {
      if (seen.has(c.name)) throw new SchemaError(`FeatureSpace: two output columns are named "${c.name}"; rename a feature so names stay unique`, { column: c.feature });
      seen.add(c.name);
    }
    return out;
  }

  outputNames(): string[] {
    return this.layout.map((c) => c.name);
  }

  /** Training statistics per input column (from the first pass of the fit, or the artefact). */
  get statistics(): FeatureStatisticsRecord[] {
    this.requireFitted();
    return (this.fittedStatistics ?? []).map((s) => ({ ...s, topValues: s.topValues.map((t) => ({ ...t })) }));
  }

  /** Transforms rows into an n x width Float32Array (into `out` when given). */
  transformToArray(data: DataBatch, out?: Float32Array): Float32Array {
    this.requireFitted();
    const batch = this.view(data, true);
    const n = batch.rows;
    const width = this.width;
    const target = outputBuffer(out, n * width, "FeatureSpace", n, width);
    if (this.features.length === 1) {
      const f = this.features[0];
      this.guard(f, () => f.chain.transform(this.featureInput(f, batch) as never, target));
      return target;
    }
    // Row blocks keep each block's output (BLOCK x width floats) in cache while every
    // feature writes its columns into it; whole-column passes would stream the full output
    // once per feature.
    const widths = this.features.map((f) => f.chain.width);
    const scratch = widths.map((w) => new Float32Array(Math.min(n, BLOCK) * w));
    const inputs = this.features.map((f) => this.featureInput(f, batch));
    for (let start = 0; start < n; start += BLOCK) {
      const end = Math.min(n, start + BLOCK);
      let offset = 0;
      for (let k = 0; k < this.features.length; k++) {
        const f = this.features[k];
        const w = widths[k];
        try {
          const x = sliceRows(inputs[k], start, end, f.inputKind) as never;
          const chain = f.chain as { transformStrided?: (x: never, out: Float32Array, stride: number, offset: number, scratch?: Float32Array) => void };
          if (chain.transformStrided) chain.transformStrided(x, target.subarray(start * width), width, offset, scratch[k]);
          else {
            const block = f.chain.transform(x, scratch[k]);
            if (w === 1) for (let i = start, j = 0; i < end; i++, j++) target[i * width + offset] = block[j];
            else for (let i = start, j = 0; i < end; i++, j += w) target.set(block.subarray(j, j + w), i * width + offset);
          }
        } catch (e) {
          // Re-run on the whole input so the error names the row within the caller's batch.
          if (start > 0) this.guard(f, () => f.chain.transform(inputs[k] as never));
          throw this.guard(f, () => {
            throw e;
          });
        }
        offset += w;
      }
    }
    return target;
  }

  /** transformToArray as a tf.Tensor2D of shape [n, width]. */
  transform(data: DataBatch): Tensor2D {
    const y = this.transformToArray(data);
    return toTensor2D(y, y.length / Math.max(1, this.width), this.width);
  }

  toRecord(): NodeRecord {
    this.requireFitted();
    const features: FeatureInputRecord[] = this.features.map((f) => ({ name: f.name, columns: f.columns.slice(), inputType: f.inputKind }));
    return {
      kind: "FeatureSpace",
      name: "space",
      state: { nFeaturesIn: this.inputColumns.length, features, extraColumns: this.extraColumns },
      children: this.features.map((f) => f.chain.toRecord()),
    };
  }

  /** The input schema recorded in the artefact. */
  get inputSchema(): InputColumnRecord[] {
    const kinds = new Map<string, InputKind>();
    for (const f of this.features) for (const c of f.columns) if (!kinds.has(c)) kinds.set(c, f.inputKind);
    const types = new Map<string, ColumnType>();
    for (const f of this.features) {
      const first = stepsOf(f.chain)[0].kind;
      for (const c of f.columns) if (!types.has(c)) types.set(c, f.inputKind === "numeric" ? "numeric" : TEXT_KINDS.has(first) ? "text" : first === "ImageNormalizer" ? "image" : "categorical");
    }
    return [...kinds].map(([name]) => ({ name, type: types.get(name)!, width: 1 }));
  }

  save(options: SaveOptions = {}): Uint8Array {
    this.requireFitted();
    return encodeArtefact(
      {
        root: this.toRecord(),
        inputSchema: this.inputSchema,
        layout: this.layout.map(({ name, source, transform }) => ({ name, source, transform })),
        metadata: { ...(options.metadata ?? {}) },
        statistics: this.statistics,
      },
      { sign: (options as { sign?: { privateKey: Uint8Array } }).sign, source: this },
    );
  }

  // ---- internals ----

  private view(data: DataBatch, checkExtra: boolean): ColumnarBatch {
    const batch = toColumnar(data, this.inputColumns, "FeatureSpace");
    for (const c of this.inputColumns) {
      if (batch.column(c) === undefined) {
        throw new SchemaError(`FeatureSpace: input column "${c}" is missing from the data; every row needs it (use null for a missing value)`, { column: c });
      }
    }
    if (checkExtra && this.extraColumns === "error") {
      const known = new Set(this.inputColumns);
      const extra = batch.names().filter((n) => !known.has(n));
      if (extra.length > 0) {
        throw new SchemaError(`FeatureSpace: unexpected input column(s) ${extra.map((e) => JSON.stringify(e)).join(", ")}; drop them or create the space with extraColumns: "ignore"`, {
          column: extra[0],
        });
      }
    }
    return batch;
  }

  /** The input of a feature's first step, from the batch's columns. */
  private featureInput(f: Feature, batch: ColumnarBatch): unknown {
    const cols = f.columns.map((c) => batch.column(c)!);
    if (f.inputKind === "columns") return cols;
    if (cols.length === 1) return cols[0];
    // Several numeric columns stack into an n x k matrix (missing -> NaN; other types are errors).
    const n = batch.rows;
    const k = cols.length;
    const data = new Float64Array(n * k);
    for (let j = 0; j < k; j++) {
      const col = cols[j];
      for (let i = 0; i < n; i++) {
        const v = col[i];
        if (typeof v === "number") data[i * k + j] = v;
        else if (v == null) data[i * k + j] = NaN;
        else {
          throw new InvalidInputError(`FeatureSpace: column "${f.columns[j]}" row ${i} is ${describeValue(v)} (${typeof v}); feature "${f.name}" needs numbers`, {
            column: f.columns[j],
            row: i,
            value: describeValue(v),
          });
        }
      }
    }
    return { data, rows: n, cols: k };
  }

  /** Runs fn; a typed error from inside a feature gets the feature and columns prefixed to its message. */
  private guard<T>(f: Feature, fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (e instanceof SkewlessError && !e.message.startsWith("feature ")) {
        e.message = `feature "${f.name}" (column ${f.columns.map((c) => JSON.stringify(c)).join(", ")}): ${e.message}`;
      }
      throw e;
    }
  }

  private resetStats(): void {
    this.stats = new Map();
    for (const c of this.inputSchema) {
      const kind = c.type === "numeric" || c.type === "text" || c.type === "image" ? c.type : "categorical";
      this.stats.set(c.name, emptyStats(kind));
    }
    this.fittedStatistics = null;
  }

  private collectStats(batch: ColumnarBatch): void {
    for (const [c, s] of this.stats!) updateStats(s, batch.column(c)!);
  }

  private finishStats(): void {
    this.fittedStatistics = [...this.stats!].map(([c, s]) => finalizeStats(c, s));
    this.stats = null;
  }
}

// Kept for accumulator-level merges of statistics by callers who shard fits themselves.
export { mergeStats };

function stepsOf(t: SpaceTransform): Step<never>[] {
  return t instanceof Pipeline ? (t.steps as unknown as Step<never>[]) : [t as Step<never>];
}

/** Kinds whose input column is free text (recorded as such in the artefact schema). */
const TEXT_KINDS = new Set(["CountVectorizer", "TfidfVectorizer", "TextVectorizer", "Tokenizer"]);

/** Non-numeric kinds that take an array of columns. */
const MULTI_COLUMN_KINDS = new Set(["HashedCrossing"]);

function inputNamesOf(f: Feature): string[] {
  if (f.inputKind === "columns") return f.columns.slice();
  if (f.columns.length === 1) return [f.name];
  return f.columns.map((c) => `${f.name}_${c}`);
}

function inputKindOf(t: SpaceTransform, columns: string[]): InputKind {
  const first = stepsOf(t)[0];
  if (first instanceof NumericTransform) return "numeric";
  return columns.length > 1 ? "columns" : "column";
}

function parseFeature(name: string, spec: FeatureSpec): Feature {
  let columns: string[] = [name];
  let body: SpaceTransform | SpaceTransform[];
  if (spec !== null && typeof spec === "object" && !Array.isArray(spec) && own.call(spec, "input") && own.call(spec, "transform")) {
    const s = spec as { input: string | string[]; transform: SpaceTransform | SpaceTransform[] };
    columns = Array.isArray(s.input) ? s.input.slice() : [s.input];
    if (columns.length === 0 || columns.some((c) => typeof c !== "string")) {
      throw new InvalidOptionError(`FeatureSpace: feature "${name}" input must be a column name or a non-empty array of names`);
    }
    body = s.transform;
  } else body = spec as SpaceTransform | SpaceTransform[];
  let chain: SpaceTransform;
  if (Array.isArray(body)) {
    if (body.length === 0) throw new InvalidOptionError(`FeatureSpace: feature "${name}" has an empty chain`);
    chain = body.length === 1 ? body[0] : new Pipeline(body as unknown as [Step<never>, ...NumericStep[]], { name });
  } else chain = body;
  if (chain === null || typeof chain !== "object" || typeof (chain as Step<never>).fit !== "function") {
    throw new InvalidOptionError(`FeatureSpace: feature "${name}" must be a transform, an array of transforms or { input, transform }, got ${describeValue(chain)}`);
  }
  const steps = stepsOf(chain);
  for (const s of steps.slice(1)) {
    if (!(s instanceof NumericTransform)) {
      throw new InvalidOptionError(`FeatureSpace: in feature "${name}", ${s.kind} follows another step; only numeric transforms can take a previous step's output`);
    }
  }
  const inputKind = inputKindOf(chain, columns);
  if (inputKind === "columns" && !MULTI_COLUMN_KINDS.has(steps[0].kind)) {
    throw new InvalidOptionError(`FeatureSpace: feature "${name}" gives ${columns.length} columns to ${steps[0].kind}, which takes one; use HashedCrossing to cross columns`);
  }
  return { name, columns, inputKind, chain };
}
