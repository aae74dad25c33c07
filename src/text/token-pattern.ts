/**
 * scikit-learn's tokenizer: `re.compile(token_pattern).findall(doc)` — every
 * non-overlapping match, left to right; with one capturing group, the group's text
 * ("" when it did not take part); more than one group is an error, as in
 * scikit-learn.
 *
 * The default pattern `(?u)\b\w\w+\b` (and `\b\w+\b`) run as a hand-written scan: a
 * token is a maximal run of Python word characters (re \w: letters and numbers, not
 * combining marks) of at least 2 (or 1) code points. That is exactly what the regex
 * matches — \b only admits a start where a run starts, and the greedy \w+ then ends
 * where it ends — and it is many times faster than the lookaround-based JS regex.
 * `wordRuns` emits spans of its input; `scanWordRuns` (the vectorizers' path) also
 * lowercases on the fly into a code unit buffer, with a 64K-entry table per mode and
 * the whole-document toLowerCase only where lowercasing needs context. Both are tested
 * against the translated regex (test/unit/token-scanner.test.ts). Other
 * patterns are translated (python-regex.ts) and run as a JS RegExp; after an empty
 * match the search resumes one code point later (Python 3.7+ may still take a
 * non-empty match at the same position; patterns for tokens do not match empty).
 *
 * Scripts without spaces (Thai, Khmer, Chinese, Japanese): the default pattern gives
 * one token per run of letters, i.e. a whole phrase up to punctuation or a space, as
 * scikit-learn does. Use the char / char_wb analyzers for such text.
 */
import { InvalidOptionError } from "../core/errors.js";
import { WORD as WORD_FLAG, bmpFlags, codePointFlags } from "./char-classes.js";

// A module-local copy: the hot loops below must not read an imported binding per character
// (dev transforms such as tsx and vitest turn those into getter calls).
const WORD = WORD_FLAG;
import { translatePythonPattern } from "./python-regex.js";
import { ScanKernel } from "./scan-kernel.js";
import { HASH_BASIS, HASH_PRIME, decodeUnits } from "./term-table.js";

/**
 * Receives one token: s[start, end). `raw`, when given, is the FNV-1a state over the
 * token's code units from HASH_BASIS (term-table.ts), computed during the scan.
 */
export type SpanSink = (s: string, start: number, end: number, raw?: number) => void;
export type Splitter = (text: string, emit: SpanSink) => void;

/** Emits maximal runs of Python word characters at least `minCodePoints` long. */
export function wordRuns(minCodePoints: number): Splitter {
  const flags = bmpFlags();
  const basis = HASH_BASIS;
  const prime = HASH_PRIME;
  return (s, emit) => {
    const n = s.length;
    let i = 0;
    while (i < n) {
      // Skip to the start of a run.
      let c = s.charCodeAt(i);
      if ((flags[c] & WORD) === 0) {
        if (c < 0xd800 || c > 0xdbff || i + 1 >= n) {
          i++;
          continue;
        }
        const lo = s.charCodeAt(i + 1);
        if (lo < 0xdc00 || lo > 0xdfff || (astralInfo(((c - 0xd800) << 10) + (lo - 0xdc00) + 0x10000) & ASTRAL_WORD) === 0) {
          i += lo >= 0xdc00 && lo <= 0xdfff ? 2 : 1;
          continue;
        }
      }
      const start = i;
      let length = 0;
      let h = basis;
      while (i < n) {
        c = s.charCodeAt(i);
        if ((flags[c] & WORD) !== 0) {
          h = Math.imul(h ^ c, prime);
          i++;
        } else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
          const lo = s.charCodeAt(i + 1);
          if (lo < 0xdc00 || lo > 0xdfff || (astralInfo(((c - 0xd800) << 10) + (lo - 0xdc00) + 0x10000) & ASTRAL_WORD) === 0) break;
          h = Math.imul(Math.imul(h ^ c, prime) ^ lo, prime);
          i += 2;
        } else {
          break;
        }
        length++;
      }
      if (length >= minCodePoints) emit(s, start, i, h);
    }
  };
}

/**
 * The tokens of one document as code units, filled by `scanWordRuns`: token k is
 * units[k === 0 ? 0 : ends[k - 1], ends[k]), with the FNV-1a state over its units
 * (term-table.ts) in hashes[k]. Reused from document to document.
 */
export class TokenRuns {
  units = new Uint16Array(1024);
  ends = new Int32Array(512);
  hashes = new Int32Array(512);
  count = 0;
  /**
   * True when the last scanWordRuns proved its document free of surrogates (the
   * WebAssembly scan completed: it stops at any surrogate); false says nothing.
   */
  surrogateFree = false;

  /**
   * The WebAssembly scan (scan-kernel.ts) whose memory holds units / ends / hashes once
   * it exists: undefined until first needed, null where it cannot run.
   */
  private kernel: ScanKernel | null | undefined = undefined;

  /** Room for the tokens of a text of n code units (each token and the gap after it take at least 2). */
  reserve(n: number): void {
    const kernel = this.kernel;
    if (kernel != null) {
      kernel.reserve(n);
      this.units = kernel.units;
      this.ends = kernel.ends;
      this.hashes = kernel.hashes;
      return;
    }
    if (this.units.length < n) this.units = new Uint16Array(Math.max(n, this.units.length * 2));
    const tokens = (n >> 1) + 1;
    if (this.ends.length < tokens) {
      const m = Math.max(tokens, this.ends.length * 2);
      this.ends = new Int32Array(m);
      this.hashes = new Int32Array(m);
    }
  }

  /** The WebAssembly kernel holding this reader's buffers (made if needed), or null where it cannot run. */
  wasmKernel(): ScanKernel | null {
    if (this.kernel === undefined) this.kernel = ScanKernel.create();
    return this.kernel;
  }

  /** Lets go of the kernel (recycled: scan-kernel.ts); the next scan takes one again. */
  releaseKernel(): void {
    this.kernel?.recycle();
    this.kernel = undefined;
    this.units = new Uint16Array(1024);
    this.ends = new Int32Array(512);
    this.hashes = new Int32Array(512);
    this.count = 0;
  }

  /**
   * Scans `s` (scanBmp's contract) in WebAssembly: 0 when done, NEEDS_PAIRS or
   * NEEDS_LOWERCASE as scanBmp, or -1 where the wasm scan cannot run.
   */
  scanInWasm(s: string, t: ScanTables, minCodePoints: number): number {
    const kernel = this.wasmKernel();
    if (kernel === null) return -1;
    this.reserve(s.length);
    const r = kernel.scan(s, t, minCodePoints, HASH_BASIS);
    if (r < 0) return r === -1 ? NEEDS_PAIRS : NEEDS_LOWERCASE;
    this.count = r;
    return 0;
  }

  /**
   * After a batch: gives the kernel back (recycled for whichever reader scans next, so
   * that a transform's reader does not keep a fit's grown memory to itself) and drops
   * JS buffers grown for one huge document.
   */
  trim(): void {
    // (A null kernel is forgotten too: the backend may have been switched since.)
    if (this.kernel !== undefined || this.units.length > 1 << 20) this.releaseKernel();
    this.count = 0;
  }

  /** Token k as a string (for tests and inspection). */
  token(k: number): string {
    return decodeUnits(this.units, k === 0 ? 0 : this.ends[k - 1], this.ends[k]);
  }
}

/** Per code unit of a scan table: a word character (after lowercasing, if the table lowercases). */
const SCAN_WORD = 1;
/** A high surrogate: look at the pair. */
const SCAN_HIGH = 2;
/** Lowercasing this unit is not one code unit out of context (U+0130, U+03A3, ...): lowercase the whole document. */
const SCAN_SPECIAL = 4;

interface ScanTables {
  /** Each BMP code unit's lowercase (the unit itself when not lowercasing). */
  lower: Uint16Array;
  /** lower[c] if that is a word character, else 0 (U+0000 is not one). */
  word: Uint16Array;
  info: Uint8Array;
  lowercase: boolean;
}

let plainTables: ScanTables | null = null;
let lowerTables: ScanTables | null = null;

function scanTables(lowercase: boolean): ScanTables {
  const t = lowercase ? lowerTables : plainTables;
  return t !== null ? t : buildScanTables(lowercase);
}

function buildScanTables(lowercase: boolean): ScanTables {
  const flags = bmpFlags();
  const lower = new Uint16Array(0x10000);
  const info = new Uint8Array(0x10000);
  for (let c = 0; c < 0x10000; c++) lower[c] = c;
  if (lowercase) {
    // String.prototype.toLowerCase maps each code point on its own, except U+03A3
    // (final sigma depends on the neighbours) and the few whose lowercase is not one
    // code unit (U+0130 -> "i\u0307"). Lowercase the rest in chunks: where a chunk keeps
    // its length, every unit mapped to exactly one unit, in place.
    const CHUNK = 0x800;
    for (let base = 0; base < 0x10000; base += CHUNK) {
      const codes: number[] = [];
      for (let c = base; c < base + CHUNK; c++) if ((c < 0xd800 || c > 0xdfff) && c !== 0x3a3) codes.push(c);
      if (codes.length === 0) continue;
      const s = String.fromCharCode(...codes);
      const l = s.toLowerCase();
      if (l.length === s.length) {
        for (let k = 0; k < codes.length; k++) lower[codes[k]] = l.charCodeAt(k);
        continue;
      }
      for (const c of codes) {
        const one = String.fromCharCode(c).toLowerCase();
        if (one.length === 1) lower[c] = one.charCodeAt(0);
        else info[c] = SCAN_SPECIAL;
      }
    }
    info[0x3a3] = SCAN_SPECIAL;
  }
  const word = new Uint16Array(0x10000);
  for (let c = 0; c < 0x10000; c++) {
    if (info[c] === SCAN_SPECIAL) continue;
    if (c >= 0xd800 && c <= 0xdbff) {
      info[c] = SCAN_HIGH;
    } else if ((flags[lower[c]] & WORD) !== 0) {
      info[c] = SCAN_WORD;
      word[c] = lower[c];
    }
  }
  const t: ScanTables = { lower, word, info, lowercase };
  if (lowercase) lowerTables = t;
  else plainTables = t;
  return t;
}

/** Per astral code point (cp - 0x10000), learned on first sight: ASTRAL_KNOWN | ASTRAL_WORD | ASTRAL_LOWER_SAME. */
let astral: Uint8Array | null = null;
const ASTRAL_KNOWN = 1;
const ASTRAL_WORD = 2;
/** toLowerCase leaves the code point as it is. */
const ASTRAL_LOWER_SAME = 4;

function astralInfo(cp: number): number {
  if (astral === null) astral = new Uint8Array(0x100000);
  let f = astral[cp - 0x10000];
  if (f === 0) {
    const s = String.fromCodePoint(cp);
    f = ASTRAL_KNOWN | ((codePointFlags(cp) & WORD) !== 0 ? ASTRAL_WORD : 0) | (s.toLowerCase() === s ? ASTRAL_LOWER_SAME : 0);
    astral[cp - 0x10000] = f;
  }
  return f;
}

/**
 * The runs of Python word characters at least `minCodePoints` long in `s` (lowercased
 * first when the tables lowercase), written to `out` with their hashes. Returns false,
 * leaving `out` meaningless, when lowercasing `s` needs context or changes its length:
 * the caller then lowercases the document itself and scans with the plain tables.
 */
function scanRuns(s: string, t: ScanTables, minCodePoints: number, out: TokenRuns): boolean {
  const n = s.length;
  out.reserve(n);
  const units = out.units;
  const ends = out.ends;
  const hashes = out.hashes;
  const lower = t.lower;
  const info = t.info;
  const lowercase = t.lowercase;
  const basis = HASH_BASIS;
  const prime = HASH_PRIME;
  let w = 0;
  let k = 0;
  let i = 0;
  while (i < n) {
    // Skip to the start of a run.
    let c = s.charCodeAt(i);
    let f = info[c];
    if (f !== SCAN_WORD) {
      if (f === 0) {
        i++;
        continue;
      }
      if (f === SCAN_SPECIAL) return false;
      const lo = i + 1 < n ? s.charCodeAt(i + 1) : 0;
      if (lo < 0xdc00 || lo > 0xdfff) {
        i++;
        continue;
      }
      const a = astralInfo(((c - 0xd800) << 10) + (lo - 0xdc00) + 0x10000);
      if (lowercase && (a & ASTRAL_LOWER_SAME) === 0) return false;
      if ((a & ASTRAL_WORD) === 0) {
        i += 2;
        continue;
      }
    }
    const start = w;
    let length = 0;
    let h = basis;
    while (i < n) {
      c = s.charCodeAt(i);
      f = info[c];
      if (f === SCAN_WORD) {
        const u = lower[c];
        units[w++] = u;
        h = Math.imul(h ^ u, prime);
        i++;
      } else if (f === SCAN_HIGH && i + 1 < n) {
        const lo = s.charCodeAt(i + 1);
        if (lo < 0xdc00 || lo > 0xdfff) break;
        const a = astralInfo(((c - 0xd800) << 10) + (lo - 0xdc00) + 0x10000);
        if (lowercase && (a & ASTRAL_LOWER_SAME) === 0) return false;
        if ((a & ASTRAL_WORD) === 0) break;
        units[w++] = c;
        units[w++] = lo;
        h = Math.imul(Math.imul(h ^ c, prime) ^ lo, prime);
        i += 2;
      } else if (f === SCAN_SPECIAL) {
        return false;
      } else {
        break;
      }
      length++;
    }
    if (length >= minCodePoints) {
      ends[k] = w;
      hashes[k] = h;
      k++;
    } else {
      w = start;
    }
  }
  out.count = k;
  return true;
}

/** scanBmp's results besides "done". */
const NEEDS_PAIRS = 1;
const NEEDS_LOWERCASE = 2;

/**
 * scanRuns for text without surrogates and without units that lowercase in context:
 * one table load and one test per code unit. Returns 0 when done, else NEEDS_PAIRS
 * (a high surrogate: rescan with scanRuns) or NEEDS_LOWERCASE (as scanRuns' false).
 * The hot loop spells the constants as literals (info > SCAN_WORD, SCAN_SPECIAL = 4,
 * NEEDS_LOWERCASE = 2, NEEDS_PAIRS = 1) so that it reads no module binding per unit.
 */
function scanBmp(s: string, t: ScanTables, minCodePoints: number, out: TokenRuns): number {
  const n = s.length;
  out.reserve(n);
  const units = out.units;
  const ends = out.ends;
  const hashes = out.hashes;
  const word = t.word;
  const info = t.info;
  const basis = HASH_BASIS;
  const prime = HASH_PRIME;
  let w = 0;
  let k = 0;
  let i = 0;
  while (i < n) {
    let c = s.charCodeAt(i);
    let u = word[c];
    if (u === 0) {
      if (info[c] > 1) return info[c] === 4 ? 2 : 1;
      i++;
      continue;
    }
    const start = w;
    let h = basis;
    do {
      units[w++] = u;
      h = Math.imul(h ^ u, prime);
      if (++i === n) break;
      c = s.charCodeAt(i);
      u = word[c];
    } while (u !== 0);
    // The unit that ended the run may be one that continues it after all.
    if (u === 0 && info[c] > 1) return info[c] === 4 ? 2 : 1;
    // Without surrogates, code units are code points.
    if (w - start >= minCodePoints) {
      ends[k] = w;
      hashes[k] = h;
      k++;
    } else {
      w = start;
    }
  }
  out.count = k;
  return 0;
}

/** Documents shorter than this are scanned in JS from the string (copying them into the kernel costs more than it saves). */
const COPY_FROM = 32;

/**
 * Fills `out` with the tokens of `s` for a word-run pattern (wordRunLength), after
 * lowercasing it as String.prototype.toLowerCase does when `lowercase`: the same
 * tokens as `wordRuns` over `s.toLowerCase()`, but lowercasing on the fly into the
 * scan buffer, so no lowercased copy of the document is made (except for documents
 * holding U+0130, U+03A3 or the like, which take that path).
 */
export function scanWordRuns(s: string, minCodePoints: number, lowercase: boolean, out: TokenRuns): void {
  const t = scanTables(lowercase);
  let r = s.length >= COPY_FROM ? out.scanInWasm(s, t, minCodePoints) : -1;
  out.surrogateFree = r === 0;
  if (r < 0) r = scanBmp(s, t, minCodePoints, out);
  if (r === 0 || (r === NEEDS_PAIRS && scanRuns(s, t, minCodePoints, out))) return;
  const lowered = s.toLowerCase();
  const plain = scanTables(false);
  if (scanBmp(lowered, plain, minCodePoints, out) !== 0) scanRuns(lowered, plain, minCodePoints, out);
}

const WORD_RUN_PATTERNS: Record<string, number> = { "\\b\\w\\w+\\b": 2, "\\b\\w+\\b": 1 };

/** The minimum run length if `pattern` is a word-run pattern the fast scan handles, else 0. */
export function wordRunLength(pattern: string): number {
  const body = pattern.startsWith("(?u)") ? pattern.slice(4) : pattern;
  return WORD_RUN_PATTERNS[body] ?? 0;
}

/** Advances past one code point. */
function nextIndex(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const lo = s.charCodeAt(i + 1);
    if (lo >= 0xdc00 && lo <= 0xdfff) return i + 2;
  }
  return i + 1;
}

/** Python findall for `pattern` (Python syntax) as a span splitter. */
export function tokenPatternSplitter(pattern: string, who: string): Splitter {
  const min = wordRunLength(pattern);
  if (min > 0) return wordRuns(min);
  return regexTokenSplitter(pattern, who);
}

/** Python findall for `pattern` run as the translated JS RegExp (also for the word-run patterns: the reference the scans are tested against). */
export function regexTokenSplitter(pattern: string, who: string): Splitter {
  const t = translatePythonPattern(pattern, who);
  if (t.groups > 1) {
    throw new InvalidOptionError(
      `${who}: tokenPattern ${JSON.stringify(pattern)} has ${t.groups} capturing groups; at most one group may be captured (scikit-learn: "More than 1 capturing group in token pattern") — make the others non-capturing with (?:...)`,
    );
  }
  const re = new RegExp(t.source, `${t.flags}g`);
  const grouped = t.groups === 1;
  return (s, emit) => {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(s)) !== null) {
      if (grouped) {
        const g = m[1] ?? "";
        emit(g, 0, g.length);
      } else {
        emit(s, m.index, m.index + m[0].length);
      }
      if (m[0].length === 0) {
        if (m.index >= s.length) break;
        re.lastIndex = nextIndex(s, m.index);
      }
    }
  };
}
