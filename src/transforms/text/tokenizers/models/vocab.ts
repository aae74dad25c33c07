/** Token <-> id tables shared by the models (ids are 0..n-1, no holes). */
export class VocabTable {
  readonly tokens: readonly string[];
  readonly ids: Map<string, number>;
  /** Longest token in UTF-16 units (bounds WordPiece's longest-match search). */
  readonly maxLength: number;

  constructor(tokens: readonly string[]) {
    this.tokens = tokens;
    const ids = new Map<string, number>();
    let max = 0;
    for (let i = 0; i < tokens.length; i++) {
      ids.set(tokens[i], i);
      if (tokens[i].length > max) max = tokens[i].length;
    }
    this.ids = ids;
    this.maxLength = max;
  }

  get size(): number {
    return this.tokens.length;
  }
}

/**
 * Words cached per model. A word costs ~100 bytes here, so the cap bounds the cache at a
 * few tens of MB; past it new words are computed every time (as HF's BPE cache does).
 */
export const WORD_CACHE_CAPACITY = 262_144;

/**
 * Model output for one word: [id, start, end] per token, offsets in UTF-16 units of the word.
 * Cached per word (results never depend on the cache); capacity-bounded like HF's BPE cache.
 */
export class WordCache {
  private readonly map = new Map<string, Int32Array>();
  constructor(private readonly capacity: number) {}
  get(word: string): Int32Array | undefined {
    return this.map.get(word);
  }
  set(word: string, value: Int32Array): void {
    if (this.map.size < this.capacity && word.length < 256) this.map.set(word, value);
  }
}

/** UTF-8 length of a string. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
