// The piece cache: the ids of recently encoded short pieces, in front of the vocabulary table and the
// merge loop. Natural text repeats its words, and the vocabulary table (megabytes, three dependent
// loads per lookup) misses the CPU caches where this one (4 MB) mostly hits.
//
// Direct-mapped: a piece's hash picks one 64-byte entry, a new piece overwrites it. The key is the
// piece's bytes themselves (compared in full, not only the hash), so a hit is always right; the
// cache depends only on the vocabulary, which never changes after loading, so it is never stale and
// needs no reset between calls. Its size is fixed at loading: no growth across calls.
//
// Entry (64 bytes): u64 hash | u32 piece length (0: empty) | u32 id count | 24 piece bytes | 6 u32 ids

import { allocFixed } from "./arena";

// @ts-ignore: decorator
@inline const ENTRY_BITS: u32 = 6;
// @ts-ignore: decorator
@inline const ENTRIES: u32 = 65536; // 4 MB, touched only as entries fill; gpt-tokenizer keeps 100,000
/** Longest piece kept, in bytes. */
// @ts-ignore: decorator
@inline export const CACHE_MAX_LEN: usize = 24;
/** Most ids kept for one piece. */
// @ts-ignore: decorator
@inline export const CACHE_MAX_IDS: u32 = 6;

let cachePtr: usize = 0;

/** Reserves the cache in the fixed region (once, when loading ends); false when out of memory. */
export function allocPieceCache(): bool {
  if (cachePtr == 0) cachePtr = allocFixed(<usize>ENTRIES << ENTRY_BITS);
  return cachePtr != 0;
}

// @ts-ignore: decorator
@inline function entryOf(h: u64): usize {
  return cachePtr + ((<usize>(<u32>(h >> 40) & (ENTRIES - 1))) << ENTRY_BITS);
}

/** Bytes [p, p + len) equal the entry's (len <= 24; both sides readable 8 bytes past len). */
// @ts-ignore: decorator
@inline function sameBytes(p: usize, q: usize, len: usize): bool {
  const a0 = load<u64>(p) ^ load<u64>(q);
  if (len <= 8) return (a0 & (<u64>-1 >> ((8 - <u64>len) << 3))) == 0;
  if (a0 != 0) return false;
  const a1 = load<u64>(p, 8) ^ load<u64>(q, 8);
  if (len <= 16) return (a1 & (<u64>-1 >> ((16 - <u64>len) << 3))) == 0;
  if (a1 != 0) return false;
  const a2 = load<u64>(p, 16) ^ load<u64>(q, 16);
  return (a2 & (<u64>-1 >> ((24 - <u64>len) << 3))) == 0;
}

/**
 * The entry holding piece [p, p + len) with hash h, or 0. Its ids are at `cachedIds(entry)`, their
 * number `cachedCount(entry)`.
 */
// @ts-ignore: decorator
@inline export function cacheFind(p: usize, len: usize, h: u64): usize {
  const e = entryOf(h);
  if (load<u64>(e) != h || <usize>load<u32>(e, 8) != len) return 0;
  return sameBytes(p, e + 16, len) ? e : 0;
}

// @ts-ignore: decorator
@inline export function cachedCount(entry: usize): u32 {
  return load<u32>(entry, 12);
}

// @ts-ignore: decorator
@inline export function cachedIds(entry: usize): usize {
  return entry + 40;
}

/** Keeps the `count` ids at `ids` for piece [p, p + len) (callers check len and count against the maxima). */
export function cacheStore(p: usize, len: usize, h: u64, ids: usize, count: u32): void {
  const e = entryOf(h);
  store<u64>(e, h);
  store<u32>(e, <u32>len, 8);
  store<u32>(e, count, 12);
  // Bytes past len are copied too (the input is padded); sameBytes masks them off.
  store<u64>(e, load<u64>(p), 16);
  store<u64>(e, load<u64>(p, 8), 24);
  store<u64>(e, load<u64>(p, 16), 32);
  for (let i: u32 = 0; i < count; i++) store<u32>(e + 40 + (<usize>i << 2), load<u32>(ids + (<usize>i << 2)));
}

// The pair memo: the rank at which two adjacent parts merge, by the parts' ranks. A rank names its
// bytes, so (left rank, right rank) determines the joined bytes and the answer; the memo saves
// hashing and comparing the joined bytes, which on long unsplittable input are the same few pairs
// again and again. Direct-mapped; entry: u64 key ((left + 1) << 32 | right; 0 is empty) | u32 rank.

// @ts-ignore: decorator
@inline const MEMO_BITS: u32 = 12;

let memoPtr: usize = 0;

/** Reserves the pair memo (once, when loading ends); false when out of memory. */
export function allocPairMemo(): bool {
  if (memoPtr == 0) memoPtr = allocFixed(<usize>16 << MEMO_BITS);
  return memoPtr != 0;
}

// @ts-ignore: decorator
@inline export function memoKey(left: u32, right: u32): u64 {
  return ((<u64>left + 1) << 32) | <u64>right;
}

// @ts-ignore: decorator
@inline export function memoEntry(key: u64): usize {
  return memoPtr + (<usize>((key * 0x9E3779B97F4A7C15) >> (64 - MEMO_BITS)) << 4);
}
