/**
 * Helper threads for the transform kernels on a shared KernelArena: the caller's thread
 * cuts a large transform into equal parts at whole periods, posts one part to each helper's
 * mailbox, runs the first part itself, then collects the others. Every part runs the very
 * same kernel over disjoint cells, so the output bits do not depend on the split.
 *
 * Why threads at all: on one core the affine kernels are bound by the float32 <-> float64
 * conversions and the division (bench/RESULTS.md, "what we tried"), not by memory, so a
 * second core adds throughput until memory bandwidth is the limit.
 *
 * Nothing here spawns a thread (that is platform code: `startKernelThreads` in
 * skewless/node); this is the protocol both sides share. A mailbox is 64 bytes of a
 * SharedArrayBuffer: int32 slots [state, fn, pin, pout, cells, stats, period, flag], the
 * clip bounds as float64 at byte 32, and at int32 slot 12 the number of parts the helper ran
 * (for tests and monitoring). States: IDLE -> POSTED (caller) -> CLAIMED (helper) ->
 * DONE (helper) -> IDLE (caller). A helper that has not claimed its part by the time the
 * caller finished its own is revoked (POSTED -> IDLE by compare-and-swap) and the caller
 * runs that part too, so a busy, slow-to-start or missing helper never makes a transform
 * wait; the caller waits only for parts a helper is already running.
 */
import { SkewlessError } from "../errors.js";
import type { KernelFns } from "./runtime.js";

export const MAILBOX_BYTES = 64;

const STATE = 0;
const FN = 1;
const PIN = 2;
const POUT = 3;
const CELLS = 4;
const STATS = 5;
const PERIOD = 6;
const FLAG = 7;
const RAN = 12;
const IDLE = 0;
const POSTED = 1;
const CLAIMED = 2;
const DONE = 3;
const STOP = 4;

/** Kernel numbers in a mailbox's fn slot. */
export const KERNEL_FNS = ["subdiv", "muladd", "muladdClip"] as const;
export type ThreadedKernel = (typeof KERNEL_FNS)[number];

/** Fewest cells worth splitting: waking a sleeping helper costs tens of microseconds. */
export const PARALLEL_MIN_CELLS = 1 << 20;

/** How long the caller waits for a helper that claimed a part before giving up (a helper runs one part in milliseconds). */
const STALL_MS = 60_000;

/** One transform kernel call, as the mailbox carries it. */
export interface KernelCall {
  fn: ThreadedKernel;
  pin: number;
  pout: number;
  cells: number;
  stats: number;
  period: number;
  /** Clip bounds, muladdClip only. */
  lo: number;
  hi: number;
}

/** Runs one kernel call on this thread; returns its flag. */
export function runKernel(fns: KernelFns, c: KernelCall): number {
  if (c.fn === "muladdClip") return fns.muladdClip(c.pin, c.pout, c.cells, c.stats, c.period, c.lo, c.hi);
  return fns[c.fn](c.pin, c.pout, c.cells, c.stats, c.period);
}

/** A new mailbox (its int32 view); share `box.buffer` with the helper. */
export function createMailbox(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(MAILBOX_BYTES));
}

/** Parts the helper behind `box` has run so far. */
export function partsRun(box: Int32Array): number {
  return Atomics.load(box, RAN);
}

/** Tells a helper to exit its loop (it exits after the part it may be running). */
export function stopMailbox(box: Int32Array): void {
  Atomics.store(box, STATE, STOP);
  Atomics.notify(box, STATE);
}

/** Whether this thread may block in Atomics.wait (a browser's main thread may not). */
export function canBlock(): boolean {
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Runs `call` over its cells split between this thread and the helpers behind `boxes`,
 * parts cut at multiples of `call.period` cells. Returns the OR of the parts' flags
 * (nonzero: some output is not finite; the caller reruns in JS), -1 if a helper trapped.
 */
export function runSplit(fns: KernelFns, boxes: readonly Int32Array[], call: KernelCall): number {
  const periods = call.cells / call.period;
  const parts = Math.min(boxes.length + 1, periods);
  const per = Math.ceil(periods / parts) * call.period;
  const work: KernelCall[] = [];
  for (let i = 0; i < parts; i++) {
    const from = i * per;
    work.push({ ...call, pin: call.pin + 4 * from, pout: call.pout + 4 * from, cells: Math.max(0, Math.min(per, call.cells - from)) });
  }
  // posted[i - 1]: the mailbox part i went to, or null when this thread must run it.
  const posted: (Int32Array | null)[] = [];
  for (let i = 1; i < parts; i++) {
    const p = work[i];
    const box = boxes[i - 1];
    if (p.cells === 0 || Atomics.load(box, STATE) !== IDLE) {
      // Nothing to do, or a stopped helper (or one still finishing an abandoned part).
      posted.push(null);
      continue;
    }
    box[FN] = KERNEL_FNS.indexOf(p.fn);
    box[PIN] = p.pin;
    box[POUT] = p.pout;
    box[CELLS] = p.cells;
    box[STATS] = p.stats;
    box[PERIOD] = p.period;
    const bounds = new Float64Array(box.buffer, 32, 2);
    bounds[0] = p.lo;
    bounds[1] = p.hi;
    Atomics.store(box, STATE, POSTED);
    Atomics.notify(box, STATE);
    posted.push(box);
  }
  let flag = runKernel(fns, work[0]);
  for (let i = 1; i < parts; i++) {
    const box = posted[i - 1];
    const mine = work[i];
    if (mine.cells === 0) continue;
    const state = box === null ? STOP : Atomics.compareExchange(box, STATE, POSTED, IDLE);
    if (box === null || state === POSTED || state === STOP) {
      // Not posted, revoked before the helper started, or the helper was stopped: run the part here.
      flag |= runKernel(fns, mine);
      continue;
    }
    const start = Date.now();
    while (Atomics.load(box, STATE) === CLAIMED) {
      Atomics.wait(box, STATE, CLAIMED, 1000);
      if (Date.now() - start > STALL_MS) {
        throw new SkewlessError(
          "KERNEL_THREAD_STALLED",
          `a kernel helper thread has not finished its part (${mine.cells} cells) in ${STALL_MS / 1000} s; the output buffer may still be written by it. Stop the helpers (close()) and transform without them`,
        );
      }
    }
    flag |= box[FLAG];
    Atomics.store(box, STATE, IDLE);
    Atomics.notify(box, STATE);
  }
  return flag;
}

/**
 * The helper's loop, as plain JavaScript source defining `serveKernelMailbox(module, memory,
 * mailboxBuffer)`: platform code evaluates it in a new thread (a Node worker with
 * `eval: true`, or a Blob-URL Web Worker) and calls it. It returns when the mailbox is stopped.
 * Kept as source so that no separate worker file has to be shipped and resolved.
 */
export const KERNEL_HELPER_SOURCE = `
function serveKernelMailbox(module, memory, mailboxBuffer) {
  const box = new Int32Array(mailboxBuffer, 0, 16);
  const bounds = new Float64Array(mailboxBuffer, 32, 2);
  const k = new WebAssembly.Instance(module, { env: { mem: memory } }).exports;
  const fns = [${KERNEL_FNS.map((f) => `k.${f}`).join(", ")}];
  let seen = ${IDLE};
  for (;;) {
    Atomics.wait(box, ${STATE}, seen);
    seen = Atomics.load(box, ${STATE});
    if (seen === ${STOP}) return;
    if (seen !== ${POSTED} || Atomics.compareExchange(box, ${STATE}, ${POSTED}, ${CLAIMED}) !== ${POSTED}) continue;
    let flag;
    try {
      flag = box[${FN}] === 2
        ? fns[2](box[${PIN}], box[${POUT}], box[${CELLS}], box[${STATS}], box[${PERIOD}], bounds[0], bounds[1])
        : fns[box[${FN}]](box[${PIN}], box[${POUT}], box[${CELLS}], box[${STATS}], box[${PERIOD}]);
    } catch (e) {
      flag = -1;
    }
    box[${FLAG}] = flag;
    Atomics.add(box, ${RAN}, 1);
    Atomics.store(box, ${STATE}, ${DONE});
    Atomics.notify(box, ${STATE});
    seen = ${DONE};
  }
}
`;
