// The pre-tokenizers: one hand-written scanner per pattern family (gpt2.ts, cl100k.ts, o200k.ts),
// chosen by the pattern id the host gave (PATTERN_* in ../abi.ts). The encoder and the trainer both
// cut text into pieces through nextPiece.

import { PATTERN_CL100K, PATTERN_O200K } from "../abi";
import { nextPieceGpt2 } from "./gpt2";
import { nextPieceCl100k } from "./cl100k";
import { nextPieceO200k } from "./o200k";

/** Whether `pattern` names a scanner. */
export function isPattern(pattern: u32): bool {
  return pattern <= PATTERN_O200K;
}

/** End of the piece that starts at p (p < e) under `pattern`. */
// @ts-ignore: decorator
@inline export function nextPiece(pattern: u32, p: usize, e: usize): usize {
  if (pattern == PATTERN_O200K) return nextPieceO200k(p, e);
  if (pattern == PATTERN_CL100K) return nextPieceCl100k(p, e);
  return nextPieceGpt2(p, e);
}
