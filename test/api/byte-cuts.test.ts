// safeByteChunks: an input's bytes cut where cutting cannot change the ids. Joined, the pieces are the
// input; encoded one by one, they give the whole input's ids, for every pattern family, on bytes dense
// in the cut rules' edges (spaces, newlines, "\n/", letters before digits, non-ASCII White_Space,
// special tokens), valid UTF-8 or not.

import { describe, expect, test } from "vitest";
import { getEncoding } from "bytepair";
import { safeByteChunks, type ReadInto } from "../../src/text/byte-cuts.js";
import { PATTERN_FAMILIES, firstDifference } from "../helpers/reference.js";
import { pick, prng, randomInt } from "../helpers/random.js";

const utf8 = new TextEncoder();
const SPECIALS = ["<|endoftext|>", "<|endofprompt|>"];
const FRAGMENTS = [
  "a", "Z", "q", "1", "9", "42", " ", "  ", "\n", "\n\n", "\r\n", "\r", "/", ".", "'", "'s", "'LL", "é", "日本",
  "\u0301", "²", "\t", "<", "|", "😀", "\u00a0", "\u3000", "\u0085", "-", "x/", "<|endoftext|>", "<|endofprompt|>", "word", " the",
].map((f) => utf8.encode(f));

function randomBytes(seed: number, length: number): Uint8Array {
  const random = prng(seed);
  const parts: number[] = [];
  while (parts.length < length) {
    if (randomInt(random, 50) === 0) parts.push(0xff); // an invalid byte now and then
    else parts.push(...pick(random, FRAGMENTS));
  }
  return Uint8Array.from(parts);
}

/** A reader of `bytes` that gives a random 1-300 bytes a call (as a pipe may), never more than asked. */
function inChunks(bytes: Uint8Array, seed: number): ReadInto {
  const random = prng(seed);
  let at = 0;
  return async (buffer, offset, length) => {
    const n = Math.min(length, 1 + randomInt(random, 300), bytes.length - at);
    buffer.set(bytes.subarray(at, at + n), offset);
    at += n;
    return n;
  };
}

const specialBytes = SPECIALS.map((s) => utf8.encode(s));
const lenient = new TextDecoder("utf-8", { ignoreBOM: true });

describe.each(PATTERN_FAMILIES)("%s", (name) => {
  test("pieces join to the input and encode to the whole input's ids", async () => {
    const enc = await getEncoding(name);
    for (let seed = 1; seed <= 40; seed++) {
      const bytes = randomBytes(seed, 6000);
      const pieces: Uint8Array[] = [];
      for await (const piece of safeByteChunks(inChunks(bytes, seed), specialBytes, [8, 32, 200][seed % 3])) pieces.push(piece);
      expect(pieces.length).toBeGreaterThan(3);
      expect(Buffer.concat(pieces).equals(Buffer.from(bytes))).toBe(true);
      const options = { allowedSpecial: "all" as const };
      const whole = enc.encode(lenient.decode(bytes), options);
      const joined = pieces.flatMap((p) => Array.from(enc.encodeUtf8(p, options)));
      const at = firstDifference(joined, whole);
      if (at >= 0) expect.fail(`seed ${seed}: ids differ at ${at}`);
    }
  });
});

test("no cut inside a special token, and each byte looked at a bounded number of times", async () => {
  const text = utf8.encode("ab <|end of|> cd ".repeat(2000));
  const spaced = [utf8.encode("<|end of|>")];
  const pieces: Uint8Array[] = [];
  for await (const piece of safeByteChunks(inChunks(text, 5), spaced, 16)) pieces.push(piece);
  let at = 0;
  const hay = Buffer.from(text);
  for (const piece of pieces) {
    at += piece.length;
    for (let start = hay.lastIndexOf("<|end of|>", at - 1); start >= 0 && start > at - 10; start = -1) expect(start + 10 <= at || start >= at).toBe(true);
  }
  expect(at).toBe(text.length);
  // No place to cut at all: one piece, found without quadratic rescanning (this returns quickly).
  const none = new Uint8Array(1 << 22).fill(0x78);
  let total = 0;
  for await (const piece of safeByteChunks(inChunks(none, 6), [], 4096)) total += piece.length;
  expect(total).toBe(none.length);
});
