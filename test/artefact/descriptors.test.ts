/**
 * The proto against every released format (issue 6.5): proto/descriptors/v<major>.<minor>.json
 * is the descriptor of each released format version, committed when it ships. The
 * current proto, parsed here with protobufjs, must read every byte those versions can
 * write: no field number reused with another type or label, no field removed without
 * `reserved`, no enum value renumbered. (Adding fields and oneof members is allowed.)
 *
 * When a format version is released, commit its descriptor:
 *   npx pbjs -t json proto/skewless/v1/artefact.proto > proto/descriptors/v1.<minor>.json
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import { FORMAT_MAJOR, FORMAT_MINOR } from "../../src/index.js";
import { type ProtoJson, wireIncompatibilities } from "./proto-compat.js";

const ROOT = join(__dirname, "..", "..");
const DESCRIPTORS = join(ROOT, "proto", "descriptors");

function current(): ProtoJson {
  const dir = join(ROOT, "proto", "skewless", "v1");
  const files = readdirSync(dir).filter((f) => f.endsWith(".proto")).map((f) => join(dir, f));
  return protobuf.loadSync(files).toJSON() as ProtoJson;
}

const released = readdirSync(DESCRIPTORS)
  .filter((f) => /^v\d+\.\d+\.json$/.test(f))
  .sort();

describe("proto descriptors", () => {
  it("has a committed descriptor for this major version", () => {
    expect(released.some((f) => f.startsWith(`v${FORMAT_MAJOR}.`))).toBe(true);
    // A released minor newer than the code's would mean FORMAT_MINOR was not bumped.
    for (const f of released) {
      const [major, minor] = f.slice(1, -5).split(".").map(Number);
      if (major === FORMAT_MAJOR) expect(minor, f).toBeLessThanOrEqual(FORMAT_MINOR);
    }
  });

  for (const file of released) {
    it(`the current proto reads everything format ${file.slice(1, -5)} writes`, () => {
      const old = JSON.parse(readFileSync(join(DESCRIPTORS, file), "utf8")) as ProtoJson;
      const problems = wireIncompatibilities(old, current());
      expect(problems, `wire-incompatible changes since ${file}:\n${problems.join("\n")}`).toEqual([]);
    });
  }

  describe("the checker itself", () => {
    const base = () => JSON.parse(readFileSync(join(DESCRIPTORS, released[0]), "utf8")) as ProtoJson;
    const v1 = (d: ProtoJson) => d.nested!.skewless.nested!.v1.nested!;

    it("accepts an unchanged proto and added fields", () => {
      const d = base();
      expect(wireIncompatibilities(base(), d)).toEqual([]);
      v1(d).Node.fields!.futureField = { type: "string", id: 99 };
      v1(d).Node.oneofs!.state.oneof.push("futureState");
      v1(d).Node.fields!.futureState = { type: "PipelineState", id: 98 };
      v1(d).ColumnType.values!.COLUMN_TYPE_FUTURE = 99;
      expect(wireIncompatibilities(base(), d)).toEqual([]);
    });

    it("flags a field number reused with another type", () => {
      const d = base();
      const f = v1(d).StandardScalerState.fields!;
      f.meanText = { type: "string", id: f.meanF64.id };
      delete (f as Record<string, unknown>).meanF64;
      expect(wireIncompatibilities(base(), d).join("\n")).toMatch(/StandardScalerState #3 changed type: meanF64 bytes -> meanText string/);
    });

    it("flags a repeated field made singular, and a field moved out of its oneof", () => {
      const d = base();
      delete v1(d).Node.fields!.children.rule;
      v1(d).Node.oneofs!.state.oneof = v1(d).Node.oneofs!.state.oneof.filter((n) => n !== "clip");
      const problems = wireIncompatibilities(base(), d).join("\n");
      expect(problems).toMatch(/Node #3 changed label: repeated -> singular/);
      expect(problems).toMatch(/Node #\d+ moved between oneofs: "state" -> ""/);
    });

    it("flags a removed field unless its number is reserved", () => {
      const d = base();
      delete (v1(d).Node.fields as Record<string, unknown>).name;
      expect(wireIncompatibilities(base(), d).join("\n")).toMatch(/field skewless\.v1\.Node\.name = 2 was removed without "reserved 2;"/);
      v1(d).Node.reserved = [[2, 2], "name"];
      expect(wireIncompatibilities(base(), d)).toEqual([]);
    });

    it("flags a renumbered enum value and a removed one", () => {
      const d = base();
      v1(d).ColumnType.values!.COLUMN_TYPE_TEXT = 9;
      delete v1(d).ColumnType.values!.COLUMN_TYPE_IMAGE;
      const problems = wireIncompatibilities(base(), d).join("\n");
      expect(problems).toMatch(/COLUMN_TYPE_TEXT was renumbered: 5 -> 9/);
      expect(problems).toMatch(/COLUMN_TYPE_IMAGE = 6 was removed/);
    });

    it("flags a new field that reuses a number the released format reserved", () => {
      const old = base();
      v1(old).Node.reserved = [[5, 7]];
      const d = base();
      v1(d).Node.reserved = [[5, 7]];
      v1(d).Node.fields!.sneaky = { type: "string", id: 6 };
      expect(wireIncompatibilities(old, d).join("\n")).toMatch(/Node\.sneaky = 6 reuses a number reserved/);
    });

    it("flags a removed message", () => {
      const d = base();
      delete v1(d).ClipState;
      expect(wireIncompatibilities(base(), d).join("\n")).toMatch(/message skewless\.v1\.ClipState was removed/);
    });
  });
});
