/**
 * Hostile data at fit and transform time (issue 6.6), for every registered case: at
 * least 10,000 generated rows per case, shaped like the case's real rows but with cells,
 * rows or whole inputs replaced by NaN, ±Infinity, null/undefined, strings (huge ones
 * too), booleans, objects (nested, null-prototype, with own "__proto__"/"constructor"
 * keys), arrays, bigint, symbols, functions, dates, typed arrays. Prototype-pollution
 * strings are also fed as categories that must fit, transform and round-trip.
 *
 * Required: every failure is a SkewlessError with a known code, a success never has a
 * non-finite output, and no global state changes (Object.prototype and friends, globals).
 *
 * Not covered on purpose: inputs whose own accessors throw (Proxies, throwing getters);
 * those errors are the caller's code failing, not data.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SkewlessError, loadArtefact } from "../../src/index.js";
import { ALL_CASES } from "../conformance/all-cases.js";
import { ERROR_CODES } from "./harness.js";
import { Gen } from "./mutators.js";

const MIN_ROWS = Number(process.env.HOSTILE_ROWS ?? 10_000);
const SEED = Number(process.env.HOSTILE_SEED ?? 20_240_601);
const POLLUTION = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf", "__defineGetter__", "isPrototypeOf"];

/** 256 Ki characters: large enough to find quadratic paths, small enough for 10,000-row runs of text kinds. */
const HUGE = "\u00e9x ".repeat(1 << 16);

function deepObject(depth: number): unknown {
  let o: unknown = { leaf: 1 };
  for (let i = 0; i < depth; i++) o = { child: o, [POLLUTION[i % POLLUTION.length]]: i };
  return o;
}

const HOSTILE_VALUES: (() => unknown)[] = [
  () => NaN,
  () => Infinity,
  () => -Infinity,
  () => null,
  () => undefined,
  () => -0,
  () => Number.MAX_VALUE,
  () => Number.MIN_VALUE,
  () => 2 ** 53 + 1,
  () => "",
  () => "1.5",
  () => "NaN",
  () => HUGE,
  () => "\u0000\ud800",
  () => true,
  () => false,
  () => ({}),
  () => [],
  () => [[1, [2, [3]]]],
  () => deepObject(200),
  () => Object.create(null),
  () => JSON.parse('{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 2}}}'),
  () => ({ constructor: { prototype: { polluted: 3 } } }),
  () => 10n,
  () => Symbol("hostile"),
  () => () => 1,
  () => new Date(0),
  () => new Map([["__proto__", 1]]),
  () => new Float64Array([NaN, Infinity]),
  () => new Uint8Array([0xff, 0xd8, 0xff]),
  () => ({ data: new Uint8Array(3), width: 2 ** 31, height: 2 ** 31 }),
  () => ({ valueOf: () => 1, toString: () => "1" }),
  ...POLLUTION.map((p) => () => p),
];

function hostileValue(g: Gen): unknown {
  return g.oneOf(HOSTILE_VALUES)();
}

/** A copy of `like` (a real row) with cells, keys or the whole value made hostile at rate `density`. */
function hostileLike(g: Gen, like: unknown, density: number, depth = 0): unknown {
  if (g.nat(999) < density * 200) return hostileValue(g); // the whole value
  if (depth > 4) return like;
  if (Array.isArray(like)) return like.map((x) => hostileLike(g, x, density, depth + 1));
  if (ArrayBuffer.isView(like) && !(like instanceof DataView)) {
    const copy = (like as unknown as { slice(): ArrayLike<number> & { [i: number]: number } }).slice();
    const n = copy.length;
    const edits = n === 0 ? 0 : Math.min(8, Math.round(density * n) + (g.nat(999) < density * 1000 ? 1 : 0));
    const float = like instanceof Float32Array || like instanceof Float64Array;
    for (let k = 0; k < edits; k++) copy[g.nat(n - 1)] = float ? g.oneOf([NaN, Infinity, -Infinity, -0, 1e308]) : g.nat(255);
    return copy;
  }
  if (like !== null && typeof like === "object") {
    const out: Record<string, unknown> = Object.create(Object.getPrototypeOf(like));
    for (const [k, v] of Object.entries(like)) out[k] = hostileLike(g, v, density, depth + 1);
    if (g.nat(999) < density * 1000) {
      // an own "__proto__" / "constructor" key, as JSON.parse would create
      Object.defineProperty(out, g.oneOf(POLLUTION), { value: hostileValue(g), enumerable: true, configurable: true, writable: true });
    }
    return out;
  }
  return g.nat(999) < density * 1000 ? hostileValue(g) : like;
}

function hostileRows(g: Gen, real: readonly unknown[], n: number): unknown[] {
  const density = g.oneOf([0, 0.001, 0.01, 0.05, 0.2, 0.6]);
  return Array.from({ length: n }, () => hostileLike(g, real.length === 0 ? null : real[g.nat(real.length - 1)], density));
}

// ------------------------------------------------------------------ global state

const WATCHED: [string, object][] = [
  ["Object.prototype", Object.prototype],
  ["Array.prototype", Array.prototype],
  ["Function.prototype", Function.prototype],
  ["String.prototype", String.prototype],
  ["Number.prototype", Number.prototype],
  ["Map.prototype", Map.prototype],
  ["globalThis", globalThis],
];

function snapshot(): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, obj] of WATCHED) {
    const keys = Reflect.ownKeys(obj).map(String).sort();
    out.set(name, keys.join(","));
    out.set(`${name} proto`, String(Object.getPrototypeOf(obj) === null ? "null" : typeof Object.getPrototypeOf(obj)));
  }
  return out;
}

// ------------------------------------------------------------------ outcomes

interface Subject {
  fit(x: unknown): unknown;
  partialFit(x: unknown): unknown;
  merge(o: unknown): unknown;
  transform(x: unknown): unknown;
  save(): Uint8Array;
}

const codes = new Map<string, number>();

/**
 * The case's own row -> input converter is a test helper written for valid rows and may
 * itself trip over a hostile row (e.g. a null where a row array was); then the hostile
 * rows go to the transform as they are.
 */
function inputOf(c: { toInput: (rows: unknown[]) => unknown }, rows: unknown[]): unknown {
  try {
    return c.toInput(rows);
  } catch {
    return rows;
  }
}

/** Runs op: a typed error is fine (returns undefined); anything else fails the test with the case and stage. */
function typed<T>(what: string, op: () => T): T | undefined {
  try {
    return op();
  } catch (e) {
    if (e instanceof SkewlessError && ERROR_CODES.has(e.code) && e.message.length > 0) {
      codes.set(e.code, (codes.get(e.code) ?? 0) + 1);
      return undefined;
    }
    const at = e instanceof Error ? (e.stack ?? "").split("\n").slice(1, 3).join(" <- ").trim() : "";
    throw new Error(`${what}: threw ${e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e)} instead of a SkewlessError (${at})`);
  }
}

function requireFinite(what: string, y: unknown): void {
  if (y instanceof Float32Array || y instanceof Float64Array) {
    for (let i = 0; i < y.length; i++) if (!Number.isFinite(y[i])) throw new Error(`${what}: output[${i}] is ${y[i]} without an error`);
  }
}

describe("hostile data at fit and transform time", () => {
  let before: Map<string, string>;
  beforeAll(() => {
    before = snapshot();
  });
  afterAll(() => {
    console.log(`hostile data: typed errors by code ${JSON.stringify(Object.fromEntries(codes))}`);
  });

  ALL_CASES.forEach((c, index) => {
    it(`${c.label}: >= ${MIN_ROWS} hostile rows give typed errors or finite output`, () => {
      const g = new Gen(SEED + index);
      const real = c.realRows;
      const fitted = c.make() as unknown as Subject;
      if (typed(`${c.label} fit on real rows`, () => fitted.fit(c.toInput(real))) === undefined) return;
      let rows = 0;
      for (let run = 0; rows < MIN_ROWS; run++) {
        const n = g.oneOf([1, 2, 5, 20, 60, 200]);
        const xs = hostileRows(g, real, n);
        rows += n;
        const label = `${c.label} run ${run}`;
        // transform with a model fitted on real data
        requireFinite(`${label} transform`, typed(`${label} transform`, () => fitted.transform(inputOf(c, xs))));
        if (run % 4 === 0) {
          // fit on hostile rows; what fits must transform, save and load
          const t = c.make() as unknown as Subject;
          if (typed(`${label} fit`, () => t.fit(inputOf(c, xs))) !== undefined) {
            requireFinite(`${label} transform after hostile fit`, typed(`${label} transform after hostile fit`, () => t.transform(inputOf(c, xs))));
            const bytes = typed(`${label} save after hostile fit`, () => t.save());
            if (bytes) typed(`${label} load after hostile fit`, () => loadArtefact(bytes));
          }
        }
        if (run % 8 === 1) {
          // streaming fit over two hostile batches and a merge
          const a = c.make() as unknown as Subject;
          const b = c.make() as unknown as Subject;
          const half = xs.length >> 1;
          typed(`${label} partialFit`, () => a.partialFit(inputOf(c, xs.slice(0, half))));
          typed(`${label} partialFit`, () => b.partialFit(inputOf(c, xs.slice(half))));
          typed(`${label} merge`, () => a.merge(b));
        }
        if (run % 16 === 2) {
          // the whole input replaced by a hostile value (not a column at all)
          const x = hostileValue(g);
          typed(`${label} transform(${typeof x})`, () => fitted.transform(x));
          typed(`${label} fit(${typeof x})`, () => (c.make() as unknown as Subject).fit(x));
        }
      }
      expect(rows).toBeGreaterThanOrEqual(MIN_ROWS);
    });
  });

  it("prototype-pollution strings as categories fit, transform and round-trip where strings are accepted", () => {
    const g = new Gen(SEED);
    for (const c of ALL_CASES) {
      const shaped = (): unknown[] =>
        Array.from({ length: 40 }, () => {
          const like = c.realRows[g.nat(c.realRows.length - 1)];
          return typeof like === "string" ? g.oneOf(POLLUTION) : Array.isArray(like) ? like.map((v) => (typeof v === "string" ? g.oneOf(POLLUTION) : v)) : like;
        });
      const xs = shaped();
      const t = c.make() as unknown as Subject;
      if (typed(`${c.label} fit on pollution strings`, () => t.fit(inputOf(c, xs))) === undefined) continue;
      const y = typed(`${c.label} transform pollution strings`, () => t.transform(inputOf(c, xs)));
      requireFinite(`${c.label} transform pollution strings`, y);
      const bytes = typed(`${c.label} save`, () => t.save());
      if (!bytes || y === undefined) continue;
      const loaded = loadArtefact(bytes) as unknown as Subject;
      const z = loaded.transform(inputOf(c, xs));
      const view = (a: unknown) => {
        const v = a as Float32Array;
        return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
      };
      expect(Buffer.compare(view(z), view(y)), c.label).toBe(0);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("changed no global state", () => {
    const after = snapshot();
    for (const [k, v] of before) expect(after.get(k), k).toBe(v);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });
});
