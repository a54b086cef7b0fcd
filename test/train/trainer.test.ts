// The WebAssembly trainer against the naive one (src/reference/naive-train.ts): identical merges, in the
// same order, on real text and with every way of handing train() its input.

import { describe, expect, test } from "vitest";
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { train, Tokenizer, BytepairError, type TrainResult } from "bytepair";
import { naiveTrain } from "../../src/reference/naive-train.js";
import { naiveEncode } from "../../src/reference/naive-encode.js";
import { corpusText } from "../helpers/corpus.js";
import { randomSlices } from "../helpers/random.js";
import { randomCorpus } from "../helpers/training-corpora.js";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
const show = (bytes: Uint8Array) => JSON.stringify(Buffer.from(bytes).toString("utf8"));

/** Null when the merges are the same; else the first difference. */
function mergeDifference(ours: Array<[Uint8Array, Uint8Array]>, theirs: Array<[Uint8Array, Uint8Array]>): string | null {
  const n = Math.min(ours.length, theirs.length);
  for (let i = 0; i < n; i++) {
    if (hex(ours[i][0]) !== hex(theirs[i][0]) || hex(ours[i][1]) !== hex(theirs[i][1])) {
      return `merge ${i}: ours ${show(ours[i][0])} + ${show(ours[i][1])}, naive ${show(theirs[i][0])} + ${show(theirs[i][1])}`;
    }
  }
  return ours.length === theirs.length ? null : `ours has ${ours.length} merges, naive ${theirs.length}`;
}

const SPECIAL = "<|endoftext|>";
const realText =
  corpusText("brown").slice(0, 60_000) + SPECIAL + corpusText("udhr").slice(200_000, 230_000) + SPECIAL + corpusText("ts-code").slice(0, 30_000);

describe("merges equal the naive trainer's", () => {
  test("on English, multilingual text and code with special tokens", async () => {
    const ours = await train(realText, { vocabSize: 700, specialTokens: [SPECIAL] });
    const naive = naiveTrain(realText, 700, [SPECIAL]);
    expect(ours.merges.length).toBe(700 - 257);
    expect(mergeDifference(ours.merges, naive.merges)).toBeNull();
    expect([...ours.vocab.keys()]).toEqual([...naive.vocab.keys()]);
    for (const [id, bytes] of naive.vocab) expect(hex(ours.vocab.get(id)!)).toBe(hex(bytes));
  });

  test("on 300 seeded random corpora full of ties, whitespace kinds and overlapping special tokens", async () => {
    for (let seed = 1; seed <= 300; seed++) {
      const { text, specialTokens, vocabSize } = randomCorpus(seed);
      const ours = await train(text, { vocabSize, specialTokens });
      const problem = mergeDifference(ours.merges, naiveTrain(text, vocabSize, specialTokens).merges);
      if (problem) expect.fail(`seed ${seed}: ${problem}`);
    }
  });

  test("on the worked example of test/train/naive.test.ts, merge by merge", async () => {
    const text = "low low low low low lower lower widest widest widest newest newest newest newest newest newest";
    const ours = await train(text, { vocabSize: 300 });
    const learned = ours.merges.map(([a, b]) => Buffer.from([...a, ...b]).toString());
    expect(learned).toEqual(["st", "est", "ow", "low", "west", "ne", "newest", " newest", " low", "wi", "wid", "widest", " widest", "er", " lower"]);
  });

  test("when the text runs out of pairs before the vocabulary is full", async () => {
    const text = "ab ab ab abc";
    const ours = await train(text, { vocabSize: 1000 });
    expect(mergeDifference(ours.merges, naiveTrain(text, 1000).merges)).toBeNull();
    expect(ours.vocab.size).toBeLessThan(1000);
  });
});

describe("every way of giving the text gives the same merges", () => {
  const text = corpusText("brown").slice(0, 400_000) + SPECIAL + corpusText("udhr").slice(0, 200_000);
  const options = { vocabSize: 2000, specialTokens: [SPECIAL] };
  let expected: TrainResult;
  const dir = mkdtempSync(join(tmpdir(), "bytepair-train-"));
  const file = join(dir, "corpus.txt");
  writeFileSync(file, text);

  /** The text in chunks of random sizes, cut anywhere (inside characters' surrogate pairs too). */
  const randomChunks = (seed: number) => randomSlices(text, seed, 5000);

  test("a string", async () => {
    expected = await train(text, options);
    expect(expected.merges.length).toBe(2000 - 257);
  });
  test.each([
    ["a file, in this thread", () => train({ file }, { ...options, workers: 0 })],
    ["a file, in two worker threads", () => train({ file }, { ...options, workers: 2 })],
    ["a file: URL", () => train(pathToFileURL(file), options)],
    ["an iterable of random chunks", () => train(randomChunks(1), options)],
    ["an async iterable of random chunks", () => train((async function* () { yield* randomChunks(2); })(), options)],
    ["a string, counted in worker threads", () => train(text, { ...options, workers: 2 })],
  ] as const)("%s", async (_, run) => {
    const result = await run();
    expect(mergeDifference(result.merges, expected.merges)).toBeNull();
    expect(result.stats.tokens).toBe(expected.stats.tokens);
  });

  test("stats: the bytes and tokens of the text between special tokens, as encoding it gives them", async () => {
    // Twin: cut the text at the special token by hand and encode each part with the trained tokenizer.
    const parts = text.split(SPECIAL);
    const bytes = parts.reduce((n, part) => n + Buffer.byteLength(part), 0);
    const tokens = parts.reduce((n, part) => n + expected.tokenizer.encodeOrdinary(part).length, 0);
    expect(expected.stats.bytes).toBe(bytes);
    expect(expected.stats.tokens).toBe(tokens);
    expect(tokens).toBeLessThan(bytes / 2); // the merges did compress
  });

  test("stats.memoryParts: each table's bytes, in use within held, held within the high-water mark", () => {
    const parts = expected.stats.memoryParts;
    const { total, free, ...tables } = parts;
    expect(Object.keys(tables)).toEqual([
      "input", "words", "wordBytes", "wordIndex", "tokens", "tokenBytes", "wordTokenLen", "wordStamp", "wordTokens",
      "pairs", "pairIndex", "pairWordLists", "heap", "raised", "merges",
    ]);
    expect(total!.held).toBe(expected.stats.memoryBytes);
    for (const [name, { used, held }] of Object.entries(tables)) {
      expect(used, name).toBeLessThanOrEqual(held);
    }
    const held = Object.values(tables).reduce((n, part) => n + part.held, 0);
    expect(held + free!.held).toBeLessThanOrEqual(total!.held);
    // What the counts say the tables must hold: a 24-byte record and 4 + 4 bytes per distinct pre-token,
    // 8 bytes per merge, 8 per token, and one u32 per byte of the pre-tokens.
    expect(parts.words!.used).toBe(24 * expected.stats.words);
    expect(parts.wordTokenLen!.used).toBe(4 * expected.stats.words);
    expect(parts.wordStamp!.used).toBe(4 * expected.stats.words);
    expect(parts.merges!.used).toBe(8 * expected.merges.length);
    expect(parts.tokens!.used).toBe(8 * (256 + expected.merges.length));
    expect(parts.wordTokens!.used).toBe(4 * parts.wordBytes!.used);
    // Entries of merged pairs' lists were given back: fewer in use than were ever made.
    expect(parts.pairWordLists!.used).toBeLessThan(parts.pairWordLists!.held - 65536);
  });
});

test("progress is reported for counting and merging", async () => {
  const seen: string[] = [];
  let last = { merges: 0, bytes: 0 };
  await train(realText, {
    vocabSize: 400,
    specialTokens: [SPECIAL],
    onProgress: (p) => {
      seen.push(p.phase);
      expect(p.merges).toBeGreaterThanOrEqual(last.merges);
      expect(p.bytes).toBeGreaterThanOrEqual(last.bytes);
      last = p;
    },
  });
  expect(seen[0]).toBe("count");
  expect(seen.at(-1)).toBe("merge");
  expect(last).toMatchObject({ merges: 400 - 257, targetMerges: 400 - 257, bytes: Buffer.byteLength(realText) - 2 * SPECIAL.length });
});

test("bad options and input are argument errors", async () => {
  const cases: [unknown, unknown][] = [
    ["text", undefined],
    ["text", { vocabSize: 100 }],
    ["text", { vocabSize: 256, specialTokens: ["<s>"] }],
    ["text", { vocabSize: 300.5 }],
    ["text", { vocabSize: 300, specialTokens: [""] }],
    ["text", { vocabSize: 300, pattern: "bert" }],
    ["text", { vocabSize: 300, workers: -1 }],
    [42, { vocabSize: 300 }],
    [[1, 2, 3], { vocabSize: 300 }],
    [{ file: "/nonexistent/corpus.txt" }, { vocabSize: 300 }],
  ];
  for (const [input, options] of cases) {
    const error = await train(input as never, options as never).catch((e: unknown) => e);
    expect(error, JSON.stringify([input, options])).toBeInstanceOf(BytepairError);
    expect((error as BytepairError).code).toBe("INVALID_ARGUMENT");
  }
});

describe("the trained tokenizer", () => {
  test("encodes its training text to ids that decode back, with special tokens as their ids", async () => {
    const { tokenizer, specialTokens } = await train(realText, { vocabSize: 1000, specialTokens: [SPECIAL] });
    expect(tokenizer).toBeInstanceOf(Tokenizer);
    const ids = tokenizer.encode(realText, { allowedSpecial: "all" });
    expect(tokenizer.decode(ids)).toBe(realText);
    expect(ids.filter((id) => id === specialTokens.get(SPECIAL)).length).toBe(2);
    expect(ids.length).toBeLessThan(Buffer.byteLength(realText) / 2.5);
    expect(() => tokenizer.encode(realText)).toThrow(/disallowed special token/);
  });
});

describe("Tokenizer.fromBpe encodes as the naive merges encoder", () => {
  test.each([
    ["English", corpusText("brown").slice(100_000, 160_000)],
    ["multilingual", corpusText("udhr").slice(500_000, 540_000)],
    ["code", corpusText("ts-code").slice(100_000, 140_000)],
  ])("on %s text it was not trained on", async (_, text) => {
    const trained = await train(realText, { vocabSize: 1500, specialTokens: [SPECIAL] });
    const withSpecial = text.slice(0, 1000) + SPECIAL + text.slice(1000);
    const expected = naiveEncode(withSpecial, trained);
    expect(Array.from(trained.tokenizer.encode(withSpecial, { allowedSpecial: "all" }))).toEqual(expected);
    for (const engine of ["wasm", "js"] as const) {
      const again = await Tokenizer.fromBpe({ vocab: trained.vocab, merges: trained.merges, specialTokens: trained.specialTokens, engine });
      expect(Array.from(again.encode(withSpecial, { allowedSpecial: "all" })), `${engine} engine`).toEqual(expected);
    }
  });

  test("special tokens given by name keep their id when in the vocabulary, else come after it", async () => {
    const { vocab, merges } = await train(realText, { vocabSize: 600, specialTokens: [SPECIAL] });
    const tokenizer = await Tokenizer.fromBpe({ vocab, merges, specialTokens: [SPECIAL, "<|pad|>", "<|sep|>"] });
    expect([...tokenizer.specialTokens]).toEqual([[SPECIAL, 0], ["<|pad|>", 600], ["<|sep|>", 601]]);
    expect(tokenizer.vocabSize).toBe(602);
    expect(tokenizer.decode([600, 0])).toBe("<|pad|>" + SPECIAL);
  });

  test("a vocabulary that does not hold together is an INVALID_VOCAB error that says why", async () => {
    const { vocab, merges } = await train(realText, { vocabSize: 300 });
    const noByte = new Map(vocab);
    noByte.delete(65);
    const orphan = new Map(vocab);
    orphan.delete(299);
    const cases: [object, RegExp][] = [
      [{ vocab: noByte, merges }, /no token is the single byte 0x41/],
      [{ vocab: orphan, merges }, /merge 43 .* which is not a token/],
      [{ vocab, merges: [[Uint8Array.of(1), "x"]] }, /merge 0 is not a pair of Uint8Arrays/],
      [{ vocab: new Map([[-1, Uint8Array.of(1)]]), merges: [] }, /token id -1/],
      [{ vocab, merges, specialTokens: new Map([["<s>", 5]]) }, /has id 5, which is the token/],
    ];
    for (const [source, message] of cases) {
      await expect(Tokenizer.fromBpe(source as never)).rejects.toMatchObject({ code: "INVALID_VOCAB", message: expect.stringMatching(message) });
    }
  });
});
