// A BPE vocabulary held in memory (token id -> bytes, merges in priority order, special tokens),
// checked and laid out for the engine's merges mode: entry r < 256 is byte r, entry 256 + i is the
// i-th merge (its bytes and the length of its left part), then every other token as a whole.

import { BytepairError, describeValue, quote } from "../errors.js";
import type { PackedVocab } from "../vocab/file.js";
import { bytesKey as keyOf, concatBytes } from "../formats/vocab-checks.js";

export interface BpeSource {
  /** Token id -> bytes, for every ordinary token (special tokens may be in it too). */
  vocab: Map<number, Uint8Array> | Iterable<readonly [number, Uint8Array]>;
  /** Merges in priority order, as pairs of token byte strings. */
  merges: Iterable<readonly [Uint8Array, Uint8Array]>;
  /** Special tokens: a map to their ids, or names (a name already in the vocabulary keeps its id; others get the next ids). */
  specialTokens?: ReadonlyMap<string, number> | Iterable<string>;
}

export interface PackedBpe {
  packed: PackedVocab;
  specialTokens: Array<[string, number]>;
}

const MAX_ID = 2 ** 26 - 1;
const utf8 = new TextEncoder();


function show(bytes: Uint8Array): string {
  return JSON.stringify(new TextDecoder().decode(bytes));
}

/** `value` if it can be iterated, else INVALID_ARGUMENT naming what was expected. */
function iterable<T>(value: Iterable<T> | undefined, name: string, expected: string): Iterable<T> {
  if (value === null || typeof value !== "object" || typeof (value as Iterable<T>)[Symbol.iterator] !== "function") {
    throw new BytepairError("INVALID_ARGUMENT", `Expected ${name} to be ${expected}, got ${describeValue(value)}`);
  }
  return value;
}

function invalid(message: string): never {
  throw new BytepairError("INVALID_VOCAB", `Invalid BPE vocabulary: ${message}`);
}

export interface PackOptions {
  wholeTokens?: boolean;
  /** The token merge i makes, as the vocabulary's own array, from a reader that knows it: found without building a key. */
  mergeResults?: ReadonlyArray<Uint8Array>;
}

/**
 * `wholeTokens` (for Hugging Face's ignore_merges) also packs every token a merge makes as a whole
 * entry, so the engine can find a piece that is itself a token before merging.
 */
export function packBpe(source: BpeSource, name: string, options: PackOptions = {}): PackedBpe {
  if (source === null || typeof source !== "object") invalid("expected { vocab, merges, specialTokens }");
  const bytesById = new Map<number, Uint8Array>();
  // Parts that are the vocabulary's own arrays (as the file readers give them) are found by identity;
  // string keys of the bytes are built only if something is not (for 100,000s of tokens they are
  // most of loading).
  const idOfArray = new Map<Uint8Array, number>();
  const byteId = new Int32Array(256).fill(-1); // lowest id of each single-byte token
  for (const entry of iterable(source.vocab, "vocab", "a Map or an iterable of [id, bytes]")) {
    const [id, bytes] = entry;
    if (!Number.isInteger(id) || id < 0 || id > MAX_ID) invalid(`token id ${String(id)} is not an integer from 0 to ${MAX_ID}`);
    if (!(bytes instanceof Uint8Array) || bytes.length === 0) invalid(`token ${id} is not a non-empty Uint8Array`);
    if (bytesById.has(id)) invalid(`token id ${id} appears twice`);
    bytesById.set(id, bytes);
    const same = idOfArray.get(bytes);
    if (same === undefined || id < same) idOfArray.set(bytes, id);
    if (bytes.length === 1 && (byteId[bytes[0]] < 0 || id < byteId[bytes[0]])) byteId[bytes[0]] = id;
  }
  let keys: Map<string, number> | undefined;
  const idByKey = (): Map<string, number> => {
    if (!keys) {
      keys = new Map(); // lowest id with those bytes
      for (const [id, bytes] of bytesById) {
        const key = keyOf(bytes);
        const seen = keys.get(key);
        if (seen === undefined || id < seen) keys.set(key, id);
      }
    }
    return keys;
  };
  const idOf = (part: Uint8Array): number | undefined => idOfArray.get(part) ?? idByKey().get(keyOf(part));

  const specials = resolveSpecials(source.specialTokens, idByKey, bytesById);
  const specialIds = new Set(specials.map(([, id]) => id));

  const entryBytes: Uint8Array[] = [];
  const entryIds: number[] = [];
  const entryLeftLens: number[] = [];
  const push = (bytes: Uint8Array, leftLen: number, id: number): void => {
    entryBytes.push(bytes);
    entryLeftLens.push(leftLen);
    entryIds.push(id);
  };
  const used = new Set<number>();
  for (let b = 0; b < 256; b++) {
    const id = byteId[b];
    if (id < 0) invalid(`no token is the single byte 0x${b.toString(16).padStart(2, "0")} (byte-level BPE needs all 256)`);
    push(Uint8Array.of(b), 0, id);
    used.add(id);
  }
  const results = options.mergeResults;
  // Readers that give the results have refused repeated merges already.
  const seenMerges = results ? undefined : new Set<number>();
  let index = 0;
  for (const merge of iterable(source.merges, "merges", "an iterable of [left, right] byte pairs")) {
    const [left, right] = merge;
    if (!(left instanceof Uint8Array) || !(right instanceof Uint8Array)) invalid(`merge ${index} is not a pair of Uint8Arrays`);
    const leftId = idOf(left);
    const rightId = idOf(right);
    if (leftId === undefined || rightId === undefined) {
      invalid(`merge ${index} (${show(left)} + ${show(right)}): ${show(leftId === undefined ? left : right)} is not a token`);
    }
    const made = results?.[index];
    const madeId = made !== undefined && made.length === left.length + right.length ? idOfArray.get(made) : undefined;
    const joined = madeId !== undefined ? made! : concatBytes(left, right);
    const id = madeId ?? idByKey().get(keyOf(joined));
    if (id === undefined) invalid(`merge ${index} (${show(left)} + ${show(right)}) makes ${show(joined)}, which is not a token`);
    // The lowest ids of the two parts name the merge exactly (ids are below 2^26, so this is exact).
    const mergeKey = leftId * 2 ** 26 + rightId;
    if (!seenMerges?.has(mergeKey)) {
      // A repeated merge keeps its first (highest) priority.
      seenMerges?.add(mergeKey);
      push(joined, left.length, id);
      used.add(id);
    }
    index++;
  }
  for (const [id, bytes] of bytesById) {
    if ((!used.has(id) || (options.wholeTokens && bytes.length > 1)) && !specialIds.has(id)) push(bytes, 0, id);
  }

  const count = entryBytes.length;
  let blobBytes = 0;
  for (const bytes of entryBytes) blobBytes += bytes.length;
  const packed: PackedVocab = {
    name,
    tokenCount: count,
    ids: Uint32Array.from(entryIds),
    offsets: new Uint32Array(count + 1),
    blob: new Uint8Array(blobBytes),
    leftLens: Uint32Array.from(entryLeftLens),
  };
  let at = 0;
  for (let r = 0; r < count; r++) {
    packed.offsets[r] = at;
    packed.blob.set(entryBytes[r], at);
    at += entryBytes[r].length;
  }
  packed.offsets[count] = at;
  return { packed, specialTokens: specials };
}

/** Special tokens as [text, id]: a map's ids checked against the vocabulary; names resolved as BpeSource says. */
export function resolveSpecials(
  given: BpeSource["specialTokens"],
  idByKey: () => Map<string, number>,
  bytesById: Map<number, Uint8Array>,
): Array<[string, number]> {
  if (given === undefined) return [];
  iterable<unknown>(given as Iterable<unknown>, "specialTokens", "a Map of text to id or an iterable of texts");
  const result: Array<[string, number]> = [];
  if (given instanceof Map) {
    for (const [text, id] of given) {
      if (typeof text !== "string" || text === "") invalid(`special token ${quote(text)} is not a non-empty string`);
      if (!Number.isInteger(id) || id < 0 || id > MAX_ID) invalid(`special token ${quote(text)} has id ${String(id)}`);
      const bytes = bytesById.get(id);
      if (bytes && keyOf(bytes) !== keyOf(utf8.encode(text))) invalid(`special token ${quote(text)} has id ${id}, which is the token ${show(bytes)}`);
      result.push([text, id]);
    }
    return result;
  }
  let next = 0;
  for (const id of bytesById.keys()) if (id >= next) next = id + 1;
  const seen = new Set<string>();
  for (const text of given as Iterable<string>) {
    if (typeof text !== "string" || text === "") invalid(`special token ${quote(text)} is not a non-empty string`);
    if (seen.has(text)) continue;
    seen.add(text);
    // In the vocabulary already: keep its id. Otherwise: the next id after the vocabulary.
    const id = idByKey().get(keyOf(utf8.encode(text))) ?? next++;
    result.push([text, id]);
  }
  return result;
}
