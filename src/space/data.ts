/**
 * Data inputs a FeatureSpace accepts, all viewed as one columnar batch:
 *  - an array of records (`[{ age: 31, city: "Oslo" }, ...]`);
 *  - a columnar object (`{ age: Float32Array, city: string[] }`);
 *  - an Apache Arrow Table, or anything shaped like one (`numRows` and
 *    `getChild(name)` returning a vector with `toArray()` or `get(i)`), without
 *    importing Arrow here.
 * Records are read through own properties only (a "__proto__" or "constructor" field
 * is data, never a prototype lookup).
 */
import { InvalidInputError, SchemaError, describeValue } from "../core/errors.js";

/** One record; any object type works (interfaces included), read through own properties. */
export type Row = object;
export type Columnar = Readonly<Record<string, ArrayLike<unknown>>>;

/** The structural part of an Arrow Table that skewless uses. */
export interface ArrowLikeTable {
  readonly numRows: number;
  getChild(name: string): ArrowLikeVector | null;
  readonly schema?: { readonly fields: ReadonlyArray<{ readonly name: string }> };
}
export interface ArrowLikeVector {
  readonly length: number;
  toArray(): ArrayLike<unknown>;
}

export type DataBatch = readonly Row[] | Columnar | ArrowLikeTable;

/** One batch viewed column by column. */
export interface ColumnarBatch {
  readonly rows: number;
  /** The column's values, or undefined when the batch does not have it. */
  column(name: string): ArrayLike<unknown> | undefined;
  /** Column names present, for the extra-columns check. */
  names(): string[];
}

function isArrowLike(x: unknown): x is ArrowLikeTable {
  return typeof x === "object" && x !== null && typeof (x as ArrowLikeTable).getChild === "function" && typeof (x as ArrowLikeTable).numRows === "number";
}

const own = Object.prototype.hasOwnProperty;

/** Views any accepted batch as columns. `needed` limits the work for record arrays to the columns used. */
export function toColumnar(data: DataBatch, needed: readonly string[], who: string): ColumnarBatch {
  if (Array.isArray(data)) return fromRecords(data as readonly Row[], needed, who);
  if (isArrowLike(data)) {
    const cache = new Map<string, ArrayLike<unknown> | undefined>();
    return {
      rows: data.numRows,
      column(name) {
        if (!cache.has(name)) {
          const child = data.getChild(name);
          cache.set(name, child ? child.toArray() : undefined);
        }
        return cache.get(name);
      },
      names: () => (data.schema?.fields ?? []).map((f) => f.name),
    };
  }
  if (typeof data === "object" && data !== null && !ArrayBuffer.isView(data)) return fromColumns(data as Columnar, who);
  throw new InvalidInputError(`${who}: expected an array of records, a columnar object or an Arrow Table, got ${describeValue(data)}`, {
    value: describeValue(data),
  });
}

function fromColumns(data: Columnar, who: string): ColumnarBatch {
  const names = Object.keys(data);
  let rows = -1;
  for (const name of names) {
    const col = data[name];
    if (col == null || typeof col === "string" || typeof (col as ArrayLike<unknown>).length !== "number") {
      throw new SchemaError(`${who}: column "${name}" is ${describeValue(col)}; each column of a columnar object must be an array or typed array`, { column: name });
    }
    if (rows < 0) rows = col.length;
    else if (col.length !== rows) {
      throw new SchemaError(`${who}: column "${name}" has ${col.length} values but "${names[0]}" has ${rows}; all columns need the same length`, { column: name });
    }
  }
  return {
    rows: Math.max(rows, 0),
    column: (name) => (own.call(data, name) ? data[name] : undefined),
    names: () => names,
  };
}

function fromRecords(records: readonly Row[], needed: readonly string[], who: string): ColumnarBatch {
  const n = records.length;
  for (let i = 0; i < n; i++) {
    const r = records[i];
    if (typeof r !== "object" || r === null || Array.isArray(r)) {
      throw new InvalidInputError(`${who}: row ${i} is ${describeValue(r)}; rows must be plain objects keyed by column name`, { row: i, value: describeValue(r) });
    }
  }
  const cache = new Map<string, unknown[] | undefined>();
  const extract = (name: string): unknown[] | undefined => {
    let present = false;
    const out = new Array<unknown>(n);
    for (let i = 0; i < n; i++) {
      const r = records[i];
      if (own.call(r, name)) {
        present = true;
        out[i] = (r as Record<string, unknown>)[name];
      } else out[i] = undefined;
    }
    return present || n === 0 ? out : undefined;
  };
  for (const name of needed) cache.set(name, extract(name));
  return {
    rows: n,
    column(name) {
      if (!cache.has(name)) cache.set(name, extract(name));
      return cache.get(name);
    },
    names() {
      const seen = new Set<string>();
      for (const r of records) for (const k of Object.keys(r)) seen.add(k);
      return [...seen];
    },
  };
}
