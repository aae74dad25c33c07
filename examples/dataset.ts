/**
 * The examples' dataset: Palmer penguins (fixtures/data/penguins_raw.csv, CC0) as records
 * with numbers (bill, flipper, mass, isotopes), categories (island, sex, clutch) and free
 * text (the field notes in "Comments"); the label is the species.
 */
import { readPenguins } from "./penguins.js";

export const SPECIES = ["Adelie Penguin (Pygoscelis adeliae)", "Chinstrap penguin (Pygoscelis antarctica)", "Gentoo penguin (Pygoscelis papua)"] as const;

export interface PenguinRow {
  bill_length: number | null;
  bill_depth: number | null;
  flipper: number | null;
  mass: number | null;
  delta15n: number | null;
  island: string | null;
  sex: string | null;
  clutch: string | null;
  comments: string | null;
}

const num = (s: string) => (s === "NA" || s === "" ? null : Number(s));
const str = (s: string) => (s === "NA" || s === "" ? null : s);

export function penguinDataset(): { rows: PenguinRow[]; labels: number[] } {
  const records = readPenguins();
  const rows = records.map((r) => ({
    bill_length: num(r["Culmen Length (mm)"]),
    bill_depth: num(r["Culmen Depth (mm)"]),
    flipper: num(r["Flipper Length (mm)"]),
    mass: num(r["Body Mass (g)"]),
    delta15n: num(r["Delta 15 N (o/oo)"]),
    island: str(r.Island),
    sex: str(r.Sex),
    clutch: str(r["Clutch Completion"]),
    comments: str(r.Comments),
  }));
  const labels = records.map((r) => SPECIES.indexOf(r.Species as (typeof SPECIES)[number]));
  if (labels.some((l) => l < 0)) throw new Error("unexpected species in penguins_raw.csv");
  return { rows, labels };
}

/** Deterministic split: every 5th row is held out. */
export function split<T>(items: T[]): { train: T[]; test: T[] } {
  return { train: items.filter((_, i) => i % 5 !== 0), test: items.filter((_, i) => i % 5 === 0) };
}
