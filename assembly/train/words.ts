// Counting pre-tokens: each segment of text is split by the pattern's scanner, and every piece is
// counted in an open-addressing table keyed by its bytes. Memory grows with the number of distinct
// pieces, not with the input.

import { hashBytes, bytesEqual } from "../lib/hash";
import { nextPieceGpt2 } from "../scan/gpt2";
import { nextPieceCl100k } from "../scan/cl100k";
import { nextPieceO200k } from "../scan/o200k";
import { PATTERN_CL100K, PATTERN_O200K } from "../abi";
import { Vec, vecNew, vecReserve, vecExtend, at } from "../lib/vec";
import { poolAlloc, poolFree } from "../lib/pool";

// A word record: bytes offset u32, byte length u32, hash u32, (pad), count u64.
// @ts-ignore: decorator
@inline export const WORD_SIZE: u32 = 24;

export let words: Vec = changetype<Vec>(0);
export let wordBytes: Vec = changetype<Vec>(0); // the distinct pieces' bytes, back to back
let slots: usize = 0; // u32: word index + 1, 0 = empty
let slotMask: u32 = 0;
let trainPattern: u32 = 0;

export function wordsInit(pattern: u32): bool {
  trainPattern = pattern;
  words = vecNew(WORD_SIZE);
  wordBytes = vecNew(1);
  slotMask = 0;
  slots = 0;
  return rehash(1 << 12);
}

// @ts-ignore: decorator
@inline export function wordOffset(w: u32): u32 {
  return load<u32>(at(words, w));
}
// @ts-ignore: decorator
@inline export function wordLength(w: u32): u32 {
  return load<u32>(at(words, w), 4);
}
// @ts-ignore: decorator
@inline export function wordCount(w: u32): u64 {
  return load<u64>(at(words, w), 16);
}

function rehash(capacity: u32): bool {
  const fresh = poolAlloc(<usize>capacity << 2);
  if (fresh == 0) return false;
  memory.fill(fresh, 0, <usize>capacity << 2);
  const mask = capacity - 1;
  for (let w: u32 = 0; w < words.length; w++) {
    let i = load<u32>(at(words, w), 8) & mask;
    while (load<u32>(fresh + (<usize>i << 2)) != 0) i = (i + 1) & mask;
    store<u32>(fresh + (<usize>i << 2), w + 1);
  }
  if (slots != 0) poolFree(slots, <usize>(slotMask + 1) << 2);
  slots = fresh;
  slotMask = mask;
  return true;
}

/** Adds `count` occurrences of the piece [p, p + len); false when memory cannot grow. */
export function addWord(p: usize, len: u32, count: u64): bool {
  const h = <u32>hashBytes(p, len);
  let i = h & slotMask;
  while (true) {
    const s = load<u32>(slots + (<usize>i << 2));
    if (s == 0) break;
    const rec = at(words, s - 1);
    if (load<u32>(rec, 8) == h && load<u32>(rec, 4) == len && bytesEqual(wordBytes.data + load<u32>(rec), p, len)) {
      store<u64>(rec, load<u64>(rec, 16) + count, 16);
      return true;
    }
    i = (i + 1) & slotMask;
  }
  // New word. Keep eight spare bytes after the bytes for the hash's wide loads.
  if (!vecReserve(wordBytes, wordBytes.length + len + 8)) return false;
  const off = wordBytes.length;
  memory.copy(wordBytes.data + off, p, len);
  wordBytes.length += len;
  const rec = vecExtend(words, 1);
  if (rec == 0) return false;
  store<u32>(rec, off);
  store<u32>(rec, len, 4);
  store<u32>(rec, h, 8);
  store<u64>(rec, count, 16);
  store<u32>(slots + (<usize>i << 2), words.length);
  if (words.length * 2 > slotMask + 1) return rehash((slotMask + 1) << 1);
  return true;
}

/** Splits [p, e) into pieces and counts them; false when memory cannot grow. */
export function countSegment(p: usize, e: usize): bool {
  while (p < e) {
    const q =
      trainPattern == PATTERN_O200K ? nextPieceO200k(p, e) : trainPattern == PATTERN_CL100K ? nextPieceCl100k(p, e) : nextPieceGpt2(p, e);
    if (!addWord(p, <u32>(q - p), 1)) return false;
    p = q;
  }
  return true;
}
