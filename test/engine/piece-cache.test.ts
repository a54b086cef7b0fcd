// The piece cache (assembly/encode/cache.ts, src/engine/js/cache.ts) must never change an id: pieces of every length
// it keeps (2-24 bytes, 25-64 bytes) and just past them, with few ids and with more than an entry
// holds, seen once and again, and enough distinct ones that sets overflow and entries are pushed out.
// Every call is checked against tiktoken, on the first pass (filling) and the second (hitting).

import { describe, expect, test } from "vitest";
import { getEncoding } from "bytepair";
import { reference, describeDifference } from "../helpers/reference.js";
import { ENGINES } from "../helpers/engines.js";
import { prng, randomInt } from "../helpers/random.js";

const SYLLABLES = ["get", "set", "Request", "Http", "xml", "Upload", "progress", "id", "Node", "tree", "walk", "er", "Async"];

/** Distinct pieces of many scripts and lengths (ASCII identifiers, Cyrillic, CJK, Thai), seeded. */
function pieces(count: number, seed: number): string[] {
  const random = prng(seed);
  const run = (lo: number, chars: number) => Array.from({ length: chars }, () => String.fromCodePoint(lo + randomInt(random, 80))).join("");
  const seen = new Set<string>();
  while (seen.size < count) {
    const kind = randomInt(random, 4);
    let piece: string;
    if (kind === 0) {
      piece = "";
      for (let n = 1 + randomInt(random, 14); n > 0 && piece.length < 66; n--) piece += SYLLABLES[randomInt(random, SYLLABLES.length)];
    } else if (kind === 1) piece = run(0x430, 1 + randomInt(random, 34)); // Cyrillic, 2 bytes a letter
    else if (kind === 2) piece = run(0x4e00, 1 + randomInt(random, 23)); // CJK, 3 bytes each, often a token each
    else piece = run(0xe01, 1 + randomInt(random, 23)); // Thai
    seen.add(piece);
  }
  return [...seen];
}

/** The pieces, each after a space, in documents of about 4 KB. */
function documents(words: string[]): string[] {
  const docs: string[] = [];
  for (let i = 0; i < words.length; i += 200) docs.push(" " + words.slice(i, i + 200).join(" "));
  return docs;
}

describe.each(ENGINES)("%s engine", (engine) => {
  test.each(["o200k_base", "cl100k_base"] as const)("%s: tiktoken's ids on a first and a second pass over 40,000 distinct pieces", async (name) => {
    const ours = await getEncoding(name, { engine });
    const theirs = reference(name);
    const docs = documents(pieces(40_000, name.length));
    const expected = docs.map((d) => theirs.encode(d));
    for (const order of [docs.keys(), [...docs.keys()].reverse()]) {
      for (const i of order) {
        const problem = describeDifference(name, ours.encode(docs[i]), expected[i], `document ${i}`);
        if (problem) expect.fail(problem);
      }
    }
  });
});
