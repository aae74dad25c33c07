/** Pretrained vector formats: word2vec text and binary, GloVe text (browser-safe; Node file helpers are in skewless/node). */
export { type ParseVectorsOptions, type WordVectors, wordVectors } from "./word-vectors.js";
export { Word2vecTextReader, parseWord2vecText } from "./word2vec-text.js";
export { Word2vecBinaryReader, parseWord2vecBinary } from "./word2vec-binary.js";
export { GloveTextReader, parseGloveText } from "./glove-text.js";
