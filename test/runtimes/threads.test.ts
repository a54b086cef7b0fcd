// Tokenizers in worker_threads built from one compiled WebAssembly.Module handed to init(): each
// thread instantiates its own memory, so concurrent calls in several threads give exactly the ids
// one tokenizer gives alone.

import { afterAll, expect, test } from "vitest";
import { readFileSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { corpusDocuments } from "../helpers/corpus.js";
import { describeDifference, reference } from "../helpers/reference.js";

const workers: Worker[] = [];
afterAll(() => Promise.all(workers.map((w) => w.terminate())));

/** A thread with a tokenizer of `encoding` (whose rank file has the same name). */
function start(encoding: string, module: WebAssembly.Module): Promise<Worker> {
  const vocab = readFileSync(new URL(`../../build/vocab/${encoding}.bpv`, import.meta.url));
  const worker = new Worker(new URL("../helpers/module-worker.mjs", import.meta.url), { workerData: { module, vocab, ranks: encoding, encoding } });
  workers.push(worker);
  return new Promise((resolve, reject) => {
    worker.once("message", () => resolve(worker));
    worker.once("error", reject);
  });
}

test(`3 threads share one compiled Module; concurrent calls give tiktoken's ids`, async () => {
  const module = new WebAssembly.Module(readFileSync(new URL("../../build/bytepair.wasm", import.meta.url)));
  const encodings = ["o200k_base", "o200k_base", "cl100k_base"];
  const pool = await Promise.all(encodings.map((encoding) => start(encoding, module)));
  const texts = [...corpusDocuments("udhr").slice(0, 60), ...corpusDocuments("ts-code").slice(0, 30)].map((d, i) => (i % 7 === 0 ? d + "<|endoftext|>" : d));
  // Every text goes to every thread at once, so calls on different instances interleave.
  const results = await Promise.all(
    pool.map(
      (worker, k) =>
        new Promise<Uint32Array[]>((resolve, reject) => {
          const ids: Uint32Array[] = [];
          worker.on("message", (reply: { index: number; ids: Uint32Array }) => {
            ids[reply.index] = reply.ids;
            if (ids.filter(Boolean).length === texts.length) resolve(ids);
          });
          worker.once("error", reject);
          texts.forEach((text, index) => worker.postMessage({ text, index }));
        }).then((ids) => ({ encoding: encodings[k], ids })),
    ),
  );
  for (const [k, { encoding, ids }] of results.entries()) {
    texts.forEach((text, i) => {
      expect(describeDifference(encoding, ids[i], reference(encoding).encode(text, "all"), `thread ${k}, text ${i}`)).toBeNull();
    });
  }
});
