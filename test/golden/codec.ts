/**
 * JSON for golden inputs that keeps what plain JSON loses: -0, NaN, ±Infinity,
 * undefined and typed arrays.
 */
type Tagged = { $num: "NaN" | "Infinity" | "-Infinity" | "-0" } | { $undef: true } | { $typed: "Float64Array" | "Float32Array" | "Int32Array" | "Uint8Array" | "Uint8ClampedArray" | "Uint16Array"; values: unknown[] };

export function encodeValue(x: unknown): unknown {
  if (typeof x === "number") {
    if (Number.isNaN(x)) return { $num: "NaN" };
    if (x === Infinity) return { $num: "Infinity" };
    if (x === -Infinity) return { $num: "-Infinity" };
    if (Object.is(x, -0)) return { $num: "-0" };
    return x;
  }
  if (x === undefined) return { $undef: true };
  if (x instanceof Float64Array || x instanceof Float32Array || x instanceof Int32Array || x instanceof Uint8Array || x instanceof Uint8ClampedArray || x instanceof Uint16Array) {
    return { $typed: x.constructor.name, values: Array.from(x as ArrayLike<number>, encodeValue) };
  }
  if (Array.isArray(x)) return x.map(encodeValue);
  if (x !== null && typeof x === "object") return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, encodeValue(v)]));
  return x;
}

export function decodeValue(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(decodeValue);
  if (x !== null && typeof x === "object") {
    const t = x as Tagged & Record<string, unknown>;
    if ("$num" in t) return Number(t.$num === "-0" ? "-0" : t.$num);
    if ("$undef" in t) return undefined;
    if ("$typed" in t) {
      const values = (t.values as unknown[]).map(decodeValue) as number[];
      if (t.$typed === "Float64Array") return Float64Array.from(values);
      if (t.$typed === "Float32Array") return Float32Array.from(values);
      // Image inputs (encoded bytes, 8/16-bit pixels).
      if (t.$typed === "Uint8Array") return Uint8Array.from(values);
      if (t.$typed === "Uint8ClampedArray") return Uint8ClampedArray.from(values);
      if (t.$typed === "Uint16Array") return Uint16Array.from(values);
      return Int32Array.from(values);
    }
    return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, decodeValue(v)]));
  }
  return x;
}
