// train() under hostile callbacks, failing workers and inputs whose result the library could not
// load: every case rejects (or trains) cleanly, never crashes the process, hangs, or throws its
// own result away after training.

import { describe, expect, test } from "vitest";
import { train, Tokenizer } from "bytepair";
import { naiveTrain } from "../src/js/naive-train.js";

const MAX_TOKEN_BYTES = 0xffff;

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

