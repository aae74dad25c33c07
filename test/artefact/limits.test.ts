/**
 * Load limits (issue 6.2): each one refuses an artefact that exceeds it with an
 * ARTEFACT_LIMIT error naming the limit and how to raise it; raising it as the message
 * says loads the artefact. Declared sizes are refused before anything of that size is
 * allocated.
 */
import { describe, expect, it } from "vitest";
import {
  DEFAULT_LIMITS,
  KBinsDiscretizer,
  type LoadLimits,
  OneHotEncoder,
  Pipeline,
  QuantileTransformer,
  SkewlessError,
  StandardScaler,
  inspectArtefact,
  loadArtefact,
} from "../../src/index.js";
import { completePenguinRows, penguinRows } from "../conformance/arbitraries.js";
import { join, rewrite, split, varint } from "./build.js";

function failure(op: () => unknown): SkewlessError {
  try {
    op();
  } catch (e) {
    if (e instanceof SkewlessError) return e;
    throw e;
  }
  throw new Error("expected a SkewlessError, but the call succeeded");
}

/** Refused under `limits`, the message names the limit and a value that lets it load. */
function expectLimit(bytes: Uint8Array, limits: Partial<LoadLimits>, name: keyof LoadLimits, what?: RegExp): void {
  const e = failure(() => loadArtefact(bytes, { limits }));
  expect(e.code).toBe("ARTEFACT_LIMIT");
  expect(e.message).toContain(`load limit ${name}`);
  if (what) expect(e.message).toMatch(what);
  const m = new RegExp(`limits: \\{ ${name}: (\\d+|Infinity) \\}`).exec(e.message);
  expect(m, e.message).not.toBeNull();
  const raised = m![1] === "Infinity" ? Infinity : Number(m![1]);
  expect(() => loadArtefact(bytes, { limits: { ...limits, [name]: raised } })).not.toThrow();
}

const scaler = () => new StandardScaler({ name: "penguin" }).fit(penguinRows());

describe("load limits", () => {
  it("has safe, frozen defaults", () => {
    expect(DEFAULT_LIMITS).toEqual({ maxBytes: 1 << 30, maxNodes: 10_000, maxDepth: 32, maxFeatures: 1 << 24, maxTensorElements: 1 << 26 });
    expect(Object.isFrozen(DEFAULT_LIMITS)).toBe(true);
  });

  it("maxBytes", () => {
    const bytes = scaler().save();
    expectLimit(bytes, { maxBytes: bytes.length - 1 }, "maxBytes", /artefact size/);
  });

  it("maxNodes", () => {
    const bytes = new Pipeline([new StandardScaler(), new StandardScaler({ withMean: false })]).fit(completePenguinRows()).save();
    expectLimit(bytes, { maxNodes: 2 }, "maxNodes", /node count/);
  });

  it("maxDepth", () => {
    const bytes = new Pipeline([new StandardScaler()]).fit(completePenguinRows()).save();
    expectLimit(bytes, { maxDepth: 0 }, "maxDepth", /nesting/);
  });

  it("maxFeatures", () => {
    expectLimit(scaler().save(), { maxFeatures: 5 }, "maxFeatures", /n_features_in/);
  });

  it("maxTensorElements on a numeric array", () => {
    expectLimit(scaler().save(), { maxTensorElements: 5 }, "maxTensorElements", /meanF64|mean_f64/);
  });

  it("maxTensorElements on a vocabulary (a repeated field), counted before it is decoded", () => {
    const bytes = new OneHotEncoder({ name: "island" }).fit(["Biscoe", "Dream", "Torgersen", "Dream"]).save();
    expectLimit(bytes, { maxTensorElements: 2 }, "maxTensorElements", /strings/);
  });

  it("maxTensorElements on a size derived from declared counts (n_quantiles x n_features), before allocating", () => {
    const bytes = new QuantileTransformer({ nQuantiles: 10 }).fit(completePenguinRows()).save();
    const hostile = rewrite(bytes, (b) => {
      b.root!.quantileTransformer!.nQuantiles = 2 ** 31; // x 6 features: 12.9e9 float64s declared, 480 bytes present
    });
    const heap = process.memoryUsage().arrayBuffers;
    const t0 = performance.now();
    const e = failure(() => loadArtefact(hostile));
    expect(performance.now() - t0).toBeLessThan(200);
    expect(process.memoryUsage().arrayBuffers - heap).toBeLessThan(64 << 20);
    expect(e.code).toBe("ARTEFACT_LIMIT");
    expect(e.message).toMatch(/maxTensorElements.*quantile_transformer/);
  });

  it("a 2^31-bin discretizer is refused before its edges are allocated", () => {
    const bytes = new KBinsDiscretizer({ nBins: 3, encode: "ordinal", strategy: "uniform" }).fit(completePenguinRows()).save();
    const hostile = rewrite(bytes, (b) => {
      const n = new Uint32Array(6).fill(2 ** 31 - 1);
      b.root!.kBinsDiscretizer!.nBinsU32 = new Uint8Array(n.buffer);
    });
    const e = failure(() => loadArtefact(hostile));
    expect(e.code).toBe("ARTEFACT_LIMIT");
    expect(e.message).toMatch(/maxTensorElements/);
  });

  it("a million children are counted on the wire, not decoded", () => {
    const k = 1_000_000;
    const children = new Uint8Array(2 * k);
    for (let i = 0; i < k; i++) children[2 * i] = 0x1a; // Node.children, length 0
    const head = [0x0a, ...varint(children.length)]; // Body.root
    const body = new Uint8Array(head.length + children.length);
    body.set(head);
    body.set(children, head.length);
    const p = split(scaler().save());
    const t0 = performance.now();
    const e = failure(() => loadArtefact(join({ ...p, body })));
    expect(performance.now() - t0).toBeLessThan(500);
    expect(e.code).toBe("ARTEFACT_LIMIT");
    expect(e.message).toMatch(/maxNodes: node count is 10001 > 10000/);
  });

  it("deep nesting is refused at the configured depth, before protobufjs recurses", () => {
    let node: number[] = [];
    for (let i = 0; i < 5000; i++) node = [0x1a, ...varint(node.length), ...node];
    const body = Uint8Array.from([0x0a, ...varint(node.length), ...node]);
    const e = failure(() => loadArtefact(join({ ...split(scaler().save()), body })));
    expect(e.code).toBe("ARTEFACT_LIMIT");
    expect(e.message).toContain("maxDepth");
  });

  it("refuses invalid limit options with INVALID_OPTION", () => {
    const bytes = scaler().save();
    for (const limits of [{ maxBytes: -1 }, { maxNodes: NaN }, { maxFeatures: 1.5 }, { maxDepth: 41 }, { maxTensorElements: "9" }, { maxWidgets: 3 }] as unknown as Partial<LoadLimits>[]) {
      expect(failure(() => loadArtefact(bytes, { limits })).code, JSON.stringify(limits)).toBe("INVALID_OPTION");
    }
    expect(failure(() => loadArtefact(bytes, { limits: 5 as unknown as Partial<LoadLimits> })).code).toBe("INVALID_OPTION");
    expect(() => loadArtefact(bytes, { limits: { maxBytes: Infinity, maxTensorElements: Infinity } })).not.toThrow();
  });

  it("applies to inspectArtefact too", () => {
    expect(failure(() => inspectArtefact(scaler().save(), { limits: { maxFeatures: 1 } })).code).toBe("ARTEFACT_LIMIT");
  });
});
