/**
 * Copying a string's UTF-16 code units into memory natively, in Node: Buffer's own
 * UTF-16 writer, which is what buffer.write(s, offset, "utf16le") ends in, without its
 * argument checks and encoding lookup per call — how documents get into the text
 * kernel's WebAssembly memory (scan-kernel.ts). Browsers have no Buffer: there the
 * kernel is not used and the JS scan reads the string.
 */

/** A Buffer that may have Node's (undocumented) UTF-16 writer. */
export type Utf16Target = Buffer & { ucs2Write?: (s: string, offset: number, length: number) => number };

/** Node's Buffer, or null outside Node or where a Uint16Array would not read little-endian units back. */
const NodeBuffer: typeof Buffer | null = typeof Buffer === "function" && new Uint8Array(Uint16Array.of(1).buffer)[0] === 1 ? Buffer : null;

/** A Buffer over bytes [offset, offset + length) of `buffer`, or null where there is no Node Buffer. */
export function nodeUtf16Target(buffer: ArrayBuffer, offset: number, length: number): Utf16Target | null {
  return NodeBuffer === null ? null : NodeBuffer.from(buffer, offset, length);
}

/** Whether nodeUtf16Target can give targets here. */
export const canCopyUtf16 = NodeBuffer !== null;

/**
 * Writes the code units of `s` at the start of `target` (room for them assumed). The
 * native writer is not a documented API, so its byte count is checked and the
 * documented write is the fallback.
 */
export function copyUtf16(target: Utf16Target, s: string): void {
  const bytes = 2 * s.length;
  if (typeof target.ucs2Write !== "function" || target.ucs2Write(s, 0, bytes) !== bytes) target.write(s, 0, "utf16le");
}
