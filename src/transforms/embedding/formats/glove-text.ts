/**
 * The GloVe text format (Pennington et al.'s glove tool, the published glove.*.txt
 * files): no header, one vector per line,
 *
 *   <token> <v1> <v2> ... <v_dims>\n
 *
 * dims is taken from the first line. A few published files hold tokens with spaces
 * (glove.840B has ". . ."), so a line's token is everything before its last dims
 * fields — unless those extra fields are all numbers, which is a line with too many
 * values (a typed error). A line with fewer than dims + 1 fields, a value that is not a finite number,
 * invalid UTF-8, a duplicate token or a blank line before the end is a typed error
 * naming the line. A first line that looks like a word2vec header ("400000 100") is
 * refused with a pointer to parseWord2vecText. Browser-safe.
 */
import { LineSplitter } from "./text-lines.js";
import { parseValue, splitFields } from "./values.js";
import { type ParseVectorsOptions, VectorTableBuilder, type WordVectors, formatError } from "./word-vectors.js";

const FORMAT = "GloVe text";

export class GloveTextReader {
  private readonly table: VectorTableBuilder;
  private readonly lines: LineSplitter;
  private blankAt = 0;

  constructor(options: ParseVectorsOptions = {}) {
    this.table = new VectorTableBuilder(FORMAT, options);
    this.lines = new LineSplitter(FORMAT, (line, n) => this.line(line, n));
  }

  push(chunk: Uint8Array): boolean {
    return this.lines.push(chunk);
  }

  pushText(text: string): boolean {
    return this.lines.pushText(text);
  }

  end(): WordVectors<string> {
    this.lines.end();
    if (this.table.dims === 0) throw formatError(FORMAT, "line 1", "is missing (the file is empty)", "give a file with one token and its values per line");
    return this.table.result();
  }

  private line(line: string, n: number): boolean {
    if (line.trim() === "") {
      if (this.blankAt === 0) this.blankAt = n;
      return true;
    }
    if (this.blankAt !== 0) throw formatError(FORMAT, `line ${this.blankAt}`, "is blank before the last vector", "remove blank lines");
    const fields = splitFields(line);
    if (this.table.dims === 0) {
      if (fields.length === 2 && /^\d+$/.test(fields[0]) && /^\d+$/.test(fields[1])) {
        throw formatError(FORMAT, "line 1", `is ${JSON.stringify(line)}, a word2vec "<count> <dims>" header`, "read word2vec text files with parseWord2vecText");
      }
      this.table.setDims(fields.length - 1, "line 1");
    }
    const dims = this.table.dims;
    if (fields.length < dims + 1) {
      throw formatError(FORMAT, `line ${n}`, `has ${fields.length - 1} values after the token, but line 1 had ${dims}`, "every line holds a token and the same number of values; fix or remove the line");
    }
    const first = fields.length - dims;
    // Extra fields that are all numbers mean a line with too many values, not a token with spaces.
    if (first > 1 && fields.slice(1, first).every((f) => f !== "" && Number.isFinite(Number(f)))) {
      throw formatError(FORMAT, `line ${n}`, `has ${fields.length - 1} values after the token, but line 1 had ${dims}`, "every line holds a token and the same number of values; fix or remove the line");
    }
    const token = first === 1 ? fields[0] : fields.slice(0, first).join(" ");
    if (token === "") throw formatError(FORMAT, `line ${n}`, "has an empty token", "fix or remove the line");
    const at = this.table.begin(token, `line ${n}`);
    if (at >= 0) for (let j = 0; j < dims; j++) this.table.set(at + j, parseValue(fields[first + j], FORMAT, n, j));
    return !this.table.done;
  }
}

/** Parses a whole GloVe text file (bytes or text). */
export function parseGloveText(input: Uint8Array | string, options: ParseVectorsOptions = {}): WordVectors<string> {
  const reader = new GloveTextReader(options);
  if (typeof input === "string") reader.pushText(input);
  else reader.push(input);
  return reader.end();
}
