/**
 * Compact output layouts: runs of columns named prefix + i (i consecutive), from the same
 * source and transform, are written as one entry with a count (a 2^20-wide hasher would
 * otherwise write a million entries). Short runs stay explicit so ordinary layouts read
 * naturally; entries that already carry a count are written as they are.
 */
import type { OutputColumnRecord } from "./record.js";

const MIN_RUN = 64;

interface Wire {
  name: string;
  source: string;
  transform: string;
  count?: number;
  first?: number;
}

function split(name: string): [string, number] | null {
  const m = /^(.*?)(0|[1-9]\d{0,8})$/.exec(name);
  return m ? [m[1], Number(m[2])] : null;
}

export function compressLayout(columns: readonly OutputColumnRecord[]): Wire[] {
  const out: Wire[] = [];
  let i = 0;
  while (i < columns.length) {
    const c = columns[i];
    const head = c.count ? null : split(c.name);
    let j = i + 1;
    if (head) {
      while (j < columns.length) {
        const d = columns[j];
        const s = d.count ? null : split(d.name);
        if (!s || s[0] !== head[0] || s[1] !== head[1] + (j - i) || d.source !== c.source || d.transform !== c.transform) break;
        j++;
      }
    }
    if (head && j - i >= MIN_RUN) {
      out.push({ name: head[0], source: c.source, transform: c.transform, count: j - i, first: head[1] });
      i = j;
    } else {
      out.push(c.count ? { name: c.name, source: c.source, transform: c.transform, count: c.count, first: c.first ?? 0 } : { name: c.name, source: c.source, transform: c.transform });
      i++;
    }
  }
  return out;
}
