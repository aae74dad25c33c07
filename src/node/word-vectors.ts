/**
 * Node helper: reads a pretrained vectors file in chunks (never the whole file as one
 * string, so multi-GB files work), gunzipping `.gz` files on the fly, and stops
 * reading once `limit` vectors are in. The parsing is the browser-safe readers'.
 */
import { createReadStream } from "node:fs";
import { createGunzip } from "node:zlib";
import { InvalidOptionError, describeValue } from "../core/errors.js";
import { GloveTextReader, Word2vecBinaryReader, Word2vecTextReader } from "../transforms/embedding/formats/index.js";
import type { ParseVectorsOptions, WordVectors } from "../transforms/embedding/formats/index.js";

export type WordVectorsFormat = "word2vec" | "word2vecBinary" | "glove";

export interface ReadWordVectorsOptions extends ParseVectorsOptions {
  /** "word2vec" (text, with a header; fastText .vec), "word2vecBinary" (.bin) or "glove" (text, no header). */
  format: WordVectorsFormat;
  /** Gunzip while reading. Default: when the path ends in ".gz". */
  gzip?: boolean;
}

/** Reads a word2vec (text or binary) or GloVe file into WordVectors. */
export async function readWordVectors(path: string, options: ReadWordVectorsOptions): Promise<WordVectors<string>> {
  const { format, gzip, ...parse } = options ?? ({} as ReadWordVectorsOptions);
  const reader =
    format === "word2vec" ? new Word2vecTextReader(parse) : format === "word2vecBinary" ? new Word2vecBinaryReader(parse) : format === "glove" ? new GloveTextReader(parse) : null;
  if (reader === null) throw new InvalidOptionError(`readWordVectors: format must be "word2vec", "word2vecBinary" or "glove", got ${describeValue(format)}`);
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  const source = (gzip ?? path.endsWith(".gz")) ? file.pipe(createGunzip()) : file;
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      if (!reader.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength))) break;
    }
  } finally {
    file.destroy();
    if (source !== file) source.destroy();
  }
  return reader.end();
}
