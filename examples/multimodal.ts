/**
 * Numbers, categories, text and images in one FeatureSpace, one tensor, one artefact:
 * classifies emoji into their category from their name/tags (tf-idf), their 64 px image
 * (resized to 16 x 16 RGB, normalized with fitted channel statistics), their codepoint
 * count (standardized) and the emoji version (one-hot).
 *
 *   npx tsx examples/multimodal.ts
 */
import { fileURLToPath } from "node:url";
import * as tf from "@tensorflow/tfjs";
import { FeatureSpace, ImageNormalizer, OneHotEncoder, StandardScaler, TfidfVectorizer, checkSkew, loadAs } from "../src/index.js";
import { EMOJI_CLASSES, emojiDataset } from "./emoji.js";

export function emojiSpace(): FeatureSpace {
  return new FeatureSpace({
    text: new TfidfVectorizer({ maxFeatures: 400 }),
    image: new ImageNormalizer({ height: 16, width: 16, channels: 3, alpha: "white" }),
    codepoints: new StandardScaler(),
    added_in: new OneHotEncoder({ handleUnknown: "ignore" }),
  });
}

export async function runMultimodal(epochs = 40): Promise<{ accuracy: number; width: number; artefactBytes: number; layoutSpans: Record<string, number> }> {
  const { rows, labels } = emojiDataset();
  const train = rows.filter((_, i) => i % 4 !== 0);
  const test = rows.filter((_, i) => i % 4 === 0);
  const space = emojiSpace().fit(train);
  const bytes = space.save();
  checkSkew(loadAs(FeatureSpace, bytes), test);
  const x = space.transform(train);
  const y = tf.oneHot(tf.tensor1d(labels.filter((_, i) => i % 4 !== 0), "int32"), EMOJI_CLASSES.length);
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [space.width], units: 32, activation: "relu", kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }),
      tf.layers.dense({ units: EMOJI_CLASSES.length, activation: "softmax", kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }) }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.01), loss: "categoricalCrossentropy" });
  await model.fit(x, y, { epochs, batchSize: 32, shuffle: false, verbose: 0 });
  const served = loadAs(FeatureSpace, bytes);
  const p = (await (model.predict(served.transform(test)) as tf.Tensor2D).array()) as number[][];
  const testLabels = labels.filter((_, i) => i % 4 === 0);
  const accuracy = p.filter((row, i) => row.indexOf(Math.max(...row)) === testLabels[i]).length / p.length;
  const layoutSpans: Record<string, number> = {};
  for (const c of space.layout) layoutSpans[c.feature] = (layoutSpans[c.feature] ?? 0) + 1;
  tf.dispose([x, y]);
  return { accuracy, width: space.width, artefactBytes: bytes.length, layoutSpans };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runMultimodal().then((r) =>
    console.log(`emoji: ${r.width} features (${Object.entries(r.layoutSpans).map(([k, v]) => `${k} ${v}`).join(", ")}), artefact ${r.artefactBytes} bytes, held-out accuracy ${(r.accuracy * 100).toFixed(1)}%`),
  );
}
