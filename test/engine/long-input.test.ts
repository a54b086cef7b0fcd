// Long input without whitespace: single pre-tokenizer pieces of tens of thousands of bytes go
// through the merge loop's heap path. Compared with tiktoken at sizes its quadratic loop finishes
// quickly; beyond that, checked by round-trip.

import { describe, expect, test } from "vitest";
import { getEncoding } from "bytepair";
import { describeDifference, reference, RANK_SETS } from "../helpers/reference.js";
import { ENGINES } from "../helpers/engines.js";
import { prng, randomInt } from "../helpers/random.js";

const random = prng(20261123);
const base64 = Buffer.from(Array.from({ length: 750_000 }, () => randomInt(random, 256))).toString("base64"); // 1 MB
const digits = Array.from({ length: 1_000_000 }, () => randomInt(random, 10)).join("");
const letters = Array.from({ length: 30_000 }, () => String.fromCharCode(97 + randomInt(random, 26))).join("");
const LONG_PIECES: Record<string, string> = {
  "1 MB of base64": base64,
  "1 MB of digits": digits,
  "20,000 digits": digits.slice(0, 20_000),
  "30,000 a's": "a".repeat(30_000),
  "30,000 random lowercase letters": letters,
  "10,000 CJK characters": "的一是不了人我在有他这为之大来以个中上们".repeat(500),
  "20,000 spaces then a letter": " ".repeat(20_000) + "x",
  "10,000 emoji": "😀🙈".repeat(5_000),
};

// In the gpt2 pattern a run of digits is one piece, which tiktoken merges in quadratic time (and
// on 1 MB of random digits its wasm traps), so that family gets the shorter run.
const QUADRATIC_IN_TIKTOKEN: Record<string, string> = { r50k_base: "1 MB of digits", p50k_base: "1 MB of digits" };

describe.each(ENGINES)("%s engine", (engine) => {
  describe.each(RANK_SETS)("%s", (name) => {
    const labels = Object.keys(LONG_PIECES).filter((label) => QUADRATIC_IN_TIKTOKEN[name] !== label);
    test.each(labels)("%s as tiktoken", async (label) => {
      const text = LONG_PIECES[label];
      const ids = (await getEncoding(name, { engine })).encodeOrdinary(text);
      expect(describeDifference(name, ids, reference(name).encode_ordinary(text), label)).toBeNull();
    });
  });

  test.each([
    ["4 MB of one letter", "a".repeat(4_000_000)],
    ["3 MB of CJK without spaces", "的一是不了人我在有他这为之大来以个中上们".repeat(50_000)],
    ["4 MB of base64", base64.repeat(4)],
  ])("o200k_base: %s round-trips, and count agrees", async (_, text) => {
    const ours = await getEncoding("o200k_base", { engine });
    const ids = ours.encode(text);
    expect(ids.length).toBeGreaterThan(text.length / 40);
    expect(ours.decode(ids)).toBe(text);
    expect(ours.count(text)).toBe(ids.length);
  });
});
