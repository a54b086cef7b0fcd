// Mistral's tekken.json, as mistral-common reads it (tokens/tokenizers/tekken.py):
// { config: { pattern, num_vocab_tokens, default_vocab_size, default_num_special_tokens, version },
//   vocab: [{ rank, token_bytes (base64), token_str }], special_tokens?: [{ rank, token_str, is_control }] }.
// Ids: the first default_num_special_tokens ids are the special tokens (the file's, then fillers
// "<SPECIAL_i>"); ordinary rank r is id r + default_num_special_tokens, and only the first
// default_vocab_size - default_num_special_tokens ranks are kept. Files of version v7 and before may
// have no special_tokens: mistral-common then uses its fixed list, DEFAULT_SPECIAL_TOKENS below.

import { decodeBase64 } from "./base64.js";
import { excerpt, invalidVocab, showBytes } from "./invalid.js";
import { bytesKey } from "./vocab-checks.js";
import { parseJson } from "./tiktoken-json.js";
import { MAX_TOKEN_ID } from "../abi.js";

const FILE_KIND = "tekken.json";

/** mistral-common's special tokens for a file without special_tokens (Tekkenizer.DEPRECATED_SPECIAL_TOKENS). */
export const DEFAULT_SPECIAL_TOKENS: readonly string[] = [
  "<unk>", "<s>", "</s>", "[INST]", "[/INST]", "[AVAILABLE_TOOLS]", "[/AVAILABLE_TOOLS]", "[TOOL_RESULTS]",
  "[/TOOL_RESULTS]", "[TOOL_CALLS]", "[IMG]", "<pad>", "[IMG_BREAK]", "[IMG_END]", "[PREFIX]", "[MIDDLE]",
  "[SUFFIX]", "[SYSTEM_PROMPT]", "[/SYSTEM_PROMPT]", "[TOOL_CONTENT]",
];

export interface Tekken {
  /** config.pattern: the pre-tokenizer regex (tiktoken's regex syntax). */
  pattern: string;
  /** config.version, e.g. "v3", "v7". */
  version: string;
  /** Rank -> token bytes: ranks 0 .. vocabSize - specials.length - 1, nothing past them. */
  ranks: Map<number, Uint8Array>;
  /** Every special token's text, by id (ids 0 .. length - 1); ordinary ids start at specials.length. */
  specials: string[];
  /** config.default_vocab_size: specials plus the kept ranks. */
  vocabSize: number;
}

/** Whether `value` looks like a tekken.json object (has config and vocab), so a loader can tell it from other files. */
export function isTekken(value: unknown): boolean {
  return value !== null && typeof value === "object" && !Array.isArray(value) && "config" in value && "vocab" in value;
}

/** The JSON text (or its parsed object) of a tekken.json file, checked field by field. */
export function parseTekken(data: string | object): Tekken {
  const root = typeof data === "string" ? parseJson(data, FILE_KIND) : data;
  if (!isObject(root)) invalidVocab(FILE_KIND, "expected an object { config, vocab, special_tokens? }");
  const config = root.config;
  if (!isObject(config)) invalidVocab(`${FILE_KIND} $.config`, "expected an object { pattern, default_vocab_size, default_num_special_tokens, version }");
  const { pattern, version } = config;
  if (typeof pattern !== "string" || pattern === "") invalidVocab(`${FILE_KIND} $.config.pattern`, "expected the pre-tokenizer regex as a non-empty string");
  if (typeof version !== "string" || !/^v[0-9]+$/.test(version)) invalidVocab(`${FILE_KIND} $.config.version`, `expected "v" and a number, such as "v7", got ${shown(version)}`);
  const vocabSize = count(config.default_vocab_size, "default_vocab_size", 1);
  const numSpecial = count(config.default_num_special_tokens, "default_num_special_tokens", 0);
  if (numSpecial >= vocabSize) invalidVocab(`${FILE_KIND} $.config.default_num_special_tokens`, `${numSpecial} leaves no ordinary token in default_vocab_size ${vocabSize}`);
  if (vocabSize - 1 > MAX_TOKEN_ID) invalidVocab(`${FILE_KIND} $.config.default_vocab_size`, `${vocabSize} is over ${MAX_TOKEN_ID + 1}`);
  const ranks = parseVocab(root.vocab, vocabSize - numSpecial);
  const specials = parseSpecials(root.special_tokens, version, numSpecial);
  return { pattern, version, ranks, specials, vocabSize };
}

function parseVocab(vocab: unknown, kept: number): Map<number, Uint8Array> {
  const where = `${FILE_KIND} $.vocab`;
  if (!Array.isArray(vocab)) invalidVocab(where, "expected an array of { rank, token_bytes, token_str }");
  if (vocab.length < kept) invalidVocab(where, `holds ${vocab.length} tokens; default_vocab_size - default_num_special_tokens needs ${kept}`);
  const ranks = new Map<number, Uint8Array>();
  const rankOf = new Map<string, number>();
  // As mistral-common: the entries past the kept ones are not read at all.
  for (let i = 0; i < kept; i++) {
    const entry: unknown = vocab[i];
    const at = `${where}[${i}]`;
    if (!isObject(entry)) invalidVocab(at, "expected an object { rank, token_bytes, token_str }");
    if (entry.rank !== i) invalidVocab(`${at}.rank`, `expected ${i} (the vocabulary is in rank order from 0), got ${shown(entry.rank)}`);
    const bytes = typeof entry.token_bytes === "string" ? decodeBase64(entry.token_bytes) : undefined;
    if (bytes === undefined || bytes.length === 0) invalidVocab(`${at}.token_bytes`, `${shown(entry.token_bytes)} is not the base64 of a token (standard alphabet, padded)`);
    // mistral-common's check: the first 256 ranks are the single bytes, in byte order.
    if (i < 256 && (bytes.length !== 1 || bytes[0] !== i)) invalidVocab(`${at}.token_bytes`, `rank ${i} must be the single byte ${i}, got ${showBytes(bytes)}`);
    const key = bytesKey(bytes);
    const earlier = rankOf.get(key);
    if (earlier !== undefined) invalidVocab(`${at}.token_bytes`, `token ${showBytes(bytes)} is already rank ${earlier}`);
    rankOf.set(key, i);
    ranks.set(i, bytes);
  }
  return ranks;
}

function parseSpecials(value: unknown, version: string, numSpecial: number): string[] {
  const where = `${FILE_KIND} $.special_tokens`;
  let given: string[];
  if (value === undefined || value === null) {
    // mistral-common refuses a file after v7 without special tokens, and uses its fixed list before.
    if (Number(version.slice(1)) > 7) invalidVocab(where, `missing: a ${version} file must list its special tokens`);
    given = DEFAULT_SPECIAL_TOKENS.slice();
  } else {
    if (!Array.isArray(value)) invalidVocab(where, "expected an array of { rank, token_str, is_control }");
    given = value.map((entry: unknown, i) => {
      const at = `${where}[${i}]`;
      if (!isObject(entry)) invalidVocab(at, "expected an object { rank, token_str, is_control }");
      // The id of a special token is its rank; mistral-common lists them in rank order from 0.
      if (entry.rank !== i) invalidVocab(`${at}.rank`, `expected ${i} (special tokens are in rank order from 0), got ${shown(entry.rank)}`);
      if (typeof entry.token_str !== "string" || entry.token_str === "") invalidVocab(`${at}.token_str`, `expected the token's text, got ${shown(entry.token_str)}`);
      return entry.token_str;
    });
  }
  if (given.length > numSpecial) invalidVocab(where, `lists ${given.length} special tokens, more than default_num_special_tokens (${numSpecial})`);
  for (let i = given.length; i < numSpecial; i++) given.push(`<SPECIAL_${i}>`);
  const seen = new Map<string, number>();
  given.forEach((text, id) => {
    const first = seen.get(text);
    if (first !== undefined) invalidVocab(`${where}[${id}]`, `${excerpt(text)} is already special token ${first}`);
    seen.set(text, id);
  });
  return given;
}

function count(value: unknown, field: string, min: number): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < min) {
    invalidVocab(`${FILE_KIND} $.config.${field}`, `expected an integer of at least ${min}, got ${shown(value)}`);
  }
  return value;
}

function shown(value: unknown): string {
  return typeof value === "string" ? excerpt(value) : excerpt(String(JSON.stringify(value) ?? value));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}
