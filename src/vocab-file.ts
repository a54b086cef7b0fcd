// Reader for the packed vocabulary format "BPV1" written by scripts/pack-vocab.mjs (see README.md):
//   "BPV1" | u32 header length | header JSON | pad to 4 | u32 ids[n] | u32 offsets[n+1] | blob
//   [| pad to 4 | u32 slotOfRank[n]]   (optional: the engine's hash table placement, header.slots slots)
// Only the layout is checked here; the engine checks the contents when it builds its tables.

import { BytepairError } from "./errors.js";

export interface PackedVocab {
  name: string;
  tokenCount: number;
  /** Output id of the entry of each rank (rank = merge priority). */
  ids: Uint32Array;
  offsets: Uint32Array;
  blob: Uint8Array;
  /** Merges mode: for each entry, the length of its left part (0: a whole token). See assembly/vocab.ts. */
  leftLens?: Uint32Array;
  /**
   * Where the engine's hash table of `capacity` slots puts each token, computed at build time, and the
   * engine hash signature it was computed with; loading uses it only when the signatures agree.
   */
  slots?: { capacity: number; slotOfRank: Uint32Array; hashSignature: number };
}

function invalid(what: string, where: string): never {
  throw new BytepairError("INVALID_VOCAB", `Invalid packed vocabulary ${where}: ${what}`);
}

export function readPackedVocab(bytes: Uint8Array, where: string): PackedVocab {
  if (bytes.length < 8) invalid(`${bytes.length} bytes is too short for a header`, where);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]);
  if (magic !== "BPV1") invalid(`magic is ${JSON.stringify(magic)}, expected "BPV1"`, where);
  const headerLength = view.getUint32(4, true);
  if (8 + headerLength > bytes.length) invalid(`header length ${headerLength} runs past the end (${bytes.length} bytes)`, where);
  let header: { name?: unknown; tokenCount?: unknown; blobBytes?: unknown; slots?: unknown; hashSignature?: unknown };
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength)));
  } catch (e) {
    invalid(`header is not JSON (${(e as Error).message})`, where);
  }
  const { name, tokenCount: n, blobBytes } = header;
  if (typeof name !== "string") invalid("header has no name", where);
  if (!Number.isInteger(n) || (n as number) < 256) invalid(`tokenCount ${String(n)} is not an integer >= 256`, where);
  if (!Number.isInteger(blobBytes) || (blobBytes as number) < 0) invalid(`blobBytes ${String(blobBytes)} is not a byte count`, where);
  const count = n as number;
  const tables = (8 + headerLength + 3) & ~3;
  const blobEnd = tables + 8 * count + 4 + (blobBytes as number);
  const { slots, hashSignature } = header;
  if (slots !== undefined && (!Number.isInteger(slots) || !Number.isInteger(hashSignature))) invalid("slots or hashSignature is not an integer", where);
  const slotsAt = (blobEnd + 3) & ~3;
  const needed = slots === undefined ? blobEnd : slotsAt + 4 * count;
  if (needed !== bytes.length) invalid(`header says ${needed} bytes in all, file has ${bytes.length}`, where);
  // Views where the tables are 4-byte aligned (a file read whole always is), copies otherwise: a copy
  // is megabytes of fresh memory, whose first touch is much of a cold start. blob is a view either way.
  const u32 = (at: number, len: number) =>
    (bytes.byteOffset + at) % 4 === 0
      ? new Uint32Array(bytes.buffer, bytes.byteOffset + at, len)
      : new Uint32Array(bytes.slice(at, at + 4 * len).buffer);
  return {
    name,
    tokenCount: count,
    ids: u32(tables, count),
    offsets: u32(tables + 4 * count, count + 1),
    blob: bytes.subarray(tables + 8 * count + 4, blobEnd),
    slots: slots === undefined ? undefined : { capacity: slots as number, slotOfRank: u32(slotsAt, count), hashSignature: hashSignature as number },
  };
}
