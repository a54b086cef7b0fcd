export declare function prng(seed: number): () => number;
export declare function pick<T>(random: () => number, items: readonly T[]): T;
export declare function randomInt(random: () => number, below: number): number;
export declare const SPECIAL_TOKENS: string[];
export declare const SPECIAL_LOOKALIKES: string[];
export declare function fuzzText(seed: number): string;
export declare function fuzzIds(seed: number, vocabSize: number): number[];
export interface FuzzCorpus {
  text: string;
  specialTokens: string[];
  vocabSize: number;
  pattern: "gpt2" | "cl100k" | "o200k";
}
export declare function fuzzCorpus(seed: number): FuzzCorpus;
export declare function randomChunks(text: string, seed: number, max: number): string[];
