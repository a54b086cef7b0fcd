// o200k_base: the twin of assembly/scan/o200k.ts.
//   [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?
//  |[^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?
//  |\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n/]*|\s*[\r\n]+|\s+(?!\S)|\s+
// The two word branches split CamelCase; Lm, Lo and marks belong to both letter sets, which is what
// the backtracking below has to get right.

import { step, bit, runOf, withContraction, UPPERISH, LOWERISH, PREFIX } from "./scan-chars.js";
import { afterWords } from "./scan-cl100k.js";

/**
 * First branch without its prefix, at s: `[U]*[Lw]+`, or 0. Greedy U* then backtracking: if the char
 * after the U-run is Lw the Lw-run continues from there, else the match ends after the last char of
 * the U-run that is also Lw.
 */
function upperThenLower(t: Uint8Array, s: number, e: number): number {
  let endOfLastLw = 0;
  let i = s;
  while (i < e) {
    const n = step(t, i, e);
    if ((bit & UPPERISH) === 0) {
      if ((bit & LOWERISH) !== 0) return runOf(t, n, e, LOWERISH);
      break;
    }
    if ((bit & LOWERISH) !== 0) endOfLastLw = n;
    i = n;
  }
  return endOfLastLw;
}

/** Second branch without its prefix, at s: `[U]+[Lw]*`, or 0. */
function upperRunThenLower(t: Uint8Array, s: number, e: number): number {
  const i = runOf(t, s, e, UPPERISH);
  return i === s ? 0 : runOf(t, i, e, LOWERISH);
}

export function nextPieceO200k(t: Uint8Array, p: number, e: number): number {
  const b = t[p];
  const q = step(t, p, e);
  const first = bit;
  const prefixed = (first & PREFIX) !== 0 && b !== 0x0a && b !== 0x0d && q < e;
  const letterAtP = (first & (UPPERISH | LOWERISH)) !== 0;
  let end = 0;
  if (prefixed) end = upperThenLower(t, q, e);
  if (end === 0 && letterAtP) end = upperThenLower(t, p, e);
  if (end === 0 && prefixed) end = upperRunThenLower(t, q, e);
  if (end === 0 && letterAtP) end = upperRunThenLower(t, p, e);
  if (end !== 0) return withContraction(t, end, e);
  return afterWords(t, p, q, e, b, first, true);
}
