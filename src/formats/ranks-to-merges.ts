// Merges for a vocabulary that has only ranks (a .tiktoken file), so it can be saved as merges.txt
// or tokenizer.json. tiktoken merges, in a piece, the adjacent pair whose joined bytes have the
// lowest rank. Running that same loop on a token's own bytes, allowing only tokens of lower rank,
// shows how the token is built: it must end as exactly two parts, and those are its merge. The merge
// takes the token's place in priority, so the merges come out in rank order.

import { invalidVocab, showBytes } from "./invalid.js";
import { bytesKey, checkVocab } from "./vocab-checks.js";

export function mergesFromRanks(ranks: ReadonlyMap<number, Uint8Array>): Array<[Uint8Array, Uint8Array]> {
  const where = "mergesFromRanks";
  const { byId, idByKey } = checkVocab(ranks, where);
  const bytesByKey = new Map<string, Uint8Array>();
  for (const [, bytes] of byId) bytesByKey.set(bytesKey(bytes), bytes);

  const merges: Array<[Uint8Array, Uint8Array]> = [];
  for (const [rank, bytes] of byId) {
    if (bytes.length < 2) continue;
    const parts = mergeBelow(bytesKey(bytes), rank, idByKey);
    if (parts.length !== 2) {
      invalidVocab(where, `token ${showBytes(bytes)} (rank ${rank}) is not made of two tokens of lower rank: BPE below its rank leaves ${parts.length} parts`);
    }
    const [left, right] = parts.map((key) => bytesByKey.get(key) ?? invalidVocab(where, `token ${showBytes(bytes)} (rank ${rank}) needs byte ${showBytes(Uint8Array.from(key, (c) => c.charCodeAt(0)))}, which is not a token`));
    merges.push([left, right]);
  }
  return merges;
}

/** tiktoken's merge loop on one byte string (one char per byte), using only ranks below `limit`. */
function mergeBelow(key: string, limit: number, rankOf: Map<string, number>): string[] {
  const parts = Array.from(key);
  for (;;) {
    let best = limit;
    let at = -1;
    for (let i = 0; i + 1 < parts.length; i++) {
      const rank = rankOf.get(parts[i] + parts[i + 1]);
      if (rank !== undefined && rank < best) {
        best = rank;
        at = i;
      }
    }
    if (at < 0) return parts;
    parts.splice(at, 2, parts[at] + parts[at + 1]);
  }
}
