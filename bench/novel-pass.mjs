// One pass over held-out text with the caches cold, alone in its process: the thing to profile when
// novel text is the question. Loads the encoding, warms the JIT on unrelated text, then counts each
// held-out document of one corpus once (up to --kb of it, from 1 MB on, as `bench/speed.mjs --ops
// novel` takes its slices) and prints MB/s. With --perf-control FIFO it writes "enable" and "disable"
// to that FIFO around the pass, so that `perf record --control` samples the pass and nothing else:
//
//   node bench/novel-pass.mjs [--corpus brown] [--encoding o200k_base] [--kb 1900] [--build build]
//   mkfifo /tmp/ctl /tmp/ack
//   perf record -D -1 --control fifo:/tmp/ctl,/tmp/ack -e cpu-clock -F 25000 -k 1 \
//     node --perf-prof bench/novel-pass.mjs --perf-control /tmp/ctl
//   perf inject --jit -i perf.data -o perf.jit.data && perf report -i perf.jit.data --sort symbol
// (a build with names for the wasm functions: npx asc assembly/index.ts --target release --debug -o DIR/bytepair.wasm
// in a copy of build/, then --build DIR)

import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { argValue } from "./util.mjs";
import { heldOutSample, warmUpTexts } from "./inputs.mjs";

const corpus = argValue("--corpus", "brown");
const encoding = argValue("--encoding", "o200k_base");
const kb = Number(argValue("--kb", "1900"));
const build = argValue("--build", "build");
const control = argValue("--perf-control", "");

const { getEncoding } = await import(pathToFileURL(resolve(build, "index.js")).href);
const tok = await getEncoding(encoding);
for (const text of warmUpTexts()) tok.count(text);
const slice = heldOutSample(1024, kb, 0).find((s) => s.corpus === corpus);
if (!slice) throw new Error(`no corpus ${corpus}`);

if (control) writeFileSync(control, "enable\n");
const t0 = performance.now();
let ids = 0;
for (const doc of slice.docs) ids += tok.count(doc);
const ms = performance.now() - t0;
if (control) writeFileSync(control, "disable\n");
console.log(`${corpus}, ${encoding}: ${(slice.bytes / 1e6).toFixed(2)} MB in ${slice.docs.length} documents, ${ids} ids, ${(slice.bytes / 1e3 / ms).toFixed(1)} MB/s`);
