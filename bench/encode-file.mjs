// `bytepair encode-file` on a large file built from the corpus: throughput with 1 and 2 worker
// threads (and in the main thread), and peak resident memory above the baseline of the same command
// on a tiny file. Each run is a fresh process measured by GNU time (its maximum RSS covers threads).
//
//   npm run bench:encode-file      (node bench/encode-file.mjs [--mb 1000] [--runs 3] [--workers 0,1,2] [--encoding o200k_base])
//   --file FILE: another corpus, such as one bench/source-corpus.mjs builds from a Debian source tree

import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync, existsSync, statSync, openSync, writeSync, closeSync, rmSync } from "node:fs";
import { argValue, median, machine } from "./util.mjs";

const mb = Number(argValue("--mb", "1000"));
const runs = Number(argValue("--runs", "3"));
const encoding = argValue("--encoding", "o200k_base");
const cli = new URL("../build/cli.js", import.meta.url).pathname;
const dir = "/tmp/bytepair-bench-encode-file";
execFileSync("mkdir", ["-p", dir]);

// The corpus, documents joined by <|endoftext|>, repeated up to the size asked for.
const big = argValue("--file", `${dir}/corpus-${mb}MB.txt`);
if (!argValue("--file", "") && (!existsSync(big) || statSync(big).size < mb * 1e6)) {
  const corpus = new URL("../build/corpus/", import.meta.url);
  const manifest = JSON.parse(readFileSync(new URL("manifest.json", corpus), "utf8"));
  const block = Buffer.from(manifest.corpora.map((c) => readFileSync(new URL(`${c.name}.txt`, corpus), "utf8")).join("<|endoftext|>") + "<|endoftext|>");
  const fd = openSync(big, "w");
  for (let written = 0; written < mb * 1e6; written += block.length) writeSync(fd, block);
  closeSync(fd);
}
const tiny = `${dir}/tiny.txt`;
writeFileSync(tiny, "Hello, world<|endoftext|>");

/** Seconds and peak RSS (MB) of one run of encode-file. */
function measure(file, workers) {
  const out = `${dir}/out.npy`;
  const run = spawnSync("/usr/bin/time", ["-f", "%e %M", process.execPath, cli, "encode-file", file, "-o", out, "-e", encoding, "--special", "<|endoftext|>", "--workers", String(workers)], {
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`encode-file failed: ${run.stderr}`);
  const [seconds, kb] = run.stderr.trim().split("\n").at(-1).split(" ").map(Number);
  rmSync(out, { force: true });
  return { seconds, rssMB: kb / 1024 };
}

const size = statSync(big).size;
console.log(`# encode-file: ${(size / 1e6).toFixed(0)} MB of corpus text to .npy, ${encoding}; median of ${runs} runs`);
console.log(machine());
console.log(`command: node bench/encode-file.mjs ${argValue("--file", "") ? `--file ${big}` : `--mb ${mb}`} --runs ${runs} --workers ${argValue("--workers", "0,1,2")} --encoding ${encoding}\n`);
console.log("| workers | seconds | MB/s | peak RSS MB | above baseline MB |");
console.log("|---:|---:|---:|---:|---:|");
for (const workers of (argValue("--workers", "0,1,2")).split(",").map(Number)) {
  const baseline = median(Array.from({ length: runs }, () => measure(tiny, workers).rssMB));
  const results = Array.from({ length: runs }, () => measure(big, workers));
  const seconds = median(results.map((r) => r.seconds));
  const rss = Math.max(...results.map((r) => r.rssMB));
  console.log(`| ${workers} | ${seconds.toFixed(1)} | ${(size / 1e6 / seconds).toFixed(1)} | ${rss.toFixed(0)} | ${(rss - baseline).toFixed(0)} |`);
}
