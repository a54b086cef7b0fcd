// Counting pre-tokens in worker threads (Node): texts go to the least busy worker, at most two in
// flight each (so a fast reader cannot pile up the file in memory); then each worker's counts are
// added into the main trainer. Counts are sums, so the result equals counting in one thread.

import { BytepairError } from "../errors.js";
import { engineModule } from "../wasm.js";
import type { PatternFamily } from "../encodings/registry.js";
import type { TrainerEngine, CountedWords } from "./engine.js";
import type { WorkerRequest, WorkerReply } from "./worker.js";

const IN_FLIGHT = 2;

export async function countInWorkers(
  texts: AsyncIterable<string>,
  into: TrainerEngine,
  options: { workers: number; pattern: PatternFamily; specials: string[]; onBytes: (bytes: number) => void },
): Promise<void> {
  const { Worker } = await import("node:worker_threads");
  const module = await engineModule();
  const workerUrl = new URL("./train-worker.js", import.meta.url);
  const pool = Array.from({ length: options.workers }, () => {
    const worker = new Worker(workerUrl, { workerData: { module, pattern: options.pattern, specials: options.specials } });
    return { worker, busy: 0 };
  });
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const words: CountedWords[] = [];
  for (const slot of pool) {
    slot.worker.on("message", (reply: WorkerReply) => {
      if (reply.type === "counted") {
        slot.busy--;
        options.onBytes(reply.bytes);
      } else if (reply.type === "words") {
        words.push({ bytes: reply.bytes, records: reply.records });
      } else {
        failure ??= new BytepairError("OUT_OF_MEMORY", `A training worker failed: ${reply.message}`);
      }
      wake?.();
    });
    slot.worker.on("error", (e: Error) => {
      failure ??= e;
      wake?.();
    });
  }
  const waitForReply = () => new Promise<void>((resolve) => (wake = resolve));
  const send = (slot: (typeof pool)[number], request: WorkerRequest) => slot.worker.postMessage(request);

  try {
    for await (const text of texts) {
      let slot = pool.reduce((a, b) => (b.busy < a.busy ? b : a));
      while (slot.busy >= IN_FLIGHT && !failure) {
        await waitForReply();
        slot = pool.reduce((a, b) => (b.busy < a.busy ? b : a));
      }
      if (failure) throw failure;
      slot.busy++;
      send(slot, { type: "text", text });
    }
    for (const slot of pool) send(slot, { type: "finish" });
    while (words.length < pool.length && !failure) await waitForReply();
    if (failure) throw failure;
    for (const counted of words) into.mergeWords(counted);
  } finally {
    await Promise.all(pool.map((slot) => slot.worker.terminate()));
  }
}
