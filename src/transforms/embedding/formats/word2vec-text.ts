/**
 * The word2vec text format (Mikolov et al.'s word2vec tool with `-binary 0`, gensim's
 * `save_word2vec_format(binary=False)`, fastText's `.vec` files):
 *
 *   <count> <dims>\n
 *   <token> <v1> <v2> ... <v_dims>\n      (count lines; the C tool leaves a space before \n)
 *
 * Tokens hold no spaces. The header is checked against the lines that follow: fewer or
 * more vectors than it declares, a line with the wrong number of values, a value that is
 * not a finite number, invalid UTF-8 or a duplicate token is a typed error naming the
 * line. Blank lines are allowed only after the last vector. Browser-safe: input is a
 * Uint8Array or a string, or chunks pushed to {@link Word2vecTextReader}.
 */
import { LineSplitter } from "./text-lines.js";
import { parseValue, splitFields } from "./values.js";
import { type ParseVectorsOptions, VectorTableBuilder, type WordVectors, formatError } from "./word-vectors.js";

const FORMAT = "word2vec text";

export class Word2vecTextReader {
  private readonly table: VectorTableBuilder;
  private readonly lines: LineSplitter;
  private declared = -1;
  private vectorsSeen = 0;

  constructor(options: ParseVectorsOptions = {}) {
    this.table = new VectorTableBuilder(FORMAT, options);
    this.lines = new LineSplitter(FORMAT, (line, n) => this.line(line, n));
  }

  /** Feeds bytes; false once enough vectors were read (`limit`). */
  push(chunk: Uint8Array): boolean {
    return this.lines.push(chunk);
  }

  pushText(text: string): boolean {
    return this.lines.pushText(text);
  }

  end(): WordVectors<string> {
    this.lines.end();
    if (this.declared < 0) throw formatError(FORMAT, "line 1", "is missing (the file is empty)", 'the file must start with a "<count> <dims>" header');
    if (!this.table.done && this.vectorsSeen < this.declared) {
      throw formatError(FORMAT, "end of file", `the header declares ${this.declared} vectors but the file holds ${this.vectorsSeen}`, "the file is truncated; download or copy it again");
    }
    return this.table.result();
  }

  private line(line: string, n: number): boolean {
    if (this.declared < 0) {
      const m = /^\s*(\d+)\s+(\d+)\s*$/.exec(line);
      if (m === null) {
        throw formatError(
          FORMAT,
          "line 1",
          `is ${JSON.stringify(line.length > 60 ? `${line.slice(0, 57)}...` : line)}, not a "<count> <dims>" header`,
          "GloVe files have no header: read them with parseGloveText",
        );
      }
      this.declared = Number(m[1]);
      if (!Number.isSafeInteger(this.declared)) throw formatError(FORMAT, "line 1", `declares ${m[1]} vectors`, "the header is corrupt");
      this.table.setDims(Number(m[2]), "line 1");
      return !this.table.done;
    }
    if (this.vectorsSeen >= this.declared) {
      if (line.trim() === "") return true;
      throw formatError(FORMAT, `line ${n}`, `is a vector beyond the ${this.declared} the header declares`, "fix the header count, or remove the extra lines");
    }
    const dims = this.table.dims;
    const fields = splitFields(line);
    if (fields.length !== dims + 1 || fields[0] === "") {
      throw formatError(
        FORMAT,
        `line ${n}`,
        line.trim() === "" ? "is blank before the last vector" : `has ${fields.length - 1} values after the token, expected ${dims}`,
        "every line holds a token and exactly <dims> values separated by spaces; fix or remove the line",
      );
    }
    this.vectorsSeen++;
    const at = this.table.begin(fields[0], `line ${n}`);
    if (at >= 0) for (let j = 0; j < dims; j++) this.table.set(at + j, parseValue(fields[j + 1], FORMAT, n, j));
    return !this.table.done;
  }
}

/** Parses a whole word2vec text file (bytes or text). */
export function parseWord2vecText(input: Uint8Array | string, options: ParseVectorsOptions = {}): WordVectors<string> {
  const reader = new Word2vecTextReader(options);
  if (typeof input === "string") reader.pushText(input);
  else reader.push(input);
  return reader.end();
}
