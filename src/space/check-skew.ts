/**
 * checkSkew: the "no skew" promise as a helper users run in their own test suites.
 * Saves the fitted space, reloads the artefact, transforms the same rows with both, and
 * transforms the rows one at a time; every output must be identical bit for bit.
 */
import { SkewError } from "../core/errors.js";
import { loadAs } from "../load.js";
import { toHex } from "../artefact/sha256.js";
import { sha256 } from "../artefact/sha256.js";
import type { Columnar, DataBatch, Row } from "./data.js";
import { FeatureSpace } from "./feature-space.js";

export interface SkewReport {
  rows: number;
  width: number;
  /** Float32 values compared in each comparison. */
  values: number;
  artefactBytes: number;
  /** SHA-256 of the output bytes (the same for all three paths when there is no skew). */
  outputDigest: string;
  checks: { name: string; identical: boolean; firstDifference?: { row: number; column: string; expected: number; actual: number } }[];
}

function sliceRows(data: DataBatch, i: number): DataBatch {
  if (Array.isArray(data)) return [(data as readonly Row[])[i]];
  const cols = data as Columnar;
  const out: Record<string, ArrayLike<unknown>> = {};
  for (const k of Object.keys(cols)) out[k] = Array.prototype.slice.call(cols[k], i, i + 1);
  return out;
}

function rowCount(data: DataBatch): number {
  if (Array.isArray(data)) return data.length;
  const cols = data as Columnar;
  const first = Object.keys(cols)[0];
  return first === undefined ? 0 : cols[first].length;
}

function compare(name: string, expected: Float32Array, actual: Float32Array, space: FeatureSpace): SkewReport["checks"][number] {
  const a = new Uint8Array(expected.buffer, expected.byteOffset, expected.byteLength);
  const b = new Uint8Array(actual.buffer, actual.byteOffset, actual.byteLength);
  if (a.length === b.length && a.every((x, i) => x === b[i])) return { name, identical: true };
  const w = space.width;
  let k = 0;
  while (k < Math.min(expected.length, actual.length) && Object.is(expected[k], actual[k])) k++;
  return { name, identical: false, firstDifference: { row: Math.floor(k / w), column: space.outputNames()[k % w] ?? "?", expected: expected[k], actual: actual[k] } };
}

/**
 * Checks a fitted FeatureSpace against its own artefact on `data` (records or a columnar
 * object). Returns a report; throws SkewError (code SKEW_DETECTED) on any difference.
 */
export function checkSkew(space: FeatureSpace, data: DataBatch): SkewReport {
  const bytes = space.save();
  const reloaded = loadAs(FeatureSpace, bytes);
  const direct = space.transformToArray(data);
  const served = reloaded.transformToArray(data);
  const n = rowCount(data);
  const w = space.width;
  const oneByOne = new Float32Array(n * w);
  for (let i = 0; i < n; i++) reloaded.transformToArray(sliceRows(data, i), oneByOne.subarray(i * w, (i + 1) * w));
  const checks = [compare("save -> load -> transform equals transform", direct, served, space), compare("rows one at a time equal the batch", direct, oneByOne, space)];
  const report: SkewReport = {
    rows: n,
    width: w,
    values: direct.length,
    artefactBytes: bytes.length,
    outputDigest: toHex(sha256(new Uint8Array(direct.buffer, direct.byteOffset, direct.byteLength))),
    checks,
  };
  const bad = checks.find((c) => !c.identical);
  if (bad) {
    const d = bad.firstDifference!;
    throw new SkewError(`skew detected: ${bad.name} fails at row ${d.row}, column "${d.column}": ${d.expected} vs ${d.actual}`, { row: d.row, column: d.column });
  }
  return report;
}
