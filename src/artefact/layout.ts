/**
 * Compact output layouts: runs of columns named prefix + i (i consecutive), from the same
 * source and transform, are written as one entry with a count (a 2^20-wide hasher would
 * otherwise write a million entries). Short runs stay explicit so ordinary layouts read
 * naturally; entries that already carry a count are written as they are.
 */
import type { OutputColumnRecord } from "./record.js";

const MIN_RUN = 64;
/**
 * A run of more than this many columns from one source and transform whose names are not
 * prefix + i (e.g. a 30,000-token multi-hot block) is stored as a single entry with a
 * count and no names: the names are derivable from the fitted state (outputNames()), and
 * repeating a whole vocabulary in the layout would double the artefact.
 */
const MAX_EXPLICIT = 1024;

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
      continue;
    }
    let k = i + 1;
    while (!c.count && k < columns.length && !columns[k].count && columns[k].source === c.source && columns[k].transform === c.transform) k++;
    if (!c.count && k - i > MAX_EXPLICIT) {
      // Unnamed run: name "" with a count means "names not stored".
      out.push({ name: "", source: c.source, transform: c.transform, count: k - i, first: 0 });
      i = k;
    } else {
      out.push(c.count ? { name: c.name, source: c.source, transform: c.transform, count: c.count, first: c.first ?? 0 } : { name: c.name, source: c.source, transform: c.transform });
      i++;
    }
  }
  return out;
}
