// Cloudflare Workers: examples/cloudflare-worker bundled as wrangler bundles it (through the
// "bytepair/worker" entry, the .wasm as a compiled module, the vocabularies as data modules) and
// served by workerd; POST /tokenize must give tiktoken's ids and counts for the whole sample.

import { afterAll, expect, test } from "vitest";
import { join } from "node:path";
import { NODE_BIN, findBinary, freshDir, repoRoot, writeSample, removeFreshDirs } from "./runtimes/harness.js";
import { bundleWorker, serveWorker, type RunningWorker } from "./runtimes/workerd.js";

const workerd = findBinary(join(NODE_BIN, "workerd"), "npm package workerd");
const { sample } = writeSample();
let worker: RunningWorker | undefined;
let mainEntryWorker: RunningWorker | undefined;
afterAll(() => {
  worker?.stop();
  mainEntryWorker?.stop();
  removeFreshDirs();
});

async function tokenize(encoding: string, texts: string[]) {
  const response = await fetch(`${worker!.origin}/tokenize`, { method: "POST", body: JSON.stringify({ encoding, texts }) });
  return { status: response.status, body: await response.json() };
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
  for (const [encoding, expected] of Object.entries(sample.expected)) {
    const { status, body } = await tokenize(encoding, sample.texts);
    expect(status).toBe(200);
    const wrong = sample.texts.map((_, i) => i).filter((i) => JSON.stringify(body.ids[i]) !== JSON.stringify(expected[i]) || body.counts[i] !== expected[i].length);
    expect(wrong.map((i) => ({ encoding, text: sample.texts[i].slice(0, 60) }))).toEqual([]);
  }
  // Errors come back as the library's codes.
  expect((await tokenize("no_such_encoding", ["x"])).body.error).toBe("UNKNOWN_ENCODING");
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
