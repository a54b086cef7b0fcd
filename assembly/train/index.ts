// The trainer's part of the ABI (re-exported by assembly/index.ts). A trainer instance counts
// pre-tokens from text segments the host writes, then merges in steps so the host can report progress.

import { claimForTrainer } from "../lib/arena";
import { ERR_OOM, ERR_NOT_READY } from "../abi";
import { isPattern } from "../scan/index";
import { poolInit, poolAlloc, poolFree, poolTop, poolFreeBytes } from "../lib/pool";
import { vecResetAll } from "../lib/vec";
import { chunkedResetAll } from "../lib/chunked";
import { wordsInit, countSegment, addWord, words, wordBytes, WORD_SIZE, wordsMemory } from "./words";
import { trainerInit, trainSteps, merges, wordTokenTotal, trainerMemory } from "./trainer";


// 0: not begun, 1: counting, 2: merging.
let phase: u32 = 0;
let input: usize = 0;
let inputCapacity: usize = 0;

/** Makes this instance a trainer using `pattern` (PATTERN_* in ../abi.ts); 0 or an error code. */
export function trainBegin(pattern: u32): i32 {
  if (phase != 0 || !isPattern(pattern)) return ERR_NOT_READY;
  const base = claimForTrainer();
  if (base == 0) return ERR_NOT_READY;
  poolInit(base);
  vecResetAll();
  chunkedResetAll();
  if (!wordsInit(pattern)) return ERR_OOM;
  phase = 1;
  return 0;
}

/** Room for `bytes` of text followed by `segments` u32 segment ends; returns the text's address. */
export function trainReserve(bytes: u32, segments: u32): usize {
  if (phase != 1) return 0;
  const need64 = <u64>bytes + 16 + (<u64>segments << 2) + 16;
  if (need64 > 0x40000000) return 0;
  const need = <usize>need64;
  if (need > inputCapacity) {
    poolFree(input, inputCapacity);
    input = poolAlloc(need);
    inputCapacity = input == 0 ? 0 : need;
  }
  return input;
}

/** Where the segment ends go (u32 byte offsets, increasing), after `bytes` of text. */
export function trainSegmentsPtr(bytes: u32): usize {
  return (input + <usize>bytes + 16 + 3) & ~3;
}

/** Counts the pre-tokens of each segment [previous end, end) of the text; 0 or an error code. */
export function trainCount(bytes: u32, segments: u32): i32 {
  if (phase != 1 || input == 0) return ERR_NOT_READY;
  store<u64>(input + bytes, 0); // padding for the hash's wide loads
  const ends = trainSegmentsPtr(bytes);
  let start: u32 = 0;
  for (let k: u32 = 0; k < segments; k++) {
    const end = load<u32>(ends + (<usize>k << 2));
    if (end < start || end > bytes) return ERR_NOT_READY;
    if (!countSegment(input + start, input + end)) return ERR_OOM;
    start = end;
  }
  return 0;
}

/** A word counted by another instance, as the host writes it (src/train/engine.ts mergeWords). */
@unmanaged
class CountedWord {
  offset: u32; // of its bytes in the text region
  length: u32;
  count: u64; // two u32, the low half first
}

/**
 * Adds words counted by another instance (a worker): the text region holds their bytes, and at
 * trainSegmentsPtr(bytes) follow `count` CountedWord records.
 */
export function trainMergeWords(bytes: u32, count: u32): i32 {
  if (phase != 1 || input == 0) return ERR_NOT_READY;
  store<u64>(input + bytes, 0);
  const records = trainSegmentsPtr(bytes);
  for (let k: u32 = 0; k < count; k++) {
    const word = changetype<CountedWord>(records + <usize>k * offsetof<CountedWord>());
    if (<u64>word.offset + word.length > bytes) return ERR_NOT_READY;
    if (!addWord(input + word.offset, word.length, word.count)) return ERR_OOM;
  }
  return 0;
}

/** The counted words, for handing to another instance: records (see words.ts) and their bytes. */
export function trainWordsPtr(): usize {
  return words.data;
}
export function trainWordRecordSize(): u32 {
  return WORD_SIZE;
}
export function trainWordBytesPtr(): usize {
  return wordBytes.data;
}
export function trainWordBytesLength(): u32 {
  return wordBytes.length;
}

/** Distinct pre-tokens counted so far. */
export function trainWordCount(): u32 {
  return words.length;
}

/** Ends counting and builds the pair counts; 0 or an error code. */
export function trainPrepare(): i32 {
  if (phase != 1) return ERR_NOT_READY;
  poolFree(input, inputCapacity);
  input = 0;
  inputCapacity = 0;
  phase = 2;
  return trainerInit() ? 0 : ERR_OOM;
}

/** Up to `limit` more merges; how many were done (0: no pair left), or an error code. */
export function trainRun(limit: u32): i32 {
  if (phase != 2) return ERR_NOT_READY;
  return trainSteps(limit);
}

/** The merges so far: (left, right) token pairs, u32 each; tokens 0-255 are the bytes, 256 + i merge i. */
export function trainMergesPtr(): usize {
  return merges.data;
}
export function trainMergeCount(): u32 {
  return phase == 2 ? merges.length : 0;
}

/** Tokens of the counted text under the merges so far (see wordTokenTotal); 0 before trainPrepare. */
export function trainTokenTotal(): f64 {
  return phase == 2 ? wordTokenTotal() : 0;
}

/** Bytes of linear memory the trainer has used (its high-water mark). */
export function trainMemoryUsed(): u32 {
  return <u32>poolTop();
}

const memoryParts = memory.data(8 * 20);

/**
 * Where the trainer's memory is, for reports (bench/train-memory.mjs): writes (bytes in use, bytes
 * held) u32 pairs at trainMemoryPartsPtr() for the input, the counting tables (words.ts wordsMemory),
 * once merging the merge loop's (trainer.ts trainerMemory), then (free-list bytes, high-water mark);
 * returns how many pairs.
 */
export function trainMemoryParts(): u32 {
  let out = memoryParts;
  store<u32>(out, <u32>inputCapacity);
  store<u32>(out, <u32>inputCapacity, 4);
  out = wordsMemory(out + 8);
  if (phase == 2) out = trainerMemory(out);
  store<u32>(out, <u32>poolFreeBytes());
  store<u32>(out, <u32>poolTop(), 4);
  return <u32>((out + 8 - memoryParts) >> 3);
}
export function trainMemoryPartsPtr(): usize {
  return memoryParts;
}
