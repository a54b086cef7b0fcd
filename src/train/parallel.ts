// Counting pre-tokens in worker threads (Node, through the one pool in node/pool.ts): texts, or a
// file's pieces as bytes (moved, not copied), go to the least busy worker, at most two in flight each
// (so a fast reader cannot pile up the file in memory); then each worker's counts are added into the
// main trainer. Counts are sums, so the result equals counting in one thread.
//
// The first failure wins and ends the count: a worker's error reply, error event or exit before it
// handed its counts over, or a throw from `onBytes` (the caller's progress callback). countInWorkers
// then rejects with it, after terminating every worker.

import { BytepairError, type BytepairErrorCode } from "../errors.js";
import { engineModule } from "../engine/wasm/module.js";
import { withPool } from "../node/pool.js";
import { bundledTrainWorker } from "../platform/bundled-assets.js";
import type { PatternFamily } from "../patterns.js";
import type { TrainerEngine, CountedWords } from "./engine.js";
import type { WorkerRequest, WorkerReply } from "./worker.js";
import type { FilePiece } from "./file-input.js";

const IN_FLIGHT = 2;

export async function countInWorkers(
  pieces: AsyncIterable<string | FilePiece>,
  into: TrainerEngine,
  options: { workers: number; pattern: PatternFamily; specials: string[]; onBytes: (bytes: number) => void },
): Promise<void> {
  const module = await engineModule();
  const words: CountedWords[] = [];
  const onReply = (reply: WorkerReply) => {
    if (reply.type === "counted") options.onBytes(reply.bytes);
    else if (reply.type === "words") words.push({ bytes: reply.bytes, records: reply.records });
    else throw workerFailure(reply);
  };
  const poolOptions = {
    script: bundledTrainWorker(),
    workerData: { module, pattern: options.pattern, specials: options.specials },
    workers: options.workers,
    inFlight: IN_FLIGHT,
    onReply,
    stopped: (code: number) => new Error(`A training worker stopped (exit code ${code}) before handing over its counts`),
  };
  await withPool<WorkerRequest, WorkerReply, void>(poolOptions, async (pool) => {
    for await (const piece of pieces) {
      await pool.waitUntil(() => pool.hasRoom());
      if (typeof piece === "string") pool.send({ type: "text", text: piece });
      else pool.send({ type: "bytes", piece }, [piece.bytes.buffer as ArrayBuffer]);
    }
    pool.sendLast({ type: "finish" });
    await pool.waitUntil(() => words.length === options.workers);
  });
  for (const counted of words) into.mergeWords(counted);
}

/** A worker's error reply as an error: a BytepairError keeps its code. */
function workerFailure(reply: Extract<WorkerReply, { type: "error" }>): Error {
  const message = `A training worker failed: ${reply.message}`;
  return reply.code ? new BytepairError(reply.code as BytepairErrorCode, message) : new Error(message);
}
