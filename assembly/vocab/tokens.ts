// The vocabulary's tokens: by merge rank, their output ids, and an open-addressing table from token
// bytes to rank. Special tokens are in specials.ts, the id -> bytes table in ../decode.ts.
//
// Merge priority (rank) and output id are kept apart: tiktoken ranks are both, but GPT-2 and Hugging
// Face files number tokens differently from their merge order.

import { allocFixed, isSealed, fixedEnd, ensureMemory } from "../lib/arena";
import { ERR_VOCAB_OFFSETS, ERR_VOCAB_DUPLICATE, ERR_VOCAB_MISSING_BYTE, ERR_VOCAB_STATE, ERR_VOCAB_OOM, ERR_VOCAB_SPLIT, ERR_VOCAB_TOKEN_LENGTH, ERR_VOCAB_SLOTS, MAX_TOKEN_LEN } from "../abi";
import { hashBytes, bytesEqual } from "../lib/hash";


export const NO_RANK: u32 = 0xFFFFFFFF;

export let tokenCount: u32 = 0;
export let blobSize: u32 = 0;
export let idsPtr: usize = 0; // u32[tokenCount]: output id of the token of each rank; 0: ids are ranks (noIdsTable)
export let offsetsPtr: usize = 0; // u32[tokenCount + 1]: byte offsets into the blob
export let blobPtr: usize = 0; // token bytes in rank order (+ 8 bytes of padding)
export let maxTokenLen: u32 = 0;
export let tokensMaxId: u32 = 0; // the highest output id of a token
// u32[tokenCount]: for a merge entry, the length of its left part; 0 for a whole token. In tiktoken
// mode every entry is whole (a pair may merge when its bytes are a token); in merges mode (GPT-2 and
// Hugging Face files, trained vocabularies) entry r is merge r - 256, and a pair merges only when
// some merge has exactly its two parts.
// In tiktoken mode the table is all zero and never written: loading does not read it either, since
// reading fresh memory still costs a page fault per 4 KB (200 of them for o200k_base).
export let leftLensPtr: usize = 0;
export let mergesMode = false;

// Slots of 16 bytes that hold a token's first bytes: a lookup reads one slot, and the token bytes
// only past the eighth; most tokens are at most 8 bytes, so most lookups touch one cache line instead
// of four. (Not ../lib/table.ts, the trainer's index of u32 slots: this table is the encoder's hot
// path.) scripts/pack-vocab.mjs reads the built table (rank at +8, shape at +12).
@unmanaged
class Slot {
  head: u64; // the token's first bytes (up to 8, zero-padded)
  rank: u32;
  shape: u32; // length | left length << 16 (see leftLensPtr); 0: the slot is empty
}

// @ts-ignore: decorator
@inline function slotAt(i: u32): Slot {
  return changetype<Slot>(slotsPtr + (<usize>i << 4));
}

let slotsPtr: usize = 0;
let slotCap: u32 = 0;
// One bit per slot, set when the slot is filled. A lookup whose first slot is empty is answered by its
// bit (cap / 8 bytes, 50 KB for o200k_base, small enough to stay in the CPU's caches) instead of by a
// read of the table, which misses them on new text. Half of the pairs that merging looks up in udhr
// are no token (docs/performance.md, section 19).
let filledPtr: usize = 0;

/** Writes slot i and sets its bit: the one way a slot is filled. */
// @ts-ignore: decorator
@inline function fillSlot(i: u32, head: u64, rank: u32, shape: u32): void {
  const slot = slotAt(i);
  slot.head = head;
  slot.rank = rank;
  slot.shape = shape;
  const at = filledPtr + (<usize>(i >> 3));
  store<u8>(at, <u8>(<u32>load<u8>(at) | (<u32>1 << (i & 7))));
}

// @ts-ignore: decorator
@inline function isFilled(i: u32): bool {
  return (<u32>load<u8>(filledPtr + (<usize>(i >> 3))) & (<u32>1 << (i & 7))) != 0;
}

/**
 * A hash's first slot: its low 32 bits scaled to the table by a multiply and a shift, so the table may
 * have any number of slots (twice the tokens, not the next power of two: 6.4 MB instead of 8 MB for
 * o200k_base, whose first touches are much of a cold start).
 */
// @ts-ignore: decorator
@inline function homeSlot(h: u64): u32 {
  return <u32>(((h & 0xFFFFFFFF) * <u64>slotCap) >> 32);
}

/** The slot after i, wrapping at the end. */
// @ts-ignore: decorator
@inline function nextSlot(i: u32): u32 {
  i++;
  return i == slotCap ? 0 : i;
}

// 65536 ranks of the two-byte pairs (byte a << 8 | byte b), NO_RANK where they do not merge: the
// merge loop starts from these without hashing.
export let pair2Ptr: usize = 0;

export let byteRankPtr: usize = 0; // u32[256]: rank of each single byte

@inline export function tokenStart(rank: u32): u32 {
  return load<u32>(offsetsPtr + (<usize>rank << 2));
}

@inline export function tokenLen(rank: u32): u32 {
  return load<u32>(offsetsPtr + (<usize>rank << 2) + 4) - load<u32>(offsetsPtr + (<usize>rank << 2));
}

@inline export function leftLen(rank: u32): u32 {
  return load<u32>(leftLensPtr + (<usize>rank << 2));
}

@inline export function rankToId(rank: u32): u32 {
  return idsPtr == 0 ? rank : load<u32>(idsPtr + (<usize>rank << 2));
}

/**
 * The file says every id is its rank (the packed tiktoken files but p50k_base's, which leave the ids out).
 * Set before reserveVocab, which then keeps no ids table: 0.8 MB less to read and touch for o200k_base.
 */
let noIdsTable = false;

export function declareIdsAreRanks(): void {
  if (tokenCount == 0) noIdsTable = true;
}

/**
 * True when every token's id is its rank (all tiktoken files): the encoder then emits ranks as they
 * are and never reads the ids array, a likely cache miss per token (0.8 MB for o200k_base).
 */
export let idsAreRanks = true;

/** The output id of the token of this rank. */
@inline export function idOf(rank: u32): u32 {
  return idsAreRanks ? rank : rankToId(rank);
}

@inline export function byteRank(b: u32): u32 {
  return load<u32>(byteRankPtr + (<usize>b << 2));
}

// @ts-ignore: decorator
@inline const SPLIT_MIX: u64 = 0xC2B2AE3D27D4EB4F;

// @ts-ignore: decorator
@inline function entryHash(p: usize, len: usize, split: u32): u64 {
  return hashBytes(p, len) ^ (<u64>split * SPLIT_MIX);
}

/**
 * The split that marks a merges-mode whole-token entry (a left length is below the token length, at
 * most 0xFFFE): bytes -> the rank their merge ends in, for tokens reachable whole (../encode/reachable.ts).
 */
export const WHOLE_SPLIT: u32 = 0xFFFF;

/**
 * Adds a whole-token entry in merges mode, unless the bytes have one already (two merges may make
 * the same bytes); the table has room (see buildVocab).
 */
export function addWholeEntry(p: usize, len: usize, rank: u32): void {
  const h = entryHash(p, len, WHOLE_SPLIT);
  if (probe(p, len, WHOLE_SPLIT, h) != NO_RANK) return;
  let i = homeSlot(h);
  while (slotAt(i).shape != 0) i = nextSlot(i);
  fillSlot(i, headOf(p, len), rank, <u32>len | (WHOLE_SPLIT << 16));
}

/** Rank of the whole token whose bytes are [p, p + len), or NO_RANK. */
export function lookupRank(p: usize, len: usize): u32 {
  return lookupEntry(p, len, 0);
}

/**
 * Rank at which the pair [p, p + split) + [p + split, p + len) merges, or NO_RANK: in tiktoken mode
 * the rank of the joined token, in merges mode the rank of the merge with exactly these parts.
 */
// @ts-ignore: decorator
@inline export function pairRank(p: usize, len: usize, split: usize): u32 {
  return lookupEntry(p, len, mergesMode ? <u32>split : 0);
}

/**
 * The token that piece [p, p + len) is as a whole, given its hashBytes h, or NO_RANK: in tiktoken
 * mode the token with these bytes; in merges mode the token its merge ends in, if it is reachable
 * whole (../encode/reachable.ts).
 */
export function lookupWholeHashed(p: usize, len: usize, h: u64): u32 {
  if (len > <usize>maxTokenLen) return NO_RANK;
  return mergesMode ? probe(p, len, WHOLE_SPLIT, h ^ (<u64>WHOLE_SPLIT * SPLIT_MIX)) : probe(p, len, 0, h);
}

function lookupEntry(p: usize, len: usize, split: u32): u32 {
  if (len > <usize>maxTokenLen) return NO_RANK;
  return probe(p, len, split, entryHash(p, len, split));
}

/** The first min(len, 8) bytes at p, zero-padded (p is readable 8 bytes on). */
// @ts-ignore: decorator
@inline function headOf(p: usize, len: usize): u64 {
  const w = load<u64>(p);
  return len >= 8 ? w : w & ((<u64>1 << (<u64>len << 3)) - 1);
}

// @ts-ignore: decorator
@inline function probe(p: usize, len: usize, split: u32, h: u64): u32 {
  const head = headOf(p, len);
  const shape = <u32>len | (split << 16);
  let i = homeSlot(h);
  if (!isFilled(i)) return NO_RANK;
  while (true) {
    const slot = slotAt(i);
    const sh = slot.shape;
    if (sh == 0) return NO_RANK;
    if (sh == shape && slot.head == head) {
      const rank = slot.rank;
      if (len <= 8 || bytesEqual(p + 8, blobPtr + tokenStart(rank) + 8, len - 8)) return rank;
    }
    i = nextSlot(i);
  }
}

/** Rank of the two-byte pair a, b (see pair2Ptr). */
// @ts-ignore: decorator
@inline export function pair2Rank(a: u32, b: u32): u32 {
  return load<u32>(pair2Ptr + (<usize>((a << 8) | b) << 2));
}

/**
 * Reserves room for `count` tokens with `bytes` of token bytes; the host fills ids (unless
 * declareIdsAreRanks), offsets, blob. Returns 0 on failure, else nonzero.
 */
export function reserveVocab(count: u32, bytes: u32): usize {
  if (isSealed() || tokenCount != 0 || count == 0) return 0;
  idsPtr = noIdsTable ? 0 : allocFixed(<usize>count << 2);
  offsetsPtr = allocFixed((<usize>count + 1) << 2);
  blobPtr = allocFixed(<usize>bytes + 8);
  leftLensPtr = allocFixed(<usize>count << 2);
  if ((idsPtr == 0 && !noIdsTable) || offsetsPtr == 0 || blobPtr == 0 || leftLensPtr == 0) return 0;
  tokenCount = count;
  blobSize = bytes;
  return offsetsPtr;
}

/** Checks what the host wrote and builds the hash table; 0 or a negative error code. */
export function buildVocab(): i32 {
  if (tokenCount == 0) return ERR_VOCAB_STATE;
  let prev: u32 = 0;
  if (tokenStart(0) != 0) return ERR_VOCAB_OFFSETS;
  for (let r: u32 = 0; r < tokenCount; r++) {
    const end = load<u32>(offsetsPtr + ((<usize>r + 1) << 2));
    if (end <= prev || end > blobSize) return ERR_VOCAB_OFFSETS;
    const len = end - prev;
    if (len > MAX_TOKEN_LEN) return ERR_VOCAB_TOKEN_LENGTH;
    if (len > maxTokenLen) maxTokenLen = len;
    if (mergesMode && leftLen(r) >= len) return ERR_VOCAB_SPLIT;
    const id = rankToId(r);
    if (id > tokensMaxId) tokensMaxId = id;
    if (id != r) idsAreRanks = false;
    prev = end;
  }
  if (prev != blobSize) return ERR_VOCAB_OFFSETS;

  if (slotsPtr == 0 && reserveSlotTable(slotCapacity()) == 0) return ERR_VOCAB_OOM;
  memory.fill(pair2Ptr, 0xFF, 65536 << 2);
  if (prebuilt) {
    if (!placeSlots()) return ERR_VOCAB_SLOTS;
  } else {
    const r = insertAll();
    if (r != 0) return r;
  }
  for (let r: u32 = 0; r < tokenCount; r++) {
    // The pair table: a two-byte token (tiktoken mode) or a merge of two bytes (merges mode).
    if (tokenLen(r) == 2 && (mergesMode ? leftLen(r) == 1 : true)) {
      const p = blobPtr + tokenStart(r);
      store<u32>(pair2Ptr + (<usize>((<u32>load<u8>(p) << 8) | <u32>load<u8>(p, 1)) << 2), r);
    }
  }
  // Byte-level BPE needs every single byte as a token: merging starts from them.
  const one = allocFixed(16);
  if (one == 0) return ERR_VOCAB_OOM;
  for (let b: u32 = 0; b < 256; b++) {
    store<u8>(one, <u8>b);
    const r = lookupRank(one, 1);
    if (r == NO_RANK) return ERR_VOCAB_MISSING_BYTE;
    store<u32>(byteRankPtr + (<usize>b << 2), r);
  }
  return 0;
}

/** Slots for the vocabulary: twice the entries, a load of one half (see ../encode/reachable.ts for 4). */
export function slotCapacity(): u32 {
  // Merges mode adds up to one whole-token entry per token (../encode/reachable.ts): room for both at load <= 0.5.
  const cap = tokenCount * (mergesMode ? 4 : 2);
  return cap < 16 ? 16 : cap;
}

/** A fingerprint of the hash function: a prebuilt table is used only if it was made with the same. */
const signatureBytes = memory.data(32);

/** Changes with the way a hash picks its first slot (homeSlot), which a placement also depends on. */
const SLOT_MAPPING: u32 = 1; // 0: the low bits, masked; 1: multiply-shift

export function hashSignature(): u32 {
  const p = signatureBytes;
  for (let i: u32 = 0; i < 24; i++) store<u8>(p + i, <u8>(i * 37 + 11));
  return <u32>(entryHash(p, 24, 5) ^ (entryHash(p + 3, 2, 0) >> 32)) ^ SLOT_MAPPING;
}

export function slotCount(): u32 {
  return slotCap;
}

export function slotsStart(): usize {
  return slotsPtr;
}

let prebuiltPtr: usize = 0; // u32[tokenCount]: the slot of each rank, written by the host

/**
 * Reserves the table of `cap` slots (and the small byte and pair tables), after reserveVocab, and
 * returns where the host may write a placement computed at build time (scripts/pack-vocab.mjs): the
 * slot of each rank, u32[tokenCount]. With usePrebuiltSlots() loading then writes each entry where
 * it belongs, in rank order (sequential reads, scattered writes, which do not stall), instead of
 * hashing and probing for every token. Returns 0 on failure.
 */
export function reserveSlotTable(cap: u32): usize {
  if (isSealed() || tokenCount == 0 || slotsPtr != 0 || cap < 16 || cap <= tokenCount || cap >= 0x10000000) return 0;
  slotsPtr = allocFixed(<usize>cap << 4);
  filledPtr = allocFixed((<usize>cap >> 3) + 8);
  byteRankPtr = allocFixed(256 << 2);
  pair2Ptr = allocFixed(65536 << 2);
  if (slotsPtr == 0 || filledPtr == 0 || byteRankPtr == 0 || pair2Ptr == 0) return 0;
  slotCap = cap;
  // The placement goes above everything allocated so far; placeSlots zeroes it again after use, so
  // that memory above the fixed region stays zero (allocFixed relies on it).
  prebuiltPtr = fixedEnd();
  return ensureMemory(prebuiltPtr + ((<usize>tokenCount) << 2) + 16) ? prebuiltPtr : 0;
}

let prebuilt = false;

export function usePrebuiltSlots(): void {
  prebuilt = prebuiltPtr != 0;
}

/**
 * Writes every entry at the slot the host gave; false if a slot is out of range. Slots are not read
 * (a read per token, a cache miss each, doubled the time): a placement that put two tokens in one
 * slot would lose one of them (wrong ids, as any corrupt table would give), but never hang a probe,
 * since at most tokenCount of the more than tokenCount slots are filled.
 */
function placeSlots(): bool {
  let ok = true;
  for (let r: u32 = 0; r < tokenCount; r++) {
    const i = load<u32>(prebuiltPtr + (<usize>r << 2));
    if (i >= slotCap) {
      ok = false;
      break;
    }
    const len = <usize>tokenLen(r);
    fillSlot(i, headOf(blobPtr + tokenStart(r), len), r, <u32>len | ((mergesMode ? leftLen(r) : 0) << 16));
  }
  memory.fill(prebuiltPtr, 0, (<usize>tokenCount) << 2);
  return ok;
}

/** Hashes every token into the table; 0 or ERR_VOCAB_DUPLICATE. */
function insertAll(): i32 {
  for (let r: u32 = 0; r < tokenCount; r++) {
    const p = blobPtr + tokenStart(r);
    const len = <usize>tokenLen(r);
    const split = leftLen(r);
    const h = entryHash(p, len, split);
    const head = headOf(p, len);
    const shape = <u32>len | (split << 16);
    // One probe both finds a duplicate (the same bytes and split already in the chain) and the free slot.
    let i = homeSlot(h);
    while (true) {
      const sh = slotAt(i).shape;
      if (sh == 0) break;
      if (sh == shape && slotAt(i).head == head) {
        const other = slotAt(i).rank;
        if (len <= 8 || bytesEqual(p + 8, blobPtr + tokenStart(other) + 8, len - 8)) return ERR_VOCAB_DUPLICATE;
      }
      i = nextSlot(i);
    }
    fillSlot(i, head, r, shape);
  }
  return 0;
}

/** Chooses how pairs merge (see leftLensPtr); set before buildVocab. */
export function setMergesMode(on: bool): void {
  mergesMode = on;
}
