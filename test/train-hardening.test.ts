// train() under hostile callbacks, failing workers and inputs whose result the library could not
// load: every case rejects (or trains) cleanly, never crashes the process, hangs, or throws its
// own result away after training.

import { describe, expect, test } from "vitest";
import { train, BytepairError, Tokenizer } from "bytepair";
import { naiveTrain } from "../src/js/naive-train.js";

const MAX_TOKEN_BYTES = 0xffff;
const TEXT = "the cat sat on the mat, the cat ate the rat. ".repeat(200);

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
const mergesHex = (merges: Array<[Uint8Array, Uint8Array]>) => merges.map(([a, b]) => `${hex(a)}+${hex(b)}`);

describe("no token is longer than a vocabulary may hold (65535 bytes)", () => {
  test.each([
    ["65536 of one letter", "a".repeat(65536)],
    ["70000 of one letter, among words", "hello world " + "a".repeat(70000) + " hello world"],
    ["40000 of a two-byte letter", "é".repeat(40000)],
  ])("a run of %s: trains, loads, round-trips, equals the naive trainer", async (_, text) => {
    const vocabSize = 256 + 40;
    const trained = await train(text, { vocabSize });
    for (const bytes of trained.vocab.values()) expect(bytes.length).toBeLessThanOrEqual(MAX_TOKEN_BYTES);
    expect(Math.max(...[...trained.vocab.values()].map((b) => b.length))).toBeGreaterThan(MAX_TOKEN_BYTES / 2);
    expect(trained.tokenizer.decode(trained.tokenizer.encode(text))).toBe(text);
    const naive = naiveTrain(text, vocabSize);
    expect(mergesHex(trained.merges)).toEqual(mergesHex(naive.merges));
    const inWorkers = await train(text, { vocabSize, workers: 1 });
    expect(mergesHex(inWorkers.merges)).toEqual(mergesHex(trained.merges));
    const reloaded = await Tokenizer.fromBpe({ vocab: trained.vocab, merges: trained.merges });
    expect(Array.from(reloaded.encode(text))).toEqual(Array.from(trained.tokenizer.encode(text)));
  });
});

describe("special tokens the trained vocabulary could not hold are refused before training", () => {
  test.each([
    ["one byte", "a"],
    ["one byte (a newline)", "\n"],
    ["a lone high surrogate", "<\ud800>"],
    ["a lone low surrogate", "\udc00"],
    ["too long to match", "x".repeat(40_000)],
  ])("%s", async (_, special) => {
    let started = false;
    const input = (function* () {
      started = true;
      yield "some text to train on";
    })();
    for (const workers of [0, 1]) {
      const error = await train(input, { vocabSize: 300, specialTokens: ["<|endoftext|>", special], workers }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BytepairError);
      expect(error).toMatchObject({ code: "INVALID_ARGUMENT" });
      expect((error as Error).message).toContain(JSON.stringify(special.slice(0, 80)).slice(0, -1));
    }
    expect(started).toBe(false);
  });

  test("two surrogate-only special tokens, which would have the same bytes", async () => {
    await expect(train("text", { vocabSize: 300, specialTokens: ["\ud800", "\udbff"] })).rejects.toMatchObject({ code: "INVALID_ARGUMENT" });
  });

  test("a special token holding U+FFFD, with lone surrogates in the text: they are cut out as it, as encoding does", async () => {
    const text = "\ud800\udc00!! a\ud800 \udfff\udfff\udfff \ufffd\ufffd b";
    const trained = await train(text, { vocabSize: 300, specialTokens: ["\ufffd"] });
    const ids = Array.from(trained.tokenizer.encode(text, { allowedSpecial: "all" }));
    expect(ids.filter((id) => id === 0)).toHaveLength(6);
    expect(trained.tokenizer.decode(ids)).toBe(text.replace(/\p{Cs}/gu, "\ufffd"));
    expect(mergesHex(trained.merges)).toEqual(mergesHex(naiveTrain(text, 300, ["\ufffd"]).merges));
  });

  test("a duplicate keeps its first id, and the result loads", async () => {
    const trained = await train(TEXT, { vocabSize: 300, specialTokens: ["<s>", "</s>", "<s>"] });
    expect([...trained.specialTokens]).toEqual([["<s>", 0], ["</s>", 1]]);
    expect(trained.tokenizer.decode(trained.tokenizer.encode("<s>x</s>", { allowedSpecial: "all" }))).toBe("<s>x</s>");
  });

  test("130,000 special tokens (more than a call's arguments can spread)", async () => {
    const specialTokens = Array.from({ length: 130_000 }, (_, i) => `<|s${i}|>`);
    const trained = await train("hello world <|s5|> hello", { vocabSize: 130_000 + 260, specialTokens });
    expect(trained.specialTokens.get("<|s129999|>")).toBe(129_999);
    expect(Array.from(trained.tokenizer.encode("<|s7|>", { allowedSpecial: "all" }))).toEqual([7]);
  }, 120_000);
});

describe("bad options and input are INVALID_ARGUMENT before training, with workers or without", () => {
  const cases: Array<[string, unknown, unknown]> = [
    ["vocabSize a string", TEXT, { vocabSize: "300" }],
    ["vocabSize a fraction", TEXT, { vocabSize: 300.5 }],
    ["vocabSize NaN", TEXT, { vocabSize: NaN }],
    ["vocabSize Infinity", TEXT, { vocabSize: Infinity }],
    ["vocabSize too small", TEXT, { vocabSize: 255 }],
    ["vocabSize too small for the specials", TEXT, { vocabSize: 257, specialTokens: ["<a>", "<b>"] }],
    ["vocabSize too large", TEXT, { vocabSize: 2 ** 24 + 1 }],
    ["onProgress a string", TEXT, { vocabSize: 300, onProgress: "log" }],
    ["onProgress an object", TEXT, { vocabSize: 300, onProgress: {} }],
    ["specialTokens a string", TEXT, { vocabSize: 300, specialTokens: "<s>" }],
    ["specialTokens a number", TEXT, { vocabSize: 300, specialTokens: 5 }],
    ["specialTokens holding a number", TEXT, { vocabSize: 300, specialTokens: [5] }],
    ["the input null", null, { vocabSize: 300 }],
    ["the input a number", 42, { vocabSize: 300 }],
    ["the input a plain object", { text: "abc" }, { vocabSize: 300 }],
  ];
  test.each(cases)("%s", async (_, input, options) => {
    for (const workers of [0, 2]) {
      const error = await train(input as never, { ...(options as object), workers } as never).catch((e: unknown) => e);
      expect(error, `workers ${workers}`).toBeInstanceOf(BytepairError);
      expect((error as BytepairError).code).toBe("INVALID_ARGUMENT");
    }
  });

  test("a non-function onProgress is refused even when it would never be called", async () => {
    await expect(train("", { vocabSize: 300, onProgress: "log" as never })).rejects.toMatchObject({ code: "INVALID_ARGUMENT" });
  });
});
