/**
 * Lines of a UTF-8 text file that arrives in chunks (a whole file, or a Node stream's
 * pieces): each chunk is decoded up to its last newline in one TextDecoder call, and
 * the bytes after it wait for the next chunk. Invalid UTF-8 is a typed error naming the
 * line. "\r\n" endings and a leading byte-order mark are accepted. Browser-safe.
 */
import { formatError } from "./word-vectors.js";

/** Called per line with its 1-based number; returns false to stop reading. */
export type LineSink = (line: string, lineNo: number) => boolean;

const NEWLINE = 0x0a;

export class LineSplitter {
  private carry: Uint8Array = new Uint8Array(0);
  private lineNo = 0;
  private stopped = false;
  private readonly decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

  constructor(
    private readonly format: string,
    private readonly sink: LineSink,
  ) {}

  /** Feeds one chunk; returns false once the sink asked to stop. */
  push(chunk: Uint8Array): boolean {
    if (this.stopped) return false;
    let last = chunk.lastIndexOf(NEWLINE);
    if (last < 0) {
      this.carry = concat(this.carry, chunk);
      return true;
    }
    const head = this.carry.length === 0 ? chunk.subarray(0, last + 1) : concat(this.carry, chunk.subarray(0, last + 1));
    this.carry = chunk.slice(last + 1);
    last = head.length - 1;
    this.lines(this.decode(head.subarray(0, last)), true);
    return !this.stopped;
  }

  /** Feeds text already decoded (string input). */
  pushText(text: string): boolean {
    if (this.stopped) return false;
    this.lines(text, false);
    return !this.stopped;
  }

  /** The last line (without a final newline), if any. */
  end(): void {
    if (this.stopped || this.carry.length === 0) return;
    const rest = this.carry;
    this.carry = new Uint8Array(0);
    this.lines(this.decode(rest), true);
  }

  private decode(bytes: Uint8Array): string {
    try {
      return this.decoder.decode(bytes);
    } catch {
      // Find the line, for the message.
      let start = 0;
      for (let n = this.lineNo + 1; ; n++) {
        const end = bytes.indexOf(NEWLINE, start);
        const line = bytes.subarray(start, end < 0 ? bytes.length : end);
        try {
          this.decoder.decode(line);
        } catch {
          throw formatError(this.format, `line ${n}`, "is not valid UTF-8", "convert the file to UTF-8 (e.g. iconv), or drop the damaged lines");
        }
        if (end < 0) throw formatError(this.format, `line ${n}`, "is not valid UTF-8", "convert the file to UTF-8");
        start = end + 1;
      }
    }
  }

  /**
   * Splits decoded text into lines. `lastIsLine`: the piece after the last newline is a
   * line even when empty (bytes were cut just before a newline); for whole-text input an
   * empty final piece is only the end of the file.
   */
  private lines(text: string, lastIsLine: boolean): void {
    let start = 0;
    while (start <= text.length && !this.stopped) {
      let end = text.indexOf("\n", start);
      const last = end < 0;
      if (last) end = text.length;
      if (last && start === text.length && !lastIsLine) break;
      let line = text.slice(start, end);
      if (line.endsWith("\r")) line = line.slice(0, -1);
      this.lineNo++;
      if (this.lineNo === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
      if (!this.sink(line, this.lineNo)) this.stopped = true;
      start = end + 1;
      if (last) break;
    }
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b.slice();
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
