// Plain BPE bookkeeping for checking the playground's merge steps: the text's pre-tokens as byte
// strings, merges applied one after another to every pre-token, and adjacent pairs counted by hand.

import { gpt2PreTokens } from "../../src/reference/pretokenize.js";

export const hex = (bytes: ArrayLike<number>) => Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, "0")).join(" ");

/** Each pre-token (GPT-2's pattern) as its list of tokens, each token a hex string of its bytes. */
export function byteWords(text: string): string[][] {
  return gpt2PreTokens(text).map((piece) => Array.from(new TextEncoder().encode(piece), (b) => hex([b])));
}

/** The words after one more merge: every (left, right) occurrence, left to right, becomes one token. */
export function applyMerge(words: string[][], left: string, right: string): string[][] {
  return words.map((tokens) => {
    const out: string[] = [];
    for (let i = 0; i < tokens.length; i++) {
      if (i + 1 < tokens.length && tokens[i] === left && tokens[i + 1] === right) {
        out.push(`${left} ${right}`);
        i++;
      } else out.push(tokens[i]);
    }
    return out;
  });
}

/** How often (left, right) stands side by side in the words. */
export function pairCount(words: string[][], left: string, right: string): number {
  let n = 0;
  for (const tokens of words) for (let i = 0; i + 1 < tokens.length; i++) if (tokens[i] === left && tokens[i + 1] === right) n++;
  return n;
}

/** The most frequent adjacent pair of single bytes; a tie goes to the greater pair (first byte, then second). */
export function mostFrequentBytePair(text: string): { left: string; right: string; count: number } {
  const counts = new Map<string, number>();
  for (const tokens of byteWords(text)) {
    for (let i = 0; i + 1 < tokens.length; i++) {
      const key = `${tokens[i]}|${tokens[i + 1]}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  let best = { left: "", right: "", count: 0 };
  for (const [key, count] of counts) {
    const [left, right] = key.split("|");
    const greater = left > best.left || (left === best.left && right > best.right); // same-length hex compares as bytes
    if (count > best.count || (count === best.count && greater)) best = { left, right, count };
  }
  return best;
}
