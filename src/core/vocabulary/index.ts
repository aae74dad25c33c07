/**
 * Vocabulary machinery shared by the Keras-style lookups (StringLookup, IntegerLookup)
 * and the text vectorizers: mergeable token counts, deterministic top-k selection, the
 * Keras index layout with OOV buckets, idf weights, and bag (multi-hot/count/tf-idf)
 * encodings. Transforms compose these; none of them knows about options or artefacts.
 */
export { type Token, type TokenCounts, addDocument, addEmptyDocuments, emptyTokenCounts, mergeTokenCounts } from "./counts.js";
export { type SelectOptions, compareTokens, selectTokens } from "./select.js";
export { type IndexLayout, indexLayout, integerOovBucket, stringOovBucket } from "./layout.js";
export { fittedIdfWeights, givenIdfWeights, kerasIdf, meanWeight } from "./idf.js";
export { type BagMode, type Bags, bagsToCsr, bagsToDense } from "./bag.js";
