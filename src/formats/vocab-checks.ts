// Checks shared by the writers: what they are given must be a vocabulary their own readers accept
// back (ids unique non-negative integers, tokens non-empty and distinct, merges of two tokens that
// make a third, special tokens clear of the ordinary ids).

import { MAX_TOKEN_ID } from "../abi.js";
import { invalidVocab, showBytes, excerpt } from "./invalid.js";

/** A byte string as a map key: one char per byte. */
export function bytesKey(bytes: Uint8Array): string {
  // One flat string per call (a += loop builds a rope per character: slow to hash, heavy on GC).
  if (bytes.length <= 4096) return String.fromCharCode.apply(null, bytes as unknown as number[]);
  let key = "";
  for (let i = 0; i < bytes.length; i += 4096) key += String.fromCharCode.apply(null, bytes.subarray(i, i + 4096) as unknown as number[]);
  return key;
}

export function concatBytes(left: Uint8Array, right: Uint8Array): Uint8Array {
  const joined = new Uint8Array(left.length + right.length);
  joined.set(left);
  joined.set(right, left.length);
  return joined;
}

/** The largest token id a vocabulary may use: ids and merge keys stay exact in the engine's 32-bit words. */

export function isTokenId(id: unknown): id is number {
  return typeof id === "number" && Number.isInteger(id) && id >= 0 && id <= MAX_TOKEN_ID;
}

/** Token ids in increasing order with their bytes, and the id of each byte string. */
export interface CheckedVocab {
  byId: Array<[number, Uint8Array]>;
  idByKey: Map<string, number>;
}

export function checkVocab(vocab: ReadonlyMap<number, Uint8Array>, where: string): CheckedVocab {
  if (!(vocab instanceof Map)) invalidVocab(where, "vocab must be a Map of token id -> Uint8Array");
  const idByKey = new Map<string, number>();
  for (const [id, bytes] of vocab) {
    if (!isTokenId(id)) invalidVocab(where, `vocab id ${String(id)} is not a non-negative integer`);
    if (!(bytes instanceof Uint8Array) || bytes.length === 0) invalidVocab(where, `vocab id ${id} is not a non-empty Uint8Array`);
    const key = bytesKey(bytes);
    const other = idByKey.get(key);
    if (other !== undefined) invalidVocab(where, `vocab ids ${other} and ${id} have the same bytes ${showBytes(bytes)}`);
    idByKey.set(key, id);
  }
  const byId = Array.from(vocab).sort((a, b) => a[0] - b[0]);
  return { byId, idByKey };
}

/** Every merge joins two tokens of the vocabulary into a third, and no merge appears twice. */
export function checkMerges(merges: ReadonlyArray<readonly [Uint8Array, Uint8Array]>, idByKey: Map<string, number>, where: string): void {
  if (!Array.isArray(merges)) invalidVocab(where, "merges must be an array of [Uint8Array, Uint8Array] pairs");
  const seen = new Set<string>();
  merges.forEach((merge, index) => {
    const [left, right] = Array.isArray(merge) ? merge : [];
    if (!(left instanceof Uint8Array) || !(right instanceof Uint8Array) || merge.length !== 2) {
      invalidVocab(where, `merges[${index}] is not a pair of Uint8Arrays`);
    }
    const leftKey = bytesKey(left);
    const rightKey = bytesKey(right);
    for (const [part, key] of [[left, leftKey], [right, rightKey]] as const) {
      if (!idByKey.has(key)) invalidVocab(where, `merges[${index}] names ${showBytes(part)}, which is not in the vocab`);
    }
    if (!idByKey.has(leftKey + rightKey)) {
      invalidVocab(where, `merges[${index}] makes ${showBytes(concatBytes(left, right))}, which is not in the vocab`);
    }
    // The left length tells "ab"+"c" from "a"+"bc".
    const pairKey = `${left.length}:${leftKey}${rightKey}`;
    if (seen.has(pairKey)) invalidVocab(where, `merges[${index}] (${showBytes(left)} + ${showBytes(right)}) appears twice`);
    seen.add(pairKey);
  });
}

const utf8 = new TextEncoder();

/**
 * Special tokens in increasing id order, and the ordinary tokens: the vocab without them. A special
 * token's id must not be an ordinary token's; the vocab may hold the special token itself at its id
 * (train() returns it so), as its UTF-8 bytes.
 */
export function separateSpecialTokens(
  vocab: ReadonlyMap<number, Uint8Array>,
  specialTokens: ReadonlyMap<string, number> | undefined,
  where: string,
): { specials: Array<[string, number]>; ordinary: ReadonlyMap<number, Uint8Array> } {
  if (!(vocab instanceof Map)) invalidVocab(where, "vocab must be a Map of token id -> Uint8Array");
  if (specialTokens === undefined || specialTokens.size === 0) return { specials: [], ordinary: vocab };
  if (!(specialTokens instanceof Map)) invalidVocab(where, "specialTokens must be a Map of text -> id");
  const texts = new Map<number, string>();
  for (const [text, id] of specialTokens) {
    if (typeof text !== "string" || text.length === 0) invalidVocab(where, `special token ${excerpt(String(text))} is not a non-empty string`);
    if (!isTokenId(id)) invalidVocab(where, `special token ${excerpt(text)} has id ${String(id)}, not a non-negative integer`);
    const bytes = vocab.get(id);
    if (bytes !== undefined && bytesKey(bytes) !== bytesKey(utf8.encode(text))) {
      invalidVocab(where, `special token ${excerpt(text)} has id ${id}, which is the ordinary token ${showBytes(bytes)}`);
    }
    const other = texts.get(id);
    if (other !== undefined) invalidVocab(where, `special tokens ${excerpt(other)} and ${excerpt(text)} have the same id ${id}`);
    texts.set(id, text);
  }
  const ordinary = new Map(vocab);
  for (const id of texts.keys()) ordinary.delete(id);
  return { specials: Array.from(specialTokens).sort((a, b) => a[1] - b[1]), ordinary };
}
