import { describe, expect, it } from "vitest";
import { SkewlessError, TargetEncoder, type TargetEncoderOptions, loadArtefact } from "../../src/index.js";
import { kFold, mulberry32, stratifiedKFold } from "../../src/transforms/categorical/cross-fit-folds.js";

function error(fn: () => unknown): SkewlessError {
  try {
    fn();
  } catch (e) {
    if (e instanceof SkewlessError) return e;
    throw e;
  }
  throw new Error("expected a SkewlessError");
}

const values = ["a", "b", "a", "c", null, "b", "a", "c", "b", "a"];
const target = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

describe("TargetEncoder options", () => {
  it.each<[string, unknown, RegExp]>([
    ["targetType missing", {}, /targetType must be "binary", "continuous" or "multiclass" \(it is required\)/],
    ["targetType auto", { targetType: "auto" }, /targetType must be/],
    ["smooth negative", { targetType: "continuous", smooth: -1 }, /smooth must be "auto" or a finite number >= 0/],
    ["smooth NaN", { targetType: "continuous", smooth: NaN }, /smooth must be/],
    ["cv 1", { targetType: "continuous", cv: 1 }, /cv must be an integer >= 2/],
    ["cv 2.5", { targetType: "continuous", cv: 2.5 }, /cv must be an integer >= 2/],
    ["shuffle", { targetType: "continuous", shuffle: "yes" }, /shuffle must be true or false/],
    ["randomState", { targetType: "continuous", randomState: -1 }, /randomState must be an integer seed/],
    ["categories", { targetType: "continuous", categories: "sorted" }, /categories must be "auto" or an array/],
  ])("rejects a bad %s with INVALID_OPTION naming it", (_label, options, message) => {
    const e = error(() => new TargetEncoder(options as TargetEncoderOptions));
    expect(e.code).toBe("INVALID_OPTION");
    expect(e.message).toMatch(message);
  });
});

describe("TargetEncoder input", () => {
  const enc = () => new TargetEncoder({ name: "c", targetType: "continuous" });

  it("fit needs a labelled column", () => {
    const e = error(() => enc().fit(values as never));
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.message).toMatch(/needs a labelled column \{ values, target \}/);
  });

  it.each<[string, unknown[], RegExp]>([
    ["NaN", [1, NaN], /target at row 1 is NaN/],
    ["null", [null, 1], /target at row 0 is null/],
    ["Infinity", [1, Infinity], /target at row 1 is Infinity/],
    ["beyond float32", [3.5e38, 1], /within the float32 range/],
    ["a string", ["1", 2], /target at row 0/],
  ])("rejects a %s target, naming the row", (_label, t, message) => {
    const e = error(() => enc().fit({ values: ["a", "b"], target: t as number[] }));
    expect(e.code).toBe("INVALID_INPUT");
    expect(e.message).toMatch(message);
  });

  it("rejects a target of another length", () => {
    expect(error(() => enc().fit({ values: ["a", "b"], target: [1] })).message).toMatch(/2 values but 1 targets/);
  });

  it("rejects a third label for a binary target, in one batch or across merged ones", () => {
    const b = () => new TargetEncoder({ targetType: "binary" });
    expect(error(() => b().fit({ values: ["a", "b", "c"], target: [0, 1, 2] })).message).toMatch(/at most 2 distinct values, found 3 \(at row 2\)/);
    const left = b().partialFit({ values: ["a"], target: [0] }).partialFit({ values: ["b"], target: [1] });
    const right = b().partialFit({ values: ["c"], target: [7] });
    expect(error(() => left.merge(right)).code).toBe("INVALID_INPUT");
  });

  it("rejects mixed category types and lone surrogates at fit", () => {
    expect(error(() => enc().fit({ values: ["a", 1], target: [1, 2] })).code).toBe("INVALID_INPUT");
    expect(error(() => enc().fit({ values: ["\ud800"], target: [1] })).message).toMatch(/lone UTF-16 surrogate/);
  });

  it("rejects an empty fit", () => {
    expect(error(() => enc().fit({ values: [], target: [] }).width).code).toBe("INVALID_INPUT");
  });
});

describe("TargetEncoder behaviour", () => {
  it("encodes categories with the shrunk mean; unknowns and unseen missing get the target mean", () => {
    const enc = new TargetEncoder({ name: "c", targetType: "continuous", smooth: 2 }).fit({ values: ["a", "a", "b"], target: [1, 3, 8] });
    const mean = 4;
    // (Σy_i + m·mean) / (n_i + m)
    expect(Array.from(enc.encodings)).toEqual([(4 + 2 * mean) / 4, (8 + 2 * mean) / 3]);
    expect(Array.from(enc.transform(["a", "zz", null, "b"]))).toEqual([3, 4, 4, Math.fround(16 / 3)]);
    expect(enc.outputNames()).toEqual(["c"]);
  });

  it("smooth auto: m = σ_i²/τ²; a category without spread keeps its own mean", () => {
    const enc = new TargetEncoder({ targetType: "continuous" }).fit({ values: ["a", "a", "b", "b"], target: [1, 1, 2, 4] });
    const tau2 = 1.5; // population variance of 1, 1, 2, 4 (mean 2)
    const lambdaB = (tau2 * 2) / (tau2 * 2 + 1); // σ_b² = 1
    expect(enc.encodings[0]).toBe(1);
    expect(enc.encodings[1]).toBeCloseTo(lambdaB * 3 + (1 - lambdaB) * 2, 14); // 2.75
  });

  it("a constant target encodes every category as that constant (0/0 -> mean)", () => {
    const enc = new TargetEncoder({ targetType: "continuous" }).fit({ values: ["a", "b", "b"], target: [5, 5, 5] });
    expect(Array.from(enc.encodings)).toEqual([5, 5]);
  });

  it("missing values seen in fit are a category", () => {
    const enc = new TargetEncoder({ targetType: "continuous", smooth: 0 }).fit({ values: ["a", null, undefined, NaN], target: [1, 2, 4, 6] });
    expect(enc.categories).toEqual(["a", null]);
    expect(Array.from(enc.transform([null, NaN, undefined]))).toEqual([4, 4, 4]);
  });

  it("binary targets: booleans or two labels, the larger label encoded as 1", () => {
    const bools = new TargetEncoder({ targetType: "binary", smooth: 0 }).fit({ values: ["a", "a", "b"], target: [true, false, true] });
    expect(Array.from(bools.encodings)).toEqual([0.5, 1]);
    const labels = new TargetEncoder({ targetType: "binary", smooth: 0 }).fit({ values: ["a", "a", "b"], target: [7, -3, 7] });
    expect(Array.from(labels.encodings)).toEqual([0.5, 1]);
    expect(Array.from(labels.targetMean)).toEqual([2 / 3]);
  });

  it("multiclass: one column per sorted label, named feature_label", () => {
    const enc = new TargetEncoder({ name: "c", targetType: "multiclass", smooth: 0 }).fit({ values: ["a", "a", "b", "b"], target: [2, 0, 0, 0.5] });
    expect(enc.width).toBe(3);
    expect(enc.outputNames()).toEqual(["c_0", "c_0.5", "c_2"]);
    expect(Array.from(enc.transform(["a", "b", "zz"]))).toEqual([0.5, 0, 0.5, 0.5, 0.5, 0, 0.5, 0.25, 0.25]);
  });

  it("fit(X, y).transform(X) differs from the cross-fitted fitTransform(X, y), which leaves fit's state", () => {
    const opts: TargetEncoderOptions = { targetType: "continuous", cv: 2, shuffle: false };
    const fitted = new TargetEncoder(opts).fit({ values, target });
    const crossed = new TargetEncoder(opts);
    const z = crossed.fitTransform({ values, target });
    expect(Array.from(z)).not.toEqual(Array.from(fitted.transform(values)));
    expect(crossed.save()).toEqual(fitted.save());
    // cv=2 without shuffle: rows 0-4 are encoded from rows 5-9 and the other way round.
    const second = new TargetEncoder({ targetType: "continuous" }).fit({ values: values.slice(5), target: target.slice(5) });
    expect(Array.from(z.subarray(0, 5))).toEqual(Array.from(second.transform(values.slice(0, 5))));
  });

  it("fitTransform is deterministic for a seed, and the seed matters", () => {
    const run = (randomState: number) => Array.from(new TargetEncoder({ targetType: "continuous", cv: 3, randomState }).fitTransform({ values, target }));
    expect(run(1)).toEqual(run(1));
    expect(run(1)).not.toEqual(run(2));
  });

  it("fitTransform needs at least cv rows (and, stratified, a class with cv rows)", () => {
    expect(error(() => new TargetEncoder({ targetType: "continuous" }).fitTransform({ values: ["a", "b"], target: [1, 2] })).message).toMatch(/needs at least 5 rows/);
    expect(error(() => new TargetEncoder({ targetType: "binary", cv: 3 }).fitTransform({ values: ["a", "b", "c", "d"], target: [0, 0, 1, 1] })).message).toMatch(
      /StratifiedKFold/,
    );
  });

  it("partialFit in any order and merge give fit's state bit for bit, despite cancellation", () => {
    const xs = ["a", "a", "a", "b", "b", "a"];
    const ys = [1e20, 1, -1e20, 3.4e38, -3.4e38, 1e-300];
    const whole = new TargetEncoder({ targetType: "continuous" }).fit({ values: xs, target: ys });
    const parts = new TargetEncoder({ targetType: "continuous" });
    for (const i of [5, 2, 0, 4, 1, 3]) parts.partialFit({ values: [xs[i]], target: [ys[i]] });
    expect(parts.save()).toEqual(whole.save());
    // Exact sums: category a's mean is (1 + 1e-300) / 4, not 0.
    expect(whole.encodings[0]).not.toBe(0);
  });

  it("given categories: rows outside them count toward the mean only", () => {
    const enc = new TargetEncoder({ targetType: "continuous", smooth: 0, categories: ["b", "a"] }).fit({ values: ["a", "b", "c"], target: [1, 2, 9] });
    expect(enc.categories).toEqual(["b", "a"]);
    expect(Array.from(enc.encodings)).toEqual([2, 1]);
    expect(Array.from(enc.transform(["c"]))).toEqual([4]);
  });

  it("round-trips through an artefact", () => {
    const enc = new TargetEncoder({ name: "c", targetType: "multiclass", smooth: 1.5, cv: 4, randomState: 9 }).fit({ values, target: target.map((t) => t % 3) });
    const loaded = loadArtefact(enc.save()) as TargetEncoder;
    expect(loaded).toBeInstanceOf(TargetEncoder);
    expect(loaded.options).toEqual(enc.options);
    expect(Array.from(loaded.transform(values))).toEqual(Array.from(enc.transform(values)));
    expect(loaded.save()).toEqual(enc.save());
  });

  it("treats __proto__ and constructor as ordinary categories", () => {
    const enc = new TargetEncoder({ targetType: "continuous", smooth: 0 }).fit({ values: ["__proto__", "constructor"], target: [1, 2] });
    expect(Array.from(enc.transform(["__proto__", "constructor", "toString"]))).toEqual([1, 2, 1.5]);
  });
});

describe("cross-fit folds", () => {
  it("mulberry32 is the published generator (first draws for seed 0 and 42)", () => {
    const a = mulberry32(0);
    const b = mulberry32(42);
    // Same draws as the published JavaScript one-liner and as the Python re-implementation in gen_target_encoder.py.
    expect([a(), a(), a()]).toEqual([1144304738, 1416247, 958946056]);
    expect(b()).toBe(2581720956);
  });

  it("without shuffle, KFold cuts contiguous blocks, the first n % cv one longer", () => {
    expect(Array.from(kFold(7, 3, false, 0, "t"))).toEqual([0, 0, 0, 1, 1, 2, 2]);
  });

  it("without shuffle, StratifiedKFold deals each class's rows by the round-robin allocation", () => {
    // Classes by first appearance: 5 -> 0 (4 rows), 9 -> 1 (2 rows); sorted positions 0..5 dealt to folds 0,1,0,1,0,1.
    expect(Array.from(stratifiedKFold(Int32Array.from([5, 9, 5, 5, 9, 5]), 2, false, 0, "t"))).toEqual([0, 0, 0, 1, 1, 1]);
  });

  it("shuffled folds keep the fold sizes", () => {
    const f = kFold(11, 4, true, 123, "t");
    const sizes = [0, 0, 0, 0];
    f.forEach((k) => sizes[k]++);
    expect(sizes).toEqual([3, 3, 3, 2]);
  });
});
