// The pre-tokenizer of a tokenizer.json run with RegExp in the host, for regexes the engine has no
// scanner for: each Split applies to every piece the previous one made (its regex sees only that
// piece, as in Hugging Face), with the Split's behavior and invert. Pieces are [start, end) pairs of
// UTF-16 offsets into the segment; the engine then gets them all in one call.

import type { SplitRule } from "./config.js";
import { newerThanUnicode16, translateOniguruma } from "./regex.js";

export class RegexPreTokenizer {
  private readonly regexes: RegExp[];
  /** Characters assigned after Unicode 16.0, and the regexes that treat them as unassigned (as Oniguruma does). */
  private readonly newer: RegExp | undefined;
  private readonly regexes16: RegExp[];

  constructor(private readonly rules: readonly SplitRule[]) {
    this.regexes = rules.map((rule) => new RegExp(rule.jsSource, "gu"));
    // Only Unicode properties differ between versions: regexes without them (none, or Gemma's string
    // Split) need not look for newer characters.
    const newer = rules.some((rule) => /\\[pP]\{/.test(rule.jsSource)) ? newerThanUnicode16() : "";
    this.newer = newer ? new RegExp(`[${newer}]`, "u") : undefined;
    // Slower (a lookahead per property): used only for texts that hold such a character.
    this.regexes16 = newer ? rules.map((rule) => new RegExp(translateOniguruma(rule.source, newer), "gu")) : this.regexes;
  }

  /** The pieces of `text`, as flat [start, end, start, end, ...]. */
  split(text: string): number[] {
    const regexes = this.newer?.test(text) ? this.regexes16 : this.regexes;
    let pieces = text.length ? [0, text.length] : [];
    for (let k = 0; k < this.rules.length; k++) {
      const next: number[] = [];
      for (let i = 0; i < pieces.length; i += 2) splitOne(text, pieces[i], pieces[i + 1], regexes[k], this.rules[k], next);
      pieces = next;
    }
    return pieces;
  }
}

/** Appends the parts of text[start, end) that one Split keeps, as Hugging Face's split behaviors define. */
function splitOne(text: string, start: number, end: number, regex: RegExp, rule: SplitRule, out: number[]): void {
  const piece = start === 0 && end === text.length ? text : text.slice(start, end);
  // Alternating parts covering the piece: [from, to, isMatch] (the regex's matches, and the gaps).
  const parts: number[] = [];
  let at = 0;
  let lastEnd = -1; // where the previous match ended
  regex.lastIndex = 0;
  for (let m = regex.exec(piece); m; m = regex.exec(piece)) {
    const from = m.index;
    const to = from + m[0].length;
    if (from === to) {
      // An empty match is a (zero-length) match, and so a cut, as in Oniguruma's iterator that
      // tokenizers uses: except right where the previous match ended. The search goes on one
      // character later.
      regex.lastIndex = from + (isPairAt(piece, from) ? 2 : 1);
      if (from === lastEnd) continue;
    }
    if (from > at) parts.push(at, from, 0);
    parts.push(from, to, 1);
    at = lastEnd = to;
  }
  if (at < piece.length) parts.push(at, piece.length, 0);
  if (rule.invert) for (let i = 2; i < parts.length; i += 3) parts[i] ^= 1;

  const kept: number[] = []; // [from, to] pairs
  const behavior = rule.behavior;
  if (behavior === "Isolated" || behavior === "Removed") {
    for (let i = 0; i < parts.length; i += 3) if (behavior === "Isolated" || parts[i + 2] === 0) kept.push(parts[i], parts[i + 1]);
  } else if (behavior === "MergedWithPrevious") {
    let previousMatch = false;
    for (let i = 0; i < parts.length; i += 3) {
      const isMatch = parts[i + 2] === 1;
      if (isMatch && !previousMatch && kept.length) kept[kept.length - 1] = parts[i + 1];
      else kept.push(parts[i], parts[i + 1]);
      previousMatch = isMatch;
    }
  } else if (behavior === "MergedWithNext") {
    const reversed: number[] = [];
    let previousMatch = false;
    for (let i = parts.length - 3; i >= 0; i -= 3) {
      const isMatch = parts[i + 2] === 1;
      if (isMatch && !previousMatch && reversed.length) reversed[reversed.length - 2] = parts[i];
      else reversed.push(parts[i], parts[i + 1]);
      previousMatch = isMatch;
    }
    for (let i = reversed.length - 2; i >= 0; i -= 2) kept.push(reversed[i], reversed[i + 1]);
  } else {
    // Contiguous: consecutive parts of the same kind become one piece (adjacent matches; with
    // invert, adjacent gaps).
    let previousMatch = false;
    for (let i = 0; i < parts.length; i += 3) {
      const isMatch = parts[i + 2] === 1;
      if (isMatch === previousMatch && kept.length) kept[kept.length - 1] = parts[i + 1];
      else kept.push(parts[i], parts[i + 1]);
      previousMatch = isMatch;
    }
  }
  // Empty pieces (from empty matches) are dropped, as tokenizers does.
  for (let i = 0; i < kept.length; i += 2) if (kept[i] < kept[i + 1]) out.push(start + kept[i], start + kept[i + 1]);
}

function isPairAt(text: string, at: number): boolean {
  const high = text.charCodeAt(at);
  const low = text.charCodeAt(at + 1);
  return high >= 0xd800 && high < 0xdc00 && low >= 0xdc00 && low < 0xe000;
}
