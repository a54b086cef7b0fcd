// Merges mode (GPT-2 and Hugging Face files, trained vocabularies) cannot take a piece that is a
// token as that token: the merges may never build it (or build it from other parts first). But a
// token *is* reachable whole when the merge procedure applied to its own bytes ends in exactly one
// token; then any piece with those bytes encodes to that token. This pass, once at loading, records
// those tokens as whole-token entries, so merges mode looks pieces up whole as tiktoken mode does and
// merges only the rest. By construction the ids are the merge procedure's.

import { tokenCount, tokenLen, tokenStart, blobPtr, mergesMode, addWholeEntry, NO_RANK } from "../vocab/tokens";
import { mergedWhole, SHORT_MAX } from "./merge";

/** Adds the whole-token entries (merges mode only; tokens longer than the short merge just merge). */
export function addReachableTokens(): void {
  if (!mergesMode) return;
  for (let r: u32 = 0; r < tokenCount; r++) {
    const len = <usize>tokenLen(r);
    if (len < 2 || len > SHORT_MAX) continue;
    const p = blobPtr + tokenStart(r);
    const whole = mergedWhole(p, len);
    if (whole != NO_RANK) addWholeEntry(p, len, whole);
  }
}
