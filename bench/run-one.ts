/**
 * Runs one bench/*.bench.ts in this process and writes its BenchResult as JSON
 * (bench/run.ts starts one such process per benchmark). Each benchmark gets a fresh
 * process, as the scikit-learn baselines get a fresh Python: no benchmark's timings
 * carry the heap, JIT state or garbage another one left behind.
 * Usage: run-one.ts <bench file> <tmp dir> <python> <result json>
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { BenchFn } from "./report.js";

const [file, tmpDir, python, resultPath] = process.argv.slice(2);
const here = fileURLToPath(new URL(".", import.meta.url));
const mod = (await import(pathToFileURL(join(here, file)).href)) as { default: BenchFn };
const result = await mod.default({ tmpDir, python });
writeFileSync(resultPath, JSON.stringify(result));
// Helper threads or handles a benchmark left open must not keep this process alive.
process.exit(0);
