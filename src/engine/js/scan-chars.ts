// Character stepping over valid UTF-8 (always TextEncoder output) and the character-class sets that
// tiktoken's patterns use: the twin of assembly/scan/chars.ts. Positions are indices into the input
// bytes `t`; where the wasm scanners return 0 for "no match", so do these (a real end is never 0).

import { asciiClass, charClass, CLASS_UPPER, CLASS_LOWER, CLASS_LETTER_OTHER, CLASS_MARK, CLASS_NUMBER, CLASS_SPACE, CLASS_OTHER } from "./unicode.js";

export const LETTER = (1 << CLASS_UPPER) | (1 << CLASS_LOWER) | (1 << CLASS_LETTER_OTHER); // \p{L}
export const NUMBER = 1 << CLASS_NUMBER; // \p{N}
export const SPACE = 1 << CLASS_SPACE; // \s (Unicode White_Space)
export const PUNCT = (1 << CLASS_OTHER) | (1 << CLASS_MARK); // [^\s\p{L}\p{N}]
// [^\r\n\p{L}\p{N}] is PREFIX minus the two bytes \r and \n, checked separately.
export const PREFIX = (1 << CLASS_OTHER) | (1 << CLASS_MARK) | (1 << CLASS_SPACE);
// o200k: [\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}] and [\p{Ll}\p{Lm}\p{Lo}\p{M}]
export const UPPERISH = (1 << CLASS_UPPER) | (1 << CLASS_LETTER_OTHER) | (1 << CLASS_MARK);
export const LOWERISH = (1 << CLASS_LOWER) | (1 << CLASS_LETTER_OTHER) | (1 << CLASS_MARK);

/** Class bit of the character read by the last `step`. */
export let bit = 0;

/** Reads the character at p (p < e) and returns where the next one starts; sets `bit`. */
export function step(t: Uint8Array, p: number, e: number): number {
  const b = t[p];
  if (b < 0x80) {
    bit = 1 << asciiClass(b);
    return p + 1;
  }
  let cp: number;
  let n: number;
  if (b < 0xe0) {
    cp = ((b & 0x1f) << 6) | (t[p + 1] & 0x3f);
    n = 2;
  } else if (b < 0xf0) {
    cp = ((b & 0x0f) << 12) | ((t[p + 1] & 0x3f) << 6) | (t[p + 2] & 0x3f);
    n = 3;
  } else {
    cp = ((b & 0x07) << 18) | ((t[p + 1] & 0x3f) << 12) | ((t[p + 2] & 0x3f) << 6) | (t[p + 3] & 0x3f);
    n = 4;
  }
  bit = 1 << charClass(cp);
  const q = p + n;
  return q > e ? e : q;
}

/** End of the run of characters in `set` starting at p. */
export function runOf(t: Uint8Array, p: number, e: number, set: number): number {
  while (p < e) {
    const q = step(t, p, e);
    if ((bit & set) === 0) break;
    p = q;
  }
  return p;
}

/** After `whitespaceRun`: start of the run's last character, and just past its last \r or \n (0: none). */
export let lastCharStart = 0;
export let afterLastNewline = 0;

/** End of the White_Space run starting at p (the character at p is White_Space). */
export function whitespaceRun(t: Uint8Array, p: number, e: number): number {
  afterLastNewline = 0;
  while (p < e) {
    const b = t[p];
    const q = step(t, p, e);
    if ((bit & SPACE) === 0) break;
    if (b === 0x0a || b === 0x0d) afterLastNewline = q;
    lastCharStart = p;
    p = q;
  }
  return p;
}

/** `\s+(?!\S)|\s+` at p: a run followed by a non-space leaves its last character for the next piece. */
export function spaceTail(p: number, e: number, end: number): number {
  if (end < e && lastCharStart > p) return lastCharStart;
  return end;
}

function lowerAscii(c: number): number {
  return c - 0x41 >>> 0 < 26 ? c | 0x20 : c;
}

/**
 * `'s|'t|'re|'ve|'m|'ll|'d` at p (the byte at p is an apostrophe): the end of the match, or 0.
 * Case-insensitive matching follows Unicode simple case folding, under which U+017F (ſ) is an s.
 */
export function contraction(t: Uint8Array, p: number, e: number, ignoreCase: boolean): number {
  const q = p + 1;
  if (q >= e) return 0;
  let c = t[q];
  if (ignoreCase) {
    if (c === 0xc5 && q + 1 < e && t[q + 1] === 0xbf) return q + 2;
    c = lowerAscii(c);
  }
  if (c === 0x73 || c === 0x74 || c === 0x6d || c === 0x64) return q + 1; // s t m d
  if (q + 1 >= e) return 0;
  let d = t[q + 1];
  if (ignoreCase) d = lowerAscii(d);
  if ((c === 0x72 || c === 0x76) && d === 0x65) return q + 2; // re ve
  if (c === 0x6c && d === 0x6c) return q + 2; // ll
  return 0;
}

/** A word's end, extended by the optional `(?i:'s|'t|'re|'ve|'m|'ll|'d)` that follows it (o200k_base). */
export function withContraction(t: Uint8Array, end: number, e: number): number {
  if (end < e && t[end] === 0x27) {
    const c = contraction(t, end, e, true);
    if (c !== 0) return c;
  }
  return end;
}
