// Where the trainer's memory goes: trains once on a file and prints each table's bytes per distinct
// pre-token (used, and held: its capacity), the free lists, the high-water mark, and the process's
// peak RSS.
//
//   node bench/train-memory.mjs --file FILE [--vocab 10000] [--workers 0]
//   (a 1 GB file the tuning never saw: node bench/source-corpus.mjs --mb 1000)

import { argValue, machine } from "./util.mjs";

const file = argValue("--file", undefined);
if (!file) throw new Error("--file FILE is required");
const vocabSize = Number(argValue("--vocab", "10000"));
const workers = Number(argValue("--workers", "0"));

const { train } = await import("../build/index.js");
const t0 = performance.now();
const { stats } = await train({ file }, { vocabSize, specialTokens: ["<|endoftext|>"], workers });
const ms = performance.now() - t0;

const perWord = (bytes) => (bytes / stats.words).toFixed(1);
console.log(`# trainer memory: ${file}, vocab ${vocabSize}, workers ${workers}`);
console.log(machine());
console.log(`${(stats.bytes / 1e6).toFixed(0)} MB counted, ${stats.words} distinct pre-tokens, ${(ms / 1000).toFixed(1)} s\n`);
console.log("| part | used MB | held MB | used B/word | held B/word |");
console.log("|---|---:|---:|---:|---:|");
for (const [part, { used, held }] of Object.entries(stats.memoryParts)) {
  console.log(`| ${part} | ${(used / 1e6).toFixed(1)} | ${(held / 1e6).toFixed(1)} | ${perWord(used)} | ${perWord(held)} |`);
}
console.log(`\npeak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
