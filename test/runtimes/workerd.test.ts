// Cloudflare Workers: examples/cloudflare-worker bundled as wrangler bundles it (through the
// "bytepair/worker" entry, the .wasm as a compiled module, the vocabularies as data modules) and
// served by workerd; POST /tokenize must give tiktoken's ids and counts for the whole sample. Once
// with esbuild and wrangler's module rules, once by wrangler itself (`deploy --dry-run`).

import { afterAll, expect, test } from "vitest";
import { cpSync, mkdirSync, readdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { NODE_BIN, findBinary, freshDir, repoRoot, writeSample, removeFreshDirs, run } from "./harness.js";
import { bundleWorker, serveWorker, type Module, type RunningWorker } from "./workerd.js";

const workerd = findBinary(join(NODE_BIN, "workerd"), "npm package workerd");
// wrangler 4.86 is the last release for Node 20 (later ones need Node 22).
const wrangler = findBinary(join(NODE_BIN, "wrangler"), "npm package wrangler@4.86.0");
const { sample } = writeSample();
let worker: RunningWorker | undefined;
let wranglerWorker: RunningWorker | undefined;
let mainEntryWorker: RunningWorker | undefined;
let parityWorker: RunningWorker | undefined;
afterAll(() => {
  parityWorker?.stop();
  worker?.stop();
  wranglerWorker?.stop();
  mainEntryWorker?.stop();
  removeFreshDirs();
});

async function tokenize(encoding: string, texts: string[], on = worker!) {
  const response = await fetch(`${on.origin}/tokenize`, { method: "POST", body: JSON.stringify({ encoding, texts }) });
  return { status: response.status, body: await response.json() };
}

/** The texts of the sample whose ids or count from `on` differ from tiktoken's, for every encoding. */
async function wrongOnSample(on: RunningWorker) {
  const wrong: Array<{ encoding: string; text: string }> = [];
  for (const [encoding, expected] of Object.entries(sample.expected)) {
    const { status, body } = await tokenize(encoding, sample.texts, on);
    expect(status).toBe(200);
    sample.texts.forEach((text, i) => {
      if (JSON.stringify(body.ids[i]) !== JSON.stringify(expected[i]) || body.counts[i] !== expected[i].length) wrong.push({ encoding, text: text.slice(0, 60) });
    });
  }
  return wrong;
}

test("the example Worker in workerd reproduces tiktoken's ids and counts on the sample", async (ctx) => {
  if (workerd.missing) ctx.skip(workerd.missing);
  const dir = freshDir("workerd");
  const modules = await bundleWorker(join(repoRoot, "examples/cloudflare-worker/src/index.ts"), dir);
  // The engine arrives as a compiled module and each vocabulary as data, not inside the bundle.
  expect(modules.map((m) => `${m.name}:${m.kind}`).sort()).toEqual(
    ["bytepair.wasm:wasm", "cl100k_base.bpv:data", "o200k_base.bpv:data", "p50k_base.bpv:data", "r50k_base.bpv:data", "worker.js:esModule"],
  );
  worker = await serveWorker(workerd.path, dir, modules);
  expect(await wrongOnSample(worker)).toEqual([]);
  // Errors come back as the library's codes.
  expect((await tokenize("no_such_encoding", ["x"])).body.error).toBe("UNKNOWN_ENCODING");
});

test("the example as wrangler itself bundles it (deploy --dry-run, its wrangler.toml) in workerd", async (ctx) => {
  if (workerd.missing) ctx.skip(workerd.missing);
  if (wrangler.missing) ctx.skip(wrangler.missing);
  // The example as a user has it: its own directory, with bytepair installed.
  const dir = freshDir("wrangler");
  cpSync(join(repoRoot, "examples/cloudflare-worker"), dir, { recursive: true });
  mkdirSync(join(dir, "node_modules"));
  symlinkSync(repoRoot, join(dir, "node_modules/bytepair"), "dir");
  await run(wrangler.path, ["deploy", "--dry-run", "--outdir", "dist"], { cwd: dir, env: { WRANGLER_SEND_METRICS: "false", CI: "1" }, timeoutMs: 120_000 });
  const dist = join(dir, "dist");
  const kindOf = (name: string): Module["kind"] => (name.endsWith(".wasm") ? "wasm" : name.endsWith(".bpv") ? "data" : "esModule");
  const files = readdirSync(dist).filter((name) => /\.(js|wasm|bpv)$/.test(name));
  // The main module first; wrangler kept the engine and the vocabularies as modules of their own.
  const modules = ["index.js", ...files.filter((name) => name !== "index.js")].map((name) => ({ name, kind: kindOf(name) }));
  expect(modules.map((m) => m.kind).sort()).toEqual(["data", "data", "data", "data", "esModule", "wasm"]);
  wranglerWorker = await serveWorker(workerd.path, dist, modules);
  expect(await wrongOnSample(wranglerWorker)).toEqual([]);
});

test('a Worker importing "bytepair" instead of "bytepair/worker" gets errors that say what to do', async (ctx) => {
  if (workerd.missing) ctx.skip(workerd.missing);
  const dir = freshDir("workerd-main");
  mainEntryWorker = await serveWorker(workerd.path, dir, await bundleWorker(join(repoRoot, "test/runtimes/worker-main-entry.mjs"), dir));
  const noInit = await (await fetch(`${mainEntryWorker.origin}/`)).json();
  expect(noInit).toMatchObject({ name: "BytepairError", code: "ASSET_LOAD_FAILED", message: expect.stringMatching(/gives modules no URL.*init\(\{ wasm, vocab \}\).*"bytepair\/worker"/) });
  const bytes = await (await fetch(`${mainEntryWorker.origin}/bytes`)).json();
  expect(bytes).toMatchObject({ name: "BytepairError", code: "ASSET_LOAD_FAILED", message: expect.stringMatching(/Could not compile the engine from the bytes given to init.*"bytepair\/worker"/) });
});

test("the shared parity check in workerd: ids, counts, and decode as workerd's TextDecoder makes it (no Buffer there)", async (ctx) => {
  if (workerd.missing) ctx.skip(workerd.missing);
  const dir = freshDir("workerd-parity");
  parityWorker = await serveWorker(workerd.path, dir, await bundleWorker(join(repoRoot, "test/runtimes/worker-parity.mjs"), dir));
  const response = await fetch(parityWorker.origin, { method: "POST", body: JSON.stringify(sample) });
  const result = await response.json();
  expect(result).toMatchObject({ mismatchCount: 0, hasBuffer: false });
  expect(result.checked).toBe(sample.texts.length * Object.keys(sample.expected).length);
});
