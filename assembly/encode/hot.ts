// The hot-piece table: the last single-token piece of up to 8 bytes seen at each of 32,768 places, in
// 512 KB, small enough for the CPU's second-level cache. Most pieces of text are a few frequent words, each
// one token; found here, they skip the vocabulary table (megabytes: a probe there costs a memory access
// on text it has not seen, see docs/performance.md). Such pieces are kept here and not in the piece
// cache (encoder.ts). Direct-mapped, newest kept; the key is the piece's bytes, so a hit is always
// right, and it depends only on the vocabulary, which never changes after loading.
// Entry (16 bytes): the piece's bytes (u64, zero-padded), then its id with its length in the top bits.

import { allocFixed } from "../lib/arena";

// @ts-ignore: decorator
@inline const HOT_BITS: u32 = 15;
// @ts-ignore: decorator
@inline export const HOT_MAX_LEN: usize = 8;
// @ts-ignore: decorator
@inline const LEN_SHIFT: u32 = 28; // ids are below 2^26 (MAX_TOKEN_ID in ../abi.ts)

let hotPtr: usize = 0;

/** Reserves the table (once, when loading ends); false when out of memory. */
export function allocHotPieces(): bool {
  if (hotPtr == 0) hotPtr = allocFixed(<usize>16 << HOT_BITS);
  return hotPtr != 0;
}

/** The first len bytes at p (2 <= len <= 8; p is readable 8 bytes on), zero-padded. */
// @ts-ignore: decorator
@inline export function hotKey(p: usize, len: usize): u64 {
  return load<u64>(p) & (<u64>-1 >> ((8 - <u64>len) << 3));
}

// @ts-ignore: decorator
@inline function hotEntry(h: u64): usize {
  return hotPtr + (<usize>(<u32>(h >> 48) & ((1 << HOT_BITS) - 1)) << 4);
}

/** The id of the piece with key k, length len and hash h, or -1 when the table does not hold it. */
// @ts-ignore: decorator
@inline export function hotFind(k: u64, len: usize, h: u64): i32 {
  const e = hotEntry(h);
  const word = load<u32>(e, 8);
  return load<u64>(e) == k && <usize>(word >> LEN_SHIFT) == len ? <i32>(word & ((1 << LEN_SHIFT) - 1)) : -1;
}

/** Keeps piece (key k, length len, hash h) as the one-token piece `id`. */
// @ts-ignore: decorator
@inline export function hotStore(k: u64, len: usize, h: u64, id: u32): void {
  const e = hotEntry(h);
  store<u64>(e, k);
  store<u32>(e, id | (<u32>len << LEN_SHIFT), 8);
}
