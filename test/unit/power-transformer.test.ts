import { describe, expect, it } from "vitest";
import { InvalidOptionError, PowerTransformer, SkewlessError, loadArtefact, matrix } from "../../src/index.js";
import { boxCox, yeoJohnson } from "../../src/transforms/numeric/power-transformer.js";

function code(fn: () => unknown): string {
  try {
    fn();
    return "ok";
  } catch (e) {
    if (e instanceof SkewlessError) return e.code;
    throw e;
  }
}

function lambdas(t: PowerTransformer): number[] {
  const rec = t.toRecord();
  if (rec.kind !== "PowerTransformer") throw new Error("kind");
  return Array.from(rec.state.lambdas);
}

const DOC = [
  [1, 2],
  [3, 2],
  [4, 5],
];

describe("PowerTransformer options", () => {
  it("defaults to yeo-johnson with standardize", () => {
    const t = new PowerTransformer();
    expect(t.method).toBe("yeo-johnson");
    expect(t.standardize).toBe(true);
    expect(t.name).toBe("x");
  });

  it("rejects unknown methods and non-boolean standardize, naming the option and the allowed values", () => {
    expect(() => new PowerTransformer({ method: "boxcox" as never })).toThrow(InvalidOptionError);
    expect(() => new PowerTransformer({ method: "boxcox" as never })).toThrow(/option method is "boxcox"; allowed values are "yeo-johnson" .* and "box-cox"/);
    expect(() => new PowerTransformer({ standardize: "yes" as never })).toThrow(/option standardize is "yes"; pass true or false/);
  });
});

describe("PowerTransformer fit", () => {
  it("reproduces sklearn's docstring example (lambdas 1.386..., -3.100...)", () => {
    const t = new PowerTransformer().fit(DOC);
    const l = lambdas(t);
    expect(l[0]).toBeCloseTo(1.3866818, 6);
    expect(l[1]).toBeCloseTo(-3.10053313, 6);
    const y = t.transform(DOC);
    const sk = [-1.3161603851976516, -0.7071067811865559, 0.20998268052441496, -0.7071067811865559, 1.106177704673237, 1.4142135623730867];
    sk.forEach((v, i) => expect(Math.abs(y[i] - v)).toBeLessThan(1e-6));
  });

  it("reproduces sklearn's box-cox lambdas on the same data", () => {
    const t = new PowerTransformer({ method: "box-cox" }).fit(DOC);
    const l = lambdas(t);
    expect(l[0]).toBeCloseTo(1.05173074, 6);
    expect(l[1]).toBeCloseTo(-2.34546274, 6);
  });

  it("skips missing values in fit", () => {
    const withNaN = new PowerTransformer().fit([[1, 2], [NaN, 7], [3, 2], [4, null], [null, 5], [4, 5]]);
    const col0 = new PowerTransformer().fit([1, 3, 4, 4]);
    const col1 = new PowerTransformer().fit([2, 7, 2, 5, 5]);
    expect(lambdas(withNaN)).toEqual([...lambdas(col0), ...lambdas(col1)]);
  });

  it("maps a constant feature's training value to ~0 (its lambda is rounding noise, in sklearn too)", () => {
    // sklearn 1.2.1 gives lambdas_ [8.41519856] for [3, 3, 3]: whether var(x_trans) is exactly 0
    // depends on the last bit of pow(), so the likelihood is noise; only the output is comparable.
    const t = new PowerTransformer().fit([3, 3, 3]);
    expect(Number.isFinite(lambdas(t)[0])).toBe(true);
    // (t - mean) is one ulp of t at most: ~0 relative to the transformed value's magnitude.
    expect(Math.abs(t.transform([3])[0])).toBeLessThan(1e-4);
    // A single value: var is exactly 0, every likelihood is +Infinity, and scipy's Brent walks to
    // the end of the bracket — the same path, the same lambda as sklearn's 8.47213581.
    expect(lambdas(new PowerTransformer().fit([3]))[0]).toBeCloseTo(8.47213581, 7);
  });

  it("rejects a feature with only missing values", () => {
    expect(() => new PowerTransformer().fit([[1, NaN], [2, null]]).width).toThrow(/feature 1 has only missing values/);
  });

  it("box-cox: rejects zero, negative and constant data at fit, naming the cell", () => {
    expect(() => new PowerTransformer({ name: "m", method: "box-cox" }).fit([[1, 2], [0, 3]])).toThrow(/PowerTransformer "m": row 1, feature 0 is 0; the Box-Cox transform needs strictly positive values/);
    expect(code(() => new PowerTransformer({ method: "box-cox" }).fit([1, -2, 3]))).toBe("INVALID_INPUT");
    expect(() => new PowerTransformer({ method: "box-cox" }).fit([2, 2, 2]).width).toThrow(/is constant/);
  });

  it("raises typed errors, not NaN, for values whose transform overflows float64", () => {
    expect(code(() => new PowerTransformer().fit([1e308, -1e308, 5, 1.7e308]).width)).toBe("INVALID_INPUT");
    const raw = new PowerTransformer({ standardize: false });
    const fitted = code(() => raw.fit([1e308, 1, 2, 3]).width);
    if (fitted === "ok") {
      const out = code(() => raw.transform([1e308]));
      if (out === "ok") expect(Number.isFinite(raw.transform([1e308])[0])).toBe(true);
      else expect(out).toBe("INVALID_INPUT");
    } else expect(fitted).toBe("INVALID_INPUT");
  });

  it("partialFit + merge equals fit bit for bit", () => {
    const rows = [[1, -2], [3, 0.5], [4, 9], [8, -7], [2.5, 3]];
    const whole = new PowerTransformer().fit(rows);
    const a = new PowerTransformer().partialFit(rows.slice(0, 2));
    const b = new PowerTransformer().partialFit(rows.slice(2));
    a.merge(b);
    expect(lambdas(a)).toEqual(lambdas(whole));
    expect(Array.from(a.transform(rows))).toEqual(Array.from(whole.transform(rows)));
  });
});

describe("PowerTransformer transform", () => {
  it("implements sklearn's yeo-johnson branches, including |lambda| < eps and |lambda - 2| <= eps", () => {
    expect(yeoJohnson(3, 0)).toBe(Math.log1p(3));
    expect(yeoJohnson(3, 1e-17)).toBe(Math.log1p(3));
    expect(yeoJohnson(3, 0.5)).toBe((Math.pow(4, 0.5) - 1) / 0.5);
    expect(yeoJohnson(-3, 2)).toBe(-Math.log1p(3));
    expect(yeoJohnson(-3, 2 + 1e-17)).toBe(-Math.log1p(3));
    expect(yeoJohnson(-3, 0.5)).toBe(-(Math.pow(4, 1.5) - 1) / 1.5);
    expect(yeoJohnson(0, 0.7)).toBe(0);
  });

  it("implements scipy's boxcox (log for |lambda| < 1e-19, else expm1(lambda log x) / lambda)", () => {
    expect(boxCox(5, 0)).toBe(Math.log(5));
    expect(boxCox(5, 5e-20)).toBe(Math.log(5));
    expect(boxCox(5, 0.3)).toBe(Math.expm1(0.3 * Math.log(5)) / 0.3);
  });

  it("rejects missing, infinite and (box-cox) non-positive values with typed errors", () => {
    const t = new PowerTransformer({ name: "m" }).fit([1, 2, 3, 10]);
    expect(() => t.transform([NaN])).toThrow(/PowerTransformer "m": row 0 is missing \(NaN\)/);
    expect(code(() => t.transform([null]))).toBe("INVALID_INPUT");
    expect(code(() => t.transform([Infinity]))).toBe("INVALID_INPUT");
    expect(code(() => t.transform(["2"] as never))).toBe("INVALID_INPUT");
    // With lambda < 0 the formula maps +Infinity to a finite value; it is still rejected.
    const neg = new PowerTransformer({ method: "box-cox" }).fit([1, 10, 100, 1000, 1e5]);
    expect(lambdas(neg)[0]).toBeLessThan(0);
    expect(code(() => neg.transform([Infinity]))).toBe("INVALID_INPUT");
    expect(() => neg.transform([2, -1])).toThrow(/row 1 is -1; the Box-Cox transform needs strictly positive values/);
    expect(code(() => neg.transform([0]))).toBe("INVALID_INPUT");
  });

  it("standardize=false stores no scaler and outputs the raw power transform", () => {
    const t = new PowerTransformer({ standardize: false }).fit([1, 2, 3, 10]);
    const rec = t.toRecord();
    if (rec.kind !== "PowerTransformer") throw new Error("kind");
    expect(rec.state.mean.length).toBe(0);
    expect(t.transform([5])[0]).toBe(Math.fround(yeoJohnson(5, rec.state.lambdas[0])));
  });

  it("round-trips through an artefact", () => {
    const t = new PowerTransformer({ name: "m", method: "box-cox" }).fit(matrix(Float64Array.of(1, 2, 3, 4, 5, 9), 3, 2));
    const loaded = loadArtefact(t.save());
    if (!(loaded instanceof PowerTransformer)) throw new Error("loaded the wrong class");
    const x = [[2, 3], [7, 1]];
    expect(Array.from(loaded.transform(x))).toEqual(Array.from(t.transform(x)));
    expect(loaded.outputNames()).toEqual(["m_0", "m_1"]);
  });
});
