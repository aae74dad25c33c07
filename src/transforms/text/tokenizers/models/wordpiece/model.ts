/**
 * HF WordPiece: greedy longest-match-first. From each position the longest substring in
 * the vocabulary (prefixed with continuing_subword_prefix after the first piece) is taken;
 * a word with a position where nothing matches, or longer than max_input_chars_per_word
 * code points, becomes the unknown token alone.
 */
import { InvalidInputError } from "../../../../../core/errors.js";
import type { WordPieceModelConfig } from "../../config.js";
import { VocabTable, WordCache } from "../vocab.js";

export class WordPieceModel {
  readonly config: WordPieceModelConfig;
  readonly vocab: VocabTable;
  private readonly cache = new WordCache(100_000);
  private readonly unkId: number;

  constructor(config: WordPieceModelConfig, vocab: VocabTable) {
    this.config = config;
    this.vocab = vocab;
    this.unkId = vocab.ids.get(config.unk_token) ?? -1;
  }

  private unk(word: string): Int32Array {
    if (this.unkId < 0) {
      throw new InvalidInputError(
        `WordPiece: the word ${JSON.stringify(word.slice(0, 40))} has no tokenization and the unknown token ${JSON.stringify(this.config.unk_token)} is not in the vocabulary; add it (e.g. as a special token when training)`,
      );
    }
    return Int32Array.of(this.unkId, 0, word.length);
  }

  /** [id, start, end]* of one word (offsets in UTF-16 units of `word`). */
  tokenize(word: string): Int32Array {
    const hit = this.cache.get(word);
    if (hit !== undefined) return hit;
    const r = this.compute(word);
    this.cache.set(word, r);
    return r;
  }

  private compute(word: string): Int32Array {
    let chars = word.length;
    if (chars > this.config.max_input_chars_per_word) {
      // Count code points only when the UTF-16 length says it may exceed.
      chars = 0;
      for (let i = 0; i < word.length; i++) {
        const c = word.charCodeAt(i);
        if (!(c >= 0xdc00 && c <= 0xdfff && i > 0 && (word.charCodeAt(i - 1) & 0xfc00) === 0xd800)) chars++;
      }
      if (chars > this.config.max_input_chars_per_word) return this.unk(word);
    }
    const ids = this.vocab.ids;
    const prefix = this.config.continuing_subword_prefix;
    const maxLen = this.vocab.maxLength;
    const out: number[] = [];
    let start = 0;
    const n = word.length;
    while (start < n) {
      let end = Math.min(n, start + maxLen);
      // Never end inside a surrogate pair.
      if (end < n && (word.charCodeAt(end) & 0xfc00) === 0xdc00 && end > start) end--;
      let id = -1;
      while (end > start) {
        const sub = start > 0 ? prefix + word.slice(start, end) : word.slice(start, end);
        const hit = ids.get(sub);
        if (hit !== undefined) {
          id = hit;
          break;
        }
        end -= (word.charCodeAt(end - 1) & 0xfc00) === 0xdc00 && end - 2 >= start ? 2 : 1;
      }
      if (id < 0) return this.unk(word);
      out.push(id, start, end);
      start = end;
    }
    return Int32Array.from(out);
  }
}
