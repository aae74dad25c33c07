/**
 * EmbeddingTable state <-> EmbeddingTableState message. The table is one raw
 * little-endian `bytes` field (4, 2 or 1 byte per value by storage), decoded with one
 * copy into an aligned typed array — never one JS number per value. Decoding checks
 * every size against the declared rows x dims (and the load limits) before allocating,
 * and that the state is one skewless could have written (finite values, distinct
 * tokens, a mask of the vocabulary's type and outside it), so a hostile artefact
 * cannot produce a transform that reads out of bounds or emits NaN.
 */
import { ArtefactError } from "../core/errors.js";
import { bytesToF64, f64ToBytes, requireElements } from "./bytes.js";
import { skewless } from "./generated/skewless.js";
import type { CategoryList, EmbeddingOov, EmbeddingPooling, EmbeddingStorage, EmbeddingTableState } from "./states.js";

import pb = skewless.v1;

/** The shared category-list codec of codecs.ts (passed in, so this module does not import codecs.ts back). */
export interface CategoriesCodec {
  encode(c: CategoryList): pb.Categories.$Properties;
  decode(m: pb.Categories.$Properties | null | undefined, field: string): CategoryList;
}

const OOV = { zero: "zero", mean: "mean", random: "random", hashBuckets: "hash_buckets" } as const satisfies Record<EmbeddingOov, string>;
const POOLING = { mean: "mean", sum: "sum", max: "max", tfIdfMean: "tf_idf_mean" } as const satisfies Record<EmbeddingPooling, string>;
const WIDTH: Record<EmbeddingStorage, number> = { float32: 4, float16: 2, int8: 1 };
/** Largest number of OOV hash buckets (the option's limit too). */
export const MAX_OOV_BUCKETS = 1 << 20;
/** Largest vector length (the option's and the file parsers' limit too). */
export const MAX_DIMS = 1 << 16;
const HASH = "murmur3_x86_32";

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function bad(why: string): ArtefactError {
  return new ArtefactError(`artefact EmbeddingTable state is inconsistent: ${why}`);
}

/** Raw bytes of a typed array in little-endian order (a copy). */
function toLittleEndian(values: Float32Array | Uint16Array | Int8Array): Uint8Array {
  const raw = new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));
  const w = values.BYTES_PER_ELEMENT;
  if (LITTLE_ENDIAN || w === 1) return raw;
  for (let i = 0; i < raw.length; i += w) raw.subarray(i, i + w).reverse();
  return raw;
}

/** A fresh, aligned copy of `bytes` in native order. */
function fromLittleEndian(bytes: Uint8Array, width: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(bytes.length);
  out.set(bytes);
  if (!LITTLE_ENDIAN && width > 1) for (let i = 0; i < out.length; i += width) out.subarray(i, i + width).reverse();
  return out;
}

function pick<T extends string>(table: Record<T, string>, wire: string | null | undefined, field: string): T {
  const hit = (Object.keys(table) as T[]).find((k) => table[k] === wire);
  if (hit === undefined) throw new ArtefactError(`artefact field embedding_table.${field} is ${JSON.stringify(wire)}; expected one of ${Object.values(table).join(", ")}`);
  return hit;
}

function listLength(c: CategoryList): number {
  return c.values.length;
}

export function encodeEmbeddingTable(s: EmbeddingTableState, categories: CategoriesCodec): pb.EmbeddingTableState.$Properties {
  const vocab = s.vocabulary;
  const mask: CategoryList =
    vocab.type === "string"
      ? { type: "string", values: s.maskToken === null ? [] : [s.maskToken as string], includesMissing: false }
      : { type: vocab.type, values: Float64Array.from(s.maskToken === null ? [] : [s.maskToken as number]), includesMissing: false };
  return {
    vocabulary: categories.encode(vocab),
    dims: s.dims,
    oov: OOV[s.oov],
    oovRows: s.oovRows,
    seed: s.seed,
    storage: s.storage,
    values: toLittleEndian(s.values),
    scalesF32: toLittleEndian(s.scales),
    pooling: POOLING[s.pooling],
    idfF64: f64ToBytes(s.idf),
    mask: categories.encode(mask),
    missing: s.missing,
    source: s.source,
    minCount: s.minCount,
    maxTokens: s.maxTokens,
    window: s.window,
    contextSmoothing: s.contextSmoothing,
    eigenWeight: s.eigenWeight,
    iterations: s.iterations,
    normalize: s.normalize,
    documents: s.documents,
    hash: HASH,
  };
}

export function decodeEmbeddingTable(m: pb.EmbeddingTableState, d: number, categories: CategoriesCodec): EmbeddingTableState {
  if (d !== 1) throw bad(`n_features_in is ${d}; an EmbeddingTable reads one column`);
  if (m.hash !== HASH) throw new ArtefactError(`artefact field embedding_table.hash is ${JSON.stringify(m.hash)}; this reader implements ${HASH}`);
  const vocabulary = categories.decode(m.vocabulary, "embedding_table.vocabulary");
  if (vocabulary.includesMissing) throw bad("the vocabulary holds the missing value");
  const v = listLength(vocabulary);
  if (v === 0) throw bad("the vocabulary is empty");
  const seen = new Set<string | number>(vocabulary.values);
  if (seen.size !== v) throw bad("the vocabulary holds a token twice");
  if (vocabulary.type === "number") for (const x of vocabulary.values) if (!Number.isFinite(x)) throw bad(`the vocabulary holds ${x}`);

  const dims = m.dims ?? 0;
  if (!(dims >= 1 && dims <= MAX_DIMS)) throw bad(`dims is ${dims}; expected 1 to ${MAX_DIMS}`);
  const oov = pick(OOV, m.oov, "oov");
  const oovRows = m.oovRows ?? 0;
  if (oov === "hashBuckets" ? !(oovRows >= 1 && oovRows <= MAX_OOV_BUCKETS) : oovRows !== 1) {
    throw bad(`oov ${oov} with ${oovRows} OOV rows`);
  }
  const rows = oovRows + v;
  requireElements(rows * dims, "embedding_table.values");
  const storage = pick({ float32: "float32", float16: "float16", int8: "int8" } as const, m.storage, "storage");
  const raw = m.values ?? new Uint8Array(0);
  const width = WIDTH[storage];
  if (raw.length !== rows * dims * width) {
    throw new ArtefactError(`artefact field embedding_table.values has ${raw.length} bytes, expected ${rows} rows x ${dims} dims x ${width}; the artefact is corrupt`);
  }
  const bytes = fromLittleEndian(raw, width);
  let values: Float32Array | Uint16Array | Int8Array;
  let scales = new Float32Array(0);
  if (storage === "float32") {
    values = new Float32Array(bytes.buffer);
    for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) throw bad(`value ${i} is ${values[i]}`);
  } else if (storage === "float16") {
    values = new Uint16Array(bytes.buffer);
    for (let i = 0; i < values.length; i++) if ((values[i] & 0x7c00) === 0x7c00) throw bad(`value ${i} is an infinite or NaN half`);
  } else {
    values = new Int8Array(bytes.buffer);
    for (let i = 0; i < values.length; i++) if (values[i] === -128) throw bad(`int8 code ${i} is -128; codes are -127 to 127`);
    const rawScales = m.scalesF32 ?? new Uint8Array(0);
    if (rawScales.length !== rows * 4) throw new ArtefactError(`artefact field embedding_table.scales_f32 has ${rawScales.length} bytes, expected ${rows} float32 scales; the artefact is corrupt`);
    scales = new Float32Array(fromLittleEndian(rawScales, 4).buffer);
    for (let i = 0; i < rows; i++) if (!(scales[i] >= 0 && Number.isFinite(scales[i]))) throw bad(`row scale ${i} is ${scales[i]}`);
  }
  if (storage !== "int8" && (m.scalesF32?.length ?? 0) !== 0) throw bad("scales are stored for a table that is not int8");

  const pooling = pick(POOLING, m.pooling, "pooling");
  const idf = bytesToF64(m.idfF64, "embedding_table.idf_f64", pooling === "tfIdfMean" ? rows : 0);
  for (let i = 0; i < idf.length; i++) if (!(idf[i] >= 0 && Number.isFinite(idf[i]))) throw bad(`idf[${i}] is ${idf[i]}`);

  const maskList = categories.decode(m.mask, "embedding_table.mask");
  if (maskList.values.length > 1 || maskList.includesMissing) throw bad("the mask holds more than one token");
  let maskToken: string | number | null = null;
  if (maskList.values.length === 1) {
    if (maskList.type !== vocabulary.type || maskList.type === "boolean") throw bad(`the mask is a ${maskList.type} but the vocabulary holds ${vocabulary.type}s`);
    maskToken = maskList.values[0];
    if (seen.has(maskToken)) throw bad("the vocabulary holds the mask token");
  }
  const count = (x: number | null | undefined, field: string): number => {
    const n = x ?? 0;
    if (!(Number.isFinite(n) && n >= 0)) throw bad(`${field} is ${n}`);
    return n;
  };
  return {
    nFeaturesIn: d,
    vocabulary,
    dims,
    oov,
    oovRows,
    seed: m.seed ?? 0,
    storage,
    values,
    scales,
    pooling,
    idf,
    maskToken,
    missing: pick({ mask: "mask", error: "error" } as const, m.missing, "missing"),
    source: pick({ pretrained: "pretrained", corpus: "corpus", random: "random" } as const, m.source, "source"),
    minCount: count(m.minCount, "min_count"),
    maxTokens: count(m.maxTokens, "max_tokens"),
    window: count(m.window, "window"),
    contextSmoothing: count(m.contextSmoothing, "context_smoothing"),
    eigenWeight: count(m.eigenWeight, "eigen_weight"),
    iterations: count(m.iterations, "iterations"),
    normalize: m.normalize === true,
    documents: count(m.documents, "documents"),
  };
}
