// Training speed and memory: bytepair's trainer against Hugging Face `tokenizers` (native, Rust,
// multi-threaded BpeTrainer), each run in its own child process so peak memory is its own.
// HF's node binding trains only with its default BpeTrainer (vocab 30000), so the side-by-side rows
// use vocab 30000 for both; its tie rule differs from ours, so compare time, not merges.
//
//   npm run bench:train       (node bench/train.mjs [--runs 3] [--skip-hf])

import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, mkdirSync, existsSync } from "node:fs";
import { argValue, median, machine } from "./util.mjs";

const runs = Number(argValue("--runs", "3"));
const skipHf = process.argv.includes("--skip-hf");
const dir = "/tmp/bytepair-bench-train";
mkdirSync(dir, { recursive: true });

// Inputs: ~130 KB of English; the Brown corpus; the whole project corpus; ~100 MB built from it.
const corpus = new URL("../build/corpus/", import.meta.url);
const manifest = JSON.parse(readFileSync(new URL("manifest.json", corpus), "utf8"));
const read = (name) => readFileSync(new URL(`${name}.txt`, corpus), "utf8");
const all = manifest.corpora.map((c) => read(c.name)).join("\n<|endoftext|>\n");
const inputs = {
  "english-130KB": read("brown").slice(0, 130_000),
  "brown-3MB": read("brown"),
  "corpus-20MB": all,
  "corpus-x5-100MB": Array(5).fill(all).join("\n<|endoftext|>\n"),
};
for (const [name, text] of Object.entries(inputs)) {
  const path = `${dir}/${name}.txt`;
  if (!existsSync(path)) writeFileSync(path, text);
}

function runChild(engine, file, vocabSize) {
  const out = execFileSync(process.execPath, [new URL("./train-one.mjs", import.meta.url).pathname, engine, file, String(vocabSize)], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  });
  return JSON.parse(out);
}

function measure(engine, file, vocabSize) {
  const results = Array.from({ length: runs }, () => runChild(engine, file, vocabSize));
  return { ms: median(results.map((r) => r.ms)), rssMB: Math.max(...results.map((r) => r.peakRssMB)), vocab: results[0].vocab };
}

console.log(`# BPE training: bytepair vs Hugging Face tokenizers (native); median of ${runs} runs, each in a fresh process`);
console.log(machine());
console.log(`command: node bench/train.mjs --runs ${runs}${skipHf ? " --skip-hf" : ""}\n`);
console.log("| input | MB | vocab | bytepair ms | bytepair peak RSS MB | `bytepair train` ms (writing included) | CLI / train() | HF native ms | HF peak RSS MB | HF / bytepair time |");
console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
const plan = [
  ["english-130KB", [500]],
  ["brown-3MB", [500, 2000, 10000, 30000, 32000]],
  ["corpus-20MB", [500, 2000, 10000, 30000, 32000]],
  ["corpus-x5-100MB", [10000, 30000, 32000]],
];
for (const [name, sizes] of plan) {
  const file = `${dir}/${name}.txt`;
  const mb = (Buffer.byteLength(inputs[name]) / 1e6).toFixed(1);
  for (const vocabSize of sizes) {
    const ours = measure("bytepair", file, vocabSize);
    const cli = vocabSize === 10000 ? measure("cli", file, vocabSize) : undefined;
    const hf = !skipHf && vocabSize === 30000 ? measure("hf", file, vocabSize) : undefined;
    console.log(
      `| ${name} | ${mb} | ${vocabSize} | ${ours.ms.toFixed(0)} | ${ours.rssMB.toFixed(0)} | ${cli ? cli.ms.toFixed(0) : "-"} | ${cli ? (cli.ms / ours.ms).toFixed(2) + "x" : "-"} | ${hf ? hf.ms.toFixed(0) : "-"} | ${hf ? hf.rssMB.toFixed(0) : "-"} | ${hf ? (hf.ms / ours.ms).toFixed(1) + "x" : "-"} |`,
    );
  }
}
