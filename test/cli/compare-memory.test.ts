// `bytepair compare` on a file three times the size of its heap: a 190 MB file in a 64 MB heap (the
// whole text alone would not fit), with the progress line on stderr, and the repeated block's figures.

import { afterAll, expect, test } from "vitest";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lecture } from "bytepair";
import { corpusDocuments } from "../helpers/corpus.js";
import { table, wholeTextRows } from "../helpers/compare-table.js";

const cli = fileURLToPath(new URL("../../build/cli.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "bytepair-compare-memory-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("compare runs in a 64 MB heap on a 190 MB file, with a progress line", { timeout: 300_000 }, async () => {
  // A block repeated: it starts with a letter after ".\n", a cut every tokenizer here makes, so the
  // file's figures are the block's times the repeats (the words' vocabulary: the block's).
  const block = "The start.\n" + corpusDocuments("brown").slice(0, 100).join("\n\n") + " caf\u00e9 \u{1F600} \u65e5\u672c\u8a9e.\n";
  const repeats = Math.ceil(190e6 / Buffer.byteLength(block));
  const file = join(dir, "large.txt");
  const fd = openSync(file, "w");
  for (let i = 0; i < repeats; i++) writeSync(fd, block);
  closeSync(fd);
  const result = spawnSync(process.execPath, ["--max-old-space-size=64", cli, "compare", file, "-e", "gpt2"], { encoding: "utf8" });
  rmSync(file);
  expect(result.status, result.stderr.slice(-2000)).toBe(0);
  const progress = result.stderr.trimEnd().split("\n");
  expect(progress.length).toBeGreaterThan(3);
  for (const line of progress) expect(line).toMatch(/^\[[#.]{30}\] +\d+% compare [\d.]+\/[\d.]+ MB, [\d.]+ MB\/s$/);
  expect(progress.at(-1)).toMatch(/^\[#{30}\] 100% /);

  const once = await wholeTextRows(block, ["gpt2"]);
  const bytes = lecture.utf8Length(block) * repeats;
  const rows = table(result.stdout);
  for (const name of ["characters", "bytes", "words", "gpt2"]) {
    const tokens = Number(once.get(name)![0]) * repeats;
    expect(rows.get(name), name).toEqual([String(tokens), once.get(name)![1], (bytes / tokens).toFixed(2)]);
  }
});
