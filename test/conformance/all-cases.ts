/** Every registered case, of every input type, for the shared suites. */
import { CATEGORICAL_CASES } from "./categorical-cases.js";
import { CASES } from "./cases.js";
import { TEXT_CASES } from "./text-cases.js";
import { TOKENIZER_CASES } from "./tokenizer-cases.js";
import { IMAGE_CASES } from "./image-cases.js";
import { EMBEDDING_CASES } from "./embedding-cases.js";
import type { ConformanceCase } from "./subject.js";

/** Forgets a case's row/input types; the suites only pass rows from the case back into it. */
export function erase<Row, In>(c: ConformanceCase<Row, In>): ConformanceCase<unknown, unknown> {
  return c as unknown as ConformanceCase<unknown, unknown>;
}

export const ALL_CASES: ConformanceCase<unknown, unknown>[] = [...CASES.map(erase), ...CATEGORICAL_CASES.map(erase), ...TEXT_CASES.map(erase), ...TOKENIZER_CASES.map(erase), ...IMAGE_CASES.map(erase), ...EMBEDDING_CASES.map(erase)];
