// o200k_base:
//   [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?
//  |[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?
//  |\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+
// The two word branches split CamelCase; Lm, Lo and marks belong to both letter sets, which is what
// the backtracking below has to get right.

import { step, bit, runOf, withContraction, UPPERISH, LOWERISH, PREFIX } from "./chars";
import { afterWords } from "./cl100k";
import { asciiPieceO200k } from "./ascii";

/**
 * First branch without its prefix, at s: `[U]*[Lw]+`, or 0. Greedy U* then backtracking: if the char
 * after the U-run is Lw the Lw-run continues from there, else the match ends after the last char of
 * the U-run that is also Lw.
 */
function upperThenLower(s: usize, e: usize): usize {
  let endOfLastLw: usize = 0;
  let i = s;
  while (i < e) {
    const n = step(i, e);
    if ((bit & UPPERISH) == 0) {
      if ((bit & LOWERISH) != 0) return runOf(n, e, LOWERISH);
      break;
    }
    if ((bit & LOWERISH) != 0) endOfLastLw = n;
    i = n;
  }
  return endOfLastLw;
}

/** Second branch without its prefix, at s: `[U]+[Lw]*`, or 0. */
function upperRunThenLower(s: usize, e: usize): usize {
  const i = runOf(s, e, UPPERISH);
  return i == s ? 0 : runOf(i, e, LOWERISH);
}

export function nextPieceO200k(p: usize, e: usize): usize {
  let end = asciiPieceO200k(p, e);
  if (end != 0) return end;
  const b = load<u8>(p);
  const q = step(p, e);
  const first = bit;
  const prefixed = (first & PREFIX) != 0 && b != 0x0A && b != 0x0D && q < e;
  const letterAtP = (first & (UPPERISH | LOWERISH)) != 0;
  if (prefixed) end = upperThenLower(q, e);
  if (end == 0 && letterAtP) end = upperThenLower(p, e);
  if (end == 0 && prefixed) end = upperRunThenLower(q, e);
  if (end == 0 && letterAtP) end = upperRunThenLower(p, e);
  if (end != 0) return withContraction(end, e);
  return afterWords(p, q, e, b, first, true);
}
