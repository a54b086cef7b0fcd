// The parity check as a script for Node, Deno and Bun (the same file in each):
//   <runtime> run-parity.mjs SAMPLE.json MODE [ORIGIN]
// MODE: "file" (the default loading: files beside build/index.js), "bytes" (init with the bytes of
// the .wasm and the vocabularies) or "url" (init with http URLs under ORIGIN). Prints one JSON line.
import { readFile } from "node:fs/promises";
import { checkParity } from "./parity-check.mjs";
import * as bytepair from "../../build/index.js";

const args = globalThis.Deno ? globalThis.Deno.args : process.argv.slice(2);
const [samplePath, mode, origin] = args;
const build = new URL("../../build/", import.meta.url);

if (mode === "bytes") {
  const vocab = {};
  for (const ranks of ["r50k_base", "p50k_base", "cl100k_base", "o200k_base"]) {
    vocab[ranks] = new Uint8Array(await readFile(new URL(`vocab/${ranks}.bpv`, build)));
  }
  bytepair.init({ wasm: await readFile(new URL("bytepair.wasm", build)), vocab });
} else if (mode === "url") {
  bytepair.init({ wasm: `${origin}build/bytepair.wasm`, vocab: new URL("build/vocab/", origin) });
} else if (mode !== "file") {
  throw new Error(`unknown mode ${mode}`);
}

const sample = JSON.parse(await readFile(samplePath, "utf8"));
console.log(JSON.stringify(await checkParity(bytepair, sample)));
