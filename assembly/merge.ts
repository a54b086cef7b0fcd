// Byte-pair merging of one piece that is not itself a token. The rule (tiktoken's): repeatedly merge
// the adjacent pair whose concatenated bytes have the lowest rank, leftmost on ties. In merges mode
// (vocab.ts) a pair's rank is that of the merge with exactly its two parts.
//
// Short pieces (the common case) use a flat scan over at most SHORT_MAX parts: quadratic, but on tiny
// arrays that stay in cache it beats anything cleverer. Long pieces use a linked list of parts and a
// min-heap of candidate pairs keyed by (rank, start), with stale entries skipped on pop, which makes
// the worst case O(n log n) instead of tiktoken's historical O(n^2).

import { pairRank, pair2Rank, rankToId, byteRank, NO_RANK } from "./vocab";
import { ensureMemory, align16, MEMORY_LIMIT } from "./arena";
import { emit } from "./output";

// @ts-ignore: decorator
@inline const SHORT_MAX: usize = 64;

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
    if (at + 1 < n) store<u32>(shortPairRank + (at << 2), pairRank(p + st(at), st(at + 2) - st(at), st(at + 1) - st(at)));
    if (at > 0) store<u32>(shortPairRank + ((at - 1) << 2), pairRank(p + st(at - 1), st(at + 1) - st(at - 1), st(at) - st(at - 1)));
  }
  for (let i: usize = 0; i < n; i++) emit(rankToId(load<u32>(shortPartRank + (i << 2))));
}

// Long pieces. Arrays indexed by byte position within the piece; a part is named by its start.
let nextPtr: usize = 0; // u32: start of the next part (len at the end); 0 marks a merged-away part
let prevPtr: usize = 0; // u32: start of the previous part
let rankPtr: usize = 0; // u32: rank of the part starting here
let heapKeyPtr: usize = 0; // u64: (rank << 32) | start
let heapEndPtr: usize = 0; // u32: end of the pair's second part, to recognise stale entries
let heapSize: usize = 0;

// @ts-ignore: decorator
@inline function nx(i: usize): u32 {
  return load<u32>(nextPtr + (i << 2));
}

function heapPush(key: u64, end: u32): void {
  let i = heapSize++;
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const pk = load<u64>(heapKeyPtr + (parent << 3));
    if (pk <= key) break;
    store<u64>(heapKeyPtr + (i << 3), pk);
    store<u32>(heapEndPtr + (i << 2), load<u32>(heapEndPtr + (parent << 2)));
    i = parent;
  }
  store<u64>(heapKeyPtr + (i << 3), key);
  store<u32>(heapEndPtr + (i << 2), end);
}

/** Removes the top entry (read it before calling). */
function heapPop(): void {
  const n = --heapSize;
  if (n == 0) return;
  const key = load<u64>(heapKeyPtr + (n << 3));
  const end = load<u32>(heapEndPtr + (n << 2));
  let i: usize = 0;
  while (true) {
    let c: usize = 2 * i + 1;
    if (c >= n) break;
    let ck = load<u64>(heapKeyPtr + (c << 3));
    if (c + 1 < n) {
      const rk = load<u64>(heapKeyPtr + ((c + 1) << 3));
      if (rk < ck) {
        c++;
        ck = rk;
      }
    }
    if (key <= ck) break;
    store<u64>(heapKeyPtr + (i << 3), ck);
    store<u32>(heapEndPtr + (i << 2), load<u32>(heapEndPtr + (c << 2)));
    i = c;
  }
  store<u64>(heapKeyPtr + (i << 3), key);
  store<u32>(heapEndPtr + (i << 2), end);
}

function pushPair(p: usize, start: u32, mid: u32, end: u32): void {
  const r = pairRank(p + start, end - start, mid - start);
  if (r != NO_RANK) heapPush((<u64>r << 32) | <u64>start, end);
}

function mergeLong(p: usize, len: usize): bool {
  // Every merge adds at most two entries to the heap, on top of the len - 1 initial pairs.
  const cap: usize = 3 * len;
  // 12 bytes of lists and 36 of heap per byte: check in 64 bits before any 32-bit address wraps.
  if (<u64>workPtr + <u64>len * 48 + 256 > MEMORY_LIMIT) return false;
  nextPtr = align16(workPtr);
  prevPtr = align16(nextPtr + ((len + 1) << 2));
  rankPtr = align16(prevPtr + ((len + 1) << 2));
  heapKeyPtr = align16(rankPtr + ((len + 1) << 2));
  heapEndPtr = align16(heapKeyPtr + (cap << 3));
  if (!ensureMemory(heapEndPtr + (cap << 2) + 16)) return false;
  heapSize = 0;
  for (let i: usize = 0; i < len; i++) {
    store<u32>(nextPtr + (i << 2), <u32>(i + 1));
    store<u32>(prevPtr + (i << 2), <u32>(i - 1));
    store<u32>(rankPtr + (i << 2), byteRank(load<u8>(p + i)));
  }
  for (let i: usize = 0; i + 1 < len; i++) {
    const r = pair2Rank(load<u8>(p + i), load<u8>(p + i + 1));
    if (r != NO_RANK) heapPush((<u64>r << 32) | <u64>i, <u32>(i + 2));
  }
  const n = <u32>len;
  while (heapSize > 0) {
    const key = load<u64>(heapKeyPtr);
    const end = load<u32>(heapEndPtr);
    heapPop();
    const s = <u32>key;
    const m = nx(s);
    // Stale unless part s is alive, has a successor, and that successor still ends at `end`.
    if (m == 0 || m >= n || nx(m) != end) continue;
    store<u32>(nextPtr + (<usize>s << 2), end);
    store<u32>(nextPtr + (<usize>m << 2), 0);
    store<u32>(rankPtr + (<usize>s << 2), <u32>(key >> 32));
    if (end < n) {
      store<u32>(prevPtr + (<usize>end << 2), s);
      pushPair(p, s, end, nx(end));
    }
    if (s > 0) pushPair(p, load<u32>(prevPtr + (<usize>s << 2)), s, end);
  }
  let i: u32 = 0;
  while (i < n) {
    emit(rankToId(load<u32>(rankPtr + (<usize>i << 2))));
    i = nx(i);
  }
  return true;
}
