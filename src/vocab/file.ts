// The packed vocabulary format "BPV1" (see docs/formats.md; its layout is vocab/layout.ts) as the
// engine loads it: a file's tables from its bytes (readPackedVocab), or from a PackedVocab made in
// memory (tablesOf).

import { readPackedLayout, type Section } from "./layout.js";

/** The longest token a vocabulary may hold, in bytes: the engine refuses longer (MAX_TOKEN_LEN in the ABI). */
export { MAX_TOKEN_LEN as MAX_TOKEN_BYTES } from "../abi.js";

export interface PackedVocab {
  name: string;
  tokenCount: number;
  /** Output id of the entry of each rank (rank = merge priority). */
  ids: Uint32Array;
  /** Every id is its rank (then `ids` is 0, 1, 2, ..., made here: the file has no ids table). */
  idsAreRanks?: boolean;
  offsets: Uint32Array;
  blob: Uint8Array;
  /** Merges mode: for each entry, the length of its left part (0: a whole token). See assembly/vocab/tokens.ts. */
  leftLens?: Uint32Array;
  /**
   * Where the engine's hash table of `capacity` slots puts each token, computed at build time, and the
   * engine hash signature it was computed with; loading uses it only when the signatures agree.
   */
  slots?: { capacity: number; slotOfRank: Uint32Array; hashSignature: number };
}

/** One of a vocabulary's tables, as the engine holds them (assembly/vocab/), in bytes. */
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

export function readPackedVocab(bytes: Uint8Array, where: string): PackedVocab {
  const layout = readPackedLayout(bytes, bytes.length, where);
  const { ids, offsets, blob, slotOfRank } = layout.sections;
  // Views where the tables are 4-byte aligned (a file read whole always is), copies otherwise: a copy
  // is megabytes of fresh memory, whose first touch is much of a cold start. blob is a view either way.
  const u32 = ({ at, bytes: length }: Section) =>
    (bytes.byteOffset + at) % 4 === 0
      ? new Uint32Array(bytes.buffer, bytes.byteOffset + at, length / 4)
      : new Uint32Array(bytes.slice(at, at + length).buffer);
  const { slots } = layout;
  return {
    name: layout.name,
    tokenCount: layout.tokenCount,
    ids: ids ? u32(ids) : ranks(layout.tokenCount),
    idsAreRanks: layout.idsAreRanks,
    offsets: u32(offsets),
    blob: bytes.subarray(blob.at, blob.at + blob.bytes),
    slots: slots && slotOfRank && { capacity: slots.capacity, slotOfRank: u32(slotOfRank), hashSignature: slots.hashSignature },
  };
}

/** 0, 1, ..., count - 1: the ids of a vocabulary whose ids are its ranks. */
export function ranks(count: number): Uint32Array {
  const ids = new Uint32Array(count);
  for (let i = 0; i < count; i++) ids[i] = i;
  return ids;
}
