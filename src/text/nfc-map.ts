// The text a tokenizer.json with an NFC normalizer hands its pre-tokenizer, with the way back to the
// caller's text: offsets of tokens are reported in the caller's text, not the normalized one.
//
// NFC of a text is the NFC of its parts cut before any character below U+0300: such a character has
// combining class 0 and is never the second of a canonical composition, so nothing before it can
// combine with it or reorder past it. Each part that NFC changes maps, as a whole, to where it starts.

import type { SpecialMatcher } from "./segments.js";

/** A part of the text that NFC changed: [start, end) in the caller's text, [seenStart, seenEnd) in the normalized one. */
export interface ChangedPart {
  start: number;
  end: number;
  seenStart: number;
  seenEnd: number;
}

export interface SeenText {
  /** What the pre-tokenizer sees. */
  text: string;
  /** The parts NFC changed, in order; elsewhere the texts agree unit for unit. */
  changed: ChangedPart[];
}

/** The caller's text unchanged. */
export function sameText(text: string): SeenText {
  return { text, changed: [] };
}

/**
 * NFC of `text` between the special tokens `matcher` finds (they are matched in the raw text and kept
 * as they are, as the pipeline does), with the parts NFC changed.
 */
export function nfcSeen(text: string, matcher: SpecialMatcher | undefined): SeenText {
  if (!/[\u0300-\uffff]/.test(text)) return sameText(text);
  const changed: ChangedPart[] = [];
  let seen = "";
  const addOrdinary = (from: number, to: number): void => {
    let at = from; // text[from, at) is already in `seen`
    RUN.lastIndex = from;
    for (let m = RUN.exec(text); m && m.index < to; m = RUN.exec(text)) {
      const start = Math.max(from, m.index - 1); // the character below U+0300 before the run belongs to it
      const end = Math.min(to, m.index + m[0].length);
      const part = text.slice(start, end);
      const normal = part.normalize("NFC");
      if (normal === part) continue;
      seen += text.slice(at, start);
      changed.push({ start, end, seenStart: seen.length, seenEnd: seen.length + normal.length });
      seen += normal;
      at = end;
      if (end === to) break;
    }
    seen += text.slice(at, to);
  };
  let start = 0;
  if (matcher) {
    matcher.lastIndex = 0;
    for (let m = matcher.exec(text); m; m = matcher.exec(text)) {
      addOrdinary(start, m.index);
      seen += m[0];
      start = m.index + m[0].length;
    }
  }
  addOrdinary(start, text.length);
  return { text: seen, changed };
}

/** Runs of characters at or above U+0300 (a surrogate pair is two such units). */
const RUN = /[^\u0000-\u02ff]+/g;

/** Maps indices of the seen text back to the caller's, for indices visited in increasing order. */
export class SeenToOriginal {
  private next = 0; // the first changed part not yet passed
  private shift = 0; // original index - seen index, after the parts passed

  constructor(private readonly changed: readonly ChangedPart[]) {}

  /** The caller's index for seen index `s`, and whether it is that character's own start there. */
  map(s: number): { index: number; exact: boolean } {
    while (this.next < this.changed.length && s >= this.changed[this.next].seenEnd) {
      const part = this.changed[this.next++];
      this.shift = part.end - part.seenEnd;
    }
    const part = this.changed[this.next];
    if (part && s >= part.seenStart) return { index: part.start, exact: s === part.seenStart };
    return { index: s + this.shift, exact: true };
  }
}
