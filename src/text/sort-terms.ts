/**
 * Sorting terms in Unicode code point order (Python's sorted()) fast: the engine's
 * default sort compares UTF-16 code units natively, which agrees with code point order
 * unless a surrogate meets a unit >= U+E000 at the first difference. So sort natively,
 * check each adjacent pair with the exact comparison, and only if one is out of order
 * sort again with the exact comparator.
 */
import { compareCodePoints } from "../core/code-point-order.js";

export function sortCodePoints(terms: string[]): string[] {
  terms.sort();
  for (let i = 1; i < terms.length; i++) {
    if (compareCodePoints(terms[i - 1], terms[i]) > 0) return terms.sort(compareCodePoints);
  }
  return terms;
}
