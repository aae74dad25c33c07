/**
 * Training + serving, end to end: train.ts fits the FeatureSpace and the model and
 * records held-out predictions; serve.ts is started on loopback and must return the same
 * predictions for the same raw rows; a bad row gets a 400 with the typed error.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FastifyInstance } from "fastify";
import { train } from "../../examples/train.js";
import { buildServer } from "../../examples/serve.js";

let app: FastifyInstance;
let base: string;
let dir: string;
let accuracy = 0;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "skewless-example-"));
  accuracy = (await train(dir, 60)).accuracy;
  app = await buildServer(dir);
  base = await app.listen({ host: "127.0.0.1", port: 0 });
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe("examples: train.ts + serve.ts", () => {
  it("learns something real", () => {
    expect(accuracy).toBeGreaterThan(0.9);
  });

  it("serves the training-time predictions for the same raw rows", async () => {
    const holdout = JSON.parse(readFileSync(join(dir, "holdout.json"), "utf8")) as { rows: object[]; probabilities: number[][] };
    const res = await fetch(`${base}/predict`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ rows: holdout.rows }) });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { probabilities: number[][] };
    expect(body.probabilities).toEqual(holdout.probabilities);
  });

  it("answers a bad row with 400 and the typed error", async () => {
    const res = await fetch(`${base}/predict`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ rows: [{ bill_length: "long", bill_depth: 18, flipper: 190, mass: 4000, delta15n: 8, island: "Dream", sex: "MALE", clutch: "Yes", comments: null }] }),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { code: string; message: string };
    expect(body.code).toBe("INVALID_INPUT");
    expect(body.message).toContain("bill_length");
    const missing = await fetch(`${base}/predict`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ rows: [{ bill_length: 40 }] }) });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { code: string }).code).toBe("SCHEMA_MISMATCH");
  });
});
