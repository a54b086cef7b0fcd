// The public API in a server-like loop for a while: mixed sizes and scripts, calls that must fail,
// streams, several tokenizers on both engines, worker threads; ids sampled against tiktoken
// throughout, RSS and each engine's memory sampled and held to a bound. Not part of `npm test`.
//
//   npm run soak -- --minutes 30 [--seed 1]
//
// Exits 1 at the first wrong id, wrong error or memory past its bound, printing what and where.

import { Worker } from "node:worker_threads";
import { readFileSync } from "node:fs";
import { get_encoding } from "tiktoken";
import { getEncoding, BytepairError } from "../build/index.js";
import { prng, pick, randomInt } from "../test/fuzz/text.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const minutes = option("minutes", 1);
const random = prng(option("seed", 1));
const deadline = Date.now() + minutes * 60_000;

const corpusDir = new URL("../build/corpus/", import.meta.url);
const corpus = ["udhr", "brown", "nlp", "spam", "ts-code", "ts-messages"].map((name) => readFileSync(new URL(`${name}.txt`, corpusDir), "utf8"));

const NAMES = ["o200k_base", "cl100k_base", "r50k_base"];
const tokenizers = [];
for (const name of NAMES) for (const engine of ["wasm", "js"]) tokenizers.push({ name, engine, enc: await getEncoding(name, { engine }) });
const references = Object.fromEntries(NAMES.map((name) => [name, get_encoding(name)]));

const stats = { calls: 0, checked: 0, failing: 0, streams: 0, workers: 0, characters: 0 };

function fail(message) {
  console.error(`soak: FAILED after ${stats.calls} calls: ${message}`);
  process.exit(1);
}

/** A slice of the corpus of a random size, from a byte to a megabyte, sometimes with a special token inside. */
function randomText() {
  const source = pick(random, corpus);
  const size = [16, 200, 4_000, 60_000, 1_000_000][randomInt(random, 5)];
  const start = randomInt(random, Math.max(1, source.length - size));
  let text = source.slice(start, start + 1 + randomInt(random, size));
  if (randomInt(random, 8) === 0) text = text.slice(0, text.length >> 1) + "<|endoftext|>" + text.slice(text.length >> 1);
  return text;
}

function sameIds(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The call must fail with a BytepairError of this code; the tokenizer must still be right after. */
function expectError(code, call, what) {
  try {
    call();
  } catch (e) {
    if (!(e instanceof BytepairError) || e.code !== code) fail(`${what}: expected ${code}, got ${e?.code ?? e}`);
    stats.failing++;
    return;
  }
  fail(`${what}: expected ${code}, got no error`);
}

function checkAgainstTiktoken({ name, engine, enc }, text) {
  const ours = enc.encode(text, { allowedSpecial: "all" });
  const theirs = references[name].encode(text, "all");
  if (!sameIds(ours, theirs)) fail(`${name} (${engine}) differs from tiktoken on ${text.length} characters: ${JSON.stringify(text.slice(0, 80))}`);
  stats.checked++;
  if (enc.decode(ours) !== new TextDecoder().decode(references[name].decode(theirs))) fail(`${name} (${engine}) decode differs`);
}

async function streamMatches(t, text) {
  const pieces = [];
  for (let i = 0; i < text.length; ) {
    const n = 1 + randomInt(random, 5000);
    pieces.push(text.slice(i, i + n));
    i += n;
  }
  const ids = [];
  for await (const part of t.enc.encodeStream(pieces, { allowedSpecial: "all" })) for (const id of part) ids.push(id);
  if (!sameIds(ids, t.enc.encode(text, { allowedSpecial: "all" }))) fail(`${t.name} (${t.engine}) stream differs from encode`);
  stats.streams++;
}

/** A worker thread encodes texts with its own tokenizer; its ids must be the main thread's. */
function workerRound(texts) {
  const source = `
    import { parentPort, workerData } from "node:worker_threads";
    const { getEncoding } = await import(workerData.entry);
    const enc = await getEncoding("o200k_base");
    parentPort.postMessage(workerData.texts.map((t) => Array.from(enc.encode(t, { allowedSpecial: "all" }))));`;
  const worker = new Worker(source, { eval: true, workerData: { entry: new URL("../build/index.js", import.meta.url).href, texts } });
  return new Promise((resolve, reject) => {
    worker.once("message", (results) => {
      const enc = tokenizers[0].enc;
      texts.forEach((t, i) => {
        if (!sameIds(results[i], enc.encode(t, { allowedSpecial: "all" }))) reject(new Error("a worker's ids differ from the main thread's"));
      });
      stats.workers++;
      worker.terminate().then(resolve);
    });
    worker.once("error", reject);
  });
}

const samples = [];
function sample() {
  const memory = Object.fromEntries(tokenizers.map((t) => [`${t.name}/${t.engine}`, t.enc.memoryBytes ?? 0]));
  samples.push({ at: Date.now(), rss: process.memoryUsage().rss, memory });
}

const started = Date.now();
const warmUntil = started + Math.min(60_000, (deadline - started) / 10);
let nextSample = started;
let nextReport = started + 60_000;
let bound;

while (Date.now() < deadline) {
  const t = pick(random, tokenizers);
  const text = randomText();
  stats.calls++;
  stats.characters += text.length;
  switch (randomInt(random, 10)) {
    case 0:
      checkAgainstTiktoken(t, text);
      break;
    case 1:
      await streamMatches(t, text.slice(0, 100_000));
      break;
    case 2:
      expectError("INVALID_TOKEN_ID", () => t.enc.decode({ length: 500_000_000 }), "a decode of 500M ids whose first is no token");
      expectError("INVALID_ARGUMENT", () => t.enc.encode(1n), "encode(1n)");
      expectError("DISALLOWED_SPECIAL_TOKEN", () => t.enc.count(`${text}<|endoftext|>`), "a disallowed special token");
      break;
    case 3:
      if (t.enc.isWithinTokenLimit("x".repeat(20_000_000), 1000) !== false) fail("isWithinTokenLimit on 20M characters said within 1000");
      break;
    case 4:
      if (randomInt(random, 20) === 0) await workerRound([text.slice(0, 50_000), randomText().slice(0, 50_000)]);
      else t.enc.count(text, { allowedSpecial: "all" });
      break;
    default: {
      const ids = t.enc.encode(text, { allowedSpecial: "all" });
      if (t.enc.count(text, { allowedSpecial: "all" }) !== ids.length) fail(`${t.name} (${t.engine}) count differs from encode`);
      if (t.enc.decode(ids).length === 0 && text.length > 0) fail(`${t.name} (${t.engine}) decoded nothing`);
    }
  }
  const now = Date.now();
  if (now >= nextSample) {
    sample();
    nextSample = now + 5_000;
    const last = samples.at(-1);
    if (now >= warmUntil && !bound) bound = { rss: last.rss * 1.5 + 200e6, memory: Object.fromEntries(Object.entries(last.memory).map(([k, v]) => [k, v * 1.5 + 64e6])) };
    if (bound) {
      if (last.rss > bound.rss) fail(`RSS ${(last.rss / 1e6).toFixed(0)} MB passed its bound ${(bound.rss / 1e6).toFixed(0)} MB`);
      for (const [k, v] of Object.entries(last.memory)) if (v > bound.memory[k]) fail(`${k} memoryBytes ${(v / 1e6).toFixed(0)} MB passed its bound`);
    }
  }
  if (now >= nextReport) {
    nextReport = now + 60_000;
    const last = samples.at(-1);
    console.log(
      `${((now - started) / 60_000).toFixed(0)} min: ${stats.calls} calls (${stats.checked} checked against tiktoken, ${stats.failing} failing, ` +
        `${stats.streams} streams, ${stats.workers} worker rounds), ${(stats.characters / 1e6).toFixed(0)}M characters, RSS ${(last.rss / 1e6).toFixed(0)} MB`,
    );
  }
}

sample();
const warm = samples.find((s) => s.at >= warmUntil) ?? samples[0];
const peak = (f) => Math.max(...samples.map(f));
const engineMb = (s) => Object.values(s.memory).reduce((a, b) => a + b, 0) / 1e6;
console.log(
  JSON.stringify(
    {
      minutes,
      ...stats,
      rssMb: { afterWarmUp: +(warm.rss / 1e6).toFixed(0), peak: +(peak((s) => s.rss) / 1e6).toFixed(0), end: +(samples.at(-1).rss / 1e6).toFixed(0) },
      engineMemoryMb: { afterWarmUp: +engineMb(warm).toFixed(0), peak: +peak(engineMb).toFixed(0), end: +engineMb(samples.at(-1)).toFixed(0) },
    },
    null,
    2,
  ),
);
console.log("soak: passed");
