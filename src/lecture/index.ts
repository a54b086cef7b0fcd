// The tokenizers of the CS336 lecture 1, behind one interface: characters, bytes, words, BPE.

export type { LectureTokenizer } from "./types.js";
export { compressionRatio, utf8Length } from "./types.js";
export { CharacterTokenizer, CODE_POINTS } from "./character.js";
export { ByteTokenizer } from "./byte.js";
export { WordTokenizer, splitWords, GPT2_WORDS, UNK, type WordTrainOptions } from "./word.js";
export { BpeTokenizer, bpe, trainBpe } from "./bpe.js";
