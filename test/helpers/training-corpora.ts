// Small training corpora for differential tests of the trainers: seeded, so a failing case is
// reproducible from its seed, and varied, so that ties, whitespace rules, multi-byte scripts and
// special tokens all get exercised.

import { prng, pick, randomInt } from "./random.js";
import { corpusText } from "./corpus.js";

export interface TrainingCorpus {
  text: string;
  specialTokens: string[];
  vocabSize: number;
}

type Random = () => number;

// Ingredients. A tiny alphabet repeated often makes equal pair counts (ties) common.
const TINY_ALPHABETS = ["ab", "abc", "xy", "aab", "éa", "01"];
const WORDS = [
  "the", "of", "and", "to", "in", "is", "that", "it", "was", "for", "on", "are", "with", "they",
  "be", "at", "one", "have", "this", "from", "low", "lower", "lowest", "newer", "newest", "wider", "widest",
  "The", "Hello", "World", "GPT", "BPE", "token", "tokens", "tokenizer", "merge", "merges",
];
const CONTRACTIONS = ["'s", "'t", "'re", "'ve", "'m", "'ll", "'d", "'S", "'LL"];
const MULTI_BYTE_WORDS = [
  "café", "naïve", "résumé", "été", "привет", "мир", "слово", "日本語", "中文", "東京", "한국어",
  "🙂", "🚀🚀", "👍🏽", "ελληνικά", "שלום", "مرحبا", "e\u0301", "ß", "Ω",
];
const PUNCTUATION = [".", ",", "!", "?", "...", "!!", "--", "()", "[]", "{}", ";", ":", "\"", "'", "@#", "$%", "«»", "—", "…", "&&", "=>"];
// Whitespace runs, including characters where Unicode White_Space and JavaScript's \s disagree.
const WHITESPACE = [" ", " ", " ", "  ", "   ", "\n", "\n\n", "\n\n\n", "\t", "\t\t", " \n", "\r\n", "\u0085", "\u00a0", "\u3000", "\u2009", "\ufeff", " \u0085 "];

// Special token sets: the usual one, a pair of overlapping ones (the longest must win), and some
// that look like ordinary text.
const SPECIAL_SETS: string[][] = [
  ["<|endoftext|>"],
  ["<|endoftext|>", "<|pad|>"],
  ["<|a|>", "<|a|><|b|>"],
  ["<|a|><|b|>", "<|a|>", "<|b|>"],
  ["ab"],
  ["\n\n"],
  ["<s>", "</s>"],
];

/** One document of about `bytes` UTF-8 bytes: pieces drawn from the corpus's weighted ingredient families. */
function document(random: Random, bytes: number, families: Array<() => string>): string {
  let text = "";
  let length = 0;
  while (length < bytes) {
    const piece = pick(random, families)();
    text += piece;
    length += utf8Length(piece);
  }
  return text;
}

const utf8Length = (text: string) => new TextEncoder().encode(text).length;

/** A seeded small corpus (200 B to 20 KB of UTF-8) with its special tokens and a vocabulary size. */
export function randomCorpus(seed: number): TrainingCorpus {
  const random = prng(seed);
  const tiny = pick(random, TINY_ALPHABETS);
  const word = () => pick(random, WORDS);
  const space = () => pick(random, WHITESPACE);

  const families: Record<string, () => string> = {
    tiny: () => Array.from({ length: 1 + randomInt(random, 6) }, () => pick(random, [...tiny])).join("") + " ",
    words: () => word() + " ",
    capitalised: () => " " + word()[0].toUpperCase() + word().slice(1),
    contraction: () => word() + pick(random, CONTRACTIONS) + " ",
    digits: () => String(randomInt(random, 10 ** (1 + randomInt(random, 7)))) + pick(random, [" ", "", ",", "."]),
    punctuation: () => pick(random, PUNCTUATION) + pick(random, ["", " "]),
    whitespace: space,
    multiByte: () => pick(random, MULTI_BYTE_WORDS) + pick(random, [" ", "", "\n"]),
  };
  // Each corpus favours a random subset of families, so corpora differ in character, not just in order.
  const names = Object.keys(families);
  const chosen = names.filter(() => random() < 0.5);
  if (chosen.length === 0) chosen.push(pick(random, names));
  const weighted = chosen.flatMap((name) => Array<() => string>(1 + randomInt(random, 4)).fill(families[name]));

  const size = Math.round(200 * 90 ** random()); // UTF-8 bytes, log-uniform from 200 to 18,000
  const specialTokens = random() < 0.5 ? [...pick(random, SPECIAL_SETS)] : [];
  const separators = specialTokens.length > 0 ? specialTokens : ["\n\n"];

  const documents: string[] = [];
  let total = 0;
  while (total < size) {
    const doc = document(random, Math.min(size - total, 50 + randomInt(random, 2000)), weighted);
    documents.push(doc);
    total += utf8Length(doc);
  }
  // Documents joined by (usually) one separator, sometimes two in a row or an overlapping pair.
  let text = documents[0];
  for (const doc of documents.slice(1)) {
    const sep = pick(random, separators);
    text += (random() < 0.15 ? sep + pick(random, separators) : sep) + doc;
  }
  if (specialTokens.length > 0 && random() < 0.3) text = pick(random, specialTokens) + text + pick(random, specialTokens);

  const vocabSize = 256 + specialTokens.length + 1 + randomInt(random, 300);
  return { text, specialTokens, vocabSize };
}

/**
 * About `bytes` UTF-8 bytes of real text: half English prose (the Brown corpus, from its start), half
 * the Universal Declaration of Human Rights as excerpts taken at even steps through its many
 * translations, so that many languages and scripts appear.
 */
export function realTextCorpus(bytes: number): string {
  const englishBytes = Math.floor(bytes / 2);
  const english = leadingBytes(corpusText("brown"), englishBytes);

  const udhr = corpusText("udhr");
  const excerpts = Math.max(1, Math.round((bytes - englishBytes) / 1000));
  const excerptBytes = Math.floor((bytes - englishBytes) / excerpts);
  const parts = [english];
  for (let i = 0; i < excerpts; i++) {
    const start = Math.floor((i * udhr.length) / excerpts);
    parts.push(leadingBytes(udhr.slice(start), excerptBytes - 2));
  }
  return parts.join("\n\n");
}

/** The longest prefix of `text` whose UTF-8 form fits in `bytes` (never splitting a character). */
function leadingBytes(text: string, bytes: number): string {
  const encoder = new TextEncoder();
  const room = new Uint8Array(Math.max(0, bytes));
  const { read } = encoder.encodeInto(text.slice(0, Math.max(0, bytes)), room);
  return text.slice(0, read);
}
