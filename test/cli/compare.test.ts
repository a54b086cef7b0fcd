// `bytepair compare FILE`, run as users run it: each row's figures recomputed from their definitions.

import { expect, test } from "vitest";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lecture } from "bytepair";
import { reference } from "../helpers/reference.js";
import { corpusDocuments } from "../helpers/corpus.js";

const cli = fileURLToPath(new URL("../../build/cli.js", import.meta.url));
const run = (args: string[], input?: string) => spawnSync(process.execPath, [cli, ...args], { input, encoding: "utf8" });

/** The table as { tokenizer: [tokens, vocabulary, bytes/token] }, numbers without their commas. */
function table(stdout: string): Map<string, string[]> {
  const lines = stdout.trimEnd().split("\n");
  expect(lines[1].split(/\s{2,}/)).toEqual(["tokenizer", "tokens", "vocabulary", "bytes/token"]);
  return new Map(lines.slice(2).map((l) => l.split(/\s{2,}/)).map(([name, ...cells]) => [name, cells.map((c) => c.replaceAll(",", ""))]));
}

test("compare prints tokens, vocabulary and bytes per token for each tokenizer", () => {
  const text = corpusDocuments("udhr").filter((_, i) => i % 40 === 0).join("\n\n") + " <|endoftext|>";
  const file = join(mkdtempSync(join(tmpdir(), "bytepair-compare-")), "text.txt");
  writeFileSync(file, text);
  const bytes = Buffer.byteLength(text, "utf8");
  const characters = [...text].length;
  const words = text.match(lecture.GPT2_WORDS)!;

  const result = run(["compare", file, "--encoding", "gpt2", "-e", "o200k_base", "--train-vocab", "300"]);
  expect(result.stderr).toBe("");
  expect(result.status).toBe(0);
  expect(result.stdout.split("\n")[0]).toBe(`${file}: ${bytes.toLocaleString("en-US")} bytes, ${characters.toLocaleString("en-US")} characters`);
  const rows = table(result.stdout);
  const ratio = (tokens: number) => (bytes / tokens).toFixed(2);
  expect([...rows.keys()]).toEqual(["characters", "bytes", "words", "trained bpe", "gpt2", "o200k_base"]);
  expect(rows.get("characters")).toEqual([String(characters), String(0x110000), ratio(characters)]);
  expect(rows.get("bytes")).toEqual([String(bytes), "256", "1.00"]);
  expect(rows.get("words")).toEqual([String(words.length), String(new Set(words).size + 1), ratio(words.length)]);
  expect(rows.get("trained bpe")![1]).toBe("300");
  for (const name of ["gpt2", "o200k_base"]) {
    const tokens = reference(name).encode_ordinary(text).length; // special-token text counts as text
    expect(rows.get(name)).toEqual([String(tokens), String(name === "gpt2" ? 50_257 : 200_019), ratio(tokens)]);
  }

  expect(table(run(["compare", "-"], "some text").stdout).has("cl100k_base")).toBe(true); // default encodings, standard input
});

test("compare: bad usage exits 2 with a message", () => {
  for (const [args, message] of [
    [["compare"], /needs a text file/],
    [["compare", "-", "--encoding", "o300k"], /--encoding must be one of/],
    [["compare", "-", "--train-vocab", "12"], /--train-vocab must be a whole number >= 256/],
  ] as const) {
    const result = run([...args], "x");
    expect(result.status, args.join(" ")).toBe(2);
    expect(result.stderr).toMatch(message);
  }
  const missing = run(["compare", "/no/such/file"]);
  expect(missing.status).toBe(1); // not a usage error: the file is missing
  expect(missing.stderr).toBe('bytepair: cannot read "/no/such/file": no such file or directory\n');
});
