// A training file is counted from its bytes (src/train/file-input.ts). Checked against the text path,
// which test/train/trainer.test.ts checks against the naive trainer: the file's bytes decoded as
// TextDecoder does, then trained on as a string, must give the same merges and stats, on files that
// are cut into many pieces and hold invalid UTF-8, a byte-order mark and overlapping special tokens.

import { describe, expect, test } from "vitest";
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { train, type TrainResult } from "bytepair";
import { SpecialBytes } from "../../src/text/special-bytes.js";
import { specialMatcher, splitOnSpecials } from "../../src/text/segments.js";
import { trainingFile } from "../../src/train/file-input.js";
import { firstInvalid } from "../../src/text/utf8-check.js";
import { prng, pick, randomInt } from "../helpers/random.js";
import { randomCorpus } from "../helpers/training-corpora.js";

const utf8 = new TextEncoder();
const decode = (bytes: Uint8Array) => new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
const dir = mkdtempSync(join(tmpdir(), "bytepair-train-file-"));

describe("SpecialBytes.split cuts UTF-8 where splitOnSpecials cuts its text", () => {
  const SETS = [["<|a|>", "<|a|><|b|>"], ["ab", "abc", "b"], ["é", "éé", "e\u0301"], ["🙂", "🙂x"], ["\n\n", "\n"], ["<|endoftext|>"]];
  const ALPHABET = ["a", "b", "c", "<|a|>", "<|b|>", "é", "e\u0301", "🙂", "x", "\n", " ", "<|", "|>"];

  test("on 2,000 random texts with overlapping special tokens", () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const random = prng(seed);
      const specials = pick(random, SETS);
      let text = "";
      for (let n = randomInt(random, 40); n > 0; n--) text += pick(random, ALPHABET);
      const bytes = utf8.encode(text);
      const ours = new SpecialBytes(specials.map((s) => utf8.encode(s))).split(bytes).map(([start, end]) => decode(bytes.subarray(start, end)));
      expect(ours, `seed ${seed}: ${JSON.stringify(text)} with ${JSON.stringify(specials)}`).toEqual(splitOnSpecials(text, specialMatcher(specials)));
    }
  });
});

/** Bytes of a few MB from one random corpus: its text repeated, with invalid UTF-8 between and inside characters. */
function hostileFile(seed: number, invalid: boolean): { bytes: Uint8Array; specialTokens: string[]; vocabSize: number } {
  const { text, specialTokens, vocabSize } = randomCorpus(seed);
  const random = prng(seed + 1000);
  const BAD = [[0xff], [0x80], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xf0, 0x9f, 0x99], [0xc0, 0xaf], [0xf8, 0x88, 0x80, 0x80, 0x80]];
  const unit = utf8.encode(text + "\n");
  const parts: number[][] = [[0xef, 0xbb, 0xbf]]; // a byte-order mark: text, as in the string a file holds
  let size = 0;
  while (size < 3_000_000) {
    const copy = [...unit];
    if (invalid) for (let k = randomInt(random, 3); k > 0; k--) copy.splice(randomInt(random, copy.length + 1), 0, ...pick(random, BAD));
    parts.push(copy);
    size += copy.length;
  }
  return { bytes: Uint8Array.from(parts.flat()), specialTokens, vocabSize };
}

const hex = (result: TrainResult) => result.merges.map(([a, b]) => Buffer.from(a).toString("hex") + "+" + Buffer.from(b).toString("hex")).join(" ");

describe("a file trains as its text does", () => {
  test.each([
    [3, false],
    [7, true],
    [12, true],
    [25, true],
  ])("random corpus %i, invalid UTF-8: %s", async (seed, invalid) => {
    const { bytes, specialTokens, vocabSize } = hostileFile(seed, invalid);
    const file = join(dir, `corpus-${seed}.txt`);
    writeFileSync(file, bytes);
    const pieces: Uint8Array[] = [];
    for await (const piece of (await trainingFile(file, specialTokens)).pieces) pieces.push(piece.bytes);
    // The file is really cut, every cut has ASCII on both sides, and no byte is lost.
    expect(pieces.length).toBeGreaterThan(1);
    expect(Buffer.concat(pieces).equals(Buffer.from(bytes))).toBe(true);
    for (const piece of pieces.slice(1)) expect(piece[0]).toBeLessThan(0x80);
    for (const piece of pieces.slice(0, -1)) expect(piece.at(-1)).toBeLessThan(0x80);

    const options = { vocabSize, specialTokens };
    const expected = await train(decode(bytes), { ...options, workers: 0 });
    for (const workers of [0, 2]) {
      const result = await train({ file }, { ...options, workers });
      expect(hex(result), `workers: ${workers}`).toBe(hex(expected));
      expect(result.stats.bytes).toBe(expected.stats.bytes);
      expect(result.stats.words).toBe(expected.stats.words);
      expect(result.stats.tokens).toBe(expected.stats.tokens);
      // Where the first invalid sequence is, by the Unicode table (a valid file has none).
      expect(result.stats.invalidUtf8At).toBe(invalid ? firstInvalid(bytes) : undefined);
    }
  });

  test("with more special tokens than are searched as bytes (text path)", async () => {
    const specialTokens = Array.from({ length: 40 }, (_, k) => `<|s${k}|>`);
    const text = Array.from({ length: 60_000 }, (_, k) => `word${k % 97} ${specialTokens[k % 40]}é\n`).join("");
    const file = join(dir, "many-specials.txt");
    writeFileSync(file, text);
    const expected = await train(text, { vocabSize: 400, specialTokens, workers: 0 });
    const result = await train({ file }, { vocabSize: 400, specialTokens, workers: 2 });
    expect(hex(result)).toBe(hex(expected));
    expect(result.stats.bytes).toBe(expected.stats.bytes);
  });
});
