/**
 * The multimodal example dataset: 240 emoji (fixtures/data/emoji, built by build.py from
 * the npm packages emoji-datasource-google (images Apache-2.0, metadata MIT) and
 * emojibase-data (MIT)). Each row has text (name + tags), an image (64 px PNG bytes),
 * a number (codepoints) and a category (the emoji version it was added in); the label is
 * the emoji category (smileys, animals, food, travel).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";

const DIR = fileURLToPath(new URL("../fixtures/data/emoji/", import.meta.url));

export const EMOJI_CLASSES = ["Smileys & Emotion", "Animals & Nature", "Food & Drink", "Travel & Places"] as const;

export interface EmojiRow {
  text: string;
  image: Uint8Array;
  codepoints: number;
  added_in: string;
}

export function emojiDataset(): { rows: EmojiRow[]; labels: number[] } {
  const records = parse(readFileSync(`${DIR}emoji.csv`, "utf8"), { columns: true }) as Record<string, string>[];
  const rows = records.map((r) => ({
    text: `${r.name} ${r.tags}`,
    image: new Uint8Array(readFileSync(`${DIR}png/${r.image}`)),
    codepoints: Number(r.codepoints),
    added_in: r.added_in,
  }));
  const labels = records.map((r) => EMOJI_CLASSES.indexOf(r.category as (typeof EMOJI_CLASSES)[number]));
  return { rows, labels };
}
