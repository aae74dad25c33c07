/**
 * The one timing helper every benchmark uses: warm up, repeat, keep every sample, report
 * the median (the headline) and the best (what the code can do on a quiet machine).
 * The machine is shared (2 cores, other jobs), so cases that are compared with each
 * other are timed interleaved: each round runs every case once, and a burst of load
 * lands on all of them instead of on one.
 */
import { performance } from "node:perf_hooks";

export interface Timing {
  /** Wall-clock milliseconds of each timed repeat, in run order. */
  samples: number[];
  best: number;
  median: number;
  /**
   * Median CPU milliseconds (user + system of the whole process) of the repeats: on a
   * loaded machine this stays near the unloaded wall time while wall time grows.
   * Absent for timings that were not measured here (e.g. a single run in a child).
   */
  cpuMedian?: number;
  /** CPU milliseconds of each repeat, where measured (so that timings of several blocks can be pooled). */
  cpuSamples?: number[];
}

export interface TimingOptions {
  /** Untimed runs first (JIT warm-up, page faults of fresh buffers). Default 2. */
  warmup?: number;
  /** Timed runs. Default 7. */
  repeats?: number;
}

function median(values: number[]): number {
  const sorted = values.slice().sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function summarize(samples: number[], cpuSamples: number[]): Timing {
  return { samples, best: Math.min(...samples), median: median(samples), cpuMedian: median(cpuSamples), cpuSamples };
}

/** The timings of several blocks of runs of one case as one (medians over all their samples). */
export function pooled(blocks: Timing[]): Timing {
  const samples = blocks.flatMap((t) => t.samples);
  const cpu = blocks.flatMap((t) => t.cpuSamples ?? []);
  return cpu.length === samples.length ? summarize(samples, cpu) : { samples, best: Math.min(...samples), median: median(samples) };
}

/** Times one function. */
export function measure(fn: () => void, options: TimingOptions = {}): Timing {
  return measureInterleaved({ only: fn }, options).only;
}

/** Times several functions round-robin: warm-up rounds, then `repeats` rounds of one run each. */
export function measureInterleaved<K extends string>(cases: Record<K, () => void>, options: TimingOptions = {}): Record<K, Timing> {
  const warmup = options.warmup ?? 2;
  const repeats = options.repeats ?? 7;
  const keys = Object.keys(cases) as K[];
  for (let r = 0; r < warmup; r++) for (const k of keys) cases[k]();
  const wall = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  const cpu = Object.fromEntries(keys.map((k) => [k, [] as number[]])) as Record<K, number[]>;
  for (let r = 0; r < repeats; r++) {
    for (const k of keys) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      cases[k]();
      wall[k].push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu[k].push((c.user + c.system) / 1000);
    }
  }
  return Object.fromEntries(keys.map((k) => [k, summarize(wall[k], cpu[k])])) as Record<K, Timing>;
}
