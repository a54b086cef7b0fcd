// Loading a vocabulary, once per instance: the ABI calls (re-exported by ../index.ts). The host
// reserves each table, writes it into the region returned, then asks the engine to check and index it;
// finishLoading ends the phase and hands the rest of memory to per-call scratch (../lib/arena.ts).

import { sealFixed, isSealed } from "../lib/arena";
import { ERR_NOT_READY, ERR_VOCAB_OOM } from "../abi";
import * as tokens from "./tokens";
import * as specials from "./specials";
import { buildDecoder, maxId, maxDecodeLen } from "../decode";
import { allocPieceCache, allocPairMemo } from "../encode/cache";
import { allocHotPieces } from "../encode/hot";
import { addReachableTokens } from "../encode/reachable";

export function reserveVocab(count: u32, blobBytes: u32): usize {
  return tokens.reserveVocab(count, blobBytes);
}
export function declareIdsAreRanks(): void {
  tokens.declareIdsAreRanks();
}
export function vocabIdsPtr(): usize {
  return tokens.idsPtr;
}
export function vocabOffsetsPtr(): usize {
  return tokens.offsetsPtr;
}
export function vocabBlobPtr(): usize {
  return tokens.blobPtr;
}
export function vocabLeftLensPtr(): usize {
  return tokens.leftLensPtr;
}
/** 0: tiktoken mode, 1: merges mode (see tokens.ts); before buildVocab. */
export function setMergesMode(on: u32): void {
  tokens.setMergesMode(on != 0);
}
/** A table built at build time (see tokens.reserveSlotTable): where to write it, then usePrebuiltSlots. */
export function reserveSlotTable(cap: u32): usize {
  return tokens.reserveSlotTable(cap);
}
export function usePrebuiltSlots(): void {
  tokens.usePrebuiltSlots();
}
export function hashSignature(): u32 {
  return tokens.hashSignature();
}
/** For scripts/pack-vocab.mjs: the built table (16-byte slots: rank at +8, 0 at +12 if empty). */
export function vocabSlotsPtr(): usize {
  return tokens.slotsStart();
}
export function vocabSlotCount(): u32 {
  return tokens.slotCount();
}
export function buildVocab(): i32 {
  return tokens.buildVocab();
}
export function reserveSpecials(count: u32, blobBytes: u32): usize {
  return specials.reserveSpecials(count, blobBytes);
}
export function specialIdsPtr(): usize {
  return specials.specialIdsPtr;
}
export function specialOffsetsPtr(): usize {
  return specials.specialOffsetsPtr;
}
export function specialBlobPtr(): usize {
  return specials.specialBlobPtr;
}
export function specialFlagsPtr(): usize {
  return specials.specialFlagsPtr;
}
/** Ends loading: builds the decode table and hands the rest of memory to per-call scratch. */
export function finishLoading(): i32 {
  if (isSealed()) return ERR_NOT_READY;
  const r = buildDecoder();
  if (r != 0) return r;
  if (!allocPieceCache() || !allocPairMemo() || !allocHotPieces()) return ERR_VOCAB_OOM;
  addReachableTokens();
  sealFixed();
  return 0;
}
export function maxTokenId(): u32 {
  return maxId;
}
/** Bytes of the longest token or special token (at least 16): no token holds more of a text. */
export function maxTokenBytes(): u32 {
  return maxDecodeLen;
}
