/**
 * Typed readers for tokenizer.json fields: each returns the value or throws an
 * InvalidOptionError naming the field path, the value and what was expected. Defaults
 * follow HF's serde defaults where HF has them.
 */
import { badField } from "./errors.js";

export type Json = Record<string, unknown>;

export function isObject(v: unknown): v is Json {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

export function obj(v: unknown, path: string): Json {
  if (!isObject(v)) throw badField(path, v, "an object");
  return v;
}

export function arr(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) throw badField(path, v, "an array");
  return v;
}

export function str(v: unknown, path: string): string {
  if (typeof v !== "string") throw badField(path, v, "a string");
  if (!v.isWellFormed()) throw badField(path, v, "a well-formed Unicode string (no lone surrogates)");
  return v;
}

export function bool(v: unknown, path: string, dflt?: boolean): boolean {
  if (v === undefined && dflt !== undefined) return dflt;
  if (typeof v !== "boolean") throw badField(path, v, "true or false");
  return v;
}

/** A non-negative integer below 2^32 (HF's u32/usize fields). */
export function uint(v: unknown, path: string, dflt?: number): number {
  if (v === undefined && dflt !== undefined) return dflt;
  if (typeof v !== "number" || !Number.isInteger(v) || v < 0 || v > 0xffffffff) throw badField(path, v, "a non-negative integer below 2^32");
  return v;
}

export function nullableStr(v: unknown, path: string): string | null {
  return v === null || v === undefined ? null : str(v, path);
}

export function oneOf<T extends string>(v: unknown, allowed: readonly T[], path: string, dflt?: T): T {
  if (v === undefined && dflt !== undefined) return dflt;
  if (typeof v === "string" && (allowed as readonly string[]).includes(v)) return v as T;
  throw badField(path, v, `one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}`);
}
