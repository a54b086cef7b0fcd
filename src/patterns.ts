// The pre-tokenizer pattern families, in one place: their names, tiktoken's regexes (pat_str in
// tiktoken_ext/openai_public.py, as the Split pre-tokenizer of a tokenizer.json carries them), the
// engine's code for each, and the check of a user's `pattern` option. r50k_base, p50k_base and
// p50k_edit use GPT-2's.

import { BytepairError, quote } from "./errors.js";
import { PATTERN_GPT2, PATTERN_CL100K, PATTERN_O200K } from "./abi.js";

/** A family the engine has a hand-written scanner for. */
export type PatternFamily = "gpt2" | "cl100k" | "o200k";

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

/**
 * The family of a vocabulary file's pat_str: tiktoken's exact source, or the spelling js-tiktoken's
 * rank files use, which writes each (?i:...) group out as a plain group of every case variant ('s|'S|...).
 * That spelling is taken for the family it transcribes, whose ids are tiktoken's.
 */
export function patternFamilyOfFile(source: string): PatternFamily | undefined {
  return patternFamilyOf(source) ?? PATTERN_FAMILIES.find((family) => caseExpanded(PATTERN_SOURCES[family]) === source);
}

/** `source` with each (?i:a|b) group written as (A|B), A and B every upper/lower spelling of a and b. */
function caseExpanded(source: string): string {
  return source.replace(/\(\?i:([^()]*)\)/g, (_, body: string) => `(${body.split("|").flatMap(caseVariants).join("|")})`);
}

function caseVariants(word: string): string[] {
  if (word === "") return [""];
  const rest = caseVariants(word.slice(1));
  const lower = word[0].toLowerCase();
  const upper = word[0].toUpperCase();
  const heads = lower === upper ? [word[0]] : [lower, upper];
  return heads.flatMap((head) => rest.map((tail) => head + tail));
}

/** The engine's code of each family (setPattern, trainBegin). */
export const PATTERN_CODES: Readonly<Record<PatternFamily, number>> = { gpt2: PATTERN_GPT2, cl100k: PATTERN_CL100K, o200k: PATTERN_O200K };

/** A user's `pattern` option: a family's name or its exact regex; gpt2 when not given. */
export function checkPattern(pattern: unknown): PatternFamily {
  if (pattern === undefined) return "gpt2";
  if (typeof pattern === "string" && Object.hasOwn(PATTERN_SOURCES, pattern)) return pattern as PatternFamily;
  const family = typeof pattern === "string" ? patternFamilyOf(pattern) : undefined;
  if (family) return family;
  throw new BytepairError(
    "INVALID_ARGUMENT",
    `pattern must be "gpt2", "cl100k", "o200k" or one of their exact regex sources; got ${quote(pattern)} ` +
      "(other pre-tokenizer regexes are not supported yet)",
  );
}
