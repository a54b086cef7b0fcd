// Short calls on both sides of a memory growth: the host keeps its views of the engine's memory between
// calls and makes them again only once a growth has detached them, so every call after one must still
// write its input, its special-token roles and read its ids in the memory as it now is (tiktoken's ids,
// and a disallowed special token still found).

import { expect, test } from "vitest";
import { getEncoding, BytepairError } from "bytepair";
import { corpusText } from "../helpers/corpus.js";
import { reference } from "../helpers/reference.js";

// p50k_base: no other test file's calls share this file's engine, so the growth below is its first.
const NAME = "p50k_base";
const SHORT = ["Hello there, general Kenobi!", "naïve café 日本語 👋 and \ud800 alone", "a<|endoftext|>b", "x"];

async function shortCallsMatch(): Promise<void> {
  const enc = await getEncoding(NAME);
  const ref = reference(NAME);
  for (const text of SHORT) {
    const ordinary = Array.from(ref.encode_ordinary(text));
    expect(Array.from(enc.encodeOrdinary(text))).toEqual(ordinary);
    expect(enc.count(text, { disallowedSpecial: [] })).toBe(ordinary.length);
    expect(Array.from(enc.encode(text, { allowedSpecial: "all" }))).toEqual(Array.from(ref.encode(text, "all")));
    expect(Array.from(enc.encodeUtf8(new TextEncoder().encode(text), { disallowedSpecial: [] }))).toEqual(ordinary);
    if (text.includes("<|endoftext|>")) {
      expect(() => enc.count(text)).toThrow(BytepairError);
      expect(() => enc.encode(text)).toThrow(/<\|endoftext\|>/);
    } else expect(enc.count(text)).toBe(ordinary.length);
  }
}

test("short calls give tiktoken's ids before and after the engine's memory grows", async () => {
  const enc = await getEncoding(NAME);
  await shortCallsMatch();
  const before = enc.memoryBytes;
  // A call larger than any before it: its input, output and work space grow the memory.
  const big = corpusText("udhr").slice(0, 400_000);
  expect(enc.count(big, { disallowedSpecial: [] })).toBe(reference(NAME).encode_ordinary(big).length);
  expect(enc.memoryBytes).toBeGreaterThan(before);
  await shortCallsMatch();
  // And a growth by encodeUtf8 (its bytes are copied in through the whole-memory view).
  const grown = enc.memoryBytes;
  const bigger = new TextEncoder().encode(corpusText("brown").slice(0, 1_000_000));
  expect(enc.encodeUtf8(bigger, { disallowedSpecial: [] }).length).toBe(reference(NAME).encode_ordinary(new TextDecoder().decode(bigger)).length);
  expect(enc.memoryBytes).toBeGreaterThan(grown);
  await shortCallsMatch();
});
