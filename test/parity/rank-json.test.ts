// Rank JSON files { pat_str, special_tokens, bpe_ranks } through Tokenizer.fromTiktoken: js-tiktoken's
// own ranks files (bench/ installs js-tiktoken), tiktoken's encoders/*.json, and @anthropic-ai/tokenizer's
// claude.json (test/models/ installs it). (Sources and malformed files: test/formats/tiktoken-json.test.ts.) Each file's tokens must be the ones js-tiktoken reads from it,
// its ids tiktoken's on the corpus and fuzzed text (and js-tiktoken's wherever js-tiktoken's JavaScript
// RegExp agrees with tiktoken), and claude.json's counts @anthropic-ai/tokenizer's countTokens.

import { describe, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Tokenizer } from "bytepair";
import { corpusDocuments } from "../helpers/corpus.js";
import { reference, describeDifference } from "../helpers/reference.js";
import { fuzzText } from "../fuzz/text.mjs";

const JS_TIKTOKEN = new URL("../../bench/node_modules/js-tiktoken/dist/", import.meta.url);
const CLAUDE_PACKAGE = new URL("../models/node_modules/@anthropic-ai/tokenizer/", import.meta.url);
const FILES = ["gpt2", "r50k_base", "p50k_base", "p50k_edit", "cl100k_base", "o200k_base"] as const;

interface RankJson {
  pat_str: string;
  special_tokens: Record<string, number>;
  bpe_ranks: string;
  explicit_n_vocab?: number;
}
interface JsTiktoken {
  encode(text: string, allowed?: "all" | string[], disallowed?: "all" | string[]): number[];
  textMap: Map<number, Uint8Array>;
}

async function jsTiktokenRanks(name: string): Promise<RankJson> {
  return (await import(new URL(`ranks/${name}.js`, JS_TIKTOKEN).href)).default;
}
async function jsTiktoken(ranks: RankJson): Promise<JsTiktoken> {
  const { Tiktoken } = await import(new URL("lite.js", JS_TIKTOKEN).href);
  return new Tiktoken(ranks);
}

/** Texts: documents of three corpora and fuzzed strings. */
function texts(): string[] {
  const docs = ["udhr", "spam", "ts-code"].flatMap((corpus) => corpusDocuments(corpus).slice(0, 60));
  return [...docs, ...Array.from({ length: 200 }, (_, i) => fuzzText(4000 + i))];
}

/** Where js-tiktoken's RegExp pre-tokenizer differs from tiktoken's: JS \s (U+FEFF in, U+0085 out) and (?i:) folding U+017F. */
const JS_REGEX_DIFFERS = /[\u0085\ufeff\u017f\u1680\u180e\u2028\u2029]/u;

describe.each(FILES)("js-tiktoken's %s ranks", (name) => {
  test("the tokens and special tokens js-tiktoken reads; ids as tiktoken's, and as js-tiktoken's where its RegExp agrees", async () => {
    const ranks = await jsTiktokenRanks(name);
    const theirs = await jsTiktoken(ranks);
    const ours = await Tokenizer.fromTiktoken(ranks, { name });
    expect(Object.fromEntries(ours.specialTokens)).toEqual(ranks.special_tokens);
    expect(theirs.textMap.size).toBeGreaterThan(50_000);
    for (const [rank, bytes] of theirs.textMap) {
      if (!Buffer.from(ours.tokenToBytes(rank)).equals(Buffer.from(bytes))) expect.fail(`${name}: token ${rank} differs`);
    }
    let largest = Math.max(...Object.values(ranks.special_tokens));
    for (const rank of theirs.textMap.keys()) largest = Math.max(largest, rank);
    expect(ours.vocabSize).toBe(largest + 1);
    let compared = 0;
    for (const [i, text] of texts().entries()) {
      const ids = ours.encode(text, { allowedSpecial: "all" });
      const problem = describeDifference(name, ids, reference(name).encode(text, "all"), `text ${i}`);
      if (problem) expect.fail(problem);
      if (JS_REGEX_DIFFERS.test(text)) continue;
      compared++;
      expect([i, Array.from(ids)]).toEqual([i, theirs.encode(text, "all")]);
    }
    expect(compared).toBeGreaterThan(300);
  });
});

test("tiktoken's own encoders/*.json load too, with its (?i:) spelling of the patterns", async () => {
  for (const name of ["cl100k_base", "o200k_base"]) {
    const json = readFileSync(new URL(`../../node_modules/tiktoken/encoders/${name}.json`, import.meta.url), "utf8");
    const ours = await Tokenizer.fromTiktoken(json);
    expect(ours.info().pattern).toBe(name.slice(0, -5));
    for (const text of texts().slice(0, 120)) {
      const problem = describeDifference(name, ours.encode(text, { allowedSpecial: "all" }), reference(name).encode(text, "all"), "text");
      if (problem) expect.fail(problem);
    }
  }
});

test("claude.json counts as @anthropic-ai/tokenizer's countTokens (NFKC, special tokens allowed)", async () => {
  const require = createRequire(CLAUDE_PACKAGE);
  const { countTokens } = require(new URL("dist/cjs/index.js", CLAUDE_PACKAGE).pathname) as { countTokens(text: string): number };
  const claude = JSON.parse(readFileSync(new URL("claude.json", CLAUDE_PACKAGE), "utf8")) as RankJson;
  const ours = await Tokenizer.fromTiktoken(new URL("claude.json", CLAUDE_PACKAGE), { name: "claude" });
  expect(Object.fromEntries(ours.specialTokens)).toEqual(claude.special_tokens);
  const ranks = claude.bpe_ranks.split("\n").filter(Boolean).map((line) => Number(line.split(" ")[1]) + line.split(" ").length - 3);
  expect(ours.vocabSize).toBe(Math.max(...ranks) + 1);
  const specials = Object.keys(claude.special_tokens);
  const cases = [...texts(), ...specials.map((s, i) => `before ${s} after ${specials[(i + 1) % specials.length]}`), "ﬁne ①②③ Ｆｕｌｌｗｉｄｔｈ ㍿ ½"];
  for (const [i, text] of cases.entries()) {
    expect([i, ours.count(text.normalize("NFKC"), { allowedSpecial: "all" })]).toEqual([i, countTokens(text)]);
  }
});
