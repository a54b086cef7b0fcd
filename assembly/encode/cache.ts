// The piece cache: the ids of recently encoded pieces, in front of the vocabulary table and the
// merge loop. Natural text repeats its words, and the vocabulary table (megabytes, three dependent
// loads per lookup) misses the CPU caches where this one mostly hits.
//
// Four-way, least recently used out: a piece's hash picks a set of four entries, kept in the order
// they were last used; a hit moves its entry to the front and a new piece pushes out the last. (Two
// ways, newest stored first, missed 3-10% of the pieces of the peers benchmark's sample on every pass
// from conflicts alone: its frequent words were pushed out by rare ones; see docs/performance.md.) The key
// is the piece's bytes themselves (compared in full, not only the hash), so a hit is always right; the
// cache depends only on the vocabulary, which never changes after loading, so it is never stale and
// needs no reset between calls. Its size is fixed at loading: no growth. One-token pieces of up to 8
// bytes are not kept here: the hot table and the vocabulary's slots answer them (encoder.ts).
//
// Two tables: pieces of up to 24 bytes and 6 ids in 131,072 entries of 64 bytes (8 MB); the others of up
// to 64 bytes and 12 ids (long identifiers in code, runs of letters in scripts with multi-byte
// characters, short words that split into many tokens: the costliest to merge) in 8,192 entries of 128
// bytes (1 MB). Memory is touched only as entries fill. (gpt-tokenizer, for comparison, keeps 100,000
// pieces.)
// Entry: a CacheEntry, then the piece's bytes (24 or 64 bytes of room), then its u32 ids.

import { allocFixed } from "../lib/arena";
import { bytesEqual } from "../lib/hash";

// @ts-ignore: decorator
@inline const SHORT_ENTRY_BITS: u32 = 6;
// @ts-ignore: decorator
@inline const SHORT_ENTRIES: u32 = 131072;
// @ts-ignore: decorator
@inline const SHORT_KEY: usize = 24;
// @ts-ignore: decorator
@inline const LONG_ENTRY_BITS: u32 = 7;
// @ts-ignore: decorator
@inline const LONG_ENTRIES: u32 = 8192;
// @ts-ignore: decorator
@inline const LONG_KEY: usize = 64;
// @ts-ignore: decorator
@inline const WAYS: usize = 4;
/** Longest piece kept, in bytes. */
// @ts-ignore: decorator
@inline export const CACHE_MAX_LEN: usize = LONG_KEY;

@unmanaged
class CacheEntry {
  hash: u64;
  length: u32; // of the piece; 0: the entry is empty
  idCount: u32;
}

/** Where an entry's copy of the piece's bytes starts. */
// @ts-ignore: decorator
@inline const KEY_AT: usize = offsetof<CacheEntry>();

let shortPtr: usize = 0;
let longPtr: usize = 0;
const swapPtr = memory.data(128); // an entry on its way to the front of its set

/** Reserves the cache in the fixed region (once, when loading ends); false when out of memory. */
export function allocPieceCache(): bool {
  // The long table above the short one: cachedIds tells them apart by address.
  if (shortPtr == 0) shortPtr = allocFixed(<usize>SHORT_ENTRIES << SHORT_ENTRY_BITS);
  if (longPtr == 0) longPtr = allocFixed(<usize>LONG_ENTRIES << LONG_ENTRY_BITS);
  return shortPtr != 0 && longPtr != 0;
}

// @ts-ignore: decorator
@inline const SHORT_IDS: u32 = 6;
/** Most ids an entry holds: a short entry 6, a long one 12. */
// @ts-ignore: decorator
@inline export const CACHE_MAX_IDS: u32 = 12;

/**
 * The table a piece is kept in: the short one when it fits there (up to 24 bytes and 6 ids), else
 * the long one, which also takes short pieces of 7-12 ids (a word of a script that splits into many
 * tokens, as Devanagari or Tamil in cl100k_base, would otherwise be merged every time it comes).
 */
// @ts-ignore: decorator
@inline function isLongEntry(len: usize, count: u32): bool {
  return len > SHORT_KEY || count > SHORT_IDS;
}

/** The set of WAYS entries a piece with hash h maps to in one table: its first entry, the others follow. */
// @ts-ignore: decorator
@inline function setOf(h: u64, long: bool): usize {
  const index = <usize>(<u32>(h >> 40)) & ~(WAYS - 1);
  return long
    ? longPtr + ((index & (LONG_ENTRIES - 1)) << LONG_ENTRY_BITS)
    : shortPtr + ((index & (SHORT_ENTRIES - 1)) << SHORT_ENTRY_BITS);
}

// @ts-ignore: decorator
@inline function entrySize(long: bool): usize {
  return long ? <usize>1 << LONG_ENTRY_BITS : <usize>1 << SHORT_ENTRY_BITS;
}

/** Bytes [p, p + len) equal the short entry's (len <= 24; both sides readable 8 bytes past len). */
// @ts-ignore: decorator
@inline function sameShortBytes(p: usize, q: usize, len: usize): bool {
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
 * The entry holding piece [p, p + len) with hash h, or 0 (2 <= len <= CACHE_MAX_LEN). Its ids are at
 * `cachedIds(entry)`, their number `cachedCount(entry)`. A short piece is looked for in the short
 * table, then in the long one (a miss in both is a piece new to the cache, rare once it is warm).
 */
// @ts-ignore: decorator
@inline export function cacheFind(p: usize, len: usize, h: u64): usize {
  if (len <= SHORT_KEY) {
    const e = findIn(setOf(h, false), entrySize(false), p, len, h, false);
    if (e != 0) return e;
  }
  return findIn(setOf(h, true), entrySize(true), p, len, h, true);
}

/** The entry of the set at `first` that holds the piece, moved to the front of its set; or 0. */
// @ts-ignore: decorator
@inline function findIn(first: usize, size: usize, p: usize, len: usize, h: u64, long: bool): usize {
  if (holds(first, p, len, h, long)) return first;
  let e = first + size;
  for (let w: usize = 1; w < WAYS; w++) {
    if (holds(e, p, len, h, long)) {
      // Move to the front: the ways are kept newest-used first, and a miss drops the last.
      memory.copy(swapPtr, e, size);
      memory.copy(first + size, first, e - first);
      memory.copy(first, swapPtr, size);
      return first;
    }
    e += size;
  }
  return 0;
}

/** Entry e is piece [p, p + len) with hash h. */
// @ts-ignore: decorator
@inline function holds(e: usize, p: usize, len: usize, h: u64, long: bool): bool {
  const entry = changetype<CacheEntry>(e);
  if (entry.hash != h || <usize>entry.length != len) return false;
  return long ? bytesEqual(p, e + KEY_AT, len) : sameShortBytes(p, e + KEY_AT, len);
}

// @ts-ignore: decorator
@inline export function cachedCount(entry: usize): u32 {
  return changetype<CacheEntry>(entry).idCount;
}

/** Where an entry's ids are: after its key, 24 bytes in the short table, 64 in the long one (which lies above it). */
// @ts-ignore: decorator
@inline export function cachedIds(entry: usize): usize {
  return entry + KEY_AT + (entry >= longPtr ? LONG_KEY : SHORT_KEY);
}

/**
 * Keeps the `count` ids at `ids` for piece [p, p + len) (2 <= len <= CACHE_MAX_LEN, count <=
 * CACHE_MAX_IDS).
 */
export function cacheStore(p: usize, len: usize, h: u64, ids: usize, count: u32): void {
  const long = isLongEntry(len, count);
  const e = setOf(h, long);
  // The new piece goes first; the others move back one, and the last (least recently used) is dropped.
  const size = entrySize(long);
  const entry = changetype<CacheEntry>(e);
  if (entry.length != 0) memory.copy(e + size, e, size * (WAYS - 1));
  entry.hash = h;
  entry.length = <u32>len;
  entry.idCount = count;
  // Whole words of the piece are copied, up to 7 bytes past len (the input is padded); the
  // comparisons mask them off.
  for (let i: usize = 0; i < len; i += 8) store<u64>(e + KEY_AT + i, load<u64>(p + i));
  const to = e + KEY_AT + (long ? LONG_KEY : SHORT_KEY);
  for (let i: u32 = 0; i < count; i++) store<u32>(to + (<usize>i << 2), load<u32>(ids + (<usize>i << 2)));
}

// The pair memo: the rank at which two adjacent parts merge, by the parts' ranks. A rank names its
// bytes, so (left rank, right rank) determines the joined bytes and the answer; the memo saves
// hashing and comparing the joined bytes, which on long unsplittable input are the same few pairs
// again and again, and in ordinary text the pairs of the merges of new words repeat from word to
// word. Direct-mapped, in entries of 16 bytes.

@unmanaged
export class MemoEntry {
  key: u64; // (left + 1) << 32 | right; 0: empty
  rank: u32;
}

// 16,384 entries, 256 KB, touched only as they fill: 2 MB was slower on new text, where every lookup
// writes an entry (docs/performance.md, section 19).
// @ts-ignore: decorator
@inline const MEMO_BITS: u32 = 14;

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
@inline export function memoEntry(key: u64): MemoEntry {
  return changetype<MemoEntry>(memoPtr + (<usize>((key * 0x9E3779B97F4A7C15) >> (64 - MEMO_BITS)) << 4));
}
