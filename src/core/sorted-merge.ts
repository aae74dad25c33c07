/**
 * Merge of two ascending Float64Arrays into one, in Float64Array.prototype.sort's total
 * order (ascending, -0 before +0). Shared by the exact sorted store and the sketch so
 * both orders agree.
 */
export function mergeSorted(a: Float64Array, b: Float64Array): Float64Array {
  if (a.length === 0) return b.slice();
  if (b.length === 0) return a.slice();
  const out = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) {
    if (a[i] < b[j] || (a[i] === b[j] && !(Object.is(a[i], 0) && Object.is(b[j], -0)))) out[k++] = a[i++];
    else out[k++] = b[j++];
  }
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}
