// The table of pieces the host hands to an engine in one call (assembly/encode/pieces.ts, and its twin in
// src/engine/js/encoder.ts) when it has cut the text itself (a Hugging Face Split regex run by RegExp).
// One u32 per entry: the byte offset where the next piece ends; with PIECE_FLAG_ID, an id to emit
// as it is; with PIECE_FLAG_SKIP, the byte offset where the next piece starts (text a Split removed).

import { inputBytes, writeUtf8 } from "../text/utf8.js";

import { PIECE_FLAG_ID, PIECE_FLAG_SKIP } from "../abi.js";
export { PIECE_FLAG_ID, PIECE_FLAG_SKIP };

/** Room needed: bytes of UTF-8 input (at most 3 per UTF-16 unit) and table entries. */
export function pieceTableSize(parts: ReadonlyArray<string | number>, cuts: ReadonlyArray<number[] | undefined>): { cap: number; count: number } {
  let cap = 0;
  let count = 0;
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k];
    if (typeof part === "number") count++;
    else {
      cap += inputBytes(part);
      count += cuts[k]!.length + 1; // at most a skip and an end per piece, and a final skip
    }
  }
  return { cap, count };
}

/**
 * Writes the parts' UTF-8 into `input` and their entries into `table`: `parts` are texts, each with
 * its pieces as flat [start, end) UTF-16 pairs in `cuts`, or ids. Returns the bytes and entries written.
 */
export function writePieceTable(
  parts: ReadonlyArray<string | number>,
  cuts: ReadonlyArray<number[] | undefined>,
  input: Uint8Array,
  table: Uint32Array,
): { written: number; entries: number } {
  let written = 0;
  let entries = 0;
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k];
    if (typeof part === "number") {
      table[entries++] = (PIECE_FLAG_ID | part) >>> 0;
      continue;
    }
    const base = written;
    written += writeUtf8(part, input.subarray(written));
    // UTF-16 offsets to byte offsets, walking the text once (a lone surrogate became 3 bytes of U+FFFD).
    const pieces = cuts[k]!;
    let unit = 0;
    let byte = base;
    let previousEnd = base;
    for (let i = 0; i < pieces.length; i += 2) {
      for (let side = 0; side < 2; side++) {
        const target = pieces[i + side];
        while (unit < target) {
          const c = part.charCodeAt(unit++);
          if (c < 0x80) byte += 1;
          else if (c < 0x800) byte += 2;
          else if (c >= 0xd800 && c < 0xdc00 && unit < part.length && (part.charCodeAt(unit) & 0xfc00) === 0xdc00) {
            byte += 4;
            unit++;
          } else byte += 3;
        }
        if (side === 0 && byte !== previousEnd) table[entries++] = (PIECE_FLAG_SKIP | byte) >>> 0;
        if (side === 1) table[entries++] = previousEnd = byte;
      }
    }
    // Text after the last piece (a Split removed it) is skipped too.
    if (written !== previousEnd) table[entries++] = (PIECE_FLAG_SKIP | written) >>> 0;
  }
  return { written, entries };
}
