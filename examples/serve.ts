/**
 * Inference service: loads the preprocessing artefact and the model once at start-up and
 * answers POST /predict { rows: [...] } with class probabilities. Raw rows go through the
 * exact fitted preprocessing (no re-implementation, no re-fit). A bad row gets HTTP 400
 * with the typed error's code and message.
 *
 *   npx tsx examples/serve.ts [modelDir] [port]
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import * as tf from "@tensorflow/tfjs";
import Fastify, { type FastifyInstance } from "fastify";
import { FeatureSpace, SkewlessError, loadAs } from "../src/index.js";
import { loadModel } from "./model-io.js";

export async function buildServer(dir: string): Promise<FastifyInstance> {
  const space = loadAs(FeatureSpace, new Uint8Array(readFileSync(join(dir, "prep.skw"))));
  const model = await loadModel(dir);
  const { species } = JSON.parse(readFileSync(join(dir, "holdout.json"), "utf8")) as { species: string[] };
  const app = Fastify({ logger: false, bodyLimit: 1 << 20 });

  app.get("/health", async () => ({ ok: true, features: space.width, layout: space.outputNames() }));

  app.post("/predict", async (request, reply) => {
    const body = request.body as { rows?: unknown };
    if (!body || !Array.isArray(body.rows)) {
      return reply.code(400).send({ code: "INVALID_INPUT", message: 'body must be JSON { "rows": [ { column: value, ... } ] }' });
    }
    try {
      const x = space.transform(body.rows as never);
      const probs = tf.tidy(() => model.predict(x) as tf.Tensor2D);
      const p = (await probs.array()) as number[][];
      tf.dispose([x, probs]);
      return { probabilities: p, classes: p.map((row) => species[row.indexOf(Math.max(...row))]) };
    } catch (e) {
      if (e instanceof SkewlessError) return reply.code(400).send({ code: e.code, message: e.message });
      throw e;
    }
  });
  return app;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dir = process.argv[2] ?? fileURLToPath(new URL("./out", import.meta.url));
  const port = Number(process.argv[3] ?? 8080);
  buildServer(dir)
    .then((app) => app.listen({ host: "127.0.0.1", port }))
    .then((address) => console.log(`serving predictions on ${address}/predict`));
}
