// Word tokenizer: a regex splits text into words; the vocabulary is the words of a training text,
// most frequent first, and any word not in it becomes the one <unk> id. Text with unknown words does
// not round-trip: that, and a vocabulary that grows with every new word, is the lecture's point.

import { BytepairError, describeValue } from "../errors.js";
import type { LectureTokenizer } from "./types.js";
import { checkIds, checkId, checkText, utf8Bytes } from "./types.js";

/** GPT-2's pre-tokenizer pattern in JavaScript's dialect (so `\s` is JavaScript's whitespace). */
export const GPT2_WORDS = /'(?:[sdmt]|ll|ve|re)| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;

export const UNK = "<unk>";

export interface WordTrainOptions {
  /** Splits text into words (made global if it is not); default GPT2_WORDS. */
  pattern?: RegExp;
  /** At most this many ids, <unk> included: the rarest words are dropped. Default: every word. */
  maxVocabSize?: number;
}

/** The text cut into words by `pattern`; text between matches is a word too, so the words join back to the text. */
export function splitWords(text: string, pattern: RegExp = GPT2_WORDS): string[] {
  const words: string[] = [];
  let end = 0;
  for (const match of text.matchAll(pattern)) {
    if (match[0].length === 0) continue;
    if (match.index > end) words.push(text.slice(end, match.index));
    words.push(match[0]);
    end = match.index + match[0].length;
  }
  if (end < text.length) words.push(text.slice(end));
  return words;
}

export class WordTokenizer implements LectureTokenizer {
  readonly name = "words";
  readonly unkId = 0;
  /** Id -> word; id 0 is <unk>. */
  readonly words: readonly string[];
  private readonly ids: Map<string, number>;

  private constructor(words: string[], private readonly pattern: RegExp) {
    this.words = words;
    this.ids = new Map(words.slice(1).map((w, i) => [w, i + 1]));
  }

  get vocabSize(): number {
    return this.words.length;
  }

  /** The words of `text`, most frequent first (ties: first seen first), after <unk> at id 0. */
  static train(text: string, options: WordTrainOptions = {}): WordTokenizer {
    checkText(text);
    const pattern = globalPattern(options.pattern ?? GPT2_WORDS);
    const max = options.maxVocabSize ?? Infinity;
    if (max !== Infinity && (!Number.isInteger(max) || max < 1)) {
      throw new BytepairError("INVALID_ARGUMENT", `maxVocabSize must be an integer >= 1, got ${describeValue(max)}`);
    }
    const counts = new Map<string, number>();
    for (const word of splitWords(text, pattern)) counts.set(word, (counts.get(word) ?? 0) + 1);
    const ranked = [...counts.keys()].map((word, seen) => ({ word, seen, count: counts.get(word)! }));
    ranked.sort((a, b) => b.count - a.count || a.seen - b.seen);
    return new WordTokenizer([UNK, ...ranked.slice(0, max - 1).map((r) => r.word)], pattern);
  }

  encode(text: string): number[] {
    checkText(text);
    return splitWords(text, this.pattern).map((word) => this.ids.get(word) ?? this.unkId);
  }

  decode(ids: ArrayLike<number>): string {
    const list = checkIds(ids, this.vocabSize, this.name);
    let text = "";
    for (let i = 0; i < list.length; i++) text += this.words[list[i]];
    return text;
  }

  tokenBytes(id: number): Uint8Array {
    checkId(id, this.vocabSize, this.name);
    return utf8Bytes(this.words[id]);
  }
}

function globalPattern(pattern: unknown): RegExp {
  if (!(pattern instanceof RegExp)) throw new BytepairError("INVALID_ARGUMENT", `pattern must be a RegExp, got ${describeValue(pattern)}`);
  return pattern.global ? pattern : new RegExp(pattern.source, pattern.flags + "g");
}
