// r50k_base, p50k_base, p50k_edit (GPT-2): the twin of assembly/scan/gpt2.ts.
//   's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
// Contractions are case-sensitive; only an ASCII space may lead a word.

import { step, bit, runOf, whitespaceRun, spaceTail, contraction, LETTER, NUMBER, PUNCT } from "./scan-chars.js";

/** End of the piece that starts at p (p < e). */
export function nextPieceGpt2(t: Uint8Array, p: number, e: number): number {
  const b = t[p];
  if (b === 0x27) {
    const q = contraction(t, p, e, false);
    if (q !== 0) return q;
  }
  const s = b === 0x20 && p + 1 < e ? p + 1 : p;
  const q = step(t, s, e);
  if ((bit & LETTER) !== 0) return runOf(t, q, e, LETTER);
  if ((bit & NUMBER) !== 0) return runOf(t, q, e, NUMBER);
  if ((bit & PUNCT) !== 0) return runOf(t, q, e, PUNCT);
  return spaceTail(p, e, whitespaceRun(t, p, e));
}
