/**
 * HF WordPiece: greedy longest-match-first. From each position the longest substring in
 * the vocabulary (prefixed with continuing_subword_prefix after the first piece) is taken;
 * a word with a position where nothing matches, or longer than max_input_chars_per_word
 * code points, becomes the unknown token alone.
 */
import { InvalidInputError } from "../../../../../core/errors.js";
import type { WordPieceModelConfig } from "../../config.js";
import { VocabTable, WORD_CACHE_CAPACITY, WordCache } from "../vocab.js";
import { PrefixTrie } from "./trie.js";

export class WordPieceModel {
  readonly config: WordPieceModelConfig;
  readonly vocab: VocabTable;
  private readonly cache = new WordCache(WORD_CACHE_CAPACITY);
  private readonly unkId: number;
  private readonly trie: PrefixTrie;
  private readonly initialRoot: number;
  private readonly continuationRoot: number;
  private readonly found = new Int32Array(1);

  constructor(config: WordPieceModelConfig, vocab: VocabTable) {
    this.config = config;
    this.vocab = vocab;
    this.unkId = vocab.ids.get(config.unk_token) ?? -1;
    this.trie = new PrefixTrie(vocab.size * 4);
    this.initialRoot = this.trie.root();
    this.continuationRoot = this.trie.root();
    const prefix = config.continuing_subword_prefix;
    // Map semantics: a token string maps to its (only) id; every token is a candidate word
    // start, and those starting with the prefix are also candidate continuations.
    for (const [tok, id] of vocab.ids) {
      this.trie.insert(this.initialRoot, tok, 0, id);
      if (tok.startsWith(prefix)) this.trie.insert(this.continuationRoot, tok, prefix.length, id);
    }
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
    const r = this.computeWord(word);
    this.cache.set(word, r);
    return r;
  }

  /** tokenize() without the cache: a fresh array (the encode fast path caches by itself). */
  computeWord(word: string): Int32Array {
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
    const out: number[] = [];
    let start = 0;
    const n = word.length;
    while (start < n) {
      const end = this.trie.longest(start === 0 ? this.initialRoot : this.continuationRoot, word, start, n, this.found);
      // A match ending inside a surrogate pair cannot be a whole token (tokens are well-formed).
      if (end < 0) return this.unk(word);
      out.push(this.found[0], start, end);
      start = end;
    }
    return Int32Array.from(out);
  }
}
