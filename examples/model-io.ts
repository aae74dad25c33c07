/** Saving and loading a tfjs LayersModel as plain files without tfjs-node (which cannot install here). */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs";

export async function saveModel(model: tf.LayersModel, dir: string): Promise<void> {
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const { weightData, ...rest } = artifacts;
      writeFileSync(join(dir, "model.json"), JSON.stringify(rest));
      const buffers = Array.isArray(weightData) ? weightData : weightData ? [weightData] : [];
      writeFileSync(join(dir, "weights.bin"), Buffer.concat(buffers.map((b) => Buffer.from(b))));
      return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: "JSON" } };
    }),
  );
}

export async function loadModel(dir: string): Promise<tf.LayersModel> {
  const meta = JSON.parse(readFileSync(join(dir, "model.json"), "utf8")) as tf.io.ModelArtifacts;
  const weights = readFileSync(join(dir, "weights.bin"));
  const weightData = weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength);
  return tf.loadLayersModel(tf.io.fromMemory({ ...meta, weightData }));
}
