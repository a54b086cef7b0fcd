// The special-token matcher for many tokens (past 1,000: a trie instead of an alternation) against a
// plain twin: at each position from the left, the longest token that starts there. Tokens share
// prefixes and runs of one character (Gemma 3's newline tokens), and hold surrogate pairs.

import { describe, expect, test } from "vitest";
import { specialMatcher } from "../../src/text/segments.js";
import { prng } from "../fuzz/text.mjs";

/** All matches of the longest token at each leftmost position, plainly. */
function plainMatches(text: string, tokens: readonly string[]): Array<[number, string]> {
  const out: Array<[number, string]> = [];
  for (let i = 0; i < text.length; ) {
    let best = "";
    for (const t of tokens) if (t.length > best.length && text.startsWith(t, i)) best = t;
    if (best) {
      out.push([i, best]);
      i += best.length;
    } else i++;
  }
  return out;
}

describe("many special tokens", () => {
  const random = prng(4242);
  const alphabet = ["<", ">", "a", "b", "\n", "\t", "▁", "😀", "x"];
  const tokens = new Set<string>(["\n", "\n\n", "\n\n\n\n", "<a>", "<ab>", "<a", "😀😀"]);
  while (tokens.size < 1500) {
    const length = 1 + Math.floor(random() * 6);
    tokens.add(Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join(""));
  }
  const list = [...tokens];

  test("the matcher finds what the plain twin finds, on 300 random texts", () => {
    const matcher = specialMatcher(list)!;
    expect(matcher).not.toBeInstanceOf(RegExp);
    for (let n = 0; n < 300; n++) {
      const text = Array.from({ length: Math.floor(random() * 80) }, () => alphabet[Math.floor(random() * alphabet.length)] + (random() < 0.3 ? "zz" : "")).join("");
      const found: Array<[number, string]> = [];
      matcher.lastIndex = 0;
      for (let m = matcher.exec(text); m; m = matcher.exec(text)) found.push([m.index, m[0]]);
      expect(found, JSON.stringify(text)).toEqual(plainMatches(text, list));
      expect(matcher.lastIndex).toBe(0);
    }
  });
});
