/** Numbers, categories, text and images in one FeatureSpace: fit, save, reload, predict. */
import { expect, it } from "vitest";
import { runMultimodal } from "../../examples/multimodal.js";

it("joins tf-idf text, a normalized image, a scaled number and a one-hot category into one tensor and learns from it", async () => {
  const r = await runMultimodal(40);
  expect(r.layoutSpans).toEqual({ text: 400, image: 16 * 16 * 3, codepoints: 1, added_in: expect.any(Number) });
  expect(r.width).toBe(400 + 768 + 1 + r.layoutSpans.added_in);
  // Four balanced classes: chance is 25%.
  expect(r.accuracy).toBeGreaterThan(0.45);
}, 120_000);
