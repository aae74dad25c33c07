/** EmbeddingTable and its option types. */
export { EmbeddingTable, type EmbeddingAccumulator, type EmbeddingInput, type EmbeddingRow } from "./embedding-table.js";
export type { EmbeddingTableOptions, EmbeddingOov, EmbeddingPooling, EmbeddingSource, EmbeddingStorage } from "./options.js";
