/**
 * Helper threads for the WebAssembly transform kernels (Node worker_threads): a large
 * transform whose input and output live in a shared KernelArena is split between the
 * calling thread and these helpers (src/core/wasm/kernel-threads.ts has the protocol).
 * Same output bits with or without them; only throughput changes.
 */
import { Worker } from "node:worker_threads";
import { InvalidOptionError, describeValue } from "../core/errors.js";
import type { KernelArena } from "../core/wasm/arena.js";
import { KERNEL_HELPER_SOURCE, canBlock, createMailbox, stopMailbox } from "../core/wasm/kernel-threads.js";

export interface KernelThreads {
  /** Helper threads started (the calling thread works too). */
  readonly threads: number;
  /** Detaches the helpers from the arena and ends them; transforms keep working without them. */
  close(): Promise<void>;
}

/** Upper bound on helpers per arena: more than the cores only adds wake-up costs. */
const MAX_THREADS = 64;

/**
 * Starts `threads` helper threads (default 1) for `arena`, which must have been created with
 * `new KernelArena(capacity, { shared: true })`. From then on a StandardScaler, MinMaxScaler,
 * MaxAbsScaler or RobustScaler transform of at least 2^20 cells whose input and output are
 * both in the arena is split between the caller and the helpers. The helpers do not keep the
 * process alive; a helper that is busy or not started yet never delays a transform (its part
 * is taken back). Call `close()` when done.
 */
export function startKernelThreads(arena: KernelArena, threads = 1): KernelThreads {
  if (!Number.isInteger(threads) || threads < 1 || threads > MAX_THREADS) {
    throw new InvalidOptionError(`startKernelThreads: threads must be an integer from 1 to ${MAX_THREADS}, got ${describeValue(threads)}`, { value: describeValue(threads) });
  }
  // Checked by shape, not instanceof: the CommonJS build of skewless/node may hold its own copy of the class.
  const wasm = (arena as Partial<KernelArena> | null)?.wasm;
  const mailboxes = (arena as Partial<KernelArena> | null)?.helperMailboxes;
  if (wasm === undefined || wasm === null || !Array.isArray(mailboxes)) {
    throw new InvalidOptionError(
      "startKernelThreads: the arena must be a KernelArena created with { shared: true } on a runtime with shared WebAssembly memory (check arena.shared); a plain arena cannot be read by other threads",
      { value: describeValue(arena) },
    );
  }
  if (!canBlock()) {
    throw new InvalidOptionError("startKernelThreads: this thread cannot wait for helpers (Atomics.wait is not allowed here)");
  }
  const started: { box: Int32Array; worker: Worker }[] = [];
  for (let i = 0; i < threads; i++) {
    const box = createMailbox();
    const worker = new Worker(
      `${KERNEL_HELPER_SOURCE}\nconst { workerData } = require("node:worker_threads");\nserveKernelMailbox(workerData.module, workerData.memory, workerData.mailbox);\n`,
      { eval: true, workerData: { module: wasm.module, memory: wasm.memory, mailbox: box.buffer } },
    );
    // A helper that fails (e.g. cannot instantiate) must not take the process down: its
    // mailbox is stopped, and the caller runs every part itself.
    worker.on("error", () => stopMailbox(box));
    worker.unref();
    mailboxes.push(box);
    started.push({ box, worker });
  }
  return {
    threads,
    async close(): Promise<void> {
      for (const { box } of started) {
        const at = mailboxes.indexOf(box);
        if (at >= 0) mailboxes.splice(at, 1);
        stopMailbox(box);
      }
      await Promise.all(started.map(({ worker }) => worker.terminate()));
      started.length = 0;
    },
  };
}
