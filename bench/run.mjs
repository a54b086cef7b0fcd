// The peers benchmark: bytepair (wasm, and its JavaScript engine when built) against tiktoken,
// js-tiktoken, gpt-tokenizer, ai-tokenizer, Hugging Face tokenizers (JavaScript and native) and
// @anysphere/tiktoken-node. Each peer runs in its own child process (bench/peer-child.mjs), one after
// another, on the same corpus sample, in the same run; ratios are to bytepair's figure of that run.
//
//   npm run bench                  (node bench/run.mjs)
//   node bench/run.mjs --quick     fewer runs, smaller sample, 100 KB worst cases, 3 s cap
//   flags: --encoding o200k_base,cl100k_base  --only tiktoken,gpt-tokenizer  --runs 5  --kb 256 (per
//          corpus; 0 = whole files)  --cap 5 (seconds per worst-case input)
//          --parts throughput,cold,worst,novel,short
//          --json FILE  --svg FILE  --note TEXT (in the tables and chart)
//          --from RESULTS.json (no measuring: print the tables and draw the chart from a saved run)
//
// Figures: encode MB/s (UTF-8 in) on each corpus file and on 1-4 KB documents cut from it; count and
// decode (MB/s of text) on the documents; cold start (fresh process: import -> first encode) and peak
// RSS after encoding the sample once; worst-case inputs (100 KB and 1 MB) timed up to the cap.
// Novel text: a fresh process per peer, corpus and run, its JIT warmed on unrelated text, encodes each
// 1-4 KB document of 256 KB the sample never held once (caches cold; a new slice each run; ids checked
// after). Short messages: `count` of 20,000 distinct messages of 25-60 bytes, each once.

import { spawn } from "node:child_process";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import os from "node:os";
import { PEERS, HF_FILES, HF_FILE_NOTES, peerVersion } from "./peers.mjs";
import { corpusSample, WORST_CASES } from "./inputs.mjs";
import { barChart } from "./svg-chart.mjs";
import { argValue, median } from "./util.mjs";

const quick = process.argv.includes("--quick");
const encodings = argValue("--encoding", "o200k_base,cl100k_base").split(",");
const only = argValue("--only", "");
// bytepair (wasm) always runs: every ratio is to it.
const peers = only ? PEERS.filter((p) => p.name === "bytepair" || only.split(",").includes(p.name)) : PEERS;
const runs = Number(argValue("--runs", quick ? "3" : "5"));
const kb = Number(argValue("--kb", quick ? "96" : "256"));
const capMs = 1000 * Number(argValue("--cap", quick ? "3" : "5"));
const parts = argValue("--parts", "throughput,cold,worst,novel,short").split(",");
const NOVEL_KB = 256;
const SHORT_MESSAGES = 20000;
const worstSizes = quick ? [100_000] : [100_000, 1_000_000];
const outDir = new URL("../build/bench/", import.meta.url);
// A partial run (--quick, --only, --parts, another encoding) must not overwrite the full run's results.
const partial = quick || only || process.argv.some((a) => ["--parts", "--encoding", "--kb", "--runs", "--cap"].includes(a));
const jsonFile = argValue("--json", fileURLToPath(new URL(partial ? "results-partial.json" : "results.json", outDir)));
const svgFile = argValue("--svg", fileURLToPath(partial ? new URL("results-partial.svg", outDir) : new URL("results.svg", import.meta.url)));
const child = fileURLToPath(new URL("peer-child.mjs", import.meta.url));
mkdirSync(outDir, { recursive: true });

const unknown = only.split(",").filter((n) => n && !PEERS.some((p) => p.name === n));
if (unknown.length) throw new Error(`unknown peer(s) ${unknown.join(", ")}; known: ${PEERS.map((p) => p.name).join(", ")}`);

/** Runs one child; onLine sees each JSON line; a line may arm a kill timer (the worst-case cap). */
function runChild(config, onLine = () => {}) {
  return new Promise((resolve) => {
    const proc = spawn(process.execPath, [child, JSON.stringify(config)], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "", err = "", timer = null, killed = false;
    const arm = (ms) => {
      clearTimeout(timer);
      timer = ms ? setTimeout(() => ((killed = true), proc.kill("SIGKILL")), ms) : null;
    };
    proc.stdout.on("data", (d) => {
      out += d;
      let nl;
      while ((nl = out.indexOf("\n")) >= 0) {
        const text = out.slice(0, nl);
        out = out.slice(nl + 1);
        if (text.startsWith("{")) arm(onLine(JSON.parse(text))); // anything else is a peer's own output
      }
    });
    proc.stderr.on("data", (d) => (err += d));
    proc.on("close", (code) => {
      clearTimeout(timer);
      // The lines that say what failed (an exception, a Rust panic), not the stack or Node's banner.
      const said = err.split("\n").filter((l) => /Error|panicked|called `|unreachable|out of memory/i.test(l) && !/^\s+at /.test(l));
      resolve({ code, killed, err: said.slice(0, 2).join(" ").replace(/ at \S+\.rs:\d+:\d+:?/g, ":").slice(0, 200) });
    });
  });
}

async function lastLine(config) {
  let last = null;
  const { code, err } = await runChild(config, (line) => void (last = line));
  if (code !== 0 || !last) return { error: err || `exit code ${code}` };
  return last;
}

/** tiktoken's ids for the sample: what every peer is checked against. */
async function referenceFile(encoding, sample) {
  const file = fileURLToPath(new URL(`ref-${encoding}-${kb}kb.json`, outDir));
  const { get_encoding } = await import("tiktoken");
  const t = get_encoding(encoding);
  const corpora = sample.map(({ text, docs }) => ({
    file: Array.from(t.encode_ordinary(text)),
    docs: docs.map((d) => Array.from(t.encode_ordinary(d))),
  }));
  // Every special token of the encoding, between words, allowed: tiktoken's ids for them.
  const { getEncoding } = await import("../build/index.js");
  const names = [...(await getEncoding(encoding)).specialTokens.keys()];
  const specialText = names.map((n, i) => `word ${i}${n} next`).join("\n");
  const special = { text: specialText, ids: Array.from(t.encode(specialText, "all")) };
  t.free();
  writeFileSync(file, JSON.stringify({ encoding, kb, corpora, special }));
  return file;
}

/** A cl100k_base tokenizer.json for the Hugging Face peers (no published one is installed), written
 * afresh on each run so that it is this build's. */
async function ensureHfFiles(encoding) {
  if (encoding !== "cl100k_base") return;
  const { getEncoding } = await import("../build/index.js");
  writeFileSync(HF_FILES.cl100k_base, JSON.stringify((await getEncoding("cl100k_base")).toHuggingFace()));
}

/** Worst cases for one peer, a child per stretch of inputs: an input over the cap is killed and
 * reported as "> cap", and so are the larger inputs of the same kind (not run). */
async function worstCases(peer, encoding) {
  const results = {};
  let todo = Object.keys(WORST_CASES).flatMap((kind) => worstSizes.map((bytes) => ({ kind, bytes })));
  const key = ({ kind, bytes }) => `${kind} ${bytes / 1000} KB`;
  while (todo.length) {
    let current = null;
    const { killed, code, err } = await runChild({ mode: "worst", peer: peer.name, encoding, cases: todo, runs }, (line) => {
      if (line.skip) results.skip = line.skip;
      if (line.start) return (current = line.start), capMs;
      if (line.ms !== undefined) {
        results[key(line)] = { ms: line.ms, runs: line.runs, tokens: line.tokens };
        todo = todo.filter((c) => key(c) !== key(line));
        current = null;
      }
      return 0;
    });
    if (results.skip) return results;
    if (!current) {
      if (todo.length && code !== 0) for (const c of todo) results[key(c)] = { error: err || `exit code ${code}` };
      break;
    }
    const failed = current;
    const outcome = killed ? { overCap: capMs } : { error: err || `exit code ${code}` };
    for (const c of todo.filter((c) => c.kind === failed.kind && c.bytes >= failed.bytes)) {
      results[key(c)] = c.bytes === failed.bytes ? outcome : { overCap: capMs, notRun: true };
    }
    todo = todo.filter((c) => c.kind !== failed.kind || c.bytes < failed.bytes);
  }
  return results;
}

// ---- run ----

async function measureAll() {
  const started = new Date();
  const cpus = os.cpus();
  const results = {
    date: started.toISOString(),
    machine: { cpu: cpus[0]?.model ?? "unknown", cores: cpus.length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` },
    command: `node bench/run.mjs ${process.argv.slice(2).join(" ")}`.trim(),
    settings: { runs, kbPerCorpus: kb, capMs, worstSizes, encodings, parts },
    peers: Object.fromEntries(peers.map((p) => [p.name, { package: p.pkg, version: peerVersion(p), what: p.what }])),
    hfTokenizerJson: HF_FILE_NOTES,
    encodings: {},
  };
  if (argValue("--note", "")) results.note = argValue("--note", "");
  const sample = corpusSample(kb);
  results.sample = sample.map(({ corpus, bytes, docs }) => ({ corpus, bytes, documents: docs.length }));
  const log = (s) => process.stderr.write(`[${((Date.now() - started.getTime()) / 1000).toFixed(0).padStart(4)} s] ${s}\n`);

  for (const encoding of encodings) {
    const byPeer = Object.fromEntries(peers.map((p) => [p.name, {}]));
    results.encodings[encoding] = byPeer;
    if (peers.some((p) => p.pkg === "tokenizers" || p.pkg === "@huggingface/tokenizers")) await ensureHfFiles(encoding);
    if (parts.includes("throughput")) {
      const ref = await referenceFile(encoding, sample);
      for (const peer of peers) {
        log(`${encoding} ${peer.name}: throughput`);
        Object.assign(byPeer[peer.name], await lastLine({ mode: "throughput", peer: peer.name, encoding, kb, runs, ref }));
      }
    }
    if (parts.includes("cold")) {
      const cold = Object.fromEntries(peers.map((p) => [p.name, []]));
      for (let r = 0; r < runs; r++) {
        for (const peer of peers) {
          log(`${encoding} ${peer.name}: cold start ${r + 1}/${runs}`);
          cold[peer.name].push(await lastLine({ mode: "cold", peer: peer.name, encoding, kb }));
        }
      }
      for (const [name, list] of Object.entries(cold)) {
        const ok = list.filter((x) => x.coldMs !== undefined);
        if (list[0]?.skip) byPeer[name].skip = list[0].skip;
        else if (!ok.length) byPeer[name].coldError = list[0]?.error;
        else byPeer[name].cold = { ms: median(ok.map((x) => x.coldMs)), rssMB: median(ok.map((x) => x.rssMB)), rssAfterLoadMB: median(ok.map((x) => x.rssAfterLoadMB)) };
      }
    }
    if (parts.includes("novel")) {
      const skipKb = Math.max(kb, 256);
      for (const peer of peers) {
        const byCorpus = {};
        for (const { corpus } of sample) {
          const list = [];
          for (let run = 0; run < Math.min(runs, 3); run++) {
            log(`${encoding} ${peer.name}: novel text, ${corpus} ${run + 1}`);
            list.push(await lastLine({ mode: "novel", peer: peer.name, encoding, corpus, skipKb, takeKb: NOVEL_KB, run }));
          }
          if (list[0]?.skip) { byPeer[peer.name].skip = list[0].skip; break; }
          const ok = list.filter((x) => x.mbps !== undefined);
          byCorpus[corpus] = ok.length ? { mbps: median(ok.map((x) => x.mbps)), wrong: ok.reduce((n, x) => n + x.wrong, 0), documents: ok.reduce((n, x) => n + x.documents, 0) } : { error: list[0]?.error };
        }
        if (!byPeer[peer.name].skip) byPeer[peer.name].novel = byCorpus;
      }
    }
    if (parts.includes("short")) {
      for (const peer of peers) {
        const list = [];
        for (let run = 0; run < Math.min(runs, 3); run++) {
          log(`${encoding} ${peer.name}: short messages ${run + 1}`);
          list.push(await lastLine({ mode: "short", peer: peer.name, encoding, messages: SHORT_MESSAGES, run }));
        }
        const ok = list.filter((x) => x.nsPerMessage !== undefined);
        if (list[0]?.skip) byPeer[peer.name].skip = list[0].skip;
        else byPeer[peer.name].short = ok.length ? { ns: median(ok.map((x) => x.nsPerMessage)), bytes: ok[0].bytes / ok[0].messages, right: ok.every((x) => x.countRight) } : { error: list[0]?.error };
      }
    }
    if (parts.includes("worst")) {
      for (const peer of peers) {
        log(`${encoding} ${peer.name}: worst cases`);
        const w = await worstCases(peer, encoding);
        if (w.skip) byPeer[peer.name].skip = w.skip;
        else byPeer[peer.name].worst = w;
      }
    }
  }
  results.seconds = (Date.now() - started.getTime()) / 1000;
  writeFileSync(jsonFile, JSON.stringify(results, null, 2));
  return results;
}

// ---- report ----

/** The tables (markdown) and the chart, from a results object alone (so --from can redo them). */
function report(results, jsonFile, svgFile) {
  const peerNames = Object.keys(results.peers);
  const { runs, kbPerCorpus: kb, capMs, worstSizes, encodings, parts } = results.settings;
  const f1 = (x) => (x === undefined ? "-" : x >= 100 ? x.toFixed(0) : x.toFixed(1));
  const ratio = (a, b) => (a === undefined || !b ? "-" : `${(a / b).toFixed(2)}x`);
  const msText = (w) => (!w ? "-" : w.overCap ? `> ${w.overCap / 1000} s` : w.error ? "error" : w.ms >= 1000 ? `${(w.ms / 1000).toFixed(1)} s` : `${w.ms.toFixed(1)} ms`);
  const versions = [...new Set(Object.values(results.peers).map((p) => `${p.package}@${p.version}`))];
  const lines = [];
  const out = (s = "") => lines.push(s);

  out(`# bytepair peers benchmark, ${results.date.slice(0, 10)}`);
  out(`machine: ${results.machine.cpu.trim()}, ${results.machine.cores} cores, ${results.machine.memoryGiB} GiB; node ${results.machine.node}`);
  out(`command: ${results.command}`);
  if (results.note) out(`note: ${results.note}`);
  out(`settings: median of ${runs} runs; sample ${kb ? `first ${kb} KB of each corpus` : "whole corpus files"} (${results.sample.map((s) => `${s.corpus} ${(s.bytes / 1e6).toFixed(2)} MB, ${s.documents} docs`).join("; ")}); worst-case cap ${capMs / 1000} s`);
  out(`versions: ${versions.join(", ")}`);
  for (const encoding of encodings) {
    const byPeer = results.encodings[encoding];
    const base = byPeer.bytepair;
    out();
    out(`## ${encoding}`);
    out();
    out("| peer | ids vs tiktoken | encode file MB/s | encode docs MB/s | count docs MB/s | decode docs MB/s | encode file, docs vs bytepair | cold start ms | peak RSS MB |");
    out("|---|---|---:|---:|---:|---:|---:|---:|---:|");
    for (const name of peerNames) {
      const r = byPeer[name];
      if (r.skip) { out(`| ${name} | skipped: ${r.skip} | | | | | | | |`); continue; }
      if (r.error) { out(`| ${name} | error: ${r.error} | | | | | | | |`); continue; }
      const m = r.mbps ?? {};
      const c = r.check;
      const ids = !c ? "-" : c.encode === 0 ? `equal (${c.documents} texts)` : `**${c.encode} of ${c.documents} differ**`;
      const wrong = [c?.count && `count wrong on ${c.count}`, c?.decode && `decode wrong on ${c.decode}`,
        c?.special && `special tokens wrong (${c.special.error ?? (c.special.missing.length ? `no ${c.special.missing.join(", ")}` : "order")})`];
      const extra = wrong.some(Boolean) ? `; ${wrong.filter(Boolean).join("; ")}` : "";
      out(`| ${name} | ${ids}${extra} | ${f1(m["encode file"]?.all)} | ${f1(m["encode docs"]?.all)} | ${f1(m["count docs"]?.all)} | ${f1(m["decode docs"]?.all)} | ${ratio(m["encode file"]?.all, base.mbps?.["encode file"]?.all)}, ${ratio(m["encode docs"]?.all, base.mbps?.["encode docs"]?.all)} | ${r.cold ? r.cold.ms.toFixed(0) : "-"} | ${r.cold ? r.cold.rssMB.toFixed(0) : "-"} |`);
    }
    if (parts.includes("throughput")) {
      out();
      out(`encode docs MB/s by corpus (${encoding})`);
      out();
      out(`| peer | ${results.sample.map((s) => s.corpus).join(" | ")} |`);
      out(`|---|${results.sample.map(() => "---:").join("|")}|`);
      for (const name of peerNames) {
        const m = byPeer[name].mbps?.["encode docs"];
        if (m) out(`| ${name} | ${results.sample.map((s) => f1(m[s.corpus])).join(" | ")} |`);
      }
    }
    if (parts.includes("novel") || parts.includes("short")) {
      const corpora = results.sample.map((s) => s.corpus);
      const gm = (xs) => Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);
      const novelOf = (name) => byPeer[name].novel;
      const baseNovel = novelOf("bytepair");
      out();
      out(`novel text (${encoding}): MB/s of one pass over held-out documents, caches cold (median of ${Math.min(runs, 3)} slices of ${NOVEL_KB} KB), and warm for comparison; short messages: ns per count of a distinct ${results.encodings[encoding].bytepair.short ? results.encodings[encoding].bytepair.short.bytes.toFixed(0) : "~40"}-byte message`);
      out();
      out(`| peer | ${corpora.map((c) => `${c} novel (warm)`).join(" | ")} | novel vs bytepair (geomean) | ids | short count ns | short vs bytepair |`);
      out(`|---|${corpora.map(() => "---:").join("|")}|---:|---|---:|---:|`);
      for (const name of peerNames) {
        const n = novelOf(name), sh = byPeer[name].short, warm = byPeer[name].mbps?.["encode docs"];
        if (!n && !sh) continue;
        const cells = corpora.map((c) => (n?.[c]?.mbps === undefined ? "-" : `${f1(n[c].mbps)} (${f1(warm?.[c])})`));
        const ratios = n && baseNovel ? corpora.filter((c) => n[c]?.mbps && baseNovel[c]?.mbps).map((c) => n[c].mbps / baseNovel[c].mbps) : [];
        const wrong = n ? corpora.reduce((k, c) => k + (n[c]?.wrong ?? 0), 0) : 0;
        const baseShort = byPeer.bytepair.short?.ns;
        out(`| ${name} | ${cells.join(" | ")} | ${ratios.length ? `${gm(ratios).toFixed(2)}x` : "-"} | ${n ? (wrong ? `**${wrong} differ**` : "equal") : "-"}${sh && sh.right === false ? "; counts wrong" : ""} | ${sh?.ns ? sh.ns.toFixed(0) : "-"} | ${sh?.ns && baseShort ? `${(baseShort / sh.ns).toFixed(2)}x` : "-"} |`);
      }
    }
    if (parts.includes("worst")) {
      const cases = Object.keys(WORST_CASES).flatMap((kind) => worstSizes.map((bytes) => `${kind} ${bytes / 1000} KB`));
      out();
      out(`worst cases, time of one encode (${encoding}); * = token count differs from bytepair's`);
      out();
      out(`| peer | ${cases.join(" | ")} |`);
      out(`|---|${cases.map(() => "---:").join("|")}|`);
      for (const name of peerNames) {
        const w = byPeer[name].worst;
        if (!w) continue;
        const mark = (k) => (w[k]?.tokens !== undefined && base.worst?.[k]?.tokens !== undefined && w[k].tokens !== base.worst[k].tokens ? "*" : "");
        out(`| ${name} | ${cases.map((k) => msText(w[k]) + mark(k)).join(" | ")} |`);
      }
      for (const name of peerNames) {
        for (const [k, w] of Object.entries(byPeer[name].worst ?? {})) if (w.error) out(`\n${name}, ${k}: error: ${w.error}`);
      }
    }
  }
  out();
  out(`total time ${results.seconds.toFixed(0)} s; results ${jsonFile}; chart ${svgFile}`);
  console.log(lines.join("\n"));

  // The chart: encode MB/s on documents and files, per encoding.
  const groups = encodings.map((encoding) => ({
    title: encoding,
    bars: peerNames.filter((name) => results.encodings[encoding][name].mbps).map((name) => ({
      label: name,
      values: [results.encodings[encoding][name].mbps["encode docs"].all, results.encodings[encoding][name].mbps["encode file"].all, novelMean(results.encodings[encoding][name].novel)],
    })),
  }));
  if (groups.some((g) => g.bars.length)) {
    writeFileSync(svgFile, barChart({
      title: `Encode throughput, MB/s of UTF-8 (higher is better); ${results.date.slice(0, 10)}, ${results.machine.cpu.trim()}, ${results.machine.cores} cores, node ${results.machine.node}`,
      subtitle: `${results.note ? `${results.note}. ` : ""}${peerNames.length} libraries, each in its own process; median of ${runs} runs; corpus: ${kb ? `first ${kb} KB of each of` : "all of"} ${results.sample.map((s) => s.corpus).join(", ")}. Command: ${results.command}`,
      series: ["1-4 KB documents", kb ? `files (${kb} KB)` : "whole files", "novel documents, caches cold (geometric mean over corpora)"],
      groups,
    }));
  }
}

/** Geometric mean of a peer's novel-text MB/s over the corpora (0 when not measured). */
function novelMean(novel) {
  const xs = Object.values(novel ?? {}).map((c) => c.mbps).filter((x) => x > 0);
  return xs.length ? Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length) : 0;
}

const from = argValue("--from", "");
if (from) {
  const saved = JSON.parse(readFileSync(from, "utf8"));
  if (argValue("--note", "")) saved.note = argValue("--note", "");
  report(saved, from, svgFile);
}
else report(await measureAll(), jsonFile, svgFile);
