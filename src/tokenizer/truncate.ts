// truncate: the longest prefix of a text, ending on a token boundary and a character boundary of the
// text's encoding, whose own encoding holds at most maxTokens tokens. BPE is not prefix-stable (a
// prefix may encode to other tokens than the whole text has there), so each candidate is re-counted.

import { BytepairError, describeValue as describe } from "../errors.js";
import type { EncodingOffsets } from "./offsets.js";

/** What truncate and chunks need of a tokenizer, with one encode's options bound. */
export interface CutEncoder {
  /** Offsets of `text`'s encoding; `prefix` and `suffix` are the template's ids around the text's. */
  offsets(text: string): EncodingOffsets & { prefix: number; suffix: number };
  count(text: string): number;
  /** A leading part of `text` at least `units` long whose ids are the whole text's (see leading-part.ts). */
  leadingPart(text: string, units: number, final: boolean): number | undefined;
}

export function checkMaxTokens(value: unknown, name = "maxTokens"): number {
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 1) {
    throw new BytepairError("INVALID_ARGUMENT", `Expected ${name} to be a positive integer, got ${describe(value)}`);
  }
  return value;
}

/**
 * The length (UTF-16 units) of truncate's prefix of `text`, or undefined when `final` is false and
 * more text is needed to answer as the whole text would (streams). Only a leading part of the text
 * is encoded: one with more tokens than maxTokens, grown until the answer lies inside it.
 */
export function truncatedLength(text: string, maxTokens: number, encoder: CutEncoder, final = true): number | undefined {
  for (let units = Math.max(64, (maxTokens + 1) * 4); ; units *= 4) {
    const length = encoder.leadingPart(text, units, final);
    if (length === undefined) return undefined;
    const part = length === text.length ? text : text.slice(0, length);
    const found = cutIn(part, maxTokens, encoder);
    if (length === text.length || found < length) return found;
  }
}

/** The longest candidate cut of `part` that fits (part's end counts as a candidate). */
function cutIn(part: string, maxTokens: number, encoder: CutEncoder): number {
  const { offsets, atBoundary, prefix, suffix } = encoder.offsets(part);
  if (offsets.length <= maxTokens) return part.length;
  // Candidate cuts: 0, each token start on a character boundary, the end.
  const cuts = [0];
  const bodyEnd = offsets.length - suffix;
  for (let k = prefix + 1; k < bodyEnd; k++) if (atBoundary[k] && offsets[k] > cuts[cuts.length - 1]) cuts.push(offsets[k]);
  cuts.push(part.length);
  const tokensBefore = (c: number) => {
    // Tokens of the whole encoding before cut c, template's included: the first guess at its count.
    let lo = prefix, hi = bodyEnd;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (offsets[mid] < c) lo = mid + 1;
      else hi = mid;
    }
    return lo + suffix;
  };
  // Start from the last cut whose whole-text tokens fit, then move by re-counting.
  let i = 0;
  while (i + 1 < cuts.length && tokensBefore(cuts[i + 1]) <= maxTokens) i++;
  const fits = (c: number) => c === 0 || encoder.count(part.slice(0, c)) <= maxTokens;
  if (fits(cuts[i])) {
    while (i + 1 < cuts.length && fits(cuts[i + 1])) i++;
  } else {
    while (i > 0 && !fits(cuts[i])) i--;
  }
  return cuts[i];
}
