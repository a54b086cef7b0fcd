// Special tokens found in UTF-8 bytes, as segments.ts's matcher finds them in the text those bytes
// spell: the leftmost occurrence, the longest of those starting there. In well-formed UTF-8 a token's
// bytes can only match at character boundaries, so the matches are the text's, byte for byte.

import { indexOfBytes } from "./byte-cuts.js";

/** More special tokens than this are searched as text: one scan per token per piece stops paying. */
export const MOST_SPECIAL_BYTES = 32;

export class SpecialBytes {
  private readonly tokens: Uint8Array[];

  /** `specials`: each one's UTF-8, none empty. */
  constructor(specials: readonly Uint8Array[]) {
    this.tokens = [...specials];
  }

  /** The [start, end) ranges of `bytes` between the special tokens, empty ones left out. */
  split(bytes: Uint8Array): Array<readonly [number, number]> {
    const next = this.tokens.map((t) => indexOfBytes(bytes, t, 0));
    const parts: Array<readonly [number, number]> = [];
    let start = 0;
    for (;;) {
      let best = -1;
      for (let k = 0; k < next.length; k++) {
        if (next[k] < 0) continue;
        if (best < 0 || next[k] < next[best] || (next[k] === next[best] && this.tokens[k].length > this.tokens[best].length)) best = k;
      }
      if (best < 0) break;
      const at = next[best];
      if (at > start) parts.push([start, at]);
      start = at + this.tokens[best].length;
      for (let k = 0; k < next.length; k++) if (next[k] >= 0 && next[k] < start) next[k] = indexOfBytes(bytes, this.tokens[k], start);
    }
    if (start < bytes.length) parts.push([start, bytes.length]);
    return parts;
  }
}
