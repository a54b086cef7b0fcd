// The figures `bytepair compare` prints, gathered from a text that arrives in chunks: only counts (and
// the set of distinct words) are kept, never the text, so memory follows the chunk size.

import { GPT2_WORDS, utf8Length } from "../lecture/index.js";
import { SafeCutter } from "../text/segments.js";
import type { Tokenizer } from "../tokenizer/tokenizer.js";

/** Special-token text counts as the ordinary text it is, as the lecture's BPE encodes it (encodeOrdinary). */
const ORDINARY = { disallowedSpecial: [] as string[] };

/**
 * The words of a text in chunks, as splitWords(whole text) cuts them: GPT2_WORDS has no lookbehind, and
 * whether it matches at a place, and how far, depends on at most the two code points after the match;
 * so a match that ends at least MARGIN units before the end of the text held so far is the whole
 * text's match too, and the words after it are found from there.
 */
const MARGIN = 8;

export class WordCount {
  words = 0;
  /** The distinct words; each copied, so that none keeps its chunk's string alive. */
  readonly distinct = new Set<string>();
  /** Units of text the pattern ran over, for tests that check the work stays linear. */
  scannedUnits = 0;
  private held = "";
  // After a pass that counted nothing (a run no match ends in yet), the next waits until the held text
  // has doubled: a long run then costs time linear in its length, not one scan per chunk.
  private retryAt = 0;

  push(chunk: string): void {
    this.held += chunk;
    if (this.held.length < this.retryAt) return;
    const before = this.held.length;
    this.count(before - MARGIN);
    this.retryAt = this.held.length === before ? 2 * before : 0;
  }

  end(): void {
    this.count(this.held.length);
  }

  /** Counts the words of the held text that end by `until`, and drops them. */
  private count(until: number): void {
    const text = this.held;
    this.scannedUnits += text.length;
    const pattern = new RegExp(GPT2_WORDS.source, GPT2_WORDS.flags);
    let end = 0; // where the counted words end
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      const stop = m.index + m[0].length;
      if (stop > until) break;
      if (m[0].length === 0) {
        pattern.lastIndex++;
        continue;
      }
      if (m.index > end) this.add(text.slice(end, m.index)); // text between matches is a word too (splitWords)
      this.add(m[0]);
      end = stop;
    }
    if (until === text.length && end < text.length) this.add(text.slice(end)), (end = text.length);
    this.held = text.slice(end);
  }

  private add(word: string): void {
    this.words++;
    if (!this.distinct.has(word)) this.distinct.add(Buffer.from(word, "utf16le").toString("utf16le"));
  }
}

export interface CompareFigures {
  bytes: number;
  /** Unicode code points. */
  characters: number;
  words: number;
  distinctWords: number;
  /** Tokens per BPE tokenizer, in the order given. */
  bpeTokens: number[];
}

/** Reads `chunks` (consecutive pieces of one text) once, counting what compare reports. */
export async function compareFigures(chunks: AsyncIterable<string>, tokenizers: ReadonlyArray<Pick<Tokenizer, "count">>): Promise<CompareFigures> {
  const figures: CompareFigures = { bytes: 0, characters: 0, words: 0, distinctWords: 0, bpeTokens: tokenizers.map(() => 0) };
  const words = new WordCount();
  // Cut where every pattern family starts a new piece, so each part's tokens are the whole text's.
  const cutter = new SafeCutter(undefined, 0);
  const countTokens = (part: string) => tokenizers.forEach((t, k) => (figures.bpeTokens[k] += t.count(part, ORDINARY)));
  for await (const chunk of chunks) {
    figures.bytes += utf8Length(chunk);
    figures.characters += codePoints(chunk);
    words.push(chunk);
    if (cutter.push(chunk) > 0) countTokens(cutter.take());
  }
  words.end();
  const rest = cutter.rest();
  if (rest) countTokens(rest);
  figures.words = words.words;
  figures.distinctWords = words.distinct.size;
  return figures;
}

/** Code points of `text` (a surrogate pair is one; chunks from a decoder never split one). */
function codePoints(text: string): number {
  let pairs = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) pairs++, i++;
    }
  }
  return text.length - pairs;
}
