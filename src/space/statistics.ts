/**
 * Per-input-column training statistics, gathered in the first pass of a fit and stored
 * in the artefact: the base for drift reports. Numeric columns: count, missing, mean,
 * std (population), min, max. Categorical columns: count, missing, distinct values and
 * the most frequent values (count descending, then value in scikit-learn order).
 * Values the transforms will reject are not counted here; the transform reports them.
 */
import type { FeatureStatisticsRecord } from "../artefact/record.js";
import { type CategoryCounts, type CategoryValue, compareCategories, emptyCounts, isMissing, mergeCounts } from "../core/categories.js";

export const TOP_VALUES = 10;

export type ColumnStats =
  | { kind: "numeric"; count: number; missing: number; sum: number; m2: number; min: number; max: number }
  | { kind: "categorical"; counts: CategoryCounts }
  /** Text and images: present and missing counts only (top documents or pixels say little). */
  | { kind: "other"; type: string; count: number; missing: number };

export function emptyStats(kind: "numeric" | "categorical" | "text" | "image"): ColumnStats {
  if (kind === "numeric") return { kind, count: 0, missing: 0, sum: 0, m2: 0, min: Infinity, max: -Infinity };
  if (kind === "categorical") return { kind, counts: emptyCounts() };
  return { kind: "other", type: kind, count: 0, missing: 0 };
}

/** Folds one batch of a column into its statistics (mutates). */
export function updateStats(s: ColumnStats, values: ArrayLike<unknown>): void {
  if (s.kind === "other") {
    for (let i = 0; i < values.length; i++) {
      if (values[i] == null) s.missing++;
      else s.count++;
    }
    return;
  }
  if (s.kind === "numeric") {
    // Batch moments (two-pass) merged with Chan's formula, as the scalers do.
    let n = 0;
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    let missing = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (typeof v !== "number" || v !== v) {
        if (v == null || typeof v === "number") missing++;
        continue;
      }
      if (!Number.isFinite(v)) continue;
      n++;
      sum += v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    s.missing += missing;
    if (n === 0) return;
    const mean = sum / n;
    let m2 = 0;
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (typeof v === "number" && Number.isFinite(v)) m2 += (v - mean) * (v - mean);
    }
    const na = s.count;
    const total = na + n;
    if (na > 0) {
      const delta = mean - s.sum / na;
      s.m2 += m2 + (delta * delta * na * n) / total;
    } else s.m2 = m2;
    s.count = total;
    s.sum += sum;
    s.min = Math.min(s.min, min);
    s.max = Math.max(s.max, max);
    return;
  }
  const c = s.counts;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (isMissing(v)) {
      c.missing++;
      continue;
    }
    if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean") continue;
    const k = v === 0 ? 0 : (v as CategoryValue);
    c.counts.set(k, (c.counts.get(k) ?? 0) + 1);
  }
  c.rows += values.length;
}

export function mergeStats(a: ColumnStats, b: ColumnStats): ColumnStats {
  if (a.kind === "other" && b.kind === "other") return { ...a, count: a.count + b.count, missing: a.missing + b.missing };
  if (a.kind === "categorical" && b.kind === "categorical") return { kind: "categorical", counts: mergeCounts(a.counts, b.counts, "statistics") };
  if (a.kind === "numeric" && b.kind === "numeric") {
    if (a.count === 0) return { ...b, missing: a.missing + b.missing };
    if (b.count === 0) return { ...a, missing: a.missing + b.missing };
    const n = a.count + b.count;
    const delta = b.sum / b.count - a.sum / a.count;
    return {
      kind: "numeric",
      count: n,
      missing: a.missing + b.missing,
      sum: a.sum + b.sum,
      m2: a.m2 + b.m2 + (delta * delta * a.count * b.count) / n,
      min: Math.min(a.min, b.min),
      max: Math.max(a.max, b.max),
    };
  }
  throw new Error("statistics of different kinds cannot merge");
}

export function finalizeStats(name: string, s: ColumnStats): FeatureStatisticsRecord {
  if (s.kind === "other") return { name, kind: s.type, count: s.count, missing: s.missing, mean: 0, std: 0, min: 0, max: 0, topValues: [], distinct: 0 };
  if (s.kind === "numeric") {
    const has = s.count > 0;
    return {
      name,
      kind: "numeric",
      count: s.count,
      missing: s.missing,
      mean: has ? s.sum / s.count : 0,
      std: has ? Math.sqrt(Math.max(0, s.m2 / s.count)) : 0,
      min: has ? s.min : 0,
      max: has ? s.max : 0,
      topValues: [],
      distinct: 0,
    };
  }
  const entries = [...s.counts.counts.entries()];
  entries.sort((x, y) => y[1] - x[1] || compareCategories(x[0], y[0]));
  let count = 0;
  for (const [, c] of entries) count += c;
  return {
    name,
    kind: "categorical",
    count,
    missing: s.counts.missing,
    mean: 0,
    std: 0,
    min: 0,
    max: 0,
    topValues: entries.slice(0, TOP_VALUES).map(([v, c]) => ({ value: String(v), count: c })),
    distinct: entries.length,
  };
}
