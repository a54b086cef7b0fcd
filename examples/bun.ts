// Bun: as in Node, the files beside the package's entry are read from disk.
// Run: bun examples/bun.ts "some text"
import { getEncoding } from "bytepair";

const text = Bun.argv[2] ?? "Hello, world";
const enc = await getEncoding("cl100k_base");
const ids = enc.encode(text);
console.log(JSON.stringify({ runtime: "bun", encoding: "cl100k_base", ids: [...ids], count: enc.count(text), decoded: enc.decode(ids) }));
