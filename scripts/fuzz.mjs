#!/usr/bin/env node
// Seeded differential fuzzer: bytepair against tiktoken on both engines, wasm and pure JS (encode,
// encodeOrdinary, count, decode, the special-token policy), decode of random ids, the trainer against
// itself (one string, random chunks, two worker threads), and damaged vocabulary files
// (test/fuzz/vocab.mjs).
//
//   node scripts/fuzz.mjs [--minutes N] [--seed S] [--iterations N]
//
// Iteration i uses seed S + i; `--seed X --iterations 1` replays the iteration that printed seed X.
// On a failure the input is shrunk and saved to test/fuzz/cases/<kind>-<seed>.json (replayed by
// test/fuzz/text-fuzz.test.ts), and the exit code is 1.

import { mkdirSync, writeFileSync } from "node:fs";
import * as bytepair from "../build/index.js";
import * as tiktoken from "tiktoken";
import { fuzzText, fuzzIds, fuzzCorpus } from "../test/fuzz/text.mjs";
import { VOCAB_FORMATS, vocabFiles, damagedFiles, checkVocabFiles, filesToRecord } from "../test/fuzz/vocab.mjs";
import { ENCODINGS, createContext, checkText, checkIds, checkTraining, failureLabel, shrink, isInvalid } from "../test/fuzz/checks.mjs";

function parseArgs(argv) {
  const args = { minutes: 1, seed: (Date.now() % 1_000_000) * 1000, iterations: Infinity };
  for (let i = 0; i < argv.length; i++) {
    const value = Number(argv[i + 1]);
    if (argv[i] === "--minutes") args.minutes = value;
    else if (argv[i] === "--seed") args.seed = value;
    else if (argv[i] === "--iterations") args.iterations = value;
    else {
      console.error(`usage: node scripts/fuzz.mjs [--minutes N] [--seed S] [--iterations N] (unknown: ${argv[i]})`);
      process.exit(2);
    }
    if (!Number.isFinite(value) || value < 0) {
      console.error(`${argv[i]} needs a non-negative number`);
      process.exit(2);
    }
    i++;
  }
  return args;
}

const args = parseArgs(process.argv.slice(2));
const casesDir = new URL("../test/fuzz/cases/", import.meta.url);
const ctx = await createContext(bytepair, tiktoken);
// Training runs on one iteration in TRAIN_EVERY, with worker threads on one in WORKERS_EVERY.
const TRAIN_EVERY = 8;
const WORKERS_EVERY = 64;
// A damaged vocabulary file (the formats in turn) on one iteration in VOCAB_EVERY.
const VOCAB_EVERY = 4;
const vocabularies = await vocabFiles(bytepair);

function save(kind, seed, record) {
  mkdirSync(casesDir, { recursive: true });
  const file = new URL(`${kind}-${seed}.json`, casesDir);
  writeFileSync(file, JSON.stringify({ kind, seed, ...record }, null, 2) + "\n");
  return file.pathname;
}

async function fail(kind, seed, message, record, reshrink) {
  console.error(`\nFAIL seed ${seed} (${kind}): ${message}`);
  console.error("shrinking...");
  const label = failureLabel(message);
  const small = await reshrink(async (candidate) => failureLabel(await candidate()) === label);
  const path = save(kind, seed, { ...small, note: `${message}\nshrunk: ${small.note}` });
  console.error(`reproducer: ${path}\ninput: ${JSON.stringify(small.text ?? small.ids ?? small.format)}`);
  console.error(`replay: node scripts/fuzz.mjs --seed ${seed} --iterations 1`);
  process.exit(1);
}

const started = performance.now();
const deadline = started + args.minutes * 60_000;
const stats = { iterations: 0, texts: 0, chars: 0, idArrays: 0, invalidIdArrays: 0, trainings: 0, workerTrainings: 0, vocabFiles: 0 };

for (let i = 0; i < args.iterations && performance.now() < deadline; i++) {
  const seed = (args.seed + i) >>> 0;
  const text = fuzzText(seed);
  stats.texts++;
  stats.chars += text.length;
  for (const name of ENCODINGS) {
    const message = checkText(ctx, name, text);
    if (message) {
      await fail("encode", seed, message, { encoding: name, text }, async (same) => {
        const units = await shrink(Array.from(text), (c) => same(async () => checkText(ctx, name, c.join(""))));
        const t = units.join("");
        return { encoding: name, text: t, note: checkText(ctx, name, t) };
      });
    }
    const ids = fuzzIds(seed, ctx.encodings.get(name).ours.vocabSize);
    stats.idArrays++;
    if (ids.some((id) => isInvalid(ctx.encodings.get(name).valid, id))) stats.invalidIdArrays++;
    const idMessage = checkIds(ctx, name, ids);
    if (idMessage) {
      await fail("decode", seed, idMessage, { encoding: name, ids }, async (same) => {
        const small = await shrink(ids, (c) => same(async () => checkIds(ctx, name, c)));
        return { encoding: name, ids: small, note: checkIds(ctx, name, small) };
      });
    }
  }
  if (seed % TRAIN_EVERY === 0) {
    const corpus = fuzzCorpus(seed);
    const workers = seed % WORKERS_EVERY === 0;
    stats.trainings++;
    if (workers) stats.workerTrainings++;
    const message = await checkTraining(ctx, corpus, seed, workers);
    if (message) {
      await fail("train", seed, message, { encoding: null, text: corpus.text, options: { ...corpus, text: undefined, workers } }, async (same) => {
        const units = await shrink(Array.from(corpus.text), (c) => same(async () => checkTraining(ctx, { ...corpus, text: c.join("") }, seed, workers)), 400);
        const t = units.join("");
        const options = { specialTokens: corpus.specialTokens, vocabSize: corpus.vocabSize, pattern: corpus.pattern, workers };
        return { encoding: null, text: t, options, note: await checkTraining(ctx, { ...corpus, text: t }, seed, workers) };
      });
    }
  }
  if (seed % VOCAB_EVERY === 0) {
    const format = VOCAB_FORMATS[(seed / VOCAB_EVERY) % VOCAB_FORMATS.length];
    const files = damagedFiles(vocabularies, format, seed);
    stats.vocabFiles++;
    const message = await checkVocabFiles(bytepair, format, files);
    // Not shrunk: the files are a few kilobytes, and the reproducer keeps them whole.
    if (message) await fail("vocab", seed, message, { format, files: filesToRecord(files) }, async () => ({ format, files: filesToRecord(files), note: message }));
  }
  stats.iterations++;
  if (process.stderr.isTTY && stats.iterations % 500 === 0) process.stderr.write(`\r${stats.iterations} iterations, seed ${seed}`);
}

const seconds = (performance.now() - started) / 1000;
if (process.stderr.isTTY) process.stderr.write("\n");
console.log(
  `fuzz: ${stats.iterations} iterations in ${seconds.toFixed(1)} s (${(stats.iterations / seconds).toFixed(1)}/s), seeds ${args.seed}..${args.seed + stats.iterations - 1}\n` +
    `  ${stats.texts} texts (${stats.chars} UTF-16 units) x ${ENCODINGS.length} encodings x 2 engines (wasm, js); ` +
    `${stats.idArrays} id arrays (${stats.invalidIdArrays} with an invalid id); ` +
    `${stats.trainings} trainings (${stats.workerTrainings} also with 2 worker threads); ${stats.vocabFiles} damaged vocabulary files\n  no mismatches`,
);
