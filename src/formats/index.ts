// Loading and saving BPE vocabularies in the formats people use. Pure and dependency-free: runs in
// browsers and edge runtimes as well as Node. The shape everywhere: vocab (id -> bytes), merges
// (pairs of byte strings in priority order), specialTokens (text -> id).

export { bytesToUnicode, unicodeToBytes, parseGpt2, formatGpt2 } from "./gpt2.js";
export type { Gpt2Vocabulary, ParseGpt2Options } from "./gpt2.js";
export { parseTiktoken, formatTiktoken } from "./tiktoken.js";
export { parseHuggingFaceBpe, formatHuggingFace } from "./huggingface.js";
export type { HuggingFaceBpe, HuggingFaceBpeInput, TokenizerJson } from "./huggingface.js";
export { mergesFromRanks } from "./ranks-to-merges.js";
export { PATTERN_SOURCES, patternFamilyOf } from "./patterns.js";
export type { PatternFamily } from "./patterns.js";
