// Rank JSON { pat_str, special_tokens, bpe_ranks } through Tokenizer.fromTiktoken: every kind of source
// gives the same tokenizer (tiktoken's ids), and malformed files are errors that say where. Parity with
// js-tiktoken and @anthropic-ai/tokenizer on the corpus: test/parity/rank-json.test.ts.

import { describe, expect, test } from "vitest";
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Tokenizer, BytepairError } from "bytepair";
import { reference } from "../helpers/reference.js";

test("a rank JSON as its object, its text, a path, a URL and bytes: the same tokenizer", async () => {
  // tiktoken's own rank JSON of p50k_edit.
  const ranks = JSON.parse(readFileSync(new URL("../../node_modules/tiktoken/encoders/p50k_edit.json", import.meta.url), "utf8"));
  const dir = mkdtempSync(join(tmpdir(), "bytepair-rank-json-"));
  try {
    const file = join(dir, "p50k_edit.json");
    const text = JSON.stringify(ranks);
    writeFileSync(file, `\n  ${text}`);
    const sample = "Hello <|fim_prefix|> world\n\n  'll  123456";
    const expected = Array.from(reference("p50k_edit").encode(sample, "all"));
    for (const source of [ranks, text, file, pathToFileURL(file), new Uint8Array(readFileSync(file))]) {
      const tokenizer = await Tokenizer.fromTiktoken(source);
      expect(Array.from(tokenizer.encode(sample, { allowedSpecial: "all" }))).toEqual(expected);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe("bad rank JSON is INVALID_VOCAB (UNSUPPORTED_TOKENIZER for a pattern without a pre-tokenizer), saying where", () => {
  const good = { pat_str: "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+", special_tokens: { "<|x|>": 300 } };
  const bytes = Array.from({ length: 256 }, (_, b) => Buffer.from([b]).toString("base64")).join(" ");
  const cases: [string, unknown, string, RegExp][] = [
    ["not JSON", "{ nope", "INVALID_VOCAB", /^rank JSON: not valid JSON/],
    ["no pat_str", { ...good, pat_str: undefined, bpe_ranks: `! 0 ${bytes}` }, "INVALID_VOCAB", /\$\.pat_str/],
    ["bpe_ranks not a string", { ...good, bpe_ranks: 5 }, "INVALID_VOCAB", /\$\.bpe_ranks/],
    ["bad first rank", { ...good, bpe_ranks: `! -1 ${bytes}` }, "INVALID_VOCAB", /line 1: first rank "-1"/],
    ["bad base64", { ...good, bpe_ranks: `! 0 ${bytes}\n! 256 YWJj Y*==` }, "INVALID_VOCAB", /line 2: token 2, "Y\*==", is not the base64/],
    ["rank twice", { ...good, bpe_ranks: `! 0 ${bytes}\n! 255 YWJj` }, "INVALID_VOCAB", /line 2: rank 255 is already given on line 1/],
    ["token twice", { ...good, bpe_ranks: `! 0 ${bytes}\n! 256 AA==` }, "INVALID_VOCAB", /line 2: token .* is already ranked on line 1/],
    ["special on a rank", { ...good, special_tokens: { "<|x|>": 7 }, bpe_ranks: `! 0 ${bytes}` }, "INVALID_VOCAB", /special_tokens\["<\|x\|>"\]: id 7 is the rank/],
    ["unknown pattern", { ...good, pat_str: "\\w+|\\s+", bpe_ranks: `! 0 ${bytes}` }, "UNSUPPORTED_TOKENIZER", /pat_str: .* is not a pattern bytepair has a pre-tokenizer for/],
  ];
  test.each(cases)("%s", async (_, source, code, message) => {
    const error = await Tokenizer.fromTiktoken(source as string).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BytepairError);
    expect(error).toMatchObject({ code, message: expect.stringMatching(message) });
  });

  test("the smallest good file loads, and { pattern } overrides an unknown pat_str", async () => {
    const tokenizer = await Tokenizer.fromTiktoken({ ...good, bpe_ranks: `! 0 ${bytes}` });
    expect(Array.from(tokenizer.encode("ab<|x|>", { allowedSpecial: "all" }))).toEqual([97, 98, 300]);
    const overridden = await Tokenizer.fromTiktoken({ ...good, pat_str: "\\w+", bpe_ranks: `! 0 ${bytes}` }, { pattern: "cl100k" });
    expect(overridden.info().pattern).toBe("cl100k");
  });
});
