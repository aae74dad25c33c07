/**
 * Typed errors. Every failure skewless reports on purpose is a SkewlessError with a
 * stable string `code` that callers can switch on; the message names the column or
 * transform, the offending value and the fix.
 */
export type ErrorCode =
  | "NOT_FITTED"
  | "INVALID_INPUT"
  | "INVALID_OPTION"
  | "SCHEMA_MISMATCH"
  | "ARTEFACT_MALFORMED"
  | "ARTEFACT_LIMIT"
  | "VERSION_UNSUPPORTED"
  | "INTEGRITY_FAILED"
  | "SIGNATURE_INVALID"
  | "MERGE_INCOMPATIBLE"
  | "STATE_UNAVAILABLE"
  | "BUFFER_TOO_SMALL"
  | "KERNEL_THREAD_STALLED"
  | "SKEW_DETECTED";

export interface ErrorDetails {
  /** Column, feature or transform the error is about. */
  readonly column?: string;
  /** Row index of the bad value, when there is one. */
  readonly row?: number;
  /** The offending value, rendered for humans (never the raw object). */
  readonly value?: string;
}

export class SkewlessError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;
  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.details = details;
  }
}

/** transform/outputNames/width/save used before fit (or partialFit) saw any data. */
export class NotFittedError extends SkewlessError {
  constructor(message: string, details?: ErrorDetails) {
    super("NOT_FITTED", message, details);
  }
}

/** A value the transform cannot accept (missing where not allowed, wrong type, out of domain). */
export class InvalidInputError extends SkewlessError {
  constructor(message: string, details?: ErrorDetails) {
    super("INVALID_INPUT", message, details);
  }
}

/** A constructor option out of range or of the wrong type. */
export class InvalidOptionError extends SkewlessError {
  constructor(message: string, details?: ErrorDetails) {
    super("INVALID_OPTION", message, details);
  }
}

/** Input shape or columns differ from what the transform was fitted on. */
export class SchemaError extends SkewlessError {
  constructor(message: string, details?: ErrorDetails) {
    super("SCHEMA_MISMATCH", message, details);
  }
}

/** Artefact bytes that are not a well-formed skewless artefact, or exceed a load limit. */
export class ArtefactError extends SkewlessError {
  constructor(message: string, code: "ARTEFACT_MALFORMED" | "ARTEFACT_LIMIT" = "ARTEFACT_MALFORMED") {
    super(code, message);
  }
}

/** Artefact written by a format major version this reader does not implement. */
export class VersionError extends SkewlessError {
  constructor(message: string) {
    super("VERSION_UNSUPPORTED", message);
  }
}

/** The artefact digest does not match its bytes: corrupted or tampered with. */
export class IntegrityError extends SkewlessError {
  constructor(message: string, code: "INTEGRITY_FAILED" | "SIGNATURE_INVALID" = "INTEGRITY_FAILED") {
    super(code, message);
  }
}

/** checkSkew found outputs that differ between the fitted object and its reloaded artefact, or between batch and row-wise transforms. */
export class SkewError extends SkewlessError {
  constructor(message: string, details?: ErrorDetails) {
    super("SKEW_DETECTED", message, details);
  }
}

/** Renders a value for an error message without dumping huge strings or objects. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (typeof value === "number") {
    if (Object.is(value, -0)) return "-0";
    return String(value);
  }
  if (typeof value === "string") {
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return JSON.stringify(shown) + (value.length > 60 ? ` (${value.length} chars)` : "");
  }
  if (typeof value === "bigint" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `array(${value.length})`;
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${(value as unknown as { length?: number }).length ?? value.byteLength})`;
  if (typeof value === "object") return `object ${Object.prototype.toString.call(value)}`;
  return typeof value;
}
