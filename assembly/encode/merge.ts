// Byte-pair merging of one piece that is not itself a token. The rule (tiktoken's): repeatedly merge
// the adjacent pair whose concatenated bytes have the lowest rank, leftmost on ties. In merges mode
// (../vocab/tokens.ts) a pair's rank is that of the merge with exactly its two parts.
//
// Short pieces (the common case) use a flat scan over at most SHORT_MAX parts: quadratic, but on tiny
// arrays that stay in cache it beats anything cleverer. Long pieces use a linked list of parts and a
// min-heap of candidate pairs keyed by (rank, start), with stale entries skipped on pop, which makes
// the worst case O(n log n) instead of tiktoken's historical O(n^2). Both look pairs up through the
// pair memo (cache.ts) by the ranks of their parts before hashing bytes.

import { pairRank, pair2Rank, idOf, byteRank, NO_RANK, tokenCount } from "../vocab/tokens";
import { ensureMemory, align16, MEMORY_LIMIT } from "../lib/arena";
import { emit } from "./output";
import { memoKey, memoEntry } from "./cache";

/** Rank at which part `left` ([p, p + split)) and part `right` ([p + split, p + len)) merge, or NO_RANK. */
// @ts-ignore: decorator
@inline function pairRankOf(left: u32, right: u32, p: usize, len: usize, split: usize): u32 {
  const key = memoKey(left, right);
  const e = memoEntry(key);
  if (e.key == key) return e.rank;
  const r = pairRank(p, len, split);
  e.key = key;
  e.rank = r;
  return r;
}

// @ts-ignore: decorator
@inline export const SHORT_MAX: usize = 64;

const shortStarts = memory.data(((<i32>SHORT_MAX) + 1) * 4); // u32 part starts (relative to the piece)
const shortPairRank = memory.data((<i32>SHORT_MAX) * 4); // rank of pair (part i, part i + 1)
const shortPartRank = memory.data((<i32>SHORT_MAX) * 4); // rank of part i itself

/** Start of free memory for long merges; set by the encoder per call. */
export let workPtr: usize = 0;

export function setWorkPtr(p: usize): void {
  workPtr = p;
}

/** Merges the piece [p, p + len) (len >= 2) and emits its ids; false if memory could not grow. */
export function mergePiece(p: usize, len: usize): bool {
  if (len <= SHORT_MAX) {
    mergeShort(p, len);
    return true;
  }
  return mergeLong(p, len);
}

// @ts-ignore: decorator
@inline function st(i: usize): u32 {
  return load<u32>(shortStarts + (i << 2));
}

function mergeShort(p: usize, len: usize): void {
  const n = mergeShortParts(p, len);
  for (let i: usize = 0; i < n; i++) emit(idOf(load<u32>(shortPartRank + (i << 2))));
}

/**
 * The rank of the single token that merging [p, p + len) (2 <= len <= 64) makes, or NO_RANK when
 * the merge ends in several parts: whether the bytes are reachable whole (see reachable.ts).
 */
export function mergedWhole(p: usize, len: usize): u32 {
  return mergeShortParts(p, len) == 1 ? load<u32>(shortPartRank) : NO_RANK;
}

/** Merges a short piece, leaving its parts' ranks in shortPartRank; returns how many parts. */
function mergeShortParts(p: usize, len: usize): usize {
  let n = len; // number of parts
  for (let i: usize = 0; i <= len; i++) store<u32>(shortStarts + (i << 2), <u32>i);
  for (let i: usize = 0; i < len; i++) {
    store<u32>(shortPartRank + (i << 2), byteRank(load<u8>(p + i)));
    if (i + 1 < len) store<u32>(shortPairRank + (i << 2), pair2Rank(load<u8>(p + i), load<u8>(p + i + 1)));
  }
  while (n > 1) {
    let best = NO_RANK;
    let at: usize = 0;
    for (let i: usize = 0; i + 1 < n; i++) {
      const r = load<u32>(shortPairRank + (i << 2));
      if (r < best) {
        best = r;
        at = i;
      }
    }
    if (best == NO_RANK) break;
    // Part at+1 joins part at: drop its start and its pair slot.
    store<u32>(shortPartRank + (at << 2), best);
    for (let i = at + 1; i < n; i++) {
      store<u32>(shortStarts + (i << 2), st(i + 1));
      store<u32>(shortPartRank + (i << 2), load<u32>(shortPartRank + ((i + 1) << 2)));
      if (i + 1 < n) store<u32>(shortPairRank + (i << 2), load<u32>(shortPairRank + ((i + 1) << 2)));
    }
    n--;
    if (at + 1 < n) {
      const r = pairRankOf(best, load<u32>(shortPartRank + ((at + 1) << 2)), p + st(at), st(at + 2) - st(at), st(at + 1) - st(at));
      store<u32>(shortPairRank + (at << 2), r);
    }
    if (at > 0) {
      const r = pairRankOf(load<u32>(shortPartRank + ((at - 1) << 2)), best, p + st(at - 1), st(at + 1) - st(at - 1), st(at) - st(at - 1));
      store<u32>(shortPairRank + ((at - 1) << 2), r);
    }
  }
  return n;
}

// Long pieces. Arrays indexed by byte position within the piece; a part is named by its start.
// The heap holds u64 keys (rank << 32) | start, 4-ary (half the depth of a binary heap, and the four
// children share a cache line): its own, not ../lib/heap.ts, whose records and order call suit the
// trainer but not this hot loop. An entry is stale unless its part is alive and the pair starting
// there still has that rank (pairAt), since a rank names exactly one pair of bytes at a given start.
let nextPtr: usize = 0; // u32: start of the next part (len at the end); 0 marks a merged-away part
let prevPtr: usize = 0; // u32: start of the previous part
let rankPtr: usize = 0; // u32: rank of the part starting here
let pairAtPtr: usize = 0; // u32: rank of the pair starting here (NO_RANK: none)
let heapPtr: usize = 0; // u64 keys
let heapSize: usize = 0;
// Very long pieces: the initial pairs, counting-sorted by (rank, start) into a run read from the
// front, so that only pairs made by merges go through the heap (on one repeated character the
// initial pairs are half of all heap traffic, and each pop of a sorted heap sifts its full depth).
let runPtr: usize = 0;
let runLen: usize = 0;
let runHead: usize = 0;
// @ts-ignore: decorator
@inline const RUN_MIN_LEN: usize = 65536;
// Pairs made by merges first try two append-only queues, each kept sorted (a key joins a queue only
// if it is not below the queue's last key): on repetitive input the new pairs come as a few
// interleaved increasing sequences, and a queue pops in O(1) where the heap sifts. Both share one
// region of 2 * len keys, one growing up from its start, one down from its end: every merge pushes at
// most two keys, so together they never need more.
let queuePtr: usize = 0;
let upHead: usize = 0; // the rising queue holds [upHead, upTail)
let upTail: usize = 0;
let downHead: usize = 0; // the falling queue holds (downTail, downHead], read downwards
let downTail: usize = 0;
let queueTop: usize = 0; // index one past the region's end

// @ts-ignore: decorator
@inline function nx(i: usize): u32 {
  return load<u32>(nextPtr + (i << 2));
}

// @ts-ignore: decorator
@inline function partRank(i: usize): u32 {
  return load<u32>(rankPtr + (i << 2));
}

function heapPush(key: u64): void {
  let i = heapSize++;
  while (i > 0) {
    const parent = (i - 1) >> 2;
    const pk = load<u64>(heapPtr + (parent << 3));
    if (pk <= key) break;
    store<u64>(heapPtr + (i << 3), pk);
    i = parent;
  }
  store<u64>(heapPtr + (i << 3), key);
}

/** Removes the top entry (read it before calling). */
function heapPop(): void {
  const n = --heapSize;
  if (n == 0) return;
  const key = load<u64>(heapPtr + (n << 3));
  let i: usize = 0;
  while (true) {
    const first: usize = 4 * i + 1;
    if (first >= n) break;
    let c = first;
    let ck = load<u64>(heapPtr + (c << 3));
    const last = first + 3 < n ? first + 3 : n - 1;
    for (let j = first + 1; j <= last; j++) {
      const jk = load<u64>(heapPtr + (j << 3));
      if (jk < ck) {
        c = j;
        ck = jk;
      }
    }
    if (key <= ck) break;
    store<u64>(heapPtr + (i << 3), ck);
    i = c;
  }
  store<u64>(heapPtr + (i << 3), key);
}

// @ts-ignore: decorator
@inline function qk(i: usize): u64 {
  return load<u64>(queuePtr + (i << 3));
}

/** Queues a key made by a merge: on a sorted queue if one takes it, else on the heap. */
function pushKey(key: u64): void {
  if (upHead == upTail) {
    upHead = 0; // empty: start again from the bottom
    upTail = 0;
  }
  if (upHead == upTail || qk(upTail - 1) <= key) {
    store<u64>(queuePtr + (upTail << 3), key);
    upTail++;
    return;
  }
  if (downHead == downTail) {
    downHead = queueTop - 1;
    downTail = queueTop - 1;
  }
  if (downHead == downTail || qk(downTail + 1) <= key) {
    store<u64>(queuePtr + (downTail << 3), key);
    downTail--;
    return;
  }
  heapPush(key);
}

/** Records (and queues) the pair of parts start..mid..end. */
function pushPair(p: usize, start: u32, mid: u32, end: u32): void {
  const r = pairRankOf(partRank(start), partRank(mid), p + start, end - start, mid - start);
  store<u32>(pairAtPtr + (<usize>start << 2), r);
  if (r != NO_RANK) pushKey((<u64>r << 32) | <u64>start);
}

function mergeLong(p: usize, len: usize): bool {
  // Every merge adds at most two entries to the heap, on top of the len - 1 initial pairs.
  const cap: usize = 3 * len;
  const sorted = len >= RUN_MIN_LEN && <usize>tokenCount <= len * 4;
  // 16 bytes of lists, 24 of heap, 16 of queues and 8 of sorted run per byte (and the counts):
  // check in 64 bits before any 32-bit address wraps.
  if (<u64>workPtr + <u64>len * 64 + (<u64>tokenCount << 2) + 256 > MEMORY_LIMIT) return false;
  nextPtr = align16(workPtr);
  prevPtr = align16(nextPtr + ((len + 1) << 2));
  rankPtr = align16(prevPtr + ((len + 1) << 2));
  pairAtPtr = align16(rankPtr + ((len + 1) << 2));
  heapPtr = align16(pairAtPtr + ((len + 1) << 2));
  queuePtr = align16(heapPtr + (cap << 3));
  runPtr = align16(queuePtr + (len << 4));
  const countsPtr = align16(runPtr + (len << 3));
  const top = sorted ? countsPtr + ((<usize>tokenCount + 1) << 2) : runPtr;
  if (!ensureMemory(top + 16)) return false;
  heapSize = 0;
  runLen = 0;
  runHead = 0;
  queueTop = len << 1;
  upHead = upTail = 0;
  downHead = downTail = queueTop - 1;
  for (let i: usize = 0; i < len; i++) {
    store<u32>(nextPtr + (i << 2), <u32>(i + 1));
    store<u32>(prevPtr + (i << 2), <u32>(i - 1));
    store<u32>(rankPtr + (i << 2), byteRank(load<u8>(p + i)));
  }
  for (let i: usize = 0; i + 1 < len; i++) store<u32>(pairAtPtr + (i << 2), pair2Rank(load<u8>(p + i), load<u8>(p + i + 1)));
  store<u32>(pairAtPtr + ((len - 1) << 2), NO_RANK);
  if (sorted) {
    // Counting sort by rank; starts are visited in increasing order, so equal ranks stay in start order.
    memory.fill(countsPtr, 0, (<usize>tokenCount + 1) << 2);
    for (let i: usize = 0; i + 1 < len; i++) {
      const r = load<u32>(pairAtPtr + (i << 2));
      if (r != NO_RANK) store<u32>(countsPtr + ((<usize>r + 1) << 2), load<u32>(countsPtr + ((<usize>r + 1) << 2)) + 1);
    }
    let sum: u32 = 0;
    for (let r: usize = 0; r <= <usize>tokenCount; r++) {
      sum += load<u32>(countsPtr + (r << 2));
      store<u32>(countsPtr + (r << 2), sum);
    }
    for (let i: usize = 0; i + 1 < len; i++) {
      const r = load<u32>(pairAtPtr + (i << 2));
      if (r == NO_RANK) continue;
      const at = load<u32>(countsPtr + (<usize>r << 2));
      store<u32>(countsPtr + (<usize>r << 2), at + 1);
      store<u64>(runPtr + (<usize>at << 3), (<u64>r << 32) | <u64>i);
    }
    runLen = <usize>sum;
  } else {
    // In increasing start order: a heap push then rarely moves.
    for (let i: usize = 0; i + 1 < len; i++) {
      const r = load<u32>(pairAtPtr + (i << 2));
      if (r != NO_RANK) heapPush((<u64>r << 32) | <u64>i);
    }
  }
  const n = <u32>len;
  while (true) {
    // The smallest of the run's, the two queues' and the heap's fronts (keys are distinct).
    let key: u64 = -1;
    let from = 0;
    if (runHead < runLen) {
      key = load<u64>(runPtr + (runHead << 3));
      from = 1;
    }
    if (upHead < upTail && qk(upHead) < key) {
      key = qk(upHead);
      from = 2;
    }
    if (downHead > downTail && qk(downHead) < key) {
      key = qk(downHead);
      from = 3;
    }
    if (heapSize > 0 && load<u64>(heapPtr) < key) {
      key = load<u64>(heapPtr);
      from = 4;
    }
    if (from == 0) break;
    if (from == 1) runHead++;
    else if (from == 2) upHead++;
    else if (from == 3) downHead--;
    else heapPop();
    const s = <u32>key;
    const r = <u32>(key >> 32);
    const m = nx(s);
    if (m == 0 || load<u32>(pairAtPtr + (<usize>s << 2)) != r) continue; // stale
    const end = nx(m);
    store<u32>(nextPtr + (<usize>s << 2), end);
    store<u32>(nextPtr + (<usize>m << 2), 0);
    store<u32>(rankPtr + (<usize>s << 2), r);
    if (end < n) {
      store<u32>(prevPtr + (<usize>end << 2), s);
      pushPair(p, s, end, nx(end));
    } else {
      store<u32>(pairAtPtr + (<usize>s << 2), NO_RANK);
    }
    if (s > 0) pushPair(p, load<u32>(prevPtr + (<usize>s << 2)), s, end);
  }
  let i: u32 = 0;
  while (i < n) {
    emit(idOf(load<u32>(rankPtr + (<usize>i << 2))));
    i = nx(i);
  }
  return true;
}
