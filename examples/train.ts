/**
 * Training script: fits a FeatureSpace on the penguins data (numbers, categories, a cross
 * of two categories), trains a small tfjs classifier on its output, and saves the
 * preprocessing artefact, the model and the held-out rows with their training-time
 * predictions (which the serving test compares against).
 *
 *   npx tsx examples/train.ts [outDir]     (default examples/out)
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as tf from "@tensorflow/tfjs";
import { FeatureSpace, HashedCrossing, OneHotEncoder, SimpleImputer, StandardScaler, checkSkew } from "../src/index.js";
import { SPECIES, penguinDataset, split } from "./dataset.js";
import { saveModel } from "./model-io.js";

export function penguinSpace(): FeatureSpace {
  return new FeatureSpace({
    bill: { input: ["bill_length", "bill_depth"], transform: [new SimpleImputer({ strategy: "median" }), new StandardScaler()] },
    flipper: [new SimpleImputer({ strategy: "median" }), new StandardScaler()],
    mass: [new SimpleImputer({ strategy: "median" }), new StandardScaler()],
    delta15n: [new SimpleImputer({ strategy: "mean", addIndicator: true }), new StandardScaler()],
    island: new OneHotEncoder({ handleUnknown: "ignore" }),
    sex: new OneHotEncoder({ handleUnknown: "ignore" }),
    island_x_sex: { input: ["island", "sex"], transform: new HashedCrossing({ numBins: 8, outputMode: "oneHot" }) },
  });
}

export interface TrainResult {
  outDir: string;
  accuracy: number;
  width: number;
}

export async function train(outDir: string, epochs = 80): Promise<TrainResult> {
  mkdirSync(outDir, { recursive: true });
  const { rows, labels } = penguinDataset();
  const rowSplit = split(rows);
  const labelSplit = split(labels);
  // HashedCrossing needs both values present; missing sex becomes its own token here.
  const clean = (r: (typeof rows)[number]) => ({ ...r, sex: r.sex ?? "unknown" });
  const trainRows = rowSplit.train.map(clean);
  const testRows = rowSplit.test.map(clean);

  const space = penguinSpace().fit(trainRows);
  checkSkew(space, testRows);
  const x = space.transform(trainRows);
  const y = tf.oneHot(tf.tensor1d(labelSplit.train, "int32"), SPECIES.length);

  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [space.width], units: 16, activation: "relu", kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
      tf.layers.dense({ units: SPECIES.length, activation: "softmax", kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.02), loss: "categoricalCrossentropy", metrics: ["accuracy"] });
  await model.fit(x, y, { epochs, batchSize: 32, shuffle: false, verbose: 0 });

  const probs = model.predict(space.transform(testRows)) as tf.Tensor2D;
  const p = (await probs.array()) as number[][];
  const predicted = p.map((row) => row.indexOf(Math.max(...row)));
  const accuracy = predicted.filter((c, i) => c === labelSplit.test[i]).length / predicted.length;

  writeFileSync(join(outDir, "prep.skw"), space.save({ metadata: { example: "penguins species classifier" } }));
  await saveModel(model, outDir);
  writeFileSync(join(outDir, "holdout.json"), JSON.stringify({ rows: testRows, labels: labelSplit.test, probabilities: p, species: SPECIES }));
  tf.dispose([x, y, probs]);
  return { outDir, accuracy, width: space.width };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const outDir = process.argv[2] ?? fileURLToPath(new URL("./out", import.meta.url));
  train(outDir).then((r) => console.log(`trained on ${r.width} features; held-out accuracy ${(r.accuracy * 100).toFixed(1)}%; wrote ${r.outDir}`));
}
