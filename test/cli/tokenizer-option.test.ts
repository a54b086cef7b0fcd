// --tokenizer PATH on every form `bytepair train` writes, count --file, encode --offsets and
// --disallowed-special none, run through the built command. Ids of the trained tokenizer come from
// Hugging Face's `tokenizers` reading train's tokenizer.json; the named encodings' from tiktoken.

import { beforeAll, expect, test } from "vitest";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { mkdtempSync, readFileSync, writeFileSync, rmSync, mkdirSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Tokenizer as HfNative } from "tokenizers";
import { reference } from "../helpers/reference.js";
import { twinEncodeOffsets } from "../api/offsets-twin.js";
import { modelDir } from "../helpers/models.js";
import { corpusText } from "../helpers/corpus.js";

const packageJson = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
const cli = fileURLToPath(new URL(`../../${packageJson.bin.bytepair}`, import.meta.url));
const run = (args: string[], input?: string) => spawnSync(process.execPath, [cli, ...args], { input, encoding: "utf8" });

const dir = mkdtempSync(join(tmpdir(), "bytepair-tokenizer-option-"));
const corpus = join(dir, "corpus.txt");
const out = join(dir, "trained");
const TEXT = "the cat sat on the mat<|endoftext|>naïve 日本語 cats";

beforeAll(() => {
  writeFileSync(corpus, ("the cat sat on the mat, and the cats sat on the mats. naïve 日本語 <|endoftext|>\n").repeat(200));
  const trained = run(["train", corpus, "--vocab-size", "300", "--special", "<|endoftext|>", "--pattern", "cl100k", "--out", out]);
  expect(trained.status, trained.stderr).toBe(0);
  return () => rmSync(dir, { recursive: true, force: true });
});

test("every file train writes reloads to the same ids and special ids, equal to tokenizers' on tokenizer.json", async () => {
  const hf = HfNative.fromString(readFileSync(join(out, "tokenizer.json"), "utf8"));
  const expected = (await hf.encode(TEXT)).getIds().join(" ") + "\n";
  expect(expected).toContain(" 0 "); // the special token is its id (train puts specials first)
  for (const path of [out, join(out, "tokenizer.json"), join(out, "vocab.tiktoken"), join(out, "vocab.json"), join(out, "merges.txt")]) {
    const got = run(["encode", "--tokenizer", path, "--allow-special", TEXT]);
    expect(got.stderr, path).toBe("");
    expect(got.stdout, path).toBe(expected);
    expect(run(["decode", "--tokenizer", path, ...expected.trim().split(" ")]).stdout).toBe(TEXT);
    expect(run(["count", "-t", path, "--allow-special", TEXT]).stdout).toBe(`${expected.trim().split(" ").length}\n`);
  }
  // Without specials.json a .tiktoken has no special tokens: the text is ordinary then.
  const bare = join(dir, "bare");
  mkdirSync(bare);
  copyFileSync(join(out, "vocab.tiktoken"), join(bare, "vocab.tiktoken"));
  expect(run(["encode", "--tokenizer", join(bare, "vocab.tiktoken"), "--special", "<|endoftext|>", "x"]).status).toBe(2);
});

test("encode-file --tokenizer writes the trained tokenizer's ids, in worker threads or not", async () => {
  const hf = HfNative.fromString(readFileSync(join(out, "tokenizer.json"), "utf8"));
  // Several MB, so that the file is cut into pieces and each worker thread loads the files and gets some.
  const big = join(dir, "big.txt");
  const text = readFileSync(corpus, "utf8").repeat(200).replace(/mat/g, (m, at: number) => `${m}${at % 977}`);
  writeFileSync(big, text);
  const expected = (await hf.encode(text)).getIds();
  for (const [path, workers] of [[out, "2"], [out, "0"], [join(out, "vocab.tiktoken"), "2"]]) {
    const npy = join(dir, `big-${workers}.npy`);
    const got = run(["encode-file", big, "-o", npy, "--tokenizer", path, "--allow-special", "--workers", workers]);
    expect(got.status, got.stderr).toBe(0);
    const bytes = readFileSync(npy);
    const headerLength = bytes.readUInt16LE(8);
    const ids = new Uint16Array(bytes.buffer.slice(bytes.byteOffset + 10 + headerLength, bytes.byteOffset + bytes.length));
    expect(ids.length, `${path}, ${workers} workers`).toBe(expected.length);
    expect(Buffer.from(ids.buffer).equals(Buffer.from(Uint16Array.from(expected).buffer)), `${path}, ${workers} workers`).toBe(true);
  }
});

// Llama 3.1: a template (its BOS) on a scanner pre-tokenizer, cut into pieces. Llama 2: a SentencePiece
// model (a BOS, and "▁" prepended at the text's start only), whose text no rule may cut: encoded whole.
test.each([
  ["llama3_1", 128000],
  ["llama2", 1],
])("encode-file writes %s's ids of the whole file: its BOS once, not per piece", async (model, bos) => {
  const json = fileURLToPath(new URL("tokenizer.json", modelDir(model)));
  const hf = HfNative.fromString(readFileSync(json, "utf8"));
  const big = join(dir, `${model}.txt`);
  const text = corpusText("brown").slice(0, 2_600_000); // three pieces or more
  writeFileSync(big, text);
  const expected = (await hf.encode(text)).getIds(); // with the template of HF's encode
  expect(expected[0]).toBe(bos);
  for (const workers of ["0", "2"]) {
    const npy = join(dir, `${model}-${workers}.npy`);
    const got = run(["encode-file", big, "-o", npy, "--tokenizer", json, "--workers", workers, "--dtype", "uint32"]);
    expect(got.status, got.stderr).toBe(0);
    const bytes = readFileSync(npy);
    const headerLength = bytes.readUInt16LE(8);
    const ids = new Uint32Array(bytes.buffer.slice(bytes.byteOffset + 10 + headerLength, bytes.byteOffset + bytes.length));
    expect(ids.filter((id) => id === bos).length, `${workers} workers`).toBe(1);
    expect(ids.length, `${workers} workers`).toBe(expected.length);
    expect(Buffer.from(ids.buffer).equals(Buffer.from(Uint32Array.from(expected).buffer)), `${workers} workers`).toBe(true);
  }
});

test("bad --tokenizer paths and choices are one-line errors", () => {
  expect(run(["encode", "--tokenizer", join(dir, "missing"), "x"])).toMatchObject({ status: 1 });
  expect(run(["encode", "--tokenizer", corpus, "x"]).stderr).toMatch(/expected a folder, a tokenizer.json/);
  expect(run(["encode", "--tokenizer", out, "--encoding", "gpt2", "x"])).toMatchObject({ status: 2 });
  writeFileSync(join(dir, "specials.json"), "{}");
  copyFileSync(join(out, "vocab.tiktoken"), join(dir, "vocab.tiktoken"));
  expect(run(["encode", "--tokenizer", join(dir, "vocab.tiktoken"), "x"]).stderr).toMatch(/specials.json: expected/);
});

test("count --file counts the file, not its name; - reads standard input; errors name the byte and line", () => {
  const text = readFileSync(corpus, "utf8");
  const ref = reference("o200k_base");
  const expected = `${ref.encode(text, "all").length}\n`;
  expect(run(["count", "--file", corpus, "--allow-special"])).toMatchObject({ status: 0, stdout: expected });
  expect(run(["count", "--file", "-", "--allow-special"], text)).toMatchObject({ status: 0, stdout: expected });
  const denied = run(["count", "--file", corpus]);
  expect(denied.status).toBe(1);
  expect(denied.stderr).toContain(`line 1`);
  expect(run(["count", "--file", corpus, "--disallowed-special", "none"]).stdout).toBe(`${ref.encode(text, [], []).length}\n`);
  expect(run(["count", "--file", corpus, "extra"]).status).toBe(2);
});

test("count --file on a file of several pieces, in worker threads: tiktoken's count, and a template counted once", async () => {
  const text = [corpusText("udhr").slice(0, 2_000_000), corpusText("ts-code"), corpusText("brown").slice(0, 1_500_000)].join("<|endoftext|>");
  const big = join(dir, "count-big.txt");
  writeFileSync(big, text);
  const ref = reference("o200k_base");
  expect(run(["count", "--file", big, "--allow-special"])).toMatchObject({ status: 0, stdout: `${ref.encode(text, "all").length}\n` });
  expect(run(["count", "--file", big, "--disallowed-special", "none"]).stdout).toBe(`${ref.encode(text, [], []).length}\n`);
  // Refused: the first special token, several pieces into the file, at its byte and line.
  const before = text.slice(0, text.indexOf("<|endoftext|>"));
  expect(run(["count", "--file", big]).stderr).toContain(`at byte ${Buffer.byteLength(before)} (line ${before.split("\n").length})`);
  const json = fileURLToPath(new URL("tokenizer.json", modelDir("llama3_1")));
  const hf = HfNative.fromString(readFileSync(json, "utf8"));
  const llama = run(["count", "--file", big, "--tokenizer", json]);
  expect(llama.stdout).toBe(`${(await hf.encode(text)).getIds().length}\n`);
});

test("encode --offsets gives the twin's offsets; --disallowed-special none reads special tokens as text", () => {
  const text = "Hello 👋 日本語 e\u0301 <|endoftext|>";
  const ref = reference("o200k_base");
  const ids = Array.from(ref.encode(text, [], []));
  const offsets = twinEncodeOffsets(text, ids.map((id) => ref.decode_single_token_bytes(id).length));
  expect(run(["encode", "--offsets", "--disallowed-special", "none", text]).stdout).toBe(`${ids.join(" ")}\n${offsets.join(" ")}\n`);
  expect(JSON.parse(run(["encode", "--offsets", "--json", "--disallowed-special=none", text]).stdout)).toEqual({ ids, offsets });
  expect(run(["count", "--offsets", "x"]).status).toBe(2);
  expect(run(["encode", "--disallowed-special", "some", "x"]).status).toBe(2);
});
