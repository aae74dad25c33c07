/** Everything an artefact holds, as plain data (no protobuf types leak past this layer). */
import type { NodeRecord } from "./states.js";

export type ColumnType = "numeric" | "vector" | "string" | "categorical" | "text" | "image";

export interface InputColumnRecord {
  name: string;
  type: ColumnType;
  /** Values per row (1 for scalars). */
  width: number;
}

export interface OutputColumnRecord {
  name: string;
  source: string;
  transform: string;
  /** In a decoded artefact, a run of `count` columns named name + (first + k); absent for one column. */
  count?: number;
  first?: number;
}

export interface FeatureStatisticsRecord {
  name: string;
  count: number;
  missing: number;
  mean: number;
  std: number;
  min: number;
  max: number;
  /** "numeric" or "categorical" ("" when written by a version without it). */
  kind: string;
  /** Most frequent values (categorical), count descending then value ascending. */
  topValues: { value: string; count: number }[];
  /** Distinct non-missing values (categorical). */
  distinct: number;
}

export interface ArtefactRecord {
  root: NodeRecord;
  inputSchema: InputColumnRecord[];
  layout: OutputColumnRecord[];
  /** Free-form user metadata (sorted by key when written). */
  metadata: Record<string, string>;
  statistics: FeatureStatisticsRecord[];
}

/** What a loader learned about the bytes beyond the record itself. */
export interface ArtefactInfo {
  formatMajor: number;
  formatMinor: number;
  producer: string;
  /** Hex SHA-256 of the artefact (its trailing digest). */
  digest: string;
  byteLength: number;
  /** Signatures the artefact carries (verified or not). */
  signatures: SignatureInfo[];
  /** Hex public keys, among the caller's trustedKeys, whose signatures verified. */
  verifiedBy: string[];
}

export interface SignatureInfo {
  /** "ed25519" (others are listed but never verified). */
  algorithm: string;
  /** Hex public key the signature claims. */
  publicKey: string;
}
