// cl100k_base:
//   (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+

import { asciiPieceCl100k } from "./ascii";
import { step, bit, runOf, whitespaceRun, spaceTail, contraction, afterLastNewline, LETTER, NUMBER, PUNCT, PREFIX } from "./chars";

/** Digits after the first in a `\p{N}{1,3}` piece: 2, or 0 for Qwen's variant of the cl100k pattern (`\p{N}`). */
let moreDigits = 2;

export function setSingleDigits(on: bool): void {
  moreDigits = on ? 0 : 2;
}

/** Up to three \p{N} characters from p (the first is one); with setSingleDigits, just that one. */
export function digitsUpTo3(q: usize, e: usize): usize {
  for (let i = 0; i < moreDigits && q < e; i++) {
    const r = step(q, e);
    if ((bit & NUMBER) == 0) break;
    q = r;
  }
  return q;
}

/** `[^\s\p{L}\p{N}]+` from q (the char before q was one), then any bytes of `tail` (\r \n, and / for o200k). */
export function punctThen(q: usize, e: usize, slashToo: bool): usize {
  q = runOf(q, e, PUNCT);
  while (q < e) {
    const c = load<u8>(q);
    if (c != 0x0A && c != 0x0D && !(slashToo && c == 0x2F)) break;
    q++;
  }
  return q;
}

/** `\s*[\r\n]+|\s+(?!\S)|\s+` at p (the character at p is White_Space). */
export function whitespacePiece(p: usize, e: usize): usize {
  const end = whitespaceRun(p, e);
  if (afterLastNewline != 0) return afterLastNewline;
  return spaceTail(p, e, end);
}

/**
 * The branches after the words, the same in cl100k_base and o200k_base: `\p{N}{1,3}`,
 * ` ?[^\s\p{L}\p{N}]+` with its tail (\r \n, and / for o200k), then white space. At p, whose byte is
 * b and whose character (class bit `first`) ends at q.
 */
export function afterWords(p: usize, q: usize, e: usize, b: u32, first: u32, slashToo: bool): usize {
  if ((first & NUMBER) != 0) return digitsUpTo3(q, e);
  if ((first & PUNCT) != 0) return punctThen(q, e, slashToo);
  if (b == 0x20 && q < e) {
    const r = step(q, e);
    if ((bit & PUNCT) != 0) return punctThen(r, e, slashToo);
  }
  return whitespacePiece(p, e);
}

export function nextPieceCl100k(p: usize, e: usize): usize {
  const b = load<u8>(p);
  if (b == 0x27) {
    const q = contraction(p, e, true);
    if (q != 0) return q;
  }
  const fast = asciiPieceCl100k(p, e);
  if (fast != 0) return fast;
  const q = step(p, e);
  const first = bit;
  if ((first & LETTER) != 0) return runOf(q, e, LETTER);
  if ((first & PREFIX) != 0 && b != 0x0A && b != 0x0D && q < e) {
    const r = step(q, e);
    if ((bit & LETTER) != 0) return runOf(r, e, LETTER);
  }
  return afterWords(p, q, e, b, first, false);
}
