// Reader for the packed vocabulary format "BPV1" written by scripts/pack-vocab.mjs (see docs/formats.md):
//   "BPV1" | u32 header length | header JSON | pad to 4 | u32 ids[n] (absent with idsAreRanks) | u32 offsets[n+1] | blob
//   [| pad to 4 | u32 slotOfRank[n]]   (optional: the engine's hash table placement, header.slots slots)
// Only the layout is checked here; the engine checks the contents when it builds its tables.

import { BytepairError } from "../errors.js";

/** The longest token a vocabulary may hold, in bytes: the engine refuses longer (MAX_TOKEN_LEN in the ABI). */
export { MAX_TOKEN_LEN as MAX_TOKEN_BYTES } from "../engine/abi.js";

export interface PackedVocab {
  name: string;
  tokenCount: number;
  /** Output id of the entry of each rank (rank = merge priority). */
  ids: Uint32Array;
  /** Every id is its rank (then `ids` is 0, 1, 2, ..., made here: the file has no ids table). */
  idsAreRanks?: boolean;
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

/** One of a vocabulary's tables, as the engine holds them (assembly/vocab.ts), in bytes. */
export type VocabTable = "ids" | "offsets" | "blob" | "leftLens" | "slotOfRank";

/**
 * A vocabulary for the wasm engine to load: its sizes, and how to write each table into the engine's
 * memory: copied from a PackedVocab (tablesOf), or read from a local file straight in (vocab/read.ts).
 */
export interface VocabTables {
  readonly tokenCount: number;
  readonly blobBytes: number;
  /** Every id is its rank: the engine keeps no ids table, and "ids" is never written. */
  readonly idsAreRanks: boolean;
  readonly hasLeftLens: boolean;
  readonly slots?: { readonly capacity: number; readonly hashSignature: number };
  /** Fills `into` (exactly the table's length) with the table. */
  write(table: VocabTable, into: Uint8Array): void;
}

export function tablesOf(vocab: PackedVocab): VocabTables {
  const bytes = (a: Uint32Array | Uint8Array) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
  const sources: Record<VocabTable, Uint32Array | Uint8Array | undefined> = {
    ids: vocab.ids,
    offsets: vocab.offsets,
    blob: vocab.blob,
    leftLens: vocab.leftLens,
    slotOfRank: vocab.slots?.slotOfRank,
  };
  return {
    tokenCount: vocab.tokenCount,
    blobBytes: vocab.blob.length,
    idsAreRanks: vocab.idsAreRanks === true,
    hasLeftLens: vocab.leftLens !== undefined,
    slots: vocab.slots,
    write(table, into) {
      into.set(bytes(sources[table]!));
    },
  };
}

function invalid(what: string, where: string): never {
  throw new BytepairError("INVALID_VOCAB", `Invalid packed vocabulary ${where}: ${what}`);
}

/** Where each table of a packed file is, in bytes from the file's start (see the format above). */
export interface PackedLayout {
  name: string;
  tokenCount: number;
  blobBytes: number;
  /** Absent when the header says idsAreRanks: every id is its rank, and the file has no ids table. */
  idsAt?: number;
  offsetsAt: number;
  blobAt: number;
  slots?: { capacity: number; hashSignature: number; at: number };
}

/**
 * The layout of a packed file of `fileBytes` bytes, from its first bytes: `head` holds at least the
 * first 8 and, when the file has them, the header's.
 */
export function readPackedLayout(head: Uint8Array, fileBytes: number, where: string): PackedLayout {
  if (fileBytes < 8 || head.length < 8) invalid(`${fileBytes} bytes is too short for a header`, where);
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const magic = String.fromCharCode(head[0], head[1], head[2], head[3]);
  if (magic !== "BPV1") invalid(`magic is ${JSON.stringify(magic)}, expected "BPV1"`, where);
  const headerLength = view.getUint32(4, true);
  if (8 + headerLength > fileBytes) invalid(`header length ${headerLength} runs past the end (${fileBytes} bytes)`, where);
  let header: { name?: unknown; tokenCount?: unknown; blobBytes?: unknown; idsAreRanks?: unknown; slots?: unknown; hashSignature?: unknown };
  try {
    header = JSON.parse(new TextDecoder().decode(head.subarray(8, 8 + headerLength)));
  } catch (e) {
    invalid(`header is not JSON (${(e as Error).message})`, where);
  }
  const { name, tokenCount: n, blobBytes } = header;
  if (typeof name !== "string") invalid("header has no name", where);
  if (!Number.isInteger(n) || (n as number) < 256) invalid(`tokenCount ${String(n)} is not an integer >= 256`, where);
  if (!Number.isInteger(blobBytes) || (blobBytes as number) < 0) invalid(`blobBytes ${String(blobBytes)} is not a byte count`, where);
  const count = n as number;
  const { idsAreRanks } = header;
  if (idsAreRanks !== undefined && typeof idsAreRanks !== "boolean") invalid(`idsAreRanks ${JSON.stringify(idsAreRanks)} is not true or false`, where);
  const tables = (8 + headerLength + 3) & ~3;
  const offsetsAt = idsAreRanks ? tables : tables + 4 * count;
  const blobAt = offsetsAt + 4 * (count + 1);
  const blobEnd = blobAt + (blobBytes as number);
  const { slots, hashSignature } = header;
  if (slots !== undefined && (!Number.isInteger(slots) || !Number.isInteger(hashSignature))) invalid("slots or hashSignature is not an integer", where);
  const slotsAt = (blobEnd + 3) & ~3;
  const needed = slots === undefined ? blobEnd : slotsAt + 4 * count;
  if (needed !== fileBytes) invalid(`header says ${needed} bytes in all, file has ${fileBytes}`, where);
  return {
    name,
    tokenCount: count,
    blobBytes: blobBytes as number,
    idsAt: idsAreRanks ? undefined : tables,
    offsetsAt,
    blobAt,
    slots: slots === undefined ? undefined : { capacity: slots as number, hashSignature: hashSignature as number, at: slotsAt },
  };
}

export function readPackedVocab(bytes: Uint8Array, where: string): PackedVocab {
  const layout = readPackedLayout(bytes, bytes.length, where);
  const count = layout.tokenCount;
  // Views where the tables are 4-byte aligned (a file read whole always is), copies otherwise: a copy
  // is megabytes of fresh memory, whose first touch is much of a cold start. blob is a view either way.
  const u32 = (at: number, len: number) =>
    (bytes.byteOffset + at) % 4 === 0
      ? new Uint32Array(bytes.buffer, bytes.byteOffset + at, len)
      : new Uint32Array(bytes.slice(at, at + 4 * len).buffer);
  const { slots } = layout;
  return {
    name: layout.name,
    tokenCount: count,
    ids: layout.idsAt === undefined ? ranks(count) : u32(layout.idsAt, count),
    idsAreRanks: layout.idsAt === undefined,
    offsets: u32(layout.offsetsAt, count + 1),
    blob: bytes.subarray(layout.blobAt, layout.blobAt + layout.blobBytes),
    slots: slots && { capacity: slots.capacity, slotOfRank: u32(slots.at, count), hashSignature: slots.hashSignature },
  };
}

/** 0, 1, ..., count - 1: the ids of a vocabulary whose ids are its ranks. */
export function ranks(count: number): Uint32Array {
  const ids = new Uint32Array(count);
  for (let i = 0; i < count; i++) ids[i] = i;
  return ids;
}
