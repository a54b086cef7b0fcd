// The naive BPE encoder for a vocabulary with merges: plain and obviously correct, the ground truth
// for Tokenizer.fromBpe. Each pre-token starts as its bytes; repeatedly the adjacent pair that some
// merge joins, with the earliest such merge, is joined (leftmost first on a tie); the parts' ids are
// looked up by their bytes (the lowest id when two tokens have the same bytes).

import { gpt2PreTokens, splitAroundSpecials } from "./pretokenize.js";

export interface NaiveBpe {
  vocab: Map<number, Uint8Array>;
  merges: Array<[Uint8Array, Uint8Array]>;
  specialTokens: Map<string, number>;
}

const key = (bytes: Uint8Array) => String.fromCharCode(...bytes);

/** Ids of `text`, with every special token in it encoded as its id. */
export function naiveEncode(text: string, bpe: NaiveBpe): number[] {
  const rank = new Map<string, number>();
  bpe.merges.forEach(([left, right], i) => {
    const k = JSON.stringify([key(left), key(right)]);
    if (!rank.has(k)) rank.set(k, i);
  });
  const idOf = new Map<string, number>();
  for (const [id, bytes] of [...bpe.vocab].sort((a, b) => a[0] - b[0])) {
    if (!idOf.has(key(bytes))) idOf.set(key(bytes), id);
  }
  const ids: number[] = [];
  for (const part of splitAroundSpecials(text, [...bpe.specialTokens.keys()])) {
    for (const piece of gpt2PreTokens(part.text)) {
      let parts = Array.from(new TextEncoder().encode(piece), (b) => String.fromCharCode(b));
      while (parts.length > 1) {
        let best = -1;
        let bestRank = Infinity;
        for (let i = 0; i + 1 < parts.length; i++) {
          const r = rank.get(JSON.stringify([parts[i], parts[i + 1]]));
          if (r !== undefined && r < bestRank) {
            bestRank = r;
            best = i;
          }
        }
        if (best < 0) break;
        parts = [...parts.slice(0, best), parts[best] + parts[best + 1], ...parts.slice(best + 2)];
      }
      for (const p of parts) ids.push(idOf.get(p)!);
    }
    if (part.special !== undefined) ids.push(bpe.specialTokens.get(part.special)!);
  }
  return ids;
}
