// tiktoken's pre-tokenizer regexes (pat_str in tiktoken_ext/openai_public.py), as the Split
// pre-tokenizer of a tokenizer.json carries them. r50k_base, p50k_base and p50k_edit use GPT-2's.

import type { PatternFamily } from "../encodings/registry.js";

export type { PatternFamily };

export const PATTERN_SOURCES: Readonly<Record<PatternFamily, string>> = {
  gpt2: String.raw`'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+`,
  cl100k: String.raw`(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+`,
  o200k: [
    String.raw`[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?`,
    String.raw`[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?`,
    String.raw`\p{N}{1,3}`,
    String.raw` ?[^\s\p{L}\p{N}]+[\r\n/]*`,
    String.raw`\s*[\r\n]+`,
    String.raw`\s+(?!\S)`,
    String.raw`\s+`,
  ].join("|"),
};

export const PATTERN_FAMILIES = Object.keys(PATTERN_SOURCES) as PatternFamily[];

/** The family whose regex is exactly `source`, if any. */
export function patternFamilyOf(source: string): PatternFamily | undefined {
  return PATTERN_FAMILIES.find((family) => PATTERN_SOURCES[family] === source);
}
