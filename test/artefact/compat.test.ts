/**
 * Compatibility (issue 6.5): an artefact from a newer minor, with fields this reader does
 * not know, loads; re-saving the loaded object keeps those fields (and the newer minor).
 * A newer major is refused with a VersionError naming both versions.
 */
import { describe, expect, it } from "vitest";
import { FORMAT_MAJOR, FORMAT_MINOR, Pipeline, SkewlessError, StandardScaler, inspectArtefact, loadArtefact } from "../../src/index.js";
import { completePenguinRows, penguinRows } from "../conformance/arbitraries.js";
import { decodeBody, join, pb, split } from "./build.js";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
/** Field 100 (varint 42) and field 101 (bytes "new"): what a newer minor might add. */
const UNKNOWN_TOP = Uint8Array.of(0xa0, 0x06, 0x2a, 0xaa, 0x06, 0x03, 0x6e, 0x65, 0x77);
/** Field 50 (fixed64) inside StandardScalerState. */
const UNKNOWN_STATE = Uint8Array.of(0x91, 0x03, 1, 2, 3, 4, 5, 6, 7, 8);

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** The artefact as a newer minor would write it: unknown fields appended to the Body and inside the state. */
function fromNewerMinor(bytes: Uint8Array): { bytes: Uint8Array; body: Uint8Array } {
  const p = split(bytes);
  const body = decodeBody(p.body);
  Object.defineProperty(body.root!.standardScaler!, "$unknowns", { value: [UNKNOWN_STATE], enumerable: false, writable: true });
  const newer = concat(pb.Body.encode(body).finish(), UNKNOWN_TOP);
  return { bytes: join({ ...p, minor: FORMAT_MINOR + 1, body: newer }), body: newer };
}

function failure(op: () => unknown): SkewlessError {
  try {
    op();
  } catch (e) {
    if (e instanceof SkewlessError) return e;
    throw e;
  }
  throw new Error("expected a SkewlessError");
}

describe("format compatibility", () => {
  const scaler = new StandardScaler({ name: "penguin" }).fit(penguinRows());
  const original = scaler.save({ metadata: { run: "42" } });
  const newer = fromNewerMinor(original);

  it("loads an artefact with unknown fields from a newer minor, with the same outputs", () => {
    const loaded = loadArtefact(newer.bytes) as StandardScaler;
    const x = completePenguinRows();
    expect(hex(new Uint8Array(loaded.transform(x).buffer))).toBe(hex(new Uint8Array(scaler.transform(x).buffer)));
    expect(inspectArtefact(newer.bytes).info.formatMinor).toBe(FORMAT_MINOR + 1);
  });

  it("re-saves the loaded object with the unknown fields, the metadata and the newer minor kept", () => {
    const again = loadArtefact(newer.bytes).save();
    const p = split(again);
    expect(p.minor).toBe(FORMAT_MINOR + 1);
    expect(hex(p.body)).toBe(hex(newer.body));
    // and again: the fields survive any number of load/save cycles
    expect(hex(split(loadArtefact(again).save()).body)).toBe(hex(newer.body));
  });

  it("keeps the unknown fields when metadata is added at re-save", () => {
    const again = loadArtefact(newer.bytes).save({ metadata: { served: "yes" } });
    const body = decodeBody(split(again).body);
    expect(body.$unknowns?.map(hex)).toEqual([hex(UNKNOWN_TOP.subarray(0, 3)), hex(UNKNOWN_TOP.subarray(3))]);
    expect(body.root!.standardScaler!.$unknowns?.map(hex)).toEqual([hex(UNKNOWN_STATE)]);
    expect(inspectArtefact(again).record.metadata).toEqual({ run: "42", served: "yes" });
  });

  it("drops them once the object is re-fitted (they described the old state)", () => {
    const loaded = loadArtefact(newer.bytes) as StandardScaler;
    loaded.fit(completePenguinRows());
    const p = split(loaded.save());
    expect(p.minor).toBe(FORMAT_MINOR);
    expect(decodeBody(p.body).$unknowns).toBeUndefined();
  });

  it("re-saving an unmodified loaded artefact gives the same bytes (content address)", () => {
    expect(hex(loadArtefact(original).save())).toBe(hex(original));
    const pipeline = new Pipeline([new StandardScaler(), new StandardScaler({ withMean: false })]).fit(completePenguinRows()).save();
    expect(hex(loadArtefact(pipeline).save())).toBe(hex(pipeline));
  });

  it("keeps unknown fields inside pipeline steps", () => {
    const bytes = new Pipeline([new StandardScaler({ name: "a" }), new StandardScaler({ name: "b" })]).fit(completePenguinRows()).save();
    const p = split(bytes);
    const body = decodeBody(p.body);
    Object.defineProperty(body.root!.children![1].standardScaler!, "$unknowns", { value: [UNKNOWN_STATE], enumerable: false, writable: true });
    const newerBody = pb.Body.encode(body).finish();
    const again = loadArtefact(join({ ...p, minor: FORMAT_MINOR + 1, body: newerBody })).save();
    expect(hex(split(again).body)).toBe(hex(newerBody));
  });

  it("refuses a newer major with a VersionError naming both versions", () => {
    const p = split(original);
    for (const major of [FORMAT_MAJOR + 1, 0xffff]) {
      const e = failure(() => loadArtefact(join({ ...p, major, minor: 3 })));
      expect(e.code).toBe("VERSION_UNSUPPORTED");
      expect(e.message).toContain(`${major}.3`);
      expect(e.message).toContain(`${FORMAT_MAJOR}.${FORMAT_MINOR}`);
      expect(e.message).toMatch(/upgrade skewless/);
    }
  });

  it("refuses an older major, and a newer major whatever its framing looks like", () => {
    const p = split(original);
    expect(failure(() => loadArtefact(join({ ...p, major: 0 }))).code).toBe("VERSION_UNSUPPORTED");
    // a major-2 writer may frame differently: only magic and version are read
    const bare = Uint8Array.of(0x53, 0x4b, 0x57, 0x4c, FORMAT_MAJOR + 1, 0, 0, 0);
    expect(failure(() => loadArtefact(bare)).code).toBe("VERSION_UNSUPPORTED");
  });
});
