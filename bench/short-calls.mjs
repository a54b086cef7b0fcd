// Short calls: ns per `count` and `encode` of distinct 25-60 byte messages (the peers benchmark's short
// messages, bench/inputs.mjs), each message once (novel: the engine's caches have never seen it) and
// the same set again (warm); the median of several rounds, each round on messages no earlier round used.
// Several builds run side by side in one process, their turns alternating, for before/after ratios.
// --breakdown times the layers of one call apart: the public method's checks and options, the
// host -> wasm boundary (reserveInput, the UTF-8 write, the roles) and the engine's call itself.
//
//   node bench/short-calls.mjs [--n 20000] [--encoding o200k_base] [--rounds 3] [--builds build,/tmp/old] [--breakdown]

import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { argValue, median, machine } from "./util.mjs";
import { shortMessages, unrelatedText } from "./inputs.mjs";

const n = Number(argValue("--n", "20000"));
const encoding = argValue("--encoding", "o200k_base");
const builds = argValue("--builds", "build").split(",");
const breakdown = process.argv.includes("--breakdown");

// Disjoint sets of n messages: set 0 warms the JIT, every novel timing takes a set of its own.
const all = shortMessages(1_000_000, 0);
const sets = [];
for (let at = 0; at + n <= all.length; at += n) sets.push(all.slice(at, at + n));
const novelPerRound = breakdown ? 4 : 2;
const rounds = Math.min(Number(argValue("--rounds", "3")), Math.floor((sets.length - 1) / novelPerRound));
if (rounds < 1) throw new Error(`the corpus gives ${all.length} short messages: too few for --n ${n}`);
const bytes = sets[0].reduce((s, m) => s + Buffer.byteLength(m), 0) / n;

const tokenizers = [];
for (const dir of builds) {
  const { getEncoding } = await import(pathToFileURL(resolve(dir, "index.js")).href);
  tokenizers.push(await getEncoding(encoding));
}

/** ns per message of fn over msgs, each once. */
function time(fn, msgs) {
  let sink = 0;
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < msgs.length; i++) sink += fn(msgs[i]);
  const ns = Number(process.hrtime.bigint() - t0) / msgs.length;
  if (sink < 0) console.log(sink); // keeps the results alive
  return ns;
}

const ordinary = { disallowedSpecial: [] };

/** The layers of one call, for tokenizer `tok` (its engine's fields are private to TypeScript only). */
function layers(tok) {
  const engine = tok.engine;
  const wasm = engine.wasm;
  const roles = tok.policies.defaults.roles;
  const text = new TextEncoder();
  const memory = () => new Uint8Array(wasm.memory.buffer, wasm.reserveInput(192), 192);
  let view = memory();
  const write = (m) => text.encodeInto(m, view).written;
  return {
    // The whole public call, default options: every special token disallowed (searched for).
    "count(m)": (m) => tok.count(m),
    "count(m, { disallowedSpecial: [] })": (m) => tok.count(m, ordinary),
    "encode(m).length": (m) => tok.encode(m).length,
    // Below the public method: the engine wrapper (reserveInput, views, UTF-8, roles, the call).
    "engine.count(m, roles)": (m) => engine.count(m, roles),
    // The raw boundary: the UTF-8 write into a fixed view and the one call, nothing else.
    "encodeInto + wasm.encode": (m) => {
      if (view.buffer !== wasm.memory.buffer) view = memory();
      return wasm.encode(write(m));
    },
    // The UTF-8 write alone, and an empty call: the boundary's two fixed costs.
    "encodeInto alone": (m) => write(m),
    "wasm.encode(0)": () => wasm.encode(0),
    "reserveInput(3 * length)": (m) => wasm.reserveInput(m.length * 3),
  };
}

// Warm-up: the JIT on unrelated words, then on set 0 (which stays the warm set of the breakdown).
const warmText = unrelatedText(64 * 1024).match(/[^]{1,40}/g);
for (const tok of tokenizers) {
  for (let i = 0; i < 3; i++) for (const t of warmText) tok.count(t), tok.encode(t);
  for (const m of sets[0]) tok.count(m);
  if (breakdown) for (const fn of Object.values(layers(tok))) time(fn, sets[0]);
}

console.log(`# short calls, ns per call (${encoding}, ${n} distinct messages of ${bytes.toFixed(1)} bytes on average, median of ${rounds} rounds)`);
console.log(machine());
console.log(`command: node bench/short-calls.mjs ${process.argv.slice(2).join(" ")}\n`);

/** figures[name][build] = ns of each round */
const figures = {};
const record = (name, k, ns) => ((figures[name] ??= builds.map(() => []))[k].push(ns));

let next = 1;
for (let r = 0; r < rounds; r++) {
  const order = r % 2 ? [...builds.keys()].reverse() : [...builds.keys()];
  const countSet = sets[next++], encodeSet = sets[next++];
  const extra = breakdown ? [sets[next++], sets[next++]] : [];
  for (const k of order) {
    const tok = tokenizers[k];
    const count = (m) => tok.count(m), encode = (m) => tok.encode(m).length;
    record("count, novel", k, time(count, countSet));
    record("count, warm", k, time(count, countSet));
    record("encode, novel", k, time(encode, encodeSet));
    record("encode, warm", k, time(encode, encodeSet));
    if (breakdown) {
      const L = layers(tok);
      // The engine's layers on novel messages too: its caches are the difference.
      record("engine.count(m, roles), novel", k, time(L["engine.count(m, roles)"], extra[0]));
      record("encodeInto + wasm.encode, novel", k, time(L["encodeInto + wasm.encode"], extra[1]));
      // Each layer once untimed first, so that none pays for bringing the set back into the CPU's caches.
      for (const [name, fn] of Object.entries(L)) time(fn, sets[0]), record(`${name}, warm`, k, time(fn, sets[0]));
    }
  }
}

console.log(`| call | ${builds.join(" | ")} |${builds.length > 1 ? " ratio |" : ""}`);
console.log(`|---|${builds.map(() => "---:").join("|")}|${builds.length > 1 ? "---:|" : ""}`);
for (const [name, perBuild] of Object.entries(figures)) {
  const ns = perBuild.map(median);
  // Paired: each round's ratio (the builds ran side by side then), and their median.
  const ratio = builds.length > 1 ? ` ${median(perBuild[0].map((a, r) => a / perBuild.at(-1)[r])).toFixed(2)}x |` : "";
  console.log(`| ${name} | ${ns.map((v) => v.toFixed(0)).join(" | ")} |${ratio}`);
}
if (builds.length > 1) {
  console.log(`\nratio: ${builds[0]} / ${builds.at(-1)}, the median of the rounds' ratios (above 1: the last is faster)`);
  if (breakdown) console.log("the raw layers (encodeInto, wasm.encode, reserveInput) run the same code in every build unless the engine changed: their ratios show the noise");
}
