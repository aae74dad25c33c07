/**
 * HF's WordPiece trainer: the BPE trainer with continuingSubwordPrefix "##" by default;
 * the WordPiece vocabulary is the BPE vocabulary (same ids), the merges are dropped.
 * (HF's own WordPiece training is not deterministic run to run — see bpe/trainer.ts for
 * the fixed rules used here.)
 */
import { type BpeTrainerSettings, trainBpe } from "../bpe/trainer.js";

export function trainWordPiece(wordCounts: ReadonlyMap<string, number>, s: BpeTrainerSettings): string[] {
  return trainBpe(wordCounts, s).tokens;
}
