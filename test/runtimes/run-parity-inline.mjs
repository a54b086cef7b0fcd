// The parity check through bytepair/inline (the .wasm and vocabularies inside the JS modules):
//   node [--jitless] run-parity-inline.mjs SAMPLE.json ENGINE
// ENGINE: "wasm" or "js". Prints one JSON line: the parity result, and whether WebAssembly existed.
import { readFile } from "node:fs/promises";
import { checkParity } from "./parity-check.mjs";
import * as bytepair from "../../build/inline/index.js";

const [samplePath, engine] = process.argv.slice(2);
const sample = JSON.parse(await readFile(samplePath, "utf8"));
const result = await checkParity({ getEncoding: (name) => bytepair.getEncoding(name, { engine }) }, sample);
console.log(JSON.stringify({ ...result, hasWebAssembly: typeof WebAssembly !== "undefined" }));
