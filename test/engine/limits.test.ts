// Memory and size limits: the engine's memory is bounded by the largest call and reused; long texts
// are encoded in windows; a call too large for the engine is a typed error, and the next call works.

import { expect, test } from "vitest";
import { getEncoding, BytepairError } from "bytepair";
import { corpusText } from "../helpers/corpus.js";
import { prng, randomInt } from "../helpers/random.js";
import { describeDifference, reference } from "../helpers/reference.js";

const SAMPLE = "Still right: naïve café, 日本語, 12345 👋";

test("100,000 calls of random sizes: memory grows to the largest call and then stays", async () => {
  const enc = await getEncoding("o200k_base");
  const source = corpusText("udhr").slice(0, 1_000_000);
  const random = prng(7);
  // The largest call first: 4,096 characters of 3 bytes each, as many bytes as any slice below can have
  // (its first 4,096 characters have only 4,497; a later slice, 12,115, which fit in the page slack
  // until the decode table's size moved the scratch region).
  enc.encode("日".repeat(4096));
  const highWater = enc.memoryBytes;
  for (let i = 0; i < 100_000; i++) {
    const start = randomInt(random, source.length - 4096);
    const text = source.slice(start, start + randomInt(random, 4097));
    if (i % 3 === 0) enc.count(text);
    else enc.encodeOrdinary(text);
  }
  expect(enc.memoryBytes).toBe(highWater);
  expect(Array.from(enc.encode(SAMPLE))).toEqual(Array.from(reference("o200k_base").encode(SAMPLE)));
});

test("a text longer than 4M characters is encoded in windows: tiktoken's ids, bounded memory", async () => {
  const enc = await getEncoding("cl100k_base");
  const text = corpusText("udhr") + corpusText("brown") + "<|endoftext|>" + corpusText("ts-code");
  expect(text.length).toBeGreaterThan(1 << 23);
  const ids = enc.encode(text, { allowedSpecial: "all" });
  expect(describeDifference("cl100k_base", ids, reference("cl100k_base").encode(text, "all"), "windows")).toBeNull();
  expect(enc.count(text, { allowedSpecial: "all" })).toBe(ids.length);
  // 40 MB more: memory stays near what one 4M-character window needs, not 15 bytes per character.
  const big = corpusText("brown").repeat(14);
  const n = enc.count(big);
  expect(n).toBeGreaterThan(8_000_000);
  expect(enc.memoryBytes).toBeLessThan(150e6);
  expect(enc.decode(enc.encode(big.slice(0, 9_000_000)))).toBe(big.slice(0, 9_000_000));
  // A disallowed special token past the first window is reported at its offset in the whole text.
  const late = corpusText("brown").repeat(3) + "<|endoftext|>";
  expect(() => enc.encode(late)).toThrow(expect.objectContaining({ code: "DISALLOWED_SPECIAL_TOKEN", offset: late.length - 13 }));
});

test("a call too large for the engine is OUT_OF_MEMORY, and the next call works", async () => {
  const enc = await getEncoding("r50k_base");
  // 300M characters without a place to cut: one piece, whose merge needs more than 4 GiB.
  const huge = "a".repeat(300_000_000);
  let error: unknown;
  try {
    enc.count(huge);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(BytepairError);
  expect(error).toMatchObject({ code: "OUT_OF_MEMORY", message: expect.stringMatching(/could not grow its memory/) });
  expect(Array.from(enc.encode(SAMPLE))).toEqual(Array.from(reference("r50k_base").encode(SAMPLE)));
  expect(() => enc.decode(new Uint32Array(1_100_000_000))).toThrow(expect.objectContaining({ code: "OUT_OF_MEMORY" }));
  expect(enc.decode(enc.encode(SAMPLE))).toBe(SAMPLE);
});

test("many tokenizers alive at once, calls interleaved, each gives what it gives alone", async () => {
  const names = ["gpt2", "r50k_base", "p50k_base", "p50k_edit", "cl100k_base", "o200k_base"] as const;
  const tokenizers = await Promise.all(names.map((n) => getEncoding(n)));
  const texts = [corpusText("udhr").slice(0, 20_000), corpusText("ts-code").slice(0, 20_000), SAMPLE];
  const alone = names.map((n) => texts.map((t) => Array.from(reference(n).encode_ordinary(t))));
  for (let round = 0; round < 3; round++) {
    texts.forEach((t, j) => tokenizers.forEach((tok, i) => expect(Array.from(tok.encodeOrdinary(t))).toEqual(alone[i][j])));
  }
});
