// Character classes for the JS scanners: the tables of assembly/unicode.ts (generated into
// unicode-tables.ts from the same pinned Unicode data), decoded once when the module loads.

import { ASCII_BASE64, STAGE1_BASE64, STAGE2_BASE64, BLOCK_SHIFT, STAGE1_WIDE } from "./unicode-tables.js";

export const CLASS_OTHER = 0;
export const CLASS_UPPER = 1;
export const CLASS_LOWER = 2;
export const CLASS_LETTER_OTHER = 3;
export const CLASS_MARK = 4;
export const CLASS_NUMBER = 5;
export const CLASS_SPACE = 6;

function fromBase64(text: string): Uint8Array {
  const binary = atob(text.replace(/\s/g, ""));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const ASCII = fromBase64(ASCII_BASE64);
const STAGE1_BYTES = fromBase64(STAGE1_BASE64);
const STAGE1: Uint8Array | Uint16Array = STAGE1_WIDE
  ? Uint16Array.from({ length: STAGE1_BYTES.length >> 1 }, (_, i) => STAGE1_BYTES[2 * i] | (STAGE1_BYTES[2 * i + 1] << 8))
  : STAGE1_BYTES;
const STAGE2 = fromBase64(STAGE2_BASE64);
const BLOCK_MASK = (1 << BLOCK_SHIFT) - 1;

/** Class of a byte below 0x80. */
export function asciiClass(b: number): number {
  return ASCII[b];
}

/** Class of any code point; above U+10FFFF, OTHER. */
export function charClass(cp: number): number {
  if (cp > 0x10ffff || cp < 0) return CLASS_OTHER;
  return STAGE2[(STAGE1[cp >> BLOCK_SHIFT] << BLOCK_SHIFT) | (cp & BLOCK_MASK)];
}
