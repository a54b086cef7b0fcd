// Counting pre-tokens: each segment of text is split by the pattern's scanner, and every piece is
// counted in an open-addressing table keyed by its bytes. Memory grows with the number of distinct
// pieces, not with the input.

import { hashBytes, bytesEqual } from "../lib/hash";
import { nextPiece } from "../scan/index";
import { Vec, vecNew, vecReserve, vecExtend, at } from "../lib/vec";
import { LinearIndex } from "../lib/table";

// A word record: bytes offset u32, byte length u32, hash u32, (pad), count u64.
// @ts-ignore: decorator
@inline export const WORD_SIZE: u32 = 24;

export let words: Vec = changetype<Vec>(0);
export let wordBytes: Vec = changetype<Vec>(0); // the distinct pieces' bytes, back to back
const wordIndex = changetype<LinearIndex>(memory.data(offsetof<LinearIndex>())); // by the words' bytes
let trainPattern: u32 = 0;

export function wordsInit(pattern: u32): bool {
  trainPattern = pattern;
  words = vecNew(WORD_SIZE);
  wordBytes = vecNew(1);
  return wordIndex.init(1 << 12);
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

/** Doubles the word index; false when memory cannot grow. */
function growIndex(): bool {
  if (!wordIndex.resize(wordIndex.capacity() << 1)) return false;
  for (let w: u32 = 0; w < words.length; w++) wordIndex.add(load<u32>(at(words, w), 8), w);
  return true;
}

/** Adds `count` occurrences of the piece [p, p + len); false when memory cannot grow. */
export function addWord(p: usize, len: u32, count: u64): bool {
  const h = <u32>hashBytes(p, len);
  let i = wordIndex.home(h);
  while (true) {
    const s = wordIndex.slot(i);
    if (s == 0) break;
    const rec = at(words, s - 1);
    if (load<u32>(rec, 8) == h && load<u32>(rec, 4) == len && bytesEqual(wordBytes.data + load<u32>(rec), p, len)) {
      store<u64>(rec, load<u64>(rec, 16) + count, 16);
      return true;
    }
    i = wordIndex.next(i);
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
  wordIndex.place(i, words.length - 1);
  if (wordIndex.crowded(words.length)) return growIndex();
  return true;
}

/** Splits [p, e) into pieces and counts them; false when memory cannot grow. */
export function countSegment(p: usize, e: usize): bool {
  while (p < e) {
    const q = nextPiece(trainPattern, p, e);
    if (!addWord(p, <u32>(q - p), 1)) return false;
    p = q;
  }
  return true;
}
