/**
 * The word2vec binary format (the word2vec tool with `-binary 1`, gensim's
 * `save_word2vec_format(binary=True)`, e.g. GoogleNews-vectors-negative300.bin):
 *
 *   "<count> <dims>\n"  then count records of  "<token> " + dims float32 little-endian [+ "\n"]
 *
 * The C tool ends each record with "\n"; gensim's reader strips newlines before a
 * token, and so does this one (so files with and without them both read). Tokens are
 * UTF-8 without spaces. A bad header, a token that is not valid UTF-8 or longer than
 * 64 KiB (a corrupt file), a non-finite value, a duplicate token, fewer records than
 * declared (truncation) or data after the declared records is a typed error naming the
 * byte offset. Browser-safe: a Uint8Array, or chunks pushed to {@link Word2vecBinaryReader}.
 */
import { type ParseVectorsOptions, VectorTableBuilder, type WordVectors, formatError } from "./word-vectors.js";

const FORMAT = "word2vec binary";
const SPACE = 0x20;
const NEWLINE = 0x0a;
const MAX_HEADER = 64;
const MAX_TOKEN_BYTES = 1 << 16;

export class Word2vecBinaryReader {
  private readonly table: VectorTableBuilder;
  private readonly decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  private carry: Uint8Array = new Uint8Array(0);
  /** File offset of carry[0]. */
  private offset = 0;
  private declared = -1;
  private records = 0;
  private stopped = false;

  constructor(options: ParseVectorsOptions = {}) {
    this.table = new VectorTableBuilder(FORMAT, options);
  }

  /** Feeds bytes; false once enough vectors were read (`limit`). */
  push(chunk: Uint8Array): boolean {
    if (this.stopped) return false;
    const buf = this.carry.length === 0 ? chunk : concat(this.carry, chunk);
    const used = this.parse(buf, false);
    this.offset += used;
    this.carry = buf.slice(used);
    return !this.stopped;
  }

  end(): WordVectors<string> {
    if (!this.stopped) {
      const used = this.parse(this.carry, true);
      this.offset += used;
      this.carry = this.carry.subarray(used);
      if (this.declared < 0) throw formatError(FORMAT, "byte 0", "the file has no header", 'the file must start with "<count> <dims>\\n"');
      if (this.records < this.declared && !this.table.done) {
        throw formatError(FORMAT, `byte ${this.offset}`, `the header declares ${this.declared} vectors but the file ends after ${this.records}`, "the file is truncated; download or copy it again");
      }
    }
    return this.table.result();
  }

  /** Parses whole records from buf; returns the bytes consumed. `final`: no more bytes will come. */
  private parse(buf: Uint8Array, final: boolean): number {
    let pos = 0;
    if (this.declared < 0) {
      const nl = buf.indexOf(NEWLINE);
      if (nl < 0) {
        if (buf.length > MAX_HEADER || (final && buf.length > 0)) this.badHeader(buf.subarray(0, Math.min(buf.length, MAX_HEADER)));
        return 0;
      }
      if (nl > MAX_HEADER) this.badHeader(buf.subarray(0, MAX_HEADER));
      let header: string;
      try {
        header = this.decoder.decode(buf.subarray(0, nl));
      } catch {
        return this.badHeader(buf.subarray(0, nl));
      }
      const m = /^\s*(\d+)\s+(\d+)\s*$/.exec(header);
      if (m === null) return this.badHeader(buf.subarray(0, nl));
      this.declared = Number(m[1]);
      if (!Number.isSafeInteger(this.declared)) return this.badHeader(buf.subarray(0, nl));
      this.table.setDims(Number(m[2]), "header");
      pos = nl + 1;
      if (this.table.done) {
        this.stopped = true;
        return pos;
      }
    }
    const dims = this.table.dims;
    const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    while (pos < buf.length) {
      // Newlines (the C tool's record ends) and, leniently, spaces before a token.
      let start = pos;
      while (start < buf.length && (buf[start] === NEWLINE || buf[start] === SPACE)) start++;
      if (start === buf.length) return buf.length;
      if (this.records >= this.declared) {
        throw formatError(FORMAT, `byte ${this.offset + start}`, `data follows the ${this.declared} vectors the header declares`, "fix the header count, or cut the file after the last vector");
      }
      const space = buf.indexOf(SPACE, start);
      if (space < 0 || space - start > MAX_TOKEN_BYTES) {
        if (space < 0 && buf.length - start <= MAX_TOKEN_BYTES && !final) return pos;
        throw formatError(
          FORMAT,
          `byte ${this.offset + start}`,
          space < 0 && final ? "the file ends inside a token" : `no space ends the token within ${MAX_TOKEN_BYTES} bytes`,
          "the file is truncated or not in word2vec binary format (text files: parseWord2vecText)",
        );
      }
      const end = space + 1 + 4 * dims;
      if (end > buf.length) {
        if (final) throw formatError(FORMAT, `byte ${this.offset + start}`, `the file ends inside vector ${this.records + 1} of ${this.declared}`, "the file is truncated; download or copy it again");
        return pos;
      }
      let token: string;
      try {
        token = this.decoder.decode(buf.subarray(start, space));
      } catch {
        throw formatError(FORMAT, `byte ${this.offset + start}`, `the token of vector ${this.records + 1} is not valid UTF-8`, "the file is corrupt or not in word2vec binary format");
      }
      this.records++;
      const where = `vector ${this.records} (byte ${this.offset + start})`;
      const at = this.table.begin(token, where);
      if (at >= 0) {
        for (let j = 0; j < dims; j++) {
          const x = view.getFloat32(space + 1 + 4 * j, true);
          if (!Number.isFinite(x)) throw formatError(FORMAT, where, `value ${j + 1} of ${JSON.stringify(token)} is ${x}`, "the file is corrupt; vectors hold finite numbers");
          this.table.set(at + j, x);
        }
      }
      pos = end;
      if (this.table.done) {
        this.stopped = true;
        return pos;
      }
    }
    return pos;
  }

  private badHeader(bytes: Uint8Array): never {
    const shown = Array.from(bytes.subarray(0, 40), (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : ".")).join("");
    throw formatError(FORMAT, "header", `the file starts with ${JSON.stringify(shown)}, not "<count> <dims>\\n"`, "check the file is a word2vec binary file (GloVe: parseGloveText)");
  }
}

/** Parses a whole word2vec binary file. */
export function parseWord2vecBinary(input: Uint8Array, options: ParseVectorsOptions = {}): WordVectors<string> {
  if (!(input instanceof Uint8Array)) {
    throw formatError(FORMAT, "input", `got ${typeof input === "string" ? "a string" : Object.prototype.toString.call(input)}`, "pass the file's bytes as a Uint8Array (binary data does not survive decoding as text)");
  }
  const reader = new Word2vecBinaryReader(options);
  reader.push(input);
  return reader.end();
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
