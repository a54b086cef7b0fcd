// The shared parity sample every runtime must reproduce: a few hundred real strings in many scripts
// from build/corpus plus edge cases, with the ids tiktoken gives for each of the five distinct
// encodings. Built at run time from the reference package, never stored.

import { corpora, corpusDocuments } from "../helpers/corpus.js";
import { reference } from "../helpers/reference.js";

export const SAMPLE_ENCODINGS = ["r50k_base", "p50k_base", "p50k_edit", "cl100k_base", "o200k_base"] as const;

export interface ParitySample {
  texts: string[];
  /** encoding name -> ids of each text, from tiktoken with every special token allowed */
  expected: Record<string, number[][]>;
}

/** Whitespace and class boundaries where ports go wrong (JavaScript's \s is not White_Space). */
export const EDGE_CASES = [
  "\uFEFFbyte order mark at the start, and\uFEFFinside",
  "next line\u0085 U+0085 is White_Space\u0085\u0085",
  "no-break\u00A0space, ideographic\u3000space, line\u2028separator",
  "emoji 👩‍👩‍👧‍👦 🇫🇷 👍🏽 🫠 and a lone \uD83D surrogate",
  "漢字と仮名が混ざった日本語の文章です。中文也是一样的。한국어 문장도 있습니다.",
  "CamelCaseWords and HTTPServerError and ÉCOLEÉlève",
  "numbers 1234567 ١٢٣٤٥ 一二三 and  two  spaces\r\n\r\n\ttabs   \n",
  "I'm they're WE'LL it's 'quoted'",
  "text with <|endoftext|> and <|fim_prefix|> special tokens",
  "",
];

/** Deterministic picks: `perCorpus` slices of about `chars` code points from each corpus. */
export function buildParitySample(perCorpus = 40, chars = 240): ParitySample {
  const texts: string[] = [...EDGE_CASES];
  for (const { name } of corpora) {
    const documents = corpusDocuments(name);
    // udhr holds one document per language: take more of it, spread over all of them.
    const picks = name === "udhr" ? perCorpus * 4 : perCorpus;
    for (let i = 0; i < picks; i++) {
      const doc = Array.from(documents[Math.floor((i * documents.length) / picks)]);
      const start = Math.floor(((i * 7919) % 997) / 997 * Math.max(0, doc.length - chars));
      texts.push(doc.slice(start, start + chars).join(""));
    }
  }
  const expected: Record<string, number[][]> = {};
  for (const name of SAMPLE_ENCODINGS) {
    const enc = reference(name);
    expected[name] = texts.map((text) => Array.from(enc.encode(text, "all")));
  }
  return { texts, expected };
}
