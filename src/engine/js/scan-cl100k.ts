// cl100k_base: the twin of assembly/scan/cl100k.ts.
//   (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+

import { step, bit, runOf, whitespaceRun, spaceTail, contraction, afterLastNewline, LETTER, NUMBER, PUNCT, PREFIX } from "./scan-chars.js";

/** Up to three \p{N} characters from the one before q. */
export function digitsUpTo3(t: Uint8Array, q: number, e: number): number {
  for (let i = 0; i < 2 && q < e; i++) {
    const r = step(t, q, e);
    if ((bit & NUMBER) === 0) break;
    q = r;
  }
  return q;
}

/** `[^\s\p{L}\p{N}]+` from q (the char before q was one), then any \r \n (and / for o200k). */
export function punctThen(t: Uint8Array, q: number, e: number, slashToo: boolean): number {
  q = runOf(t, q, e, PUNCT);
  while (q < e) {
    const c = t[q];
    if (c !== 0x0a && c !== 0x0d && !(slashToo && c === 0x2f)) break;
    q++;
  }
  return q;
}

/** `\s*[\r\n]+|\s+(?!\S)|\s+` at p (the character at p is White_Space). */
export function whitespacePiece(t: Uint8Array, p: number, e: number): number {
  const end = whitespaceRun(t, p, e);
  if (afterLastNewline !== 0) return afterLastNewline;
  return spaceTail(p, e, end);
}

/**
 * The branches after the words, the same in cl100k_base and o200k_base: `\p{N}{1,3}`,
 * ` ?[^\s\p{L}\p{N}]+` with its tail (\r \n, and / for o200k), then white space. At p, whose byte is
 * b and whose character (class bit `first`) ends at q.
 */
export function afterWords(t: Uint8Array, p: number, q: number, e: number, b: number, first: number, slashToo: boolean): number {
  if ((first & NUMBER) !== 0) return digitsUpTo3(t, q, e);
  if ((first & PUNCT) !== 0) return punctThen(t, q, e, slashToo);
  if (b === 0x20 && q < e) {
    const r = step(t, q, e);
    if ((bit & PUNCT) !== 0) return punctThen(t, r, e, slashToo);
  }
  return whitespacePiece(t, p, e);
}

export function nextPieceCl100k(t: Uint8Array, p: number, e: number): number {
  const b = t[p];
  if (b === 0x27) {
    const q = contraction(t, p, e, true);
    if (q !== 0) return q;
  }
  const q = step(t, p, e);
  const first = bit;
  if ((first & LETTER) !== 0) return runOf(t, q, e, LETTER);
  if ((first & PREFIX) !== 0 && b !== 0x0a && b !== 0x0d && q < e) {
    const r = step(t, q, e);
    if ((bit & LETTER) !== 0) return runOf(t, r, e, LETTER);
  }
  return afterWords(t, p, q, e, b, first, false);
}

/** Qwen's variant of the pattern (`\p{N}` instead of `\p{N}{1,3}`): a number is one character. */
export function nextPieceCl100kSingleDigits(t: Uint8Array, p: number, e: number): number {
  // A piece that starts with a number is the digits branch's in cl100k (no other branch starts with one).
  const q = step(t, p, e);
  return (bit & NUMBER) !== 0 ? q : nextPieceCl100k(t, p, e);
}
