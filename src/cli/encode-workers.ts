// encode-file's worker threads: pieces of the file go out to them, at most IN_FLIGHT to each, and
// their ids come back to the sink in input order; the first failure in the file is the one reported.

import { Worker } from "node:worker_threads";
import { BytepairError, type BytepairErrorCode } from "../errors.js";
import type { EncodeOptions } from "../tokenizer/tokenizer.js";
import type { EncodeRequest, EncodeReply } from "./encode-worker.js";

const IN_FLIGHT = 2;

/** Where the ids go, in input order, and how a disallowed special token in a piece is reported. */
export interface Sink {
  write(ids: Uint32Array, text: string): Promise<void>;
  disallowed(token: string, text: string, index: number): Error;
}

/** Pieces to worker threads, at most IN_FLIGHT each; results handed to `write` in input order. */
export async function encodeInWorkers(
  pieces: AsyncIterable<{ text: string }>,
  encoding: string,
  options: EncodeOptions,
  count: number,
  sink: Sink,
): Promise<void> {
  const url = new URL("./encode-worker.js", import.meta.url);
  // A small young generation: each worker's garbage is a few pieces' text and ids, and V8's default
  // would let it grow to tens of MB per thread before collecting.
  const resourceLimits = { maxYoungGenerationSizeMb: 4 };
  const workers = Array.from({ length: count }, () => ({ worker: new Worker(url, { workerData: { encoding, options }, resourceLimits }), busy: 0 }));
  const texts = new Map<number, string>();
  const done = new Map<number, Uint32Array>();
  const failed = new Map<number, Extract<EncodeReply, { error: string }>>(); // by piece: the error reported is the first in the file
  let failure: Error | undefined; // a worker that broke down
  let finished = false; // workers exit when terminated at the end: not a failure then
  let wake: (() => void) | undefined;
  for (const slot of workers) {
    slot.worker.on("message", (reply: EncodeReply) => {
      slot.busy--;
      if ("ids" in reply) done.set(reply.seq, reply.ids);
      else failed.set(reply.seq, reply);
      wake?.();
    });
    const fail = (e: Error) => {
      failure ??= e;
      wake?.();
    };
    slot.worker.on("error", fail);
    slot.worker.on("messageerror", fail);
    // A worker that stops on its own (out of memory, a crash) would leave its pieces unanswered.
    slot.worker.on("exit", (code: number) => {
      if (!finished) fail(new Error(`an encoding worker stopped (exit code ${code}) before its pieces were encoded`));
    });
  }
  const nextReply = () => new Promise<void>((resolve) => (wake = resolve));
  let sent = 0;
  let written = 0;
  const flush = async () => {
    while (done.has(written)) {
      const ids = done.get(written)!;
      done.delete(written);
      await sink.write(ids, texts.get(written)!);
      texts.delete(written);
      written++;
    }
  };
  // Each wait for a reply comes right after its condition is checked, with no await between, so a
  // reply cannot slip past unnoticed.
  const leastBusy = () => workers.reduce((a, b) => (b.busy < a.busy ? b : a));
  try {
    for await (const { text } of pieces) {
      if (failed.size > 0) break;
      for (;;) {
        if (failure) throw failure;
        if (done.has(written)) await flush();
        else if (leastBusy().busy < IN_FLIGHT) break;
        else await nextReply();
      }
      const slot = leastBusy();
      texts.set(sent, text);
      slot.busy++;
      slot.worker.postMessage({ seq: sent++, text } satisfies EncodeRequest);
    }
    while (written < sent) {
      if (failure) throw failure;
      const reply = failed.get(written);
      if (reply) {
        const { token, index, error } = reply;
        if (token !== undefined && index !== undefined) throw sink.disallowed(token, texts.get(written)!, index);
        throw reply.code ? new BytepairError(reply.code as BytepairErrorCode, error) : new Error(error);
      }
      if (done.has(written)) await flush();
      else await nextReply();
    }
  } finally {
    finished = true;
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }
}
