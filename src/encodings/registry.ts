// The named encodings: pure data. Ranks come from packed files (build/vocab/*.bpv); the pattern
// family picks the engine's hand-written pre-tokenizer; special tokens as in tiktoken.

import type { PatternFamily } from "../patterns.js";

export type { PatternFamily };

export interface EncodingSpec {
  name: string;
  /** Packed rank file, without extension, in build/vocab/. */
  ranks: string;
  pattern: PatternFamily;
  specialTokens: ReadonlyArray<readonly [string, number]>;
}

const ENDOFTEXT = "<|endoftext|>";
const FIM_PREFIX = "<|fim_prefix|>";
const FIM_MIDDLE = "<|fim_middle|>";
const FIM_SUFFIX = "<|fim_suffix|>";
const ENDOFPROMPT = "<|endofprompt|>";

/**
 * gpt-oss's Harmony tokens, as tiktoken's Python package defines o200k_harmony (tiktoken_ext/
 * openai_public.py, 0.14.0): o200k_base's two, then the named ones, then every id left up to 201087
 * as <|reserved_N|>. That range gives 200018 a second name beside <|endofprompt|>; both encode to
 * it, and decode gives the first, <|endofprompt|>.
 */
const HARMONY_SPECIALS: ReadonlyArray<readonly [string, number]> = Object.freeze([
  [ENDOFTEXT, 199999],
  [ENDOFPROMPT, 200018],
  ["<|startoftext|>", 199998],
  ["<|reserved_200000|>", 200000],
  ["<|reserved_200001|>", 200001],
  ["<|return|>", 200002],
  ["<|constrain|>", 200003],
  ["<|reserved_200004|>", 200004],
  ["<|channel|>", 200005],
  ["<|start|>", 200006],
  ["<|end|>", 200007],
  ["<|message|>", 200008],
  ["<|reserved_200009|>", 200009],
  ["<|reserved_200010|>", 200010],
  ["<|reserved_200011|>", 200011],
  ["<|call|>", 200012],
  ...Array.from({ length: 201088 - 200013 }, (_, i) => [`<|reserved_${200013 + i}|>`, 200013 + i] as const),
]);

export const ENCODINGS = {
  gpt2: { name: "gpt2", ranks: "r50k_base", pattern: "gpt2", specialTokens: [[ENDOFTEXT, 50256]] },
  r50k_base: { name: "r50k_base", ranks: "r50k_base", pattern: "gpt2", specialTokens: [[ENDOFTEXT, 50256]] },
  p50k_base: { name: "p50k_base", ranks: "p50k_base", pattern: "gpt2", specialTokens: [[ENDOFTEXT, 50256]] },
  p50k_edit: {
    name: "p50k_edit",
    ranks: "p50k_base",
    pattern: "gpt2",
    specialTokens: [[ENDOFTEXT, 50256], [FIM_PREFIX, 50281], [FIM_MIDDLE, 50282], [FIM_SUFFIX, 50283]],
  },
  cl100k_base: {
    name: "cl100k_base",
    ranks: "cl100k_base",
    pattern: "cl100k",
    specialTokens: [[ENDOFTEXT, 100257], [FIM_PREFIX, 100258], [FIM_MIDDLE, 100259], [FIM_SUFFIX, 100260], [ENDOFPROMPT, 100276]],
  },
  o200k_base: {
    name: "o200k_base",
    ranks: "o200k_base",
    pattern: "o200k",
    specialTokens: [[ENDOFTEXT, 199999], [ENDOFPROMPT, 200018]],
  },
  o200k_harmony: { name: "o200k_harmony", ranks: "o200k_base", pattern: "o200k", specialTokens: HARMONY_SPECIALS },
} as const satisfies Record<string, EncodingSpec>;

export type EncodingName = keyof typeof ENCODINGS;

export const encodingNames = Object.freeze(Object.keys(ENCODINGS)) as readonly EncodingName[];
