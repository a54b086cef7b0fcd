// One peer in its own process, started by bench/run.mjs with one JSON argument:
//   { mode: "cold", peer, encoding, kb }                   import -> first encode; then peak RSS
//   { mode: "throughput", peer, encoding, kb, runs, ref }   ids checked against tiktoken's, then MB/s
//   { mode: "worst", peer, encoding, cases, runs }         time of one encode per worst-case input
//   { mode: "novel", peer, encoding, corpus, skipKb, takeKb, run }   one corpus's held-out documents,
//                                                           each encoded once, caches cold; then checked
//   { mode: "short", peer, encoding, messages, run }        `count` of distinct short messages, each once
// It prints JSON lines on stdout; the last one is the result ({ skip } when the peer is unavailable).

import { readFileSync } from "node:fs";

const config = JSON.parse(process.argv[2]);
const WARM_UP_MS = 2000;
const say = (value) => process.stdout.write(JSON.stringify(value) + "\n");

/** Calls fn(x), waiting only when it returned a promise (the napi peers' calls are asynchronous). */
async function call(fn, x) {
  const r = fn(x);
  return r && typeof r.then === "function" ? await r : r;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function sameIds(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

async function cold() {
  const t0 = performance.now();
  const peer = await loadPeer();
  if (!peer) return;
  await call(peer.encode, "Hello, world");
  const coldMs = performance.now() - t0;
  const rssAfterLoadMB = process.resourceUsage().maxRSS / 1024;
  const { corpusSample } = await import("./inputs.mjs");
  for (const { text } of corpusSample(config.kb)) await call(peer.encode, text);
  say({ coldMs, rssAfterLoadMB, rssMB: process.resourceUsage().maxRSS / 1024 });
}

/** The configured peer, loaded (its import is part of the cold start); undefined after reporting a skip. */
async function loadPeer() {
  const { peerNamed } = await import("./peers.mjs");
  const peer = await peerNamed(config.peer).load(config.encoding);
  if (!peer.skip) return peer;
  say({ skip: peer.skip });
  return undefined;
}

async function throughput() {
  const { corpusSample } = await import("./inputs.mjs");
  const peer = await loadPeer();
  if (!peer) return;
  const sample = corpusSample(config.kb);
  const ref = JSON.parse(readFileSync(config.ref, "utf8"));
  const toIds = peer.toIds ?? ((ids) => ids);

  // Check before timing: ids of every file and document, their counts, and decoding tiktoken's ids.
  const check = { documents: 0, encode: 0, count: peer.count ? 0 : null, decode: 0, special: null, firstMismatch: null };
  const decodeInputs = [];
  for (const [c, { corpus, text, docs }] of sample.entries()) {
    const expected = ref.corpora[c];
    const items = [[text, expected.file], ...docs.map((d, i) => [d, expected.docs[i]])];
    for (const [i, [t, want]] of items.entries()) {
      check.documents++;
      const got = await call(peer.encode, t);
      if (!sameIds(got, want)) {
        check.encode++;
        check.firstMismatch ??= { corpus, document: i === 0 ? "whole file" : i - 1 };
      }
      if (peer.count && (await call(peer.count, t)) !== want.length) check.count++;
    }
    const ids = expected.docs.map((d) => toIds(Uint32Array.from(d)));
    decodeInputs.push(ids);
    for (const [i, d] of ids.entries()) if ((await call(peer.decode, d)) !== docs[i]) check.decode++;
  }

  // Special tokens allowed: the ids of each one, named where they differ.
  const special = await call(peer.special, ref.special.text).catch((e) => e);
  if (special instanceof Error) check.special = { missing: [], unexpected: [], error: special.message };
  else if (!sameIds(special, ref.special.ids)) {
    const want = new Set(ref.special.ids), got = new Set(Array.from(special));
    check.special = { missing: ref.special.ids.filter((id) => !got.has(id)), unexpected: [...got].filter((id) => !want.has(id)) };
  }

  const metrics = {
    "encode file": (s) => [peer.encode, [s.text]],
    "encode docs": (s) => [peer.encode, s.docs],
    ...(peer.count ? { "count docs": (s) => [peer.count, s.docs] } : {}),
    "decode docs": (s, c) => [peer.decode, decodeInputs[c]],
  };
  const asyncCalls = Object.values(metrics).some((what) => {
    const [fn, items] = what(sample[0], 0);
    const r = fn(items[0]);
    return r && typeof r.then === "function";
  });
  const times = {}; // metric -> corpus index -> ms per run
  const oneRun = async (record) => {
    for (const [metric, what] of Object.entries(metrics)) {
      times[metric] ??= sample.map(() => []);
      for (const [c, s] of sample.entries()) {
        const [fn, items] = what(s, c);
        const t0 = performance.now();
        // A synchronous peer is called in a plain loop: an await per call (a microtask, ~1 us) was a
        // third of the time of decoding a 2 KB document.
        if (asyncCalls) for (const x of items) await fn(x);
        else for (const x of items) fn(x);
        if (record) times[metric][c].push(performance.now() - t0);
      }
    }
  };
  // Warm-up: whole runs, untimed, for at least WARM_UP_MS (one run at least). A single warm-up run
  // left the fast peers' JavaScript mid-way through V8's tiers, which the timed runs then measured:
  // decoding a corpus takes well under a millisecond, and 20 warm-up runs instead of one doubled the
  // decode figure of a fast peer. Slow peers take one run, which lasts longer than that anyway.
  const warmUntil = performance.now() + WARM_UP_MS;
  do await oneRun(false);
  while (performance.now() < warmUntil);
  for (let run = 0; run < config.runs; run++) await oneRun(true);
  const mbps = {};
  for (const [metric, perCorpus] of Object.entries(times)) {
    const medians = perCorpus.map(median);
    const totalBytes = sample.reduce((n, s) => n + s.bytes, 0);
    mbps[metric] = {
      all: totalBytes / 1e6 / (medians.reduce((a, b) => a + b, 0) / 1000),
      ...Object.fromEntries(sample.map((s, c) => [s.corpus, s.bytes / 1e6 / (medians[c] / 1000)])),
    };
  }
  say({ check, mbps, rssMB: process.resourceUsage().maxRSS / 1024 });
}

async function worst() {
  const { WORST_CASES } = await import("./inputs.mjs");
  const peer = await loadPeer();
  if (!peer) return;
  for (const { kind, bytes } of config.cases) {
    const text = WORST_CASES[kind](bytes);
    say({ start: { kind, bytes } });
    const ms = [];
    let tokens = 0;
    // Repeat only quick inputs: a slow one is timed once (the cap is enforced by the parent).
    for (let spent = 0; ms.length < config.runs && (ms.length === 0 || spent < 1000); ) {
      const t0 = performance.now();
      tokens = (await call(peer.encode, text)).length;
      ms.push(performance.now() - t0);
      spent += ms.at(-1);
    }
    say({ kind, bytes, ms: median(ms), runs: ms.length, tokens });
  }
  say({ done: true });
}

/** A fresh peer's JIT warmed on unrelated text, so that the timed pass meets cold caches but compiled code. */
async function warmPeer() {
  const { warmUpTexts } = await import("./inputs.mjs");
  const peer = await loadPeer();
  if (!peer) return undefined;
  for (const p of warmUpTexts()) await call(peer.encode, p);
  return peer;
}

async function novel() {
  const { heldOutSample } = await import("./inputs.mjs");
  const sample = heldOutSample(config.skipKb, config.takeKb, config.run).find((s) => s.corpus === config.corpus);
  const peer = await warmPeer();
  if (!peer) return;
  const got = [];
  const t0 = performance.now();
  for (const d of sample.docs) got.push(await call(peer.encode, d));
  const ms = performance.now() - t0;
  // Checked after timing (checking first would warm the caches): ids against tiktoken's.
  const { get_encoding } = await import("tiktoken");
  const ref = get_encoding(config.encoding);
  const wrong = sample.docs.filter((d, i) => !sameIds(got[i], ref.encode_ordinary(d))).length;
  ref.free();
  say({ corpus: config.corpus, bytes: sample.bytes, documents: sample.docs.length, ms, mbps: sample.bytes / 1e6 / (ms / 1000), wrong });
}

async function short() {
  const { shortMessages } = await import("./inputs.mjs");
  const messages = shortMessages(config.messages * 2, config.run);
  const peer = await warmPeer();
  if (!peer) return;
  const count = peer.count ?? (async (t) => (await call(peer.encode, t)).length);
  // Warm the count path itself on the first half; time the second, each message once.
  const warm = messages.slice(0, config.messages), timed = messages.slice(config.messages);
  for (const m of warm) await call(count, m);
  const sync = !(count(timed[0]) instanceof Promise);
  let total = 0;
  const t0 = performance.now();
  if (sync) for (const m of timed) total += count(m);
  else for (const m of timed) total += await count(m);
  const ms = performance.now() - t0;
  const { get_encoding } = await import("tiktoken");
  const ref = get_encoding(config.encoding);
  const want = timed.reduce((n, m) => n + ref.encode_ordinary(m).length, 0);
  ref.free();
  say({ messages: timed.length, bytes: timed.reduce((n, m) => n + Buffer.byteLength(m), 0), nsPerMessage: (ms * 1e6) / timed.length, countRight: total === want });
}

await { cold, throughput, worst, novel, short }[config.mode]();
