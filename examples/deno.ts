// Deno: from npm, reading the package's files needs read permission.
// Run: deno run --allow-read examples/deno.ts "some text"
import { getEncoding } from "npm:bytepair";

const text = Deno.args[0] ?? "Hello, world";
const enc = await getEncoding("p50k_base");
const ids = enc.encode(text);
console.log(JSON.stringify({ runtime: "deno", encoding: "p50k_base", ids: [...ids], count: enc.count(text), decoded: enc.decode(ids) }));
