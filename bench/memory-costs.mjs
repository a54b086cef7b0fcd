// What memory costs on this machine, the two figures the engine's table sizes are weighed against:
// a random load at each working-set size (a pointer chase through one 64-byte line at a time, so
// each load waits for the one before), and the first touch of a fresh 4 KB page of wasm memory.
//
//   node bench/memory-costs.mjs

import { machine } from "./util.mjs";
import { prng } from "./inputs.mjs";

/** ns per dependent load over `mb` MB of lines visited in a random cycle. */
function chase(mb) {
  const words = (mb * 1048576) >>> 2;
  const lines = words >>> 4;
  const a = new Uint32Array(words);
  const order = new Uint32Array(lines);
  for (let i = 0; i < lines; i++) order[i] = i;
  const next = prng(2463534242);
  for (let i = lines - 1; i > 0; i--) {
    const j = next() % (i + 1);
    const t = order[i];
    order[i] = order[j];
    order[j] = t;
  }
  for (let i = 0; i < lines; i++) a[order[i] << 4] = order[(i + 1) % lines] << 4;
  const steps = 2_000_000;
  let p = 0;
  for (let i = 0; i < steps; i++) p = a[p]; // warm: the lines, the pages, the JIT
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) p = a[p];
  const ns = ((performance.now() - t0) * 1e6) / steps;
  return p === 0.5 ? 0 : ns; // p is used, so the loop is not dropped
}

/** us per first touch of a 4 KB page of freshly grown wasm memory, and the page faults counted. */
function firstTouch(mb) {
  const memory = new WebAssembly.Memory({ initial: 1, maximum: 65536 });
  memory.grow(mb * 16);
  const bytes = new Uint8Array(memory.buffer);
  const faults0 = process.resourceUsage().minorPageFault;
  const t0 = performance.now();
  for (let i = 65536; i < bytes.length; i += 4096) bytes[i] = 1;
  const ms = performance.now() - t0;
  const faults = process.resourceUsage().minorPageFault - faults0;
  return { us: (ms * 1000) / Math.max(1, faults), faults };
}

console.log("# memory costs");
console.log(machine());
console.log("command: node bench/memory-costs.mjs\n");
console.log("| working set MB | ns per random load |");
console.log("|---:|---:|");
for (const mb of [0.25, 1, 2, 3, 4, 6, 8, 16, 64]) console.log(`| ${mb} | ${chase(mb).toFixed(1)} |`);
const touch = [firstTouch(16), firstTouch(16), firstTouch(16)].sort((a, b) => a.us - b.us)[1];
console.log(`\nfirst touch of fresh wasm memory: ${touch.us.toFixed(1)} us per 4 KB page (median of 3 x 16 MB, ${touch.faults} page faults each)`);
