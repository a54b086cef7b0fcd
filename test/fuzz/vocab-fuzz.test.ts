// Damaged vocabulary files (test/fuzz/vocab.mjs) on a fixed budget of seeds: each either loads
// into a tokenizer that round-trips or is a BytepairError that names the problem; and a replay of
// every saved reproducer test/fuzz/cases/vocab-*.json.

import { expect, test } from "vitest";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import * as bytepair from "bytepair";
import { VOCAB_FORMATS, vocabFiles, damagedFiles, checkVocabFiles, filesFromRecord } from "./vocab.mjs";

const SEEDS = 400;
const files = await vocabFiles(bytepair);

test.each(VOCAB_FORMATS)("%s: %i damaged files load or fail with a named reason".replace("%i", String(SEEDS)), async (format) => {
  const outcomes: Record<string, number | string> = {};
  const failures: string[] = [];
  for (let seed = 0; seed < SEEDS && failures.length < 5; seed++) {
    const message = await checkVocabFiles(bytepair, format, damagedFiles(files, format, seed), outcomes);
    if (message) failures.push(`seed ${seed}: ${message}`);
  }
  expect(failures).toEqual([]);
  // The damages reach both outcomes: some files still load, most are refused.
  expect(outcomes.loaded).toBeGreaterThan(SEEDS / 50);
  expect(outcomes.INVALID_VOCAB).toBeGreaterThan(SEEDS / 2);
  // The undamaged files load, so refusals are the damage's doing.
  expect(await checkVocabFiles(bytepair, format, files[format], outcomes)).toBeNull();
});

test("every saved vocabulary reproducer passes", async () => {
  const dir = new URL("./cases/", import.meta.url);
  const cases = existsSync(dir) ? readdirSync(dir).filter((f) => f.startsWith("vocab-")) : [];
  for (const file of cases) {
    const record = JSON.parse(readFileSync(new URL(file, dir), "utf8"));
    expect(await checkVocabFiles(bytepair, record.format, filesFromRecord(record.files)), file).toBeNull();
  }
});
