/**
 * Child process of bench/categorical.bench.ts: OneHotEncoder fit on a file of distinct
 * categories (one per line), in a process of its own so its peak RSS is its own.
 * Prints one JSON line: rows, categories, fit wall and CPU ms, RSS after loading the data, peak RSS,
 * and the heap the fitted encoder keeps after a full GC.
 *
 *   node --expose-gc --import tsx bench/one-hot-vocab-child.ts VOCAB.txt
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { OneHotEncoder } from "../src/index.js";

const MB = 2 ** 20;
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

const text = readFileSync(process.argv[2], "utf8");
const values = text.slice(0, text.endsWith("\n") ? -1 : undefined).split("\n");
gc();
const rssLoaded = process.memoryUsage().rss;
const heapLoaded = process.memoryUsage().heapUsed;
const peakBefore = process.resourceUsage().maxRSS * 1024;
const c0 = process.cpuUsage();
const t0 = performance.now();
const enc = new OneHotEncoder().fit(values);
const width = enc.width; // finalize inside the timed region
const fitMs = performance.now() - t0;
const c = process.cpuUsage(c0);
const fitCpuMs = (c.user + c.system) / 1000;
const peakAfter = process.resourceUsage().maxRSS * 1024;
gc();
const heapFitted = process.memoryUsage().heapUsed;
process.stdout.write(
  JSON.stringify({
    rows: values.length,
    categories: width,
    fitMs,
    fitCpuMs,
    rssLoadedMB: rssLoaded / MB,
    peakRssBeforeFitMB: peakBefore / MB,
    peakRssAfterFitMB: peakAfter / MB,
    heapLoadedMB: heapLoaded / MB,
    heapRetainedMB: heapFitted / MB,
  }) + "\n",
);
