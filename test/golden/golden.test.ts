/**
 * Backward compatibility: every golden artefact under fixtures/artefacts/v1 (written once
 * by an earlier version, never regenerated) still loads, transforms its stored input to
 * its stored output bit for bit, and re-saves to an artefact that does too.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { FeatureSpace, inspectArtefact, loadArtefact } from "../../src/index.js";
import { sameBytes } from "../conformance/compare.js";
import { decodeValue } from "./codec.js";
import { sha256, toHex } from "../../src/artefact/sha256.js";

const DIR = fileURLToPath(new URL("../../fixtures/artefacts/v1", import.meta.url));
const names = readdirSync(DIR)
  .filter((f) => f.endsWith(".skw"))
  .map((f) => f.slice(0, -4))
  .sort();

describe("golden artefacts (format 1)", () => {
  it("exist", () => {
    expect(names.length).toBeGreaterThanOrEqual(10);
  });
  for (const name of names) {
    it(name, () => {
      const bytes = new Uint8Array(readFileSync(join(DIR, `${name}.skw`)));
      const input = decodeValue(JSON.parse(readFileSync(join(DIR, `${name}.input.json`), "utf8")));
      const [expectedDigest, expectedLength] = readFileSync(join(DIR, `${name}.output.sha256`), "utf8").split(/\s+/);
      const binPath = join(DIR, `${name}.output.bin`);
      const expected = existsSync(binPath) ? new Uint8Array(readFileSync(binPath)) : null;
      const matches = (y: Float32Array) => {
        const b = new Uint8Array(y.buffer, y.byteOffset, y.byteLength);
        return b.length === Number(expectedLength) && toHex(sha256(b)) === expectedDigest && (expected === null || sameBytes(b, expected));
      };
      const { info } = inspectArtefact(bytes);
      expect(info.formatMajor).toBe(1);
      const t = loadArtefact(bytes);
      const y = t instanceof FeatureSpace ? t.transformToArray(input as never) : (t as unknown as { transform(x: unknown): Float32Array }).transform(input);
      expect(matches(y), `${name}: output differs from the golden output`).toBe(true);
      // Re-saving with this version may encode differently (e.g. a newer layout encoding),
      // but must load back to the same outputs; same-version byte stability is checked by
      // the conformance suite.
      const again = loadArtefact(t.save());
      const y2 = again instanceof FeatureSpace ? again.transformToArray(input as never) : (again as unknown as { transform(x: unknown): Float32Array }).transform(input);
      expect(matches(y2), `${name}: re-saved artefact transforms differently`).toBe(true);
    });
  }
});
