/**
 * Pretrained vector parsers: word2vec text and binary, GloVe text. The fixture files
 * were written by Python (fixtures/embedding/generate.py) in the word2vec C tool's and
 * GloVe's formats; malformed variants are made here from them.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import {
  GloveTextReader,
  SkewlessError,
  type WordVectors,
  Word2vecBinaryReader,
  Word2vecTextReader,
  parseGloveText,
  parseWord2vecBinary,
  parseWord2vecText,
  wordVectors,
} from "../../src/index.js";
import { readWordVectors } from "../../src/node.js";

const DIR = fileURLToPath(new URL("../../fixtures/embedding/vectors/", import.meta.url));
const bytes = (name: string): Uint8Array => new Uint8Array(readFileSync(join(DIR, name)));
const W2V_TEXT = bytes("kjv-16d.w2v.txt");
const W2V_BIN = bytes("kjv-16d.w2v.bin");
const GLOVE = bytes("kjv-16d.glove.txt");
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

function code(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    if (e instanceof SkewlessError) return `${e.code}: ${e.message}`;
    throw e;
  }
  return "ok";
}

function inChunks(reader: { push(c: Uint8Array): boolean; end(): WordVectors<string> }, data: Uint8Array, sizes: number[]): WordVectors<string> {
  let at = 0;
  for (let i = 0; at < data.length; i++) {
    const n = sizes[i % sizes.length];
    if (!reader.push(data.subarray(at, at + n))) break;
    at += n;
  }
  return reader.end();
}

const tmp = mkdtempSync(join(tmpdir(), "skewless-vectors-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("reading the three formats", () => {
  const bin = parseWord2vecBinary(W2V_BIN);
  it("reads 200 x 16 vectors, the same tokens and float32 values from binary and GloVe text", () => {
    expect(bin.tokens.length).toBe(200);
    expect(bin.dims).toBe(16);
    expect(bin.tokens.slice(0, 5)).toEqual(["the", "and", "of", "in", "lord"]);
    const glove = parseGloveText(GLOVE);
    expect(glove.tokens).toEqual(bin.tokens);
    expect(Buffer.from(glove.vectors.buffer).equals(Buffer.from(bin.vectors.buffer))).toBe(true);
  });

  it("reads the word2vec text file (6 decimals, as the C tool prints) to within 6e-7 (half a unit of the 6th decimal plus float32 rounding)", () => {
    const text = parseWord2vecText(W2V_TEXT);
    expect(text.tokens).toEqual(bin.tokens);
    let worst = 0;
    for (let i = 0; i < bin.vectors.length; i++) worst = Math.max(worst, Math.abs(text.vectors[i] - bin.vectors[i]));
    expect(worst).toBeLessThan(6e-7);
    expect(parseWord2vecText(new TextDecoder().decode(W2V_TEXT))).toEqual(text);
  });

  it("gives the same result whatever the chunking", () => {
    for (const sizes of [[3, 7, 1], [64], [1 << 20]]) {
      expect(inChunks(new Word2vecBinaryReader(), W2V_BIN, sizes)).toEqual(bin);
      expect(inChunks(new GloveTextReader(), GLOVE, sizes)).toEqual(parseGloveText(GLOVE));
      expect(inChunks(new Word2vecTextReader(), W2V_TEXT, sizes)).toEqual(parseWord2vecText(W2V_TEXT));
    }
  });

  it("applies limit, keep and duplicates", () => {
    expect(parseWord2vecBinary(W2V_BIN, { limit: 3 }).tokens).toEqual(["the", "and", "of"]);
    expect(parseWord2vecText(W2V_TEXT, { limit: 0 }).tokens).toEqual([]);
    expect(inChunks(new GloveTextReader({ limit: 2 }), GLOVE, [5]).tokens).toEqual(["the", "and"]);
    const kept = parseGloveText(GLOVE, { keep: (t) => t.startsWith("l") });
    expect(kept.tokens.every((t) => t.startsWith("l"))).toBe(true);
    expect(kept.vectors.length).toBe(kept.tokens.length * 16);
    const dup = "a 1 2\nb 3 4\na 5 6\n";
    expect(code(() => parseGloveText(dup))).toMatch(/INVALID_INPUT: GloVe text: line 3: token "a" already had a vector/);
    expect(Array.from(parseGloveText(dup, { duplicates: "first" }).vectors)).toEqual([1, 2, 3, 4]);
  });

  it("accepts CRLF line ends, a byte-order mark, trailing spaces and a final line without newline", () => {
    const w = parseWord2vecText("\ufeff2 2\r\nx 1 2 \r\ny 3 4");
    expect(w.tokens).toEqual(["x", "y"]);
    expect(Array.from(w.vectors)).toEqual([1, 2, 3, 4]);
    expect(parseGloveText(enc("\ufeffé 1\r\n日本 2\r\n")).tokens).toEqual(["é", "日本"]);
  });

  it("reads GloVe tokens that contain spaces (as glove.840B's '. . .')", () => {
    const g = parseGloveText("the 1 2\n. . . 3 4\n");
    expect(g.tokens).toEqual(["the", ". . ."]);
  });

  it("reads binary files without the C tool's newlines too", () => {
    const rec = (t: string, xs: number[]): Uint8Array => new Uint8Array([...enc(`${t} `), ...new Uint8Array(Float32Array.from(xs).buffer)]);
    const file = new Uint8Array([...enc("2 2\n"), ...rec("a", [1, 2]), ...rec("b", [3, 4])]);
    const w = parseWord2vecBinary(file);
    expect(w.tokens).toEqual(["a", "b"]);
    expect(Array.from(w.vectors)).toEqual([1, 2, 3, 4]);
  });

  it("builds vectors from a Map keyed by categories (entity vectors)", () => {
    const w = wordVectors(new Map<number, number[]>([[7, [1, 2]], [-0, [3, 4]]]));
    expect(w.tokens).toEqual([7, 0]);
    expect(code(() => wordVectors(new Map<number, number[]>([[1, [1]], [2, [1, 2]]])))).toMatch(/INVALID_INPUT: .*has 2 values but the first one had 1/);
    expect(code(() => wordVectors([[0, [1]], [-0, [2]]] as [number, number[]][]))).toMatch(/appears twice/);
    expect(code(() => wordVectors(new Map<string | number, number[]>([["a", [1]], [1, [2]]])))).toMatch(/INVALID_INPUT/);
    expect(code(() => wordVectors(new Map([["a", [NaN]]])))).toMatch(/finite float32/);
  });
});

describe("malformed files are typed errors naming the place and the fix", () => {
  const w2v = new TextDecoder().decode(W2V_TEXT);
  const lines = w2v.split("\n");
  const cases: [string, () => unknown, RegExp][] = [
    ["word2vec text: a GloVe file (no header)", () => parseWord2vecText(GLOVE), /line 1: .*not a "<count> <dims>" header; GloVe files have no header: read them with parseGloveText/],
    ["word2vec text: empty", () => parseWord2vecText(""), /line 1: is missing/],
    ["word2vec text: truncated", () => parseWord2vecText(lines.slice(0, 50).join("\n")), /end of file: the header declares 200 vectors but the file holds 49; the file is truncated/],
    ["word2vec text: a vector beyond the count", () => parseWord2vecText(`${w2v}extra 1 2 3\n`), /line 202: is a vector beyond the 200/],
    ["word2vec text: a short line", () => parseWord2vecText("1 3\nx 1 2\n"), /line 2: has 2 values after the token, expected 3/],
    ["word2vec text: a word instead of a number", () => parseWord2vecText("1 2\nx 1 abc\n"), /line 2: value 2 is "abc", not a finite float32 number/],
    ["word2vec text: NaN", () => parseWord2vecText("1 2\nx 1 NaN\n"), /line 2: value 2 is "NaN"/],
    ["word2vec text: Infinity", () => parseWord2vecText("1 1\nx -Infinity\n"), /not a finite float32 number/],
    ["word2vec text: beyond float32", () => parseWord2vecText("1 1\nx 1e39\n"), /value 1 is "1e39", not a finite float32 number/],
    ["word2vec text: a blank line inside", () => parseWord2vecText("2 1\nx 1\n\ny 2\n"), /line 3: is blank before the last vector/],
    ["word2vec text: a duplicate token", () => parseWord2vecText("2 1\nx 1\nx 2\n"), /line 3: token "x" already had a vector \(row 1\)/],
    ["word2vec text: zero dims", () => parseWord2vecText("1 0\n"), /line 1: vectors have 0 values/],
    ["word2vec text: invalid UTF-8", () => parseWord2vecText(new Uint8Array([...enc("2 1\nx 1\n"), 0xff, 0xfe, ...enc(" 2\n")])), /line 3: is not valid UTF-8; convert the file to UTF-8/],
    ["word2vec binary: a string", () => parseWord2vecBinary(w2v as unknown as Uint8Array), /pass the file's bytes as a Uint8Array/],
    ["word2vec binary: a text file", () => parseWord2vecBinary(GLOVE), /header: the file starts with "the -0\.42/],
    ["word2vec binary: truncated inside a vector", () => parseWord2vecBinary(W2V_BIN.subarray(0, 1000)), /the file ends inside vector 15 of 200; the file is truncated/],
    ["word2vec binary: truncated after a vector", () => parseWord2vecBinary(W2V_BIN.subarray(0, 8 + 4 * 70)), /truncated|ends inside/],
    ["word2vec binary: extra data", () => parseWord2vecBinary(new Uint8Array([...W2V_BIN, ...enc("zz")])), /data follows the 200 vectors the header declares/],
    ["word2vec binary: empty", () => parseWord2vecBinary(new Uint8Array(0)), /the file has no header/],
    [
      "word2vec binary: a NaN value",
      () => parseWord2vecBinary(new Uint8Array([...enc("1 1\nx "), ...new Uint8Array(Float32Array.of(NaN).buffer)])),
      /vector 1 \(byte 4\): value 1 of "x" is NaN; the file is corrupt/,
    ],
    ["word2vec binary: a token that is not UTF-8", () => parseWord2vecBinary(new Uint8Array([...enc("1 1\n"), 0xc3, 0x28, 0x20, 0, 0, 128, 63])), /byte 4: the token of vector 1 is not valid UTF-8/],
    ["GloVe: a word2vec text file", () => parseGloveText(W2V_TEXT), /line 1: is "200 16", a word2vec "<count> <dims>" header; read word2vec text files with parseWord2vecText/],
    ["GloVe: a line with fewer values", () => parseGloveText("a 1 2 3\nb 1 2\n"), /line 2: has 2 values after the token, but line 1 had 3/],
    ["GloVe: a line with more values", () => parseGloveText("a 1 2\nb 1 2 3\n"), /line 2: has 3 values after the token, but line 1 had 2/],
    ["GloVe: a blank line inside", () => parseGloveText("a 1\n\nb 2\n"), /line 2: is blank before the last vector/],
    ["GloVe: empty", () => parseGloveText(""), /line 1: is missing/],
    ["GloVe: a lone surrogate token", () => parseGloveText("\ud800 1\n"), /lone UTF-16 surrogate/],
  ];
  for (const [label, run, message] of cases) {
    it(label, () => {
      expect(code(run)).toMatch(/^INVALID_INPUT: /);
      expect(code(run)).toMatch(message);
    });
  }

  it("checks parse options", () => {
    expect(code(() => parseGloveText("a 1", { limit: -1 }))).toMatch(/INVALID_OPTION: GloVe text: limit must be a non-negative integer/);
    expect(code(() => parseGloveText("a 1", { duplicates: "last" as "first" }))).toMatch(/INVALID_OPTION: .*duplicates must be "error" or "first"/);
  });
});

describe("readWordVectors (Node, streamed)", () => {
  it("reads files in chunks, gunzips .gz files and stops at limit", async () => {
    const gz = join(tmp, "kjv.w2v.bin.gz");
    writeFileSync(gz, gzipSync(W2V_BIN));
    expect(await readWordVectors(gz, { format: "word2vecBinary" })).toEqual(parseWord2vecBinary(W2V_BIN));
    expect(await readWordVectors(join(DIR, "kjv-16d.glove.txt"), { format: "glove", limit: 10 })).toEqual(parseGloveText(GLOVE, { limit: 10 }));
    expect(await readWordVectors(join(DIR, "kjv-16d.w2v.txt"), { format: "word2vec" })).toEqual(parseWord2vecText(W2V_TEXT));
    await expect(readWordVectors(join(DIR, "kjv-16d.w2v.txt"), { format: "bin" as "glove" })).rejects.toThrow(/format must be/);
  });
});
