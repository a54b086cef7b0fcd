// ASCII pieces, the common case of the o200k_base and cl100k_base patterns, in tight loops over bytes
// instead of the general character-by-character scan. Each returns the end of the piece, or 0 when
// the general scanner must decide: the byte at p is not ASCII, a digit, or a contraction (cl100k), or
// a byte of 0x80 or more follows the run (a non-ASCII letter, mark, symbol or space could continue it).
// Classes come from the same table as the general scanner's (unicode.ts asciiClass).

import { asciiClass, CLASS_SPACE, CLASS_NUMBER, CLASS_OTHER } from "./unicode";
import { withContraction } from "./chars";

// @ts-ignore: decorator
@inline function isUpper(c: u32): bool {
  return c - 0x41 < 26;
}

// @ts-ignore: decorator
@inline function isLower(c: u32): bool {
  return c - 0x61 < 26;
}

// @ts-ignore: decorator
@inline function isLetter(c: u32): bool {
  return (c | 0x20) - 0x61 < 26;
}

/** `[^\s\p{L}\p{N}]` for an ASCII byte (ASCII has no marks). */
// @ts-ignore: decorator
@inline function isPunct(c: u32): bool {
  return asciiClass(c) == CLASS_OTHER;
}

/** `[^\r\n\p{L}\p{N}]` for an ASCII byte: not a letter, digit, \r or \n. */
// @ts-ignore: decorator
@inline function isPrefix(c: u32): bool {
  return !isLetter(c) && asciiClass(c) != CLASS_NUMBER && c != 0x0A && c != 0x0D;
}

// @ts-ignore: decorator
@inline function byteAt(p: usize): u32 {
  return <u32>load<u8>(p);
}

/** A run ending at j is settled if the text ends there or an ASCII byte follows. */
// @ts-ignore: decorator
@inline function settledAt(j: usize, e: usize): bool {
  return j == e || byteAt(j) < 0x80;
}

/**
 * ` ?[^\s\p{L}\p{N}]+` then any of \r, \n (and / for o200k) at p, where the first byte of the run is
 * at `from` (p, or p + 1 after a space); or 0.
 */
function punctPiece(from: usize, e: usize, slashToo: bool): usize {
  let j = from + 1;
  while (j < e && byteAt(j) < 0x80 && isPunct(byteAt(j))) j++;
  if (!settledAt(j, e)) return 0;
  while (j < e) {
    const c = byteAt(j);
    if (c != 0x0A && c != 0x0D && !(slashToo && c == 0x2F)) break;
    j++;
  }
  return j;
}

/**
 * `\s*[\r\n]+|\s+(?!\S)|\s+` at p (an ASCII white-space byte): to just past the run's last \r or \n
 * if it has one; else the run, less its last character when more text follows; or 0.
 */
function spacePiece(p: usize, e: usize): usize {
  let j = p;
  let afterNewline: usize = 0;
  while (j < e) {
    const c = byteAt(j);
    if (c >= 0x80 || asciiClass(c) != CLASS_SPACE) break;
    j++;
    if (c == 0x0A || c == 0x0D) afterNewline = j;
  }
  if (!settledAt(j, e)) return 0;
  if (afterNewline != 0) return afterNewline;
  return j < e && j - p > 1 ? j - 1 : j;
}

/**
 * o200k_base at p. Words: `[prefix]?[A-Z]*[a-z]+|[prefix]?[A-Z]+[a-z]*` restricted to ASCII, which
 * both word branches reduce to: the upper-case run then the lower-case run (CamelCase splits before
 * an upper-case letter that follows a lower-case one), then the optional contraction.
 */
export function asciiPieceO200k(p: usize, e: usize): usize {
  const c = byteAt(p);
  if (c >= 0x80) return 0;
  let i = p;
  if (isPrefix(c)) i++;
  if (i < e && byteAt(i) >= 0x80) return 0; // a prefix then perhaps a non-ASCII letter
  let j = i;
  while (j < e && isUpper(byteAt(j))) j++;
  while (j < e && isLower(byteAt(j))) j++;
  if (j > i) return settledAt(j, e) ? withContraction(j, e) : 0;
  return otherPiece(p, e, c, true);
}

/** cl100k_base at p: words `[prefix]?\p{L}+` restricted to ASCII (the caller has ruled out a leading contraction). */
export function asciiPieceCl100k(p: usize, e: usize): usize {
  const c = byteAt(p);
  if (c >= 0x80) return 0;
  let i = p;
  if (isPrefix(c)) i++;
  if (i < e && byteAt(i) >= 0x80) return 0;
  let j = i;
  while (j < e && isLetter(byteAt(j))) j++;
  if (j > i) return settledAt(j, e) ? j : 0;
  return otherPiece(p, e, c, false);
}

/** The branches after the words, at p (ASCII byte c, no word here): punctuation and white space. */
// @ts-ignore: decorator
@inline function otherPiece(p: usize, e: usize, c: u32, slashToo: bool): usize {
  if (isPunct(c)) return punctPiece(p, e, slashToo);
  if (asciiClass(c) != CLASS_SPACE) return 0; // a digit: the general scanner
  if (c == 0x20 && p + 1 < e) {
    const d = byteAt(p + 1);
    if (d >= 0x80) return 0;
    if (isPunct(d)) return punctPiece(p + 1, e, slashToo);
  }
  return spacePiece(p, e);
}
