// The naive BPE trainer: plain, slow and obviously correct. It is the ground truth the WebAssembly
// trainer is tested against, and the version to read first.
//
// Every step recounts every adjacent pair from scratch, picks the most frequent (ties: the
// lexicographically greater pair of byte strings), and rewrites every pre-token. That costs
// O(merges × tokens), which is fine for the small corpora it is used on. A pair whose joined bytes
// would be longer than a vocabulary may hold (MAX_TOKEN_BYTES) is never merged.

import { BytepairError } from "../errors.js";
import { gpt2PreTokens, splitAroundSpecials } from "./pretokenize.js";
import { MAX_TOKEN_BYTES } from "../vocab/file.js";

export interface NaiveTrainResult {
  /** Token id -> bytes: the special tokens (0..k-1), the 256 bytes (k..k+255), then one per merge. */
  vocab: Map<number, Uint8Array>;
  /** The merges in the order they were learned, as pairs of token byte strings. */
  merges: Array<[Uint8Array, Uint8Array]>;
}

const utf8 = new TextEncoder();

/** The same ceiling as train(); it also keeps pair keys (left × 2^24 + right) exact. */
const MAX_VOCAB_SIZE = 2 ** 24;

/**
 * Learns `vocabSize - specialTokens.length - 256` merges from `text` (fewer if no pair is left).
 * Special tokens are cut out of the text first and never merged; each remaining part is split by
 * the GPT-2 pattern, and pairs never cross pre-tokens. Tokens are tracked by id; the tie rule reads
 * their bytes.
 */
export function naiveTrain(text: string, vocabSize: number, specialTokens: string[] = []): NaiveTrainResult {
  const specials = checkSpecialTokens(specialTokens);
  checkVocabSize(vocabSize, specials.length);

  // The starting vocabulary: specials, then the 256 single bytes.
  const tokenBytes: Uint8Array[] = specials.map((s) => utf8.encode(s));
  const firstByteId = tokenBytes.length;
  for (let b = 0; b < 256; b++) tokenBytes.push(Uint8Array.of(b));

  const words = countPreTokens(text, specials, firstByteId);
  const merges: Array<[Uint8Array, Uint8Array]> = [];

  while (tokenBytes.length < vocabSize) {
    const best = mostFrequentPair(countPairs(words), tokenBytes);
    if (best === undefined) break; // every pre-token is a single token: nothing left to merge

    const [left, right] = best;
    const newId = tokenBytes.length;
    tokenBytes.push(concat(tokenBytes[left], tokenBytes[right]));
    merges.push([tokenBytes[left], tokenBytes[right]]);
    for (const word of words) word.tokens = mergePair(word.tokens, left, right, newId);
  }

  return { vocab: new Map(tokenBytes.map((bytes, id) => [id, bytes])), merges };
}

/** A distinct pre-token: its current tokens and how often it occurs in the text. */
interface Word {
  tokens: number[];
  count: number;
}

function checkSpecialTokens(specialTokens: readonly string[]): string[] {
  if (!Array.isArray(specialTokens)) {
    throw new BytepairError("INVALID_ARGUMENT", "specialTokens must be an array of strings");
  }
  const unique: string[] = [];
  for (const s of specialTokens) {
    if (typeof s !== "string" || s === "") {
      throw new BytepairError("INVALID_ARGUMENT", `Special tokens must be non-empty strings, got ${JSON.stringify(s)}`);
    }
    if (!unique.includes(s)) unique.push(s); // a duplicate keeps its first id
  }
  return unique;
}

function checkVocabSize(vocabSize: number, specialCount: number): void {
  const least = specialCount + 256;
  if (!Number.isInteger(vocabSize) || vocabSize < least || vocabSize > MAX_VOCAB_SIZE) {
    throw new BytepairError(
      "INVALID_ARGUMENT",
      `vocabSize must be an integer from ${least} (${specialCount} special tokens + 256 bytes) to ${MAX_VOCAB_SIZE}, got ${String(vocabSize)}`,
    );
  }
}

/** The distinct pre-tokens of the text (special tokens cut out), each as byte ids with its count. */
function countPreTokens(text: string, specials: string[], firstByteId: number): Word[] {
  const counts = new Map<string, number>();
  // Lone surrogates read as U+FFFD (their UTF-8), before special tokens are cut, as encoding does.
  for (const part of splitAroundSpecials(text.replace(/\p{Cs}/gu, "\uFFFD"), specials)) {
    for (const piece of gpt2PreTokens(part.text)) counts.set(piece, (counts.get(piece) ?? 0) + 1);
  }
  // Keying by the (well-formed) string is keying by its UTF-8 bytes: the encoding is one-to-one.
  return [...counts].map(([piece, count]) => ({
    tokens: Array.from(utf8.encode(piece), (byte) => firstByteId + byte),
    count,
  }));
}

/** Pair key: two token ids in one number, exact because ids stay below MAX_VOCAB_SIZE. */
const PAIR_BASE = MAX_VOCAB_SIZE;
const pairKey = (left: number, right: number) => left * PAIR_BASE + right;

/** How often each adjacent pair occurs, over all pre-tokens, weighted by their counts. */
function countPairs(words: readonly Word[]): Map<number, number> {
  const pairCounts = new Map<number, number>();
  for (const { tokens, count } of words) {
    for (let i = 0; i + 1 < tokens.length; i++) {
      const key = pairKey(tokens[i], tokens[i + 1]);
      pairCounts.set(key, (pairCounts.get(key) ?? 0) + count);
    }
  }
  return pairCounts;
}

/** The pair with the highest count (of those short enough to be a token); on a tie, the lexicographically greater one. */
function mostFrequentPair(pairCounts: Map<number, number>, tokenBytes: Uint8Array[]): [number, number] | undefined {
  let best: [number, number] | undefined;
  let bestCount = 0;
  for (const [key, count] of pairCounts) {
    const pair: [number, number] = [Math.floor(key / PAIR_BASE), key % PAIR_BASE];
    if (tokenBytes[pair[0]].length + tokenBytes[pair[1]].length > MAX_TOKEN_BYTES) continue;
    if (count > bestCount || (count === bestCount && best !== undefined && comparePairs(pair, best, tokenBytes) > 0)) {
      best = pair;
      bestCount = count;
    }
  }
  return best;
}

/** Order of pairs as Python orders tuples of bytes: by the first token's bytes, then the second's. */
function comparePairs(a: [number, number], b: [number, number], tokenBytes: Uint8Array[]): number {
  return compareBytes(tokenBytes[a[0]], tokenBytes[b[0]]) || compareBytes(tokenBytes[a[1]], tokenBytes[b[1]]);
}

/** Byte-wise lexicographic order; a proper prefix comes first. */
function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** The tokens with each occurrence of (left, right) replaced by newId, left to right, non-overlapping. */
function mergePair(tokens: number[], left: number, right: number, newId: number): number[] {
  const merged: number[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (i + 1 < tokens.length && tokens[i] === left && tokens[i + 1] === right) {
      merged.push(newId);
      i += 2;
    } else {
      merged.push(tokens[i]);
      i += 1;
    }
  }
  return merged;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}
