// The ABI between the host (src/wasm.ts) and the engine: exported functions of numbers only.
// The host writes input into the regions these functions hand out and reads results as views.
// Every failure is a negative return code, never a trap; codes are named in src/engine-codes.ts.

import { scratchBase, ensureMemory, align16, sealFixed, isSealed, MEMORY_LIMIT } from "./lib/arena";
import * as vocab from "./vocab/tokens";
import { encodeText, setPattern as setPatternImpl, errorOffset, matchIndex } from "./encode/encoder";
import { ERR_OOM, ERR_NOT_READY, ERR_INVALID_ID, ERR_VOCAB_OOM, DECODE_BLOCK_IDS } from "./abi";
export { setWholePieceFirst } from "./encode/encoder";
export { reservePieces, piecesTablePtr, encodePieces } from "./encode/pieces";
export { setSingleDigits } from "./scan/cl100k";
import { resetOutput, outputStart, outCount } from "./encode/output";
import { setWorkPtr } from "./encode/merge";
import { charClass } from "./scan/unicode";
import { allocPieceCache, allocPairMemo } from "./encode/cache";
import { addReachableTokens } from "./encode/reachable";
import { isAscii, utf8ToUtf16 } from "./lib/utf16";


// ---- loading a vocabulary (once per instance) ----

export function reserveVocab(count: u32, blobBytes: u32): usize {
  return vocab.reserveVocab(count, blobBytes);
}
export function declareIdsAreRanks(): void {
  vocab.declareIdsAreRanks();
}
export function vocabIdsPtr(): usize {
  return vocab.idsPtr;
}
export function vocabOffsetsPtr(): usize {
  return vocab.offsetsPtr;
}
export function vocabBlobPtr(): usize {
  return vocab.blobPtr;
}
export function vocabLeftLensPtr(): usize {
  return vocab.leftLensPtr;
}
/** 0: tiktoken mode, 1: merges mode (see assembly/vocab.ts); before buildVocab. */
export function setMergesMode(on: u32): void {
  vocab.setMergesMode(on != 0);
}
/** A table built at build time (see vocab.reserveSlotTable): where to write it, then usePrebuiltSlots. */
export function reserveSlotTable(cap: u32): usize {
  return vocab.reserveSlotTable(cap);
}
export function usePrebuiltSlots(): void {
  vocab.usePrebuiltSlots();
}
export function hashSignature(): u32 {
  return vocab.hashSignature();
}
/** For scripts/pack-vocab.mjs: the built table (16-byte slots: rank at +8, 0 at +12 if empty). */
export function vocabSlotsPtr(): usize {
  return vocab.slotsStart();
}
export function vocabSlotCount(): u32 {
  return vocab.slotCount();
}
export function buildVocab(): i32 {
  return vocab.buildVocab();
}
export function reserveSpecials(count: u32, blobBytes: u32): usize {
  return vocab.reserveSpecials(count, blobBytes);
}
export function specialIdsPtr(): usize {
  return vocab.specialIdsPtr;
}
export function specialOffsetsPtr(): usize {
  return vocab.specialOffsetsPtr;
}
export function specialBlobPtr(): usize {
  return vocab.specialBlobPtr;
}
export function specialFlagsPtr(): usize {
  return vocab.specialFlagsPtr;
}
export function setPattern(p: u32): bool {
  return setPatternImpl(p);
}
/** Ends loading: builds the decode table and hands the rest of memory to per-call scratch. */
export function finishLoading(): i32 {
  if (isSealed()) return ERR_NOT_READY;
  const r = vocab.buildDecoder();
  if (r != 0) return r;
  if (!allocPieceCache() || !allocPairMemo()) return ERR_VOCAB_OOM;
  addReachableTokens();
  sealFixed();
  return 0;
}
export function maxTokenId(): u32 {
  return vocab.maxId;
}
/** Bytes of the longest token or special token (at least 16): no token holds more of a text. */
export function maxTokenBytes(): u32 {
  return vocab.maxDecodeLen;
}

// ---- encoding ----

/**
 * Makes room for `bytes` of input (plus padding); returns where to write it, or 0. A call whose
 * output and work space (see encode) could not fit is refused here, before memory grows for it.
 */
export function reserveInput(bytes: u32): usize {
  if (!isSealed()) return 0;
  const p = scratchBase();
  if (<u64>p + <u64>bytes * 5 + 64 > MEMORY_LIMIT) return 0;
  return ensureMemory(p + <usize>bytes + 16) ? p : 0;
}

/** Encodes the `len` bytes written at reserveInput's pointer; the number of ids, or an error code. */
export function encode(len: u32): i32 {
  if (!isSealed()) return ERR_NOT_READY;
  const p = scratchBase();
  // Input, then 4 bytes of output per input byte: refuse in 64 bits what 32-bit addresses cannot hold.
  if (<u64>p + <u64>len * 5 + 64 > MEMORY_LIMIT) return ERR_OOM;
  const e = p + <usize>len;
  store<u64>(e, 0); // padding read by 8-byte loads past the end
  const out = align16(e + 8);
  const work = align16(out + (<usize>len << 2) + 8);
  if (!ensureMemory(work + 16)) return ERR_OOM;
  resetOutput(out);
  setWorkPtr(work);
  const r = encodeText(p, e);
  return r < 0 ? r : <i32>outCount;
}
export function outputPtr(): usize {
  return outputStart();
}
/** After ERR_DISALLOWED_SPECIAL: byte offset into the input, and which special token. */
export function errorByteOffset(): u32 {
  return <u32>errorOffset;
}
export function errorSpecialIndex(): u32 {
  return matchIndex;
}

// ---- decoding ----
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
  vocab.ensureDecodeTable();
  const ids = scratchBase();
  if (append == 0) decodeEnd = decodeOut = align16(ids + (<usize>DECODE_BLOCK_IDS << 2));
  let w = decodeEnd;
  // Blocks of ids whose bytes cannot pass DECODE_ROOM, so that memory is made once per block (a
  // vocabulary's longest token is 128-ish bytes; a long special token makes the blocks short).
  const longest = <u64>vocab.maxDecodeLen + 16;
  const block = <u32>max<u64>(1, min<u64>(DECODE_BLOCK, DECODE_ROOM / longest));
  const table = vocab.decodeTable();
  const pastMax = vocab.maxId + 1; // its entry is zero, as for ids that are no token
  for (let start: u32 = 0; start < count; start += block) {
    const end = count - start > block ? start + block : count;
    if (<u64>(w - decodeOut) + <u64>(end - start) * longest > <u64>I32.MAX_VALUE || !room(w, <u64>(end - start) * longest)) return ERR_OOM;
    const stop = ids + (<usize>end << 2);
    for (let q = ids + (<usize>start << 2); q < stop; q += 4) {
      const at = table + (<usize>min(load<u32>(q), pastMax) << 4);
      const e = load<u64>(at); // as vocab.decodeEntryOf
      const tag = <u32>e & 0xFF;
      if (tag < vocab.DEC_LONG) {
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
  vocab.ensureDecodeTable();
  return vocab.idBytesPtr(id);
}
export function tokenBytesLength(id: u32): u32 {
  vocab.ensureDecodeTable();
  return vocab.idBytesLen(id);
}

// ---- for tests ----

export function unicodeClass(cp: u32): u32 {
  return charClass(cp);
}

// ---- training ----

export {
  trainBegin, trainReserve, trainSegmentsPtr, trainCount, trainMergeWords, trainWordsPtr, trainWordRecordSize,
  trainWordBytesPtr, trainWordBytesLength, trainWordCount, trainPrepare, trainRun, trainMergesPtr, trainMergeCount, trainMemoryUsed,
} from "./train/index";
