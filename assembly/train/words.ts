// Counting pre-tokens: each segment of text is split by the pattern's scanner, and every piece is
// counted in an open-addressing table keyed by its bytes. Memory grows with the number of distinct
// pieces, not with the input.

import { hashBytes, bytesEqual } from "../lib/hash";
import { nextPiece } from "../scan/index";
import { Vec, vecNew, vecReserve, vecExtend, vecMemory } from "../lib/vec";
import { LinearIndex } from "../lib/table";

/** A distinct pre-token. The host reads these records as they are (src/train/engine.ts exportWords). */
@unmanaged
export class Word {
  offset: u32; // of its bytes in wordBytes
  length: u32;
  hash: u32;
  count: u64; // at 16: 8-aligned
}

// @ts-ignore: decorator
@inline export const WORD_SIZE: u32 = offsetof<Word>();

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
@inline export function wordAt(w: u32): Word {
  return changetype<Word>(words.data + <usize>w * offsetof<Word>());
}

/** Doubles the word index; false when memory cannot grow. */
function growIndex(): bool {
  if (!wordIndex.resize(wordIndex.capacity() << 1)) return false;
  for (let w: u32 = 0; w < words.length; w++) wordIndex.add(wordAt(w).hash, w);
  return true;
}

/** Adds `count` occurrences of the piece [p, p + len); false when memory cannot grow. */
export function addWord(p: usize, len: u32, count: u64): bool {
  const h = <u32>hashBytes(p, len);
  let i = wordIndex.home(h);
  while (true) {
    const s = wordIndex.slot(i);
    if (s == 0) break;
    const word = wordAt(s - 1);
    if (word.hash == h && word.length == len && bytesEqual(wordBytes.data + word.offset, p, len)) {
      word.count += count;
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
  const word = changetype<Word>(rec);
  word.offset = off;
  word.length = len;
  word.hash = h;
  word.count = count;
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

/** The counting tables' memory (words, wordBytes, the index), as vecMemory writes it; the next place. */
export function wordsMemory(out: usize): usize {
  out = vecMemory(words, out);
  out = vecMemory(wordBytes, out);
  return wordIndex.memory(words.length, out);
}
