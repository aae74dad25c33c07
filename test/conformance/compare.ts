/** Compare fitted states (plain objects with typed arrays) within a relative tolerance. */

function rel(a: number, b: number): number {
  if (Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b))) return 0;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return Infinity;
  return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), Number.MIN_VALUE);
}

/** Worst relative difference between two states, with the path where it occurs; Infinity for a structural mismatch. */
export function stateDifference(a: unknown, b: unknown, path = "state"): { diff: number; path: string } {
  if (typeof a === "number" && typeof b === "number") return { diff: rel(a, b), path };
  if (ArrayBuffer.isView(a) && ArrayBuffer.isView(b)) {
    const x = a as unknown as ArrayLike<number>;
    const y = b as unknown as ArrayLike<number>;
    if (x.length !== y.length) return { diff: Infinity, path: `${path}.length ${x.length} vs ${y.length}` };
    let worst = { diff: 0, path };
    for (let i = 0; i < x.length; i++) {
      const d = rel(x[i], y[i]);
      if (d > worst.diff) worst = { diff: d, path: `${path}[${i}] ${x[i]} vs ${y[i]}` };
    }
    return worst;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return { diff: Infinity, path: `${path}.length` };
    let worst = { diff: 0, path };
    a.forEach((v, i) => {
      const d = stateDifference(v, b[i], `${path}[${i}]`);
      if (d.diff > worst.diff) worst = d;
    });
    return worst;
  }
  if (a !== null && b !== null && typeof a === "object" && typeof b === "object") {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    if (ka.join() !== kb.join()) return { diff: Infinity, path: `${path} keys ${ka} vs ${kb}` };
    let worst = { diff: 0, path };
    for (const k of ka) {
      const d = stateDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`);
      if (d.diff > worst.diff) worst = d;
    }
    return worst;
  }
  return Object.is(a, b) ? { diff: 0, path } : { diff: Infinity, path: `${path}: ${String(a)} vs ${String(b)}` };
}

export function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  if (a.byteLength !== b.byteLength) return false;
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}
