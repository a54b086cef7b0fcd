// Counting pre-tokens in worker threads (Node): texts go to the least busy worker, at most two in
// flight each (so a fast reader cannot pile up the file in memory); then each worker's counts are
// added into the main trainer. Counts are sums, so the result equals counting in one thread.
//
// The first failure wins and ends the count: a worker's error reply, error event or exit before it
// handed its counts over, or a throw from `onBytes` (the caller's progress callback, run in a message
// handler, where a throw would crash the process). countInWorkers then rejects with it, after
// terminating every worker.

import { BytepairError, type BytepairErrorCode } from "../errors.js";
import { engineModule } from "../engine/module.js";
import type { PatternFamily } from "../patterns.js";
import type { TrainerEngine, CountedWords } from "./engine.js";
import type { WorkerRequest, WorkerReply } from "./worker.js";

const IN_FLIGHT = 2;

/** Set once; `value` is what was thrown, which may be any value (a callback may throw a string). */
type Failure = { value: unknown };

export async function countInWorkers(
  texts: AsyncIterable<string>,
  into: TrainerEngine,
  options: { workers: number; pattern: PatternFamily; specials: string[]; onBytes: (bytes: number) => void },
): Promise<void> {
  const { Worker } = await import("node:worker_threads");
  const module = await engineModule();
  const workerUrl = new URL("./train-worker.js", import.meta.url);
  let failure: Failure | undefined;
  let wake: (() => void) | undefined;
  const fail = (value: unknown) => {
    failure ??= { value };
    wake?.();
  };
  const words: CountedWords[] = [];
  const pool = Array.from({ length: options.workers }, () => {
    const worker = new Worker(workerUrl, { workerData: { module, pattern: options.pattern, specials: options.specials } });
    return { worker, busy: 0, handedOver: false };
  });
  for (const slot of pool) {
    slot.worker.on("message", (reply: WorkerReply) => {
      if (failure) return; // ending: later replies are of no use, and the callback must not run again
      try {
        if (reply.type === "counted") {
          slot.busy--;
          options.onBytes(reply.bytes);
        } else if (reply.type === "words") {
          slot.handedOver = true;
          words.push({ bytes: reply.bytes, records: reply.records });
        } else {
          fail(workerFailure(reply));
        }
      } catch (e) {
        fail(e);
      }
      wake?.();
    });
    slot.worker.on("error", fail);
    slot.worker.on("messageerror", fail);
    slot.worker.on("exit", (code: number) => {
      if (!slot.handedOver) fail(new Error(`A training worker stopped (exit code ${code}) before handing over its counts`));
    });
  }
  const waitForReply = () => new Promise<void>((resolve) => (wake = resolve));
  const send = (slot: (typeof pool)[number], request: WorkerRequest) => slot.worker.postMessage(request);
  const stopIfFailed = () => {
    if (failure) throw failure.value;
  };

  try {
    for await (const text of texts) {
      let slot = pool.reduce((a, b) => (b.busy < a.busy ? b : a));
      while (slot.busy >= IN_FLIGHT && !failure) {
        await waitForReply();
        slot = pool.reduce((a, b) => (b.busy < a.busy ? b : a));
      }
      stopIfFailed();
      slot.busy++;
      send(slot, { type: "text", text });
    }
    stopIfFailed();
    for (const slot of pool) send(slot, { type: "finish" });
    while (words.length < pool.length && !failure) await waitForReply();
    stopIfFailed();
    for (const counted of words) into.mergeWords(counted);
  } finally {
    // From here an exit is ours: it must not count as a failure.
    for (const slot of pool) slot.handedOver = true;
    await Promise.all(pool.map((slot) => slot.worker.terminate()));
  }
}

/** A worker's error reply as an error: a BytepairError keeps its code. */
function workerFailure(reply: Extract<WorkerReply, { type: "error" }>): Error {
  const message = `A training worker failed: ${reply.message}`;
  return reply.code ? new BytepairError(reply.code as BytepairErrorCode, message) : new Error(message);
}
