// `bytepair compare` on streamed input: its figures against the whole text's, computed with the lecture's
// tokenizers on the same text (chunked any way in process, and through the command on a multi-MB file),
// and its errors. The large-file run is test/cli/compare-memory.test.ts.

import { afterAll, expect, test } from "vitest";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lecture } from "bytepair";
import { compareFigures, WordCount } from "../../src/cli/compare-figures.js";
import { corpusDocuments } from "../helpers/corpus.js";
import { table, wholeTextRows } from "../helpers/compare-table.js";
import { prng, randomInt } from "../helpers/random.js";

const cli = fileURLToPath(new URL("../../build/cli.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "bytepair-compare-stream-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Places where a careless cut changes words or tokens: U+FEFF (JavaScript's \s, not Unicode's White_Space)
// before "\n", runs of white space, "\r\n", contractions, digits after letters, pairs, special-token text.
const TRICKY = ["x\uFEFF\nb", "a   b", "\r\n\r\nc", "we'll 've", "abc123 4567", " \u{1F600}\u{1F601}x", "<|endoftext|>", "\n/", "\u0085 \u00a0 z", "  \n\t "];

/** Documents of several corpora (many scripts) with the tricky strings between them, about `bytes` long. */
function mixedText(bytes: number): string {
  const docs = [...corpusDocuments("udhr"), ...corpusDocuments("brown"), ...corpusDocuments("ts-code")];
  const parts: string[] = [];
  let total = 0;
  for (let i = 0; total < bytes; i++) {
    const part = docs[(i * 7919) % docs.length] + TRICKY[i % TRICKY.length];
    parts.push(part);
    total += Buffer.byteLength(part);
  }
  return parts.join("");
}

/** `text` in random chunks of 1..max units, never splitting a surrogate pair (as a decoder never does). */
function* randomChunks(text: string, seed: number, max: number): Generator<string> {
  const random = prng(seed);
  for (let at = 0; at < text.length; ) {
    let end = Math.min(text.length, at + 1 + randomInt(random, max));
    const c = text.charCodeAt(end - 1);
    if (c >= 0xd800 && c <= 0xdbff && end < text.length) end++;
    yield text.slice(at, end);
    at = end;
  }
}

async function* from(chunks: Iterable<string>): AsyncIterable<string> {
  yield* chunks;
}

test("word counts of a text in chunks equal splitWords of the whole text, for every single cut", () => {
  for (const text of [...TRICKY, TRICKY.join("")]) {
    const words = lecture.splitWords(text);
    for (let cut = 0; cut <= text.length; cut++) {
      const count = new WordCount();
      count.push(text.slice(0, cut));
      count.push(text.slice(cut));
      count.end();
      expect([count.words, count.distinct.size], `${JSON.stringify(text)} cut at ${cut}`).toEqual([words.length, new Set(words).size]);
    }
  }
});

test("word counting stays linear on a long run no word ends in, fed in small chunks", () => {
  const text = "a".repeat(1 << 20) + " b " + "\u3000".repeat(1 << 20) + "c";
  const count = new WordCount();
  for (let i = 0; i < text.length; i += 1000) count.push(text.slice(i, i + 1000));
  count.end();
  const words = lecture.splitWords(text);
  expect([count.words, count.distinct.size]).toEqual([words.length, new Set(words).size]);
  expect(count.scannedUnits).toBeLessThan(8 * text.length);
});

test("compareFigures over random chunkings equals the whole text's figures", async () => {
  const text = mixedText(600_000);
  const names = ["gpt2", "cl100k_base", "o200k_base"];
  const whole = await wholeTextRows(text, names);
  const tokenizers = await Promise.all(names.map(async (n) => (await lecture.bpe(n as "gpt2")).tokenizer));
  for (const [seed, max] of [[1, 50], [2, 5000], [3, 300_000]]) {
    const figures = await compareFigures(from(randomChunks(text, seed, max)), tokenizers);
    expect(String(figures.characters)).toBe(whole.get("characters")![0]);
    expect(String(figures.bytes)).toBe(whole.get("bytes")![0]);
    expect([String(figures.words), String(figures.distinctWords + 1)]).toEqual(whole.get("words")!.slice(0, 2));
    names.forEach((name, k) => expect(String(figures.bpeTokens[k]), `${name}, chunks up to ${max}`).toBe(whole.get(name)![0]));
  }
});

test("compare FILE streams a multi-MB file to the whole text's figures", { timeout: 120_000 }, async () => {
  const text = mixedText(9_000_000); // over two 4 MB reads
  const file = join(dir, "mixed.txt");
  writeFileSync(file, text);
  const result = spawnSync(process.execPath, [cli, "compare", file, "-e", "gpt2", "-e", "o200k_base", "--train-vocab", "300"], { encoding: "utf8" });
  expect(result.stderr).toBe(""); // under 16 MB: no progress line
  expect(result.status).toBe(0);
  const decoded = new TextDecoder().decode(readFileSync(file));
  expect(result.stdout.split("\n")[0]).toBe(
    `${file}: ${lecture.utf8Length(decoded).toLocaleString("en-US")} bytes, ${[...decoded].length.toLocaleString("en-US")} characters`,
  );
  const rows = table(result.stdout);
  expect([...rows.keys()]).toEqual(["characters", "bytes", "words", "trained bpe", "gpt2", "o200k_base"]);
  expect(rows).toEqual(await wholeTextRows(decoded, ["gpt2", "o200k_base"], 300));
});

test("compare - streams standard input to the whole text's figures", async () => {
  const text = mixedText(5_000_000); // over one 4 MB read
  const result = spawnSync(process.execPath, [cli, "compare", "-", "-e", "cl100k_base"], { input: text, encoding: "utf8", maxBuffer: 1 << 20 });
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  expect(table(result.stdout)).toEqual(await wholeTextRows(text, ["cl100k_base"]));
});

test("compare warns once about invalid UTF-8, also when it reads the file twice; a directory is refused", async () => {
  const file = join(dir, "invalid.txt");
  const bytes = Buffer.concat([Buffer.from("abc "), Buffer.from([0xff, 0xfe]), Buffer.from(" def")]);
  writeFileSync(file, bytes);
  const result = spawnSync(process.execPath, [cli, "compare", file, "-e", "gpt2", "--train-vocab", "256"], { encoding: "utf8" });
  expect(result.status).toBe(0);
  expect(result.stderr).toBe(`bytepair: warning: ${file} is not valid UTF-8 (first at byte 4); invalid bytes were replaced by U+FFFD\n`);
  expect(table(result.stdout)).toEqual(await wholeTextRows(new TextDecoder().decode(bytes), ["gpt2"], 256));
  const directory = spawnSync(process.execPath, [cli, "compare", dir], { encoding: "utf8" });
  expect(directory.status).toBe(1);
  expect(directory.stderr).toBe(`bytepair: cannot read "${dir}": it is a directory, not a file\n`);
});
