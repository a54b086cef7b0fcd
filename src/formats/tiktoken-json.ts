// The rank JSON of js-tiktoken's ranks/*.json and of @anthropic-ai/tokenizer's claude.json:
// { pat_str, special_tokens, bpe_ranks, explicit_n_vocab? }. bpe_ranks is the ranks compressed to
// runs: one line per run of consecutive ranks, "<label> <first rank> <base64> <base64> ...", where
// the k-th token of the line has rank first + k (the label is not used). Ranks are ids, as in .tiktoken.

import { decodeBase64 } from "./base64.js";
import { excerpt, invalidVocab, showBytes } from "./invalid.js";
import { bytesKey, isTokenId } from "./vocab-checks.js";
import { MAX_TOKEN_ID } from "../abi.js";

const FILE_KIND = "rank JSON";
const RANK = /^(?:0|[1-9][0-9]*)$/;

export interface TiktokenJson {
  /** pat_str: the pre-tokenizer regex, as the file writes it. */
  pattern: string;
  /** Rank -> token bytes. */
  ranks: Map<number, Uint8Array>;
  specialTokens: Map<string, number>;
}

/** Whether `value` looks like a rank JSON object (has bpe_ranks), so a loader can tell it from other files. */
export function isTiktokenJson(value: unknown): boolean {
  return value !== null && typeof value === "object" && !Array.isArray(value) && "bpe_ranks" in value;
}

/** The JSON text (or its parsed object) of a rank JSON file, checked field by field. */
export function parseTiktokenJson(data: string | object): TiktokenJson {
  const root = typeof data === "string" ? parseJson(data, FILE_KIND) : data;
  if (root === null || typeof root !== "object" || Array.isArray(root)) invalidVocab(FILE_KIND, "expected an object { pat_str, special_tokens, bpe_ranks }");
  // explicit_n_vocab is not checked: js-tiktoken and tiktoken's JS package ignore it, and claude.json's
  // (64,739) is not its count of ranks and special tokens (65,000).
  const { pat_str, special_tokens, bpe_ranks } = root as Record<string, unknown>;
  if (typeof pat_str !== "string" || pat_str === "") invalidVocab(`${FILE_KIND} $.pat_str`, "expected the pre-tokenizer regex as a non-empty string");
  if (typeof bpe_ranks !== "string") invalidVocab(`${FILE_KIND} $.bpe_ranks`, "expected a string of lines \"<label> <first rank> <base64>...\"");
  const ranks = parseRankRuns(bpe_ranks);
  const specialTokens = parseSpecialTokens(special_tokens, ranks, `${FILE_KIND} $.special_tokens`);
  return { pattern: pat_str, ranks, specialTokens };
}

function parseRankRuns(text: string): Map<number, Uint8Array> {
  const ranks = new Map<number, Uint8Array>();
  const lineOfToken = new Map<string, number>();
  const lineOfRank = new Map<number, number>();
  let lineNumber = 0;
  for (const line of text.split("\n")) {
    lineNumber++;
    if (line === "") continue;
    const where = `${FILE_KIND} $.bpe_ranks line ${lineNumber}`;
    const fields = line.split(" ");
    if (fields.length < 3) invalidVocab(where, `${excerpt(line)} is not "<label> <first rank> <base64>..."`);
    const first = Number(fields[1]);
    if (!RANK.test(fields[1]) || !isTokenId(first) || first + fields.length - 3 > MAX_TOKEN_ID) {
      invalidVocab(where, `first rank ${excerpt(fields[1])} is not an integer from 0 to ${MAX_TOKEN_ID} (with the line's ${fields.length - 2} tokens)`);
    }
    for (let k = 2; k < fields.length; k++) {
      const rank = first + k - 2;
      const bytes = decodeBase64(fields[k]);
      if (bytes === undefined || bytes.length === 0) invalidVocab(where, `token ${k - 1}, ${excerpt(fields[k])}, is not the base64 of a token (standard alphabet, padded)`);
      const rankLine = lineOfRank.get(rank);
      if (rankLine !== undefined) invalidVocab(where, `rank ${rank} is already given on line ${rankLine}`);
      const key = bytesKey(bytes);
      const tokenLine = lineOfToken.get(key);
      if (tokenLine !== undefined) invalidVocab(where, `token ${showBytes(bytes)} (${excerpt(fields[k])}) is already ranked on line ${tokenLine}`);
      lineOfRank.set(rank, lineNumber);
      lineOfToken.set(key, lineNumber);
      ranks.set(rank, bytes);
    }
  }
  if (ranks.size === 0) invalidVocab(`${FILE_KIND} $.bpe_ranks`, "holds no tokens");
  return ranks;
}

/** A JSON object of special token text -> id; no id may be an ordinary rank's. */
export function parseSpecialTokens(value: unknown, ranks: ReadonlyMap<number, Uint8Array>, where: string): Map<string, number> {
  if (value === undefined) return new Map();
  if (value === null || typeof value !== "object" || Array.isArray(value)) invalidVocab(where, "expected an object of special token text -> id");
  const specials = new Map<string, number>();
  for (const [text, id] of Object.entries(value)) {
    if (text === "") invalidVocab(where, "a special token is the empty string");
    if (!isTokenId(id)) invalidVocab(`${where}[${excerpt(text)}]`, `id ${excerpt(String(id))} is not an integer from 0 to ${MAX_TOKEN_ID}`);
    if (ranks.has(id)) invalidVocab(`${where}[${excerpt(text)}]`, `id ${id} is the rank of the ordinary token ${showBytes(ranks.get(id)!)}`);
    specials.set(text, id);
  }
  return specials;
}

export function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    return invalidVocab(what, `not valid JSON (${(e as Error).message})`);
  }
}
