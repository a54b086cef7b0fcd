// Encoding pieces the host has already found: for pre-tokenizers the engine has no scanner for (a
// Hugging Face Split regex run by the host's RegExp). The host writes the text's bytes and one u32
// per piece, then makes ONE call for the whole text: nothing crosses the boundary per piece.
//
// Scratch layout: [input bytes][8 padding][piece table: u32 per entry][output ids][merge work].
// An entry is the end offset (in bytes from the input start) of the next piece; with the top bit
// set, an id to emit as it is (an added token the host matched); with the next bit set, the offset
// where the next piece starts (skipping text a Split removed).

import { scratchBase, ensureMemory, align16, isSealed, MEMORY_LIMIT } from "../lib/arena";
import { encodePiece } from "./encoder";
import { ERR_OOM, ERR_NOT_READY, ERR_BAD_PIECES, PIECE_FLAG_ID, PIECE_FLAG_SKIP } from "../abi";
import { resetOutput, emit, outCount } from "./output";
import { setWorkPtr } from "./merge";


let tablePtr: usize = 0;

/** Makes room for `bytes` of input and `count` table entries; returns where to write the input, or 0. */
export function reservePieces(bytes: u32, count: u32): usize {
  if (!isSealed()) return 0;
  const p = scratchBase();
  // Input, table, then 4 bytes of output per input byte and per entry: checked in 64 bits.
  if (<u64>p + <u64>bytes * 5 + <u64>count * 8 + 96 > MEMORY_LIMIT) return 0;
  tablePtr = align16(p + <usize>bytes + 8);
  const out = align16(tablePtr + (<usize>count << 2));
  const work = align16(out + ((<usize>bytes + <usize>count) << 2) + 8);
  return ensureMemory(work + 16) ? p : 0;
}

/** Where the piece table starts (after reservePieces). */
export function piecesTablePtr(): usize {
  return tablePtr;
}

/** Encodes the `len` input bytes cut as the `count` table entries say; the number of ids, or an error code. */
export function encodePieces(len: u32, count: u32): i32 {
  if (!isSealed()) return ERR_NOT_READY;
  const p = scratchBase();
  const e = p + <usize>len;
  store<u64>(e, 0); // padding read by 8-byte loads past the end
  const out = align16(tablePtr + (<usize>count << 2));
  const work = align16(out + ((<usize>len + <usize>count) << 2) + 8);
  if (!ensureMemory(work + 16)) return ERR_OOM;
  resetOutput(out);
  setWorkPtr(work);
  let start = p;
  for (let i: u32 = 0; i < count; i++) {
    const entry = load<u32>(tablePtr + (<usize>i << 2));
    if ((entry & PIECE_FLAG_ID) != 0) {
      emit(entry & ~PIECE_FLAG_ID);
      continue;
    }
    if ((entry & PIECE_FLAG_SKIP) != 0) {
      const to = p + <usize>(entry & ~PIECE_FLAG_SKIP);
      if (to < start || to > e) return ERR_BAD_PIECES;
      start = to;
      continue;
    }
    const end = p + <usize>entry;
    if (end <= start || end > e) return ERR_BAD_PIECES; // the host's table is wrong: report, never trap
    if (!encodePiece(start, end)) return ERR_OOM;
    start = end;
  }
  return <i32>outCount;
}
