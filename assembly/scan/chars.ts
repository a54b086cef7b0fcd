// Character stepping over valid UTF-8 (the host always writes TextEncoder output) and the
// character-class sets that tiktoken's patterns use. A class is a small integer from unicode.ts;
// a set of classes is a bit mask over those integers.

import { asciiClass, charClass, CLASS_UPPER, CLASS_LOWER, CLASS_LETTER_OTHER, CLASS_MARK, CLASS_NUMBER, CLASS_SPACE, CLASS_OTHER } from "./unicode";

// @ts-ignore: decorator
@inline export const LETTER: u32 = (1 << CLASS_UPPER) | (1 << CLASS_LOWER) | (1 << CLASS_LETTER_OTHER); // \p{L}
// @ts-ignore: decorator
@inline export const NUMBER: u32 = 1 << CLASS_NUMBER; // \p{N}
// @ts-ignore: decorator
@inline export const SPACE: u32 = 1 << CLASS_SPACE; // \s (Unicode White_Space)
// @ts-ignore: decorator
@inline export const PUNCT: u32 = (1 << CLASS_OTHER) | (1 << CLASS_MARK); // [^\s\p{L}\p{N}]
// [^\r\n\p{L}\p{N}] is PREFIX minus the two bytes \r and \n, checked separately.
// @ts-ignore: decorator
@inline export const PREFIX: u32 = (1 << CLASS_OTHER) | (1 << CLASS_MARK) | (1 << CLASS_SPACE);
// o200k: [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}] and [\p{Ll}\p{Lm}\p{Lo}\p{M}]
// @ts-ignore: decorator
@inline export const UPPERISH: u32 = (1 << CLASS_UPPER) | (1 << CLASS_LETTER_OTHER) | (1 << CLASS_MARK);
// @ts-ignore: decorator
@inline export const LOWERISH: u32 = (1 << CLASS_LOWER) | (1 << CLASS_LETTER_OTHER) | (1 << CLASS_MARK);

/** Class bit of the character read by the last `step`. */
export let bit: u32 = 0;

/** Reads the character at p (p < e) and returns where the next one starts; sets `bit`. */
// @ts-ignore: decorator
@inline export function step(p: usize, e: usize): usize {
  const b = <u32>load<u8>(p);
  if (b < 0x80) {
    bit = 1 << asciiClass(b);
    return p + 1;
  }
  let cp: u32;
  let n: usize;
  if (b < 0xE0) {
    cp = ((b & 0x1F) << 6) | (<u32>load<u8>(p, 1) & 0x3F);
    n = 2;
  } else if (b < 0xF0) {
    cp = ((b & 0x0F) << 12) | ((<u32>load<u8>(p, 1) & 0x3F) << 6) | (<u32>load<u8>(p, 2) & 0x3F);
    n = 3;
  } else {
    cp = ((b & 0x07) << 18) | ((<u32>load<u8>(p, 1) & 0x3F) << 12) | ((<u32>load<u8>(p, 2) & 0x3F) << 6) | (<u32>load<u8>(p, 3) & 0x3F);
    n = 4;
  }
  bit = 1 << charClass(cp);
  const q = p + n;
  return q > e ? e : q;
}

/** End of the run of characters in `set` starting at p. */
export function runOf(p: usize, e: usize, set: u32): usize {
  while (p < e) {
    const q = step(p, e);
    if ((bit & set) == 0) break;
    p = q;
  }
  return p;
}

/** After `whitespaceRun`: start of the run's last character, and just past its last \r or \n (0: none). */
export let lastCharStart: usize = 0;
export let afterLastNewline: usize = 0;

/** End of the White_Space run starting at p (the character at p is White_Space). */
export function whitespaceRun(p: usize, e: usize): usize {
  afterLastNewline = 0;
  while (p < e) {
    const b = load<u8>(p);
    const q = step(p, e);
    if ((bit & SPACE) == 0) break;
    if (b == 0x0A || b == 0x0D) afterLastNewline = q;
    lastCharStart = p;
    p = q;
  }
  return p;
}

/** `\s+(?!\S)|\s+` at p: a run followed by a non-space leaves its last character for the next piece. */
export function spaceTail(p: usize, e: usize, end: usize): usize {
  if (end < e && lastCharStart > p) return lastCharStart;
  return end;
}

@inline function lowerAscii(c: u32): u32 {
  return c - 0x41 < 26 ? c | 0x20 : c;
}

/**
 * `'s|'t|'re|'ve|'m|'ll|'d` at p (the byte at p is an apostrophe): the end of the match, or 0.
 * Case-insensitive matching follows Unicode simple case folding, under which U+017F (ſ) is an s.
 */
export function contraction(p: usize, e: usize, ignoreCase: bool): usize {
  const q = p + 1;
  if (q >= e) return 0;
  let c = <u32>load<u8>(q);
  if (ignoreCase) {
    if (c == 0xC5 && q + 1 < e && load<u8>(q, 1) == 0xBF) return q + 2;
    c = lowerAscii(c);
  }
  if (c == 0x73 || c == 0x74 || c == 0x6D || c == 0x64) return q + 1; // s t m d
  if (q + 1 >= e) return 0;
  let d = <u32>load<u8>(q, 1);
  if (ignoreCase) d = lowerAscii(d);
  if ((c == 0x72 || c == 0x76) && d == 0x65) return q + 2; // re ve
  if (c == 0x6C && d == 0x6C) return q + 2; // ll
  return 0;
}

/** A word's end, extended by the optional `(?i:'s|'t|'re|'ve|'m|'ll|'d)` that follows it (o200k_base). */
// @ts-ignore: decorator
@inline export function withContraction(end: usize, e: usize): usize {
  if (end < e && load<u8>(end) == 0x27) {
    const c = contraction(end, e, true);
    if (c != 0) return c;
  }
  return end;
}
