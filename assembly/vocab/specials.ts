// Special tokens: matched in the text before it is split into pieces, never merged. The host writes
// their ids and bytes once while loading, and each call's role for each of them (SPECIAL_* in abi.ts).

import { allocFixed, isSealed } from "../lib/arena";
import { ERR_VOCAB_OFFSETS, ERR_VOCAB_TOKEN_LENGTH, MAX_SPECIAL_LEN } from "../abi";
import { tokenCount } from "./tokens";

/** The longest special token, in bytes: a decode entry holds a length in 24 bits (../decode.ts). */

export let specialCount: u32 = 0;
export let specialIdsPtr: usize = 0; // u32[count]
export let specialOffsetsPtr: usize = 0; // u32[count + 1]
export let specialBlobPtr: usize = 0;
export let specialFlagsPtr: usize = 0; // u8[count], set by the host per call
export let specialFirstBytePtr: usize = 0; // u8[256]: 1 when some special starts with the byte
/** The byte every special token starts with, when they all start with the same one; else -1. */
export let specialSoleLead: i32 = -1;
/** After checkSpecials: the longest special token's length, and the highest special id. */
export let specialsMaxLen: u32 = 0;
export let specialsMaxId: u32 = 0;

/** Reserves the special-token tables; the host fills ids, offsets and bytes. */
export function reserveSpecials(count: u32, bytes: u32): usize {
  if (isSealed() || tokenCount == 0 || specialCount != 0) return 0;
  specialIdsPtr = allocFixed((<usize>count << 2) + 4);
  specialOffsetsPtr = allocFixed(((<usize>count + 1) << 2));
  specialBlobPtr = allocFixed(<usize>bytes + 8);
  specialFlagsPtr = allocFixed(<usize>count + 1);
  specialFirstBytePtr = allocFixed(256);
  if (specialIdsPtr == 0 || specialOffsetsPtr == 0 || specialBlobPtr == 0 || specialFlagsPtr == 0 || specialFirstBytePtr == 0) return 0;
  specialCount = count;
  return specialIdsPtr;
}

@inline export function specialStart(k: u32): u32 {
  return load<u32>(specialOffsetsPtr + (<usize>k << 2));
}

@inline export function specialLen(k: u32): u32 {
  return load<u32>(specialOffsetsPtr + (<usize>k << 2) + 4) - specialStart(k);
}

@inline export function specialId(k: u32): u32 {
  return load<u32>(specialIdsPtr + (<usize>k << 2));
}

/** Checks the offsets the host wrote and notes the bytes the specials start with; 0 or an error code. */
export function checkSpecials(): i32 {
  let prev: u32 = 0;
  for (let k: u32 = 0; k < specialCount; k++) {
    const end = load<u32>(specialOffsetsPtr + ((<usize>k + 1) << 2));
    if (end <= prev) return ERR_VOCAB_OFFSETS;
    if (end - prev > MAX_SPECIAL_LEN) return ERR_VOCAB_TOKEN_LENGTH;
    if (end - prev > specialsMaxLen) specialsMaxLen = end - prev;
    const lead = <i32>load<u8>(specialBlobPtr + prev);
    store<u8>(specialFirstBytePtr + lead, 1);
    specialSoleLead = k == 0 || specialSoleLead == lead ? lead : -1;
    prev = end;
    const id = specialId(k);
    if (id > specialsMaxId) specialsMaxId = id;
  }
  return 0;
}
