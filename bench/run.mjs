// bytepair vs tiktoken (Rust compiled to wasm), same process, same corpus, same machine.
// Encode throughput on each corpus, whole and as documents; median of several runs; the ratio is
// computed within the run. (The full peer comparison, each peer in its own process, is issue 8's.)
//
//   npm run bench            (node bench/run.mjs [--encoding o200k_base,cl100k_base] [--runs 5])

import { readFileSync } from "node:fs";
import { get_encoding } from "tiktoken";
import { getEncoding } from "../build/index.js";
import { argValue, median, machine } from "./util.mjs";

const encodings = argValue("--encoding", "o200k_base,cl100k_base").split(",");
const runs = Number(argValue("--runs", "5"));
const corpusDir = new URL("../build/corpus/", import.meta.url);
const manifest = JSON.parse(readFileSync(new URL("manifest.json", corpusDir), "utf8"));
const tiktokenVersion = JSON.parse(readFileSync(new URL("../node_modules/tiktoken/package.json", import.meta.url), "utf8")).version;

/** MB/s of `encode` over `texts`, median of `runs` passes (after one warm-up pass). */
function throughput(encode, texts) {
  const bytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0);
  for (const t of texts) encode(t);
  const times = Array.from({ length: runs }, () => {
    const t0 = performance.now();
    for (const t of texts) encode(t);
    return performance.now() - t0;
  });
  return bytes / 1e6 / (median(times) / 1000);
}

console.log(`# encode throughput, MB/s of UTF-8 (median of ${runs}); bytepair vs tiktoken@${tiktokenVersion}`);
console.log(machine());
console.log(`command: node bench/run.mjs --encoding ${encodings.join(",")} --runs ${runs}\n`);
console.log("| encoding | corpus | MB | input | bytepair | tiktoken | ratio |");
console.log("|---|---|---:|---|---:|---:|---:|");
for (const name of encodings) {
  const ours = await getEncoding(name);
  const ref = get_encoding(name);
  for (const { name: corpus, utf8Bytes } of manifest.corpora) {
    const text = readFileSync(new URL(`${corpus}.txt`, corpusDir), "utf8");
    const docs = JSON.parse(readFileSync(new URL(`${corpus}.json`, corpusDir), "utf8"));
    for (const [label, texts] of [["whole", [text]], ["documents", docs]]) {
      const a = throughput((t) => ours.encodeOrdinary(t), texts);
      const b = throughput((t) => ref.encode_ordinary(t), texts);
      console.log(`| ${name} | ${corpus} | ${(utf8Bytes / 1e6).toFixed(1)} | ${label} | ${a.toFixed(1)} | ${b.toFixed(1)} | ${(a / b).toFixed(1)}x |`);
    }
  }
  ref.free();
}
