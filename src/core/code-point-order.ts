/**
 * String order by Unicode code point, as Python (and so scikit-learn) sorts str.
 * JS `<` compares UTF-16 code units, which puts astral characters (surrogate pairs,
 * U+D800..U+DFFF) before U+E000..U+FFFF; code-point order puts them after.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Only when one unit is a surrogate and the other is >= U+E000 does unit order disagree with code-point order.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys && (xs ? y >= 0xe000 : x >= 0xe000)) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}
