// Node (>= 20): the package reads build/bytepair.wasm and build/vocab/*.bpv beside its entry with
// node:fs, so there is nothing to set up.  Run: node examples/node.mjs "some text"
import { getEncoding } from "bytepair";

const text = process.argv[2] ?? "Hello, world";
const enc = await getEncoding("o200k_base");
const ids = enc.encode(text);
console.log(JSON.stringify({ runtime: "node", encoding: "o200k_base", ids: [...ids], count: enc.count(text), decoded: enc.decode(ids) }));
