// One encode call: special tokens first (as tiktoken does), then the pattern scanner splits each
// ordinary segment into pieces, and each piece is looked up whole or merged.

import { ERR_OOM, ERR_DISALLOWED_SPECIAL, PATTERN_GPT2, PATTERN_CL100K, PATTERN_O200K, SPECIAL_ALLOWED, SPECIAL_DISALLOWED } from "../abi";
import { nextPiece, isPattern } from "../scan/index";
import { lookupWholeHashed, lookupRank, idOf, byteRank, NO_RANK } from "../vocab/tokens";
import { specialCount, specialFlagsPtr, specialFirstBytePtr, specialSoleLead, specialBlobPtr, specialStart, specialLen, specialId } from "../vocab/specials";
import { mergePiece } from "./merge";
import { emit, emitFrom, outCount, outputStart } from "./output";
import { bytesEqual, hashBytes } from "../lib/hash";
import { hotFind, hotStore, hotKey, HOT_MAX_LEN } from "./hot";
import { cacheFind, cachedCount, cachedIds, cacheStore, CACHE_MAX_IDS, CACHE_MAX_LEN } from "./cache";


export let pattern: u32 = PATTERN_O200K;

export function setPattern(p: u32): bool {
  if (!isPattern(p)) return false;
  pattern = p;
  return true;
}

/** After a match by `findSpecial`: which special token, and how many bytes. */
export let matchIndex: u32 = 0;
let matchLength: usize = 0;

// @ts-ignore: decorator
@inline const ONES: u64 = 0x0101010101010101;

/** The first position in [i, e) whose byte some special token starts with; or e. */
function nextLead(i: usize, e: usize): usize {
  if (specialSoleLead >= 0) {
    // `<` in every named encoding. Eight bytes at a time: the lowest zero byte of x is the first
    // occurrence in the eight.
    const pattern = <u64>specialSoleLead * ONES;
    while (i + 8 <= e) {
      const x = load<u64>(i) ^ pattern;
      const zeros = (x - ONES) & ~x & (ONES << 7);
      if (zeros != 0) return i + <usize>(ctz(zeros) >> 3);
      i += 8;
    }
  }
  while (i < e && load<u8>(specialFirstBytePtr + load<u8>(i)) == 0) i++;
  return i;
}

/** Leftmost (then longest) occurrence in [from, e) of a special token whose flag is `want`; or e. */
export function findSpecial(from: usize, e: usize, want: u8): usize {
  for (let i = nextLead(from, e); i < e; i = nextLead(i + 1, e)) {
    let best: i32 = -1;
    let bestLen: usize = 0;
    for (let k: u32 = 0; k < specialCount; k++) {
      if (load<u8>(specialFlagsPtr + k) != want) continue;
      const len = <usize>specialLen(k);
      if (len > bestLen && i + len <= e && bytesEqual(i, specialBlobPtr + specialStart(k), len)) {
        best = <i32>k;
        bestLen = len;
      }
    }
    if (best >= 0) {
      matchIndex = <u32>best;
      matchLength = bestLen;
      return i;
    }
  }
  return e;
}

function flagged(want: u8): bool {
  for (let k: u32 = 0; k < specialCount; k++) if (load<u8>(specialFlagsPtr + k) == want) return true;
  return false;
}

/**
 * Hugging Face's `ignore_merges` (Llama 3, GPT-OSS): in merges mode, a piece that is itself a token
 * is that token, reachable or not. The host then packs every token also as a plain entry, so
 * lookupRank finds it. Set once after loading, so the piece cache stays right.
 */
export let wholePieceFirst = false;

export function setWholePieceFirst(on: bool): void {
  wholePieceFirst = on;
}

/** Emits the ids of one piece; false if a long merge ran out of memory. */
// @ts-ignore: decorator
@inline export function encodePiece(p: usize, q: usize): bool {
  const len = q - p;
  if (len == 1) {
    emit(idOf(byteRank(load<u8>(p))));
    return true;
  }
  if (len > CACHE_MAX_LEN) return encodeUncached(p, len, hashBytes(p, len));
  const h = hashBytes(p, len);
  const short = len <= HOT_MAX_LEN;
  if (short) {
    // Up to 8 bytes: the hot table, then the vocabulary, whose slot holds those bytes. A one-token
    // piece is not kept in the piece cache too, so a new one costs one table access, not two.
    const k = hotKey(p, len);
    const hot = hotFind(k, len, h);
    if (hot >= 0) {
      emit(<u32>hot);
      return true;
    }
    const r = wholeRank(p, len, h);
    if (r != NO_RANK) {
      const id = idOf(r);
      hotStore(k, len, h, id);
      emit(id);
      return true;
    }
  }
  // Pieces of several tokens, and longer ones (whose lookup in the vocabulary compares bytes past
  // the eighth in its blob): the piece cache first.
  const hit = cacheFind(p, len, h);
  if (hit != 0) {
    emitFrom(cachedIds(hit), cachedCount(hit));
    return true;
  }
  const before = outCount;
  if (short) mergePiece(p, len); // short pieces never run out of memory
  else encodeUncached(p, len, h);
  const n = outCount - before;
  if (n <= CACHE_MAX_IDS) cacheStore(p, len, h, outputStart() + (<usize>before << 2), n);
  return true;
}

/**
 * The rank of the token that piece [p, p + len) is as a whole, or NO_RANK: in tiktoken mode the
 * token with its bytes; in merges mode only one its merge ends in (reachable.ts), which the
 * whole-token entries record, or with ignore_merges any token (see wholePieceFirst).
 */
// @ts-ignore: decorator
@inline function wholeRank(p: usize, len: usize, h: u64): u32 {
  const r = lookupWholeHashed(p, len, h);
  return r == NO_RANK && wholePieceFirst ? lookupRank(p, len) : r;
}

/** A piece of two or more bytes, not in the cache; h is its hash. */
function encodeUncached(p: usize, len: usize, h: u64): bool {
  const r = wholeRank(p, len, h);
  if (r != NO_RANK) {
    emit(idOf(r));
    return true;
  }
  return mergePiece(p, len);
}

/** Encodes ordinary text [p, e); the end of the segment acts as the end of the text. */
function encodeSegment(p: usize, e: usize): bool {
  // One loop per pattern with the pattern a constant in it, so that nextPiece chooses the scanner
  // once per segment instead of once per piece (this is the encoder's hottest loop).
  if (pattern == PATTERN_O200K) return encodeSegmentWith(PATTERN_O200K, p, e);
  if (pattern == PATTERN_CL100K) return encodeSegmentWith(PATTERN_CL100K, p, e);
  return encodeSegmentWith(PATTERN_GPT2, p, e);
}

// @ts-ignore: decorator
@inline function encodeSegmentWith(scanner: u32, p: usize, e: usize): bool {
  while (p < e) {
    const q = nextPiece(scanner, p, e);
    if (!encodePiece(p, q)) return false;
    p = q;
  }
  return true;
}

/** Error detail for the host: byte offset of a disallowed special token. */
export let errorOffset: usize = 0;

/** Encodes [start, e) into the output region; 0, or a negative error code. */
export function encodeText(start: usize, e: usize): i32 {
  if (flagged(SPECIAL_DISALLOWED)) {
    const at = findSpecial(start, e, SPECIAL_DISALLOWED);
    if (at < e) {
      errorOffset = at - start;
      return ERR_DISALLOWED_SPECIAL;
    }
  }
  let s = start;
  if (flagged(SPECIAL_ALLOWED)) {
    while (s < e) {
      const at = findSpecial(s, e, SPECIAL_ALLOWED);
      if (at == e) break;
      if (!encodeSegment(s, at)) return ERR_OOM;
      emit(specialId(matchIndex));
      s = at + matchLength;
    }
  }
  return encodeSegment(s, e) ? 0 : ERR_OOM;
}
