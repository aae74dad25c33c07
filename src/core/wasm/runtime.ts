/**
 * Which kernels run: WebAssembly SIMD (kernel-code.ts) or the plain JS loops. The module
 * is assembled and compiled synchronously on first use (under 3 KB, below the 4 KB up to
 * which Chromium has always allowed synchronous compilation on the main thread; a test
 * keeps it there), once, and instantiated once per memory it works on. Where WebAssembly or its SIMD extension is
 * missing (WebAssembly.validate says no), or compiling throws (a Content-Security-Policy
 * without 'wasm-unsafe-eval'), everything runs in JS: the results are the same bits.
 *
 * The backend can be forced for tests and comparisons: setKernelBackend("js" | "wasm" |
 * "auto"), or the environment variable SKEWLESS_KERNEL=js|wasm|auto read on first use.
 * "auto" uses wasm when available for inputs large enough to repay the call; "wasm" uses
 * it for every input (and throws if it is unavailable).
 */
import { InvalidOptionError } from "../errors.js";
import { kernelModuleBytes } from "./kernel-code.js";

export type KernelBackend = "auto" | "wasm" | "js";

type TransformFn = (pin: number, pout: number, cells: number, stats: number, period: number) => number;
type ClipFn = (pin: number, pout: number, cells: number, stats: number, period: number, lo: number, hi: number) => number;

/** The exports of one instance (kernel-code.ts documents each). */
export interface KernelFns {
  subdiv: TransformFn;
  muladd: TransformFn;
  muladdClip: ClipFn;
  sums: (pin: number, rows: number, rowBytes: number, groups: number, acc: number) => void;
  squares: (pin: number, rows: number, rowBytes: number, groups: number, mean: number, acc: number) => void;
}

/** Below this many cells "auto" runs the JS loop: the call and statistics setup cost more than they save. */
export const AUTO_MIN_CELLS = 512;

let requested: KernelBackend | undefined;
let compiled: WebAssembly.Module | null | undefined;

function envBackend(): KernelBackend {
  // Read without importing node:process, so the browser build needs no Node built-ins.
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const v = env?.SKEWLESS_KERNEL;
  return v === "js" || v === "wasm" || v === "auto" ? v : "auto";
}

/** The compiled kernel module, or null where WebAssembly SIMD is unavailable or forbidden. */
export function kernelModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  try {
    const bytes = kernelModuleBytes();
    compiled = typeof WebAssembly === "object" && WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  } catch {
    compiled = null;
  }
  return compiled;
}

let compiledShared: WebAssembly.Module | null | undefined;

/**
 * The same kernels compiled for a shared memory (KernelArena with `shared: true`), or null
 * where shared WebAssembly memories are unavailable (no SharedArrayBuffer: e.g. a browser
 * page that is not cross-origin isolated) or the kernels are. Compiled on first use only.
 */
export function sharedKernelModule(): WebAssembly.Module | null {
  if (compiledShared !== undefined) return compiledShared;
  compiledShared = null;
  if (kernelModule() === null || typeof SharedArrayBuffer !== "function") return null;
  try {
    const bytes = kernelModuleBytes(true);
    if (WebAssembly.validate(bytes)) compiledShared = new WebAssembly.Module(bytes);
  } catch {
    compiledShared = null;
  }
  return compiledShared;
}

/** Instantiates the kernels over `memory` (the shared-memory module for a shared memory), or null where that is impossible. */
export function instantiateKernels(memory: WebAssembly.Memory, mod: WebAssembly.Module | null = kernelModule()): KernelFns | null {
  if (mod === null) return null;
  try {
    return new WebAssembly.Instance(mod, { env: { mem: memory } }).exports as unknown as KernelFns;
  } catch {
    return null;
  }
}

/**
 * Chooses the kernels: "js" forces the JS loops, "wasm" forces WebAssembly for every
 * input size (an InvalidOptionError where it is unavailable), "auto" (the default) uses
 * WebAssembly when available for inputs of at least a few hundred cells.
 * Every backend gives the same output bits; this exists for tests and benchmarks.
 */
export function setKernelBackend(backend: KernelBackend): void {
  if (backend !== "auto" && backend !== "wasm" && backend !== "js") {
    throw new InvalidOptionError(`setKernelBackend: backend must be "auto", "wasm" or "js", got ${String(backend)}`, { value: String(backend) });
  }
  if (backend === "wasm" && kernelModule() === null) {
    throw new InvalidOptionError(
      'setKernelBackend("wasm"): WebAssembly SIMD is not available here (no WebAssembly, no SIMD support, or a Content-Security-Policy forbids compiling); use "auto" or "js"',
      { value: backend },
    );
  }
  requested = backend;
}

/** The backend in force: "wasm" when the WebAssembly kernels may run, else "js". */
export function kernelBackend(): "wasm" | "js" {
  return minKernelCells() === Infinity ? "js" : "wasm";
}

/**
 * Whether WebAssembly code may run at all (not forced to "js"); for kernels that need
 * no SIMD, such as the text scan (src/text/scan-kernel.ts), which check their own module.
 */
export function wasmAllowed(): boolean {
  requested ??= envBackend();
  return requested !== "js";
}

/** Fewest cells for which a kernel call runs in wasm now (Infinity: never). */
export function minKernelCells(): number {
  requested ??= envBackend();
  if (requested === "js" || kernelModule() === null) return Infinity;
  return requested === "wasm" ? 1 : AUTO_MIN_CELLS;
}

// ---- the private memory of the copying path ------------------------------------------

let scratchMemory: WebAssembly.Memory | undefined;
let scratchFns: KernelFns | null | undefined;

/**
 * The kernels over a private memory of at least `bytes` bytes, for inputs that live
 * outside wasm memory (copied in and out in chunks). Nothing outside this module holds a
 * view of it, so growing it (which detaches old views) is safe; callers take fresh views
 * of `memory.buffer` after each call.
 */
export function scratchKernels(bytes: number): { fns: KernelFns; memory: WebAssembly.Memory } | null {
  if (scratchFns === undefined) {
    try {
      scratchMemory = new WebAssembly.Memory({ initial: 1 });
      scratchFns = instantiateKernels(scratchMemory);
    } catch {
      scratchFns = null;
    }
  }
  if (scratchFns === null || scratchMemory === undefined) return null;
  const have = scratchMemory.buffer.byteLength;
  if (have < bytes) {
    try {
      scratchMemory.grow(Math.ceil((bytes - have) / 65536));
    } catch {
      return null; // out of memory: the JS loop needs none
    }
  }
  return { fns: scratchFns, memory: scratchMemory };
}
