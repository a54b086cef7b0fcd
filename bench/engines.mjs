// Our two engines side by side: the WebAssembly one and its pure-JS twin (src/engine/js/), same algorithm,
// same ids, in one process. MB/s of encode by corpus and by input size, from 16 bytes (where each
// call's crossing into wasm costs most) to 256 KB, and the js/wasm ratio. Median of --runs passes.
//
//   node bench/engines.mjs [--encoding o200k_base] [--runs 5]

import { readFileSync } from "node:fs";
import { getEncoding } from "../build/index.js";
import { argValue, median, machine } from "./util.mjs";

const encoding = argValue("--encoding", "o200k_base");
const runs = Number(argValue("--runs", "5"));
const CORPORA = ["brown", "ts-code", "udhr"];
const SIZES = [16, 128, 1024, 16 * 1024, 256 * 1024];
// Each measurement encodes about this many bytes in calls of the given size.
const BYTES_PER_PASS = 1 << 20;

const engines = { wasm: await getEncoding(encoding), js: await getEncoding(encoding, { engine: "js" }) };

/** Slices of `text` of about `size` UTF-8 bytes (cut at characters), BYTES_PER_PASS in all. */
function slices(text, size) {
  const out = [];
  let bytes = 0;
  for (let at = 0; bytes < BYTES_PER_PASS; ) {
    if (at >= text.length) at = 0;
    let piece = text.slice(at, at + size);
    while (Buffer.byteLength(piece) > size && piece.length > 1) piece = piece.slice(0, -1);
    out.push(piece);
    bytes += Buffer.byteLength(piece);
    at += piece.length;
  }
  return { out, bytes };
}

function throughput(tokenizer, pieces, bytes) {
  const times = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    for (const piece of pieces) tokenizer.encodeOrdinary(piece);
    times.push(performance.now() - start);
  }
  return bytes / 1e6 / (median(times) / 1000);
}

console.log(`# bytepair engines, ${encoding}, median of ${runs}; ${machine()}`);
console.log(`| corpus | call size | wasm MB/s | js MB/s | js/wasm |`);
console.log(`|---|---:|---:|---:|---:|`);
for (const corpus of CORPORA) {
  const text = readFileSync(new URL(`../build/corpus/${corpus}.txt`, import.meta.url), "utf8");
  for (const size of SIZES) {
    const { out, bytes } = slices(text, size);
    // Warm both, and check they agree on every slice before timing.
    for (const piece of out) {
      const a = engines.wasm.encodeOrdinary(piece);
      const b = engines.js.encodeOrdinary(piece);
      if (a.length !== b.length || a.some((id, i) => id !== b[i])) throw new Error(`engines differ on ${JSON.stringify(piece.slice(0, 80))}`);
    }
    const wasm = throughput(engines.wasm, out, bytes);
    const js = throughput(engines.js, out, bytes);
    const label = size >= 1024 ? `${size / 1024} KB` : `${size} B`;
    console.log(`| ${corpus} | ${label} | ${wasm.toFixed(1)} | ${js.toFixed(1)} | ${(js / wasm).toFixed(2)} |`);
  }
}
