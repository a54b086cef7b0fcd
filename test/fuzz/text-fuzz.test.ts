// The seeded fuzz suite on a fixed budget of seeds (scripts/fuzz.mjs runs the same generators and
// checks for as long as asked), and a replay of every saved reproducer in test/fuzz/cases/.

import { beforeAll, describe, expect, test } from "vitest";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as bytepair from "bytepair";
import * as tiktoken from "tiktoken";
import { fuzzText, fuzzIds, fuzzCorpus, SPECIAL_TOKENS } from "./text.mjs";
import { ENCODINGS, createContext, checkText, checkIds, checkTraining, type FuzzContext } from "./checks.mjs";

// Seeds far from 0 so they do not repeat what `node scripts/fuzz.mjs --seed 0` covers first.
const TEXT_SEEDS = 1_000_000;
const TEXTS = 4000;
const ID_ARRAYS = 3000;
const CORPORA = 250;
const CORPORA_WITH_WORKERS = 6;

const casesDir = new URL("./cases/", import.meta.url);
let ctx: FuzzContext;

beforeAll(async () => {
  ctx = await createContext(bytepair, tiktoken);
});

/** Runs `check` for each seed; returns the first few failures, each with the seed that reproduces it. */
async function failures(seeds: number[], check: (seed: number) => string | null | Promise<string | null>): Promise<string[]> {
  const found: string[] = [];
  for (const seed of seeds) {
    const message = await check(seed);
    if (message) found.push(`seed ${seed}: ${message}`);
    if (found.length >= 5) break;
  }
  return found;
}

const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

describe("the generators", () => {
  test("are deterministic and reach the interesting inputs", () => {
    expect(fuzzText(12345)).toBe(fuzzText(12345));
    expect(fuzzIds(7, 1000)).toEqual(fuzzIds(7, 1000));
    expect(fuzzCorpus(3)).toEqual(fuzzCorpus(3));
    const texts = range(TEXT_SEEDS, TEXTS).map(fuzzText);
    const some = (f: (text: string) => boolean) => texts.filter(f).length;
    expect(some((t) => /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(t))).toBeGreaterThan(20); // lone surrogates
    expect(some((t) => /[\u{10000}-\u{10ffff}]/u.test(t))).toBeGreaterThan(100); // astral
    expect(some((t) => SPECIAL_TOKENS.some((s) => t.includes(s)))).toBeGreaterThan(100);
    expect(some((t) => /\u200d/.test(t))).toBeGreaterThan(20); // ZWJ sequences
    expect(some((t) => /[\u0590-\u06ff]/.test(t))).toBeGreaterThan(50); // RTL
    expect(some((t) => /'(?:s|ll|ſ)/i.test(t))).toBeGreaterThan(50); // contractions
    expect(some((t) => t.length > 1000)).toBeGreaterThan(20);
  });
});

describe("random text equals tiktoken, on the wasm and the JS engine", () => {
  for (const name of ENCODINGS) {
    test(`${name}: encode ("all"), encodeOrdinary, count, round trip, disallowed specials`, async () => {
      expect(await failures(range(TEXT_SEEDS, TEXTS), (seed) => checkText(ctx, name, fuzzText(seed)))).toEqual([]);
    });
  }
});

describe("random ids decode as tiktoken's or are INVALID_TOKEN_ID, on both engines", () => {
  for (const name of ENCODINGS) {
    test(name, async () => {
      const vocabSize = ctx.encodings.get(name)!.ours.vocabSize;
      expect(await failures(range(TEXT_SEEDS, ID_ARRAYS), (seed) => checkIds(ctx, name, fuzzIds(seed, vocabSize)))).toEqual([]);
    });
  }
});

describe("training is the same however the text is handed over", () => {
  test("one string vs random chunks; invariants; the trained tokenizer round-trips", async () => {
    expect(await failures(range(TEXT_SEEDS, CORPORA), (seed) => checkTraining(ctx, fuzzCorpus(seed), seed, false))).toEqual([]);
  });
  test("and with two worker threads", async () => {
    expect(await failures(range(TEXT_SEEDS + CORPORA, CORPORA_WITH_WORKERS), (seed) => checkTraining(ctx, fuzzCorpus(seed), seed, true))).toEqual([]);
  });
});

describe("saved reproducers (test/fuzz/cases/*.json)", () => {
  test("the directory exists and says what its files are", () => {
    expect(existsSync(casesDir)).toBe(true);
    expect(existsSync(new URL("README.md", casesDir))).toBe(true);
  });

  const files = existsSync(casesDir) ? readdirSync(casesDir).filter((f) => f.endsWith(".json")).sort() : [];
  test(`every case replays without a failure (${files.length} cases)`, async () => {
    const found: string[] = [];
    for (const file of files) {
      const c = JSON.parse(readFileSync(new URL(file, casesDir), "utf8"));
      let message: string | null;
      if (c.kind === "encode") {
        expect(ENCODINGS).toContain(c.encoding);
        message = checkText(ctx, c.encoding, c.text);
      } else if (c.kind === "decode") {
        expect(ENCODINGS).toContain(c.encoding);
        message = checkIds(ctx, c.encoding, c.ids);
      } else if (c.kind === "train") {
        const { specialTokens, vocabSize, pattern, workers } = c.options;
        message = await checkTraining(ctx, { text: c.text, specialTokens, vocabSize, pattern }, c.seed, Boolean(workers));
      } else {
        message = `unknown kind ${JSON.stringify(c.kind)}`;
      }
      if (message) found.push(`${file}: ${message}`);
    }
    expect(found).toEqual([]);
  });
});
