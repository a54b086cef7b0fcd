// Decoding: the table from every id to its bytes, built once at loading, and the decode calls of the
// ABI (re-exported by index.ts).

import { allocFixed, scratchBase, ensureMemory, align16, isSealed, MEMORY_LIMIT } from "./lib/arena";
import { isAscii, utf8ToUtf16 } from "./lib/utf16";
import { bytesEqual } from "./lib/hash";
import { ERR_OOM, ERR_NOT_READY, ERR_INVALID_ID, ERR_VOCAB_STATE, ERR_VOCAB_DUPLICATE_ID, ERR_VOCAB_OOM, ERR_VOCAB_ID_RANGE, DECODE_BLOCK_IDS, MAX_SPECIAL_LEN, MAX_TOKEN_ID } from "./abi";
import { tokenCount, tokensMaxId, maxTokenLen, idsAreRanks, rankToId, tokenStart, tokenLen, blobPtr } from "./vocab/tokens";
import { checkSpecials, specialCount, specialId, specialStart, specialLen, specialBlobPtr, specialsMaxId, specialsMaxLen } from "./vocab/specials";

// Ids index the decode table directly; this keeps it below 1 GB.

// The table: for every id up to maxId, 16 bytes (zero: not a token). A token of up to 15 bytes is held
// in its entry, its length in the first byte and its bytes after it, so decoding reads one cache line
// per id (nearly every token of real text: English o200k_base ids have 16% of 8-15 bytes); a longer
// one is (length << 8) | DEC_LONG, then its pointer.
export let maxId: u32 = 0; // the highest id of a token or special token
let decTablePtr: usize = 0;
export const DEC_LONG: u32 = 16;
export let maxDecodeLen: u32 = 16; // the longest token or special, at least 16 (what a short token writes)

/** Checks the specials, then builds the decode table over all ids; 0 or an error code. */
export function buildDecoder(): i32 {
  if (tokenCount == 0) return ERR_VOCAB_STATE;
  const r = checkSpecials();
  if (r != 0) return r;
  maxId = max(tokensMaxId, specialsMaxId);
  if (maxId > MAX_TOKEN_ID) return ERR_VOCAB_ID_RANGE;
  maxDecodeLen = max(maxDecodeLen, max(specialsMaxLen, maxTokenLen));
  decTablePtr = allocFixed(((<usize>maxId + 2) << 4)); // + a zero entry that decode reads for ids past maxId
  if (decTablePtr == 0) return ERR_VOCAB_OOM;
  if (idsAreRanks) {
    // Ids that are ranks are distinct, so only the specials can clash: with a token, or with each
    // other (checked as their entries go in). The tokens' entries wait for the first decode
    // (fillTokenEntries): loading then does not write the table, 3.2 MB for o200k_base.
    for (let k: u32 = 0; k < specialCount; k++) if (specialId(k) < tokenCount) return ERR_VOCAB_DUPLICATE_ID;
    tokenEntriesDue = true;
  } else {
    const r = fillTokenEntries();
    if (r != 0) return r;
  }
  // A special may not have a token's id, but it may have an earlier special's (o200k_harmony names
  // 200018 twice): it encodes to that id, and decode gives the first one's text.
  for (let k: u32 = 0; k < specialCount; k++) if (idBytesLen(specialId(k)) != 0) return ERR_VOCAB_DUPLICATE_ID;
  for (let k: u32 = 0; k < specialCount; k++) {
    const id = specialId(k);
    if (idBytesLen(id) == 0) setDecodeEntry(id, specialBlobPtr + specialStart(k), specialLen(k));
  }
  return 0;
}

/** The tokens' decode entries are still to be written (see buildDecoder). */
let tokenEntriesDue = false;

/** Writes the tokens' decode entries if loading left them for now; call before reading the table. */
export function ensureDecodeTable(): void {
  if (!tokenEntriesDue) return;
  tokenEntriesDue = false;
  fillTokenEntries(); // ids are ranks: no duplicates to find
}

/** Writes every token's decode entry; ERR_VOCAB_DUPLICATE_ID if two tokens with different bytes share an id. */
function fillTokenEntries(): i32 {
  for (let r: u32 = 0; r < tokenCount; r++) {
    const id = rankToId(r);
    const seen = idBytesLen(id);
    if (seen != 0) {
      // Two merges may make the same token (as in Hugging Face files); different bytes may not share an id.
      if (seen != tokenLen(r) || !bytesEqual(idBytesPtr(id), blobPtr + tokenStart(r), seen)) {
        return ERR_VOCAB_DUPLICATE_ID;
      }
      continue;
    }
    setDecodeEntry(id, blobPtr + tokenStart(r), tokenLen(r));
  }
  return 0;
}

/** Writes the decode-table entry of `id`: `len` (1..MAX_SPECIAL_LEN) bytes at `p` (followed by 8 readable bytes). */
function setDecodeEntry(id: u32, p: usize, len: u32): void {
  const e = decTablePtr + (<usize>id << 4);
  if (len >= DEC_LONG) {
    store<u64>(e, (<u64>len << 8) | DEC_LONG);
    store<u64>(e, <u64>p, 8);
  } else {
    // Bytes 0-6 after the length, 7-14 in the second word; zero past the token.
    const lo = len >= 8 ? load<u64>(p) : load<u64>(p) & (<u64>-1 >> (<u64>(8 - len) << 3));
    const hi = len <= 7 ? 0 : load<u64>(p, 7) & (<u64>-1 >> (<u64>(15 - len) << 3));
    store<u64>(e, (lo << 8) | <u64>len);
    store<u64>(e, hi, 8);
  }
}

/** The first word of the decode-table entry of `id` (see decTablePtr); 0 when the id is not a token. */
// @ts-ignore: decorator
@inline export function decodeEntryOf(id: u32): u64 {
  return id > maxId ? 0 : load<u64>(decTablePtr + (<usize>id << 4));
}

/** Where the bytes of token `id` are (in its entry when short); 0 when the id is not a token. */
export function idBytesPtr(id: u32): usize {
  const e = decodeEntryOf(id);
  if (e == 0) return 0;
  const at = decTablePtr + (<usize>id << 4);
  return (<u32>e & 0xFF) == DEC_LONG ? <usize>load<u64>(at, 8) : at + 1;
}

@inline export function idBytesLen(id: u32): u32 {
  const e = decodeEntryOf(id);
  return (<u32>e & 0xFF) == DEC_LONG ? <u32>(e >> 8) & MAX_SPECIAL_LEN : <u32>e & 0xFF;
}

// ---- the ABI ----
// The host copies ids in blocks of at most DECODE_BLOCK_IDS (reserveIds), each decoded onto the end of the
// output (decodeIds): the ids never need memory of their own beyond one block, so a decode's scratch
// follows its output, and a decode that fails part-way has grown memory no further than that.

let decodeOut: usize = 0;
let decodeEnd: usize = 0;
let badIndex: u32 = 0;

/** The most ids one block holds (reserveIds refuses more). */
export function decodeBlockIds(): u32 {
  return DECODE_BLOCK_IDS;
}

/** Makes room for a block of `count` (at most DECODE_BLOCK_IDS) ids; returns where to write them (u32), or 0. */
export function reserveIds(count: u32): usize {
  if (!isSealed() || count > DECODE_BLOCK_IDS) return 0;
  const p = scratchBase();
  return ensureMemory(p + (<usize>DECODE_BLOCK_IDS << 2) + 16) ? p : 0;
}

/**
 * Writes the bytes of the `count` ids at reserveIds' pointer after the output so far (or as a new
 * output, when `append` is 0); the output's length, or an error code.
 */
export function decodeIds(count: u32, append: u32): i32 {
  if (!isSealed() || count > DECODE_BLOCK_IDS) return ERR_NOT_READY;
  ensureDecodeTable();
  const ids = scratchBase();
  if (append == 0) decodeEnd = decodeOut = align16(ids + (<usize>DECODE_BLOCK_IDS << 2));
  let w = decodeEnd;
  // Blocks of ids whose bytes cannot pass DECODE_ROOM, so that memory is made once per block (a
  // vocabulary's longest token is 128-ish bytes; a long special token makes the blocks short).
  const longest = <u64>maxDecodeLen + 16;
  const block = <u32>max<u64>(1, min<u64>(DECODE_BLOCK, DECODE_ROOM / longest));
  const table = decTablePtr;
  const pastMax = maxId + 1; // its entry is zero, as for ids that are no token
  for (let start: u32 = 0; start < count; start += block) {
    const end = count - start > block ? start + block : count;
    if (<u64>(w - decodeOut) + <u64>(end - start) * longest > <u64>I32.MAX_VALUE || !room(w, <u64>(end - start) * longest)) return ERR_OOM;
    const stop = ids + (<usize>end << 2);
    for (let q = ids + (<usize>start << 2); q < stop; q += 4) {
      const at = table + (<usize>min(load<u32>(q), pastMax) << 4);
      const e = load<u64>(at); // as decodeEntryOf
      const tag = <u32>e & 0xFF;
      if (tag < DEC_LONG) {
        if (tag == 0) {
          badIndex = <u32>((q - ids) >> 2);
          return ERR_INVALID_ID;
        }
        // Bytes 0-6, then 7-14: 15 bytes written, those past the token overwritten by the next one.
        store<u64>(w, e >> 8);
        store<u64>(w, load<u64>(at, 8), 7);
        w += tag;
        continue;
      }
      const src = <usize>load<u64>(at, 8);
      const len = <usize>(<u32>(e >> 8) & 0xFFFFFF);
      // Up to 16 bytes as two words (token bytes are followed by other tables: reading past stays in memory).
      if (len <= 16) {
        store<u64>(w, load<u64>(src));
        store<u64>(w, load<u64>(src, 8), 8);
      } else {
        memory.copy(w, src, len);
      }
      w += len;
    }
  }
  decodeEnd = w;
  return <i32>(w - decodeOut);
}
const DECODE_BLOCK: u64 = 1024;
const DECODE_ROOM: u64 = 1 << 18;

/** Room for `bytes` at `w`, plus slack for the 16-byte copies. */
function room(w: usize, bytes: u64): bool {
  return <u64>w + bytes + 64 <= MEMORY_LIMIT && ensureMemory(w + <usize>bytes + 32);
}

export function decodeOutputPtr(): usize {
  return decodeOut;
}

let textOut: usize = 0;
let textIsUtf16 = false;

/**
 * Turns the output of decodeIds into text: UTF-16 units at decodeTextPtr when decodeTextIsUtf16,
 * else (all ASCII, or no room for the units) leaves the UTF-8 bytes at decodeOutputPtr. Returns the
 * number of units or bytes.
 */
export function decodeText(): i32 {
  const src = decodeOut;
  const len = decodeEnd - decodeOut;
  store<u64>(src + len, 0); // the converter and isAscii read up to 8 bytes past the end
  textIsUtf16 = false;
  if (isAscii(src, len)) return <i32>len; // a UTF-8 TextDecoder makes a one-byte string of ASCII fastest
  const dst = align16(src + len + 16);
  if (!room(dst, <u64>len << 1)) return <i32>len;
  textOut = dst;
  textIsUtf16 = true;
  return <i32>utf8ToUtf16(src, len, dst);
}
export function decodeTextPtr(): usize {
  return textOut;
}
export function decodeTextIsUtf16(): bool {
  return textIsUtf16;
}
/** After ERR_INVALID_ID: the position of the offending id in its block. */
export function errorIdIndex(): u32 {
  return badIndex;
}
export function tokenBytesPtr(id: u32): usize {
  ensureDecodeTable();
  return idBytesPtr(id);
}
export function tokenBytesLength(id: u32): u32 {
  ensureDecodeTable();
  return idBytesLen(id);
}
