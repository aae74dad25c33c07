/** Canonical combining class of a code point (0 for starters), from the baked table. */
import { CCC_RUNS } from "./ccc-table.js";

let bmp: Uint8Array | null = null;
let astral: Map<number, number> | null = null;

function build(): void {
  const t = new Uint8Array(0x10000);
  const a = new Map<number, number>();
  const parts = CCC_RUNS.split(",");
  let prev = 0;
  for (let i = 0; i + 2 < parts.length; i += 3) {
    const start = prev + parseInt(parts[i], 36);
    const end = start + parseInt(parts[i + 1], 36);
    const c = parseInt(parts[i + 2], 36);
    for (let cp = start; cp <= end; cp++) {
      if (cp <= 0xffff) t[cp] = c;
      else a.set(cp, c);
    }
    prev = end;
  }
  bmp = t;
  astral = a;
}

export function ccc(cp: number): number {
  if (bmp === null) build();
  return cp <= 0xffff ? bmp![cp] : (astral!.get(cp) ?? 0);
}
