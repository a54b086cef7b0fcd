// The layout of the packed vocabulary format "BPV1" (docs/formats.md), in one place: the packer
// (scripts/pack-vocab.mjs) writes by it, and both readers (file.ts from bytes, read.ts from a local
// file) read by it.
//   "BPV1" | u32 header length | header JSON | pad to 4 | u32 ids[n] (absent with idsAreRanks) | u32 offsets[n+1] | blob
//   [| pad to 4 | u32 slotOfRank[n]]   (optional: the engine's hash table placement, header.slots slots)
// Only the layout is checked here; the engine checks the contents when it builds its tables.

import { BytepairError } from "../errors.js";

/** Where one table of a packed file is, in bytes from the file's start. */
export interface Section {
  at: number;
  bytes: number;
}

/** Every table of a packed file, named as the engine names them (VocabTable), and the file's size. */
export interface PackedSections {
  /** Absent when every id is its rank: the file has no ids table. */
  ids?: Section;
  offsets: Section;
  blob: Section;
  /** Present when the file holds the engine's hash table placement. */
  slotOfRank?: Section;
  fileBytes: number;
}

/** What the sections follow from: the header's length in bytes and what it says. */
export interface SectionSizes {
  headerLength: number;
  tokenCount: number;
  blobBytes: number;
  idsAreRanks: boolean;
  hasSlots: boolean;
}

const align4 = (n: number) => (n + 3) & ~3;

export function packedSections({ headerLength, tokenCount, blobBytes, idsAreRanks, hasSlots }: SectionSizes): PackedSections {
  const tablesAt = align4(8 + headerLength);
  const ids = idsAreRanks ? undefined : { at: tablesAt, bytes: 4 * tokenCount };
  const offsets = { at: tablesAt + (ids?.bytes ?? 0), bytes: 4 * (tokenCount + 1) };
  const blob = { at: offsets.at + offsets.bytes, bytes: blobBytes };
  const blobEnd = blob.at + blob.bytes;
  const slotOfRank = hasSlots ? { at: align4(blobEnd), bytes: 4 * tokenCount } : undefined;
  return { ids, offsets, blob, slotOfRank, fileBytes: slotOfRank ? slotOfRank.at + slotOfRank.bytes : blobEnd };
}

/** A packed file's header, checked, and where its tables are. */
export interface PackedLayout {
  name: string;
  tokenCount: number;
  blobBytes: number;
  /** Every id is its rank: the file has no ids table. */
  idsAreRanks: boolean;
  slots?: { capacity: number; hashSignature: number };
  sections: PackedSections;
}

/** How many bytes the magic, the header length and the header take, from at least a file's first 8 (else 0). */
export function headerEnd(head: Uint8Array): number {
  return head.length < 8 ? 0 : 8 + new DataView(head.buffer, head.byteOffset, head.byteLength).getUint32(4, true);
}

function invalid(what: string, where: string): never {
  throw new BytepairError("INVALID_VOCAB", `Invalid packed vocabulary ${where}: ${what}`);
}

/**
 * The layout of a packed file of `fileBytes` bytes, from its first bytes: `head` holds at least the
 * first 8 and, when the file has them, the header's.
 */
export function readPackedLayout(head: Uint8Array, fileBytes: number, where: string): PackedLayout {
  if (fileBytes < 8 || head.length < 8) invalid(`${fileBytes} bytes is too short for a header`, where);
  const magic = String.fromCharCode(head[0], head[1], head[2], head[3]);
  if (magic !== "BPV1") invalid(`magic is ${JSON.stringify(magic)}, expected "BPV1"`, where);
  const headerLength = headerEnd(head) - 8;
  if (8 + headerLength > fileBytes) invalid(`header length ${headerLength} runs past the end (${fileBytes} bytes)`, where);
  let header: { name?: unknown; tokenCount?: unknown; blobBytes?: unknown; idsAreRanks?: unknown; slots?: unknown; hashSignature?: unknown };
  try {
    header = JSON.parse(new TextDecoder().decode(head.subarray(8, 8 + headerLength)));
  } catch (e) {
    invalid(`header is not JSON (${(e as Error).message})`, where);
  }
  const { name, tokenCount, blobBytes, idsAreRanks, slots, hashSignature } = header;
  if (typeof name !== "string") invalid("header has no name", where);
  if (!Number.isInteger(tokenCount) || (tokenCount as number) < 256) invalid(`tokenCount ${String(tokenCount)} is not an integer >= 256`, where);
  if (!Number.isInteger(blobBytes) || (blobBytes as number) < 0) invalid(`blobBytes ${String(blobBytes)} is not a byte count`, where);
  if (idsAreRanks !== undefined && typeof idsAreRanks !== "boolean") invalid(`idsAreRanks ${JSON.stringify(idsAreRanks)} is not true or false`, where);
  if (slots !== undefined && (!Number.isInteger(slots) || !Number.isInteger(hashSignature))) invalid("slots or hashSignature is not an integer", where);
  const sizes = { headerLength, tokenCount: tokenCount as number, blobBytes: blobBytes as number, idsAreRanks: idsAreRanks === true, hasSlots: slots !== undefined };
  const layout: PackedLayout = {
    name,
    tokenCount: sizes.tokenCount,
    blobBytes: sizes.blobBytes,
    idsAreRanks: sizes.idsAreRanks,
    slots: slots === undefined ? undefined : { capacity: slots as number, hashSignature: hashSignature as number },
    sections: packedSections(sizes),
  };
  const needed = layout.sections.fileBytes;
  if (needed !== fileBytes) invalid(`header says ${needed} bytes in all, file has ${fileBytes}`, where);
  return layout;
}
