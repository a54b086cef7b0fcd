// Character classes for the JS scanners: the two-level table of assembly/scan/unicode.ts (generated into
// unicode-tables.ts from the same pinned Unicode data, run-length encoded), expanded once when the
// module loads.

import { STAGE1_RUNS, STAGE2_RUNS, STAGE1_LENGTH, STAGE2_LENGTH, BLOCK_SHIFT } from "./unicode-tables.js";

export const CLASS_OTHER = 0;
export const CLASS_UPPER = 1;
export const CLASS_LOWER = 2;
export const CLASS_LETTER_OTHER = 3;
export const CLASS_MARK = 4;
export const CLASS_NUMBER = 5;
export const CLASS_SPACE = 6;

/** Expands runs of (value, length), each an unsigned LEB128 number, from base64. */
function expandRuns(base64: string, length: number): Uint16Array {
  const binary = atob(base64.replace(/\s/g, ""));
  const table = new Uint16Array(length);
  let at = 0;
  let i = 0;
  const leb = (): number => {
    let n = 0;
    for (let shift = 0; ; shift += 7) {
      const b = binary.charCodeAt(i++);
      n |= (b & 127) << shift;
      if (b < 128) return n;
    }
  };
  while (i < binary.length) {
    const value = leb();
    const run = leb();
    table.fill(value, at, at + run);
    at += run;
  }
  if (at !== length) throw new Error(`unicode-tables.ts: runs cover ${at} entries, expected ${length}`);
  return table;
}

const STAGE1 = expandRuns(STAGE1_RUNS, STAGE1_LENGTH); // block number per 2^BLOCK_SHIFT code points
const STAGE2 = Uint8Array.from(expandRuns(STAGE2_RUNS, STAGE2_LENGTH)); // the distinct blocks
const BLOCK_MASK = (1 << BLOCK_SHIFT) - 1;
const ASCII = Uint8Array.from({ length: 128 }, (_, cp) => charClass(cp));

/** Class of a byte below 0x80. */
export function asciiClass(b: number): number {
  return ASCII[b];
}

/** Class of any code point; above U+10FFFF, OTHER. */
export function charClass(cp: number): number {
  if (cp > 0x10ffff || cp < 0) return CLASS_OTHER;
  return STAGE2[(STAGE1[cp >> BLOCK_SHIFT] << BLOCK_SHIFT) | (cp & BLOCK_MASK)];
}
