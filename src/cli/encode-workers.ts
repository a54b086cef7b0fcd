// encode-file's worker threads (through the one pool in node/pool.ts): pieces of the file are moved
// to them (not copied), at most IN_FLIGHT to each, and their ids come back to the sink in input order;
// the first failure in the file is the one reported.

import { BytepairError, type BytepairErrorCode } from "../errors.js";
import { withPool } from "../node/pool.js";
import type { EncodeOptions } from "../tokenizer/options.js";
import type { EncodeRequest, EncodeReply, TokenizerSource } from "./encode-worker.js";

const IN_FLIGHT = 2;

/** A piece of the file as the sink needs it: its length, its "\n" bytes, and its ids' greatest id when known. */
export interface PieceSize {
  length: number;
  newlines: number;
  maxId?: number;
}

/**
 * Where the ids go, in input order, and how a disallowed special token is reported: at byte `index` of
 * the next piece, with `newlines` "\n" bytes before it there.
 */
export interface Sink {
  write(ids: Uint32Array, piece: PieceSize): Promise<void>;
  disallowed(token: string, index: number, newlines: number): Error;
}

/** Pieces to worker threads, at most IN_FLIGHT each; results handed to `write` in input order. */
export async function encodeInWorkers(
  pieces: AsyncIterable<Uint8Array>,
  source: TokenizerSource,
  options: EncodeOptions,
  count: number,
  sink: Sink,
): Promise<void> {
  const lengths = new Map<number, number>(); // each piece's length until its ids are written
  const done = new Map<number, { ids: Uint32Array; maxId: number; newlines: number }>();
  const failed = new Map<number, Extract<EncodeReply, { error: string }>>(); // by piece: the error reported is the first in the file
  let sent = 0;
  let written = 0;
  const flush = async () => {
    while (done.has(written)) {
      const { ids, maxId, newlines } = done.get(written)!;
      done.delete(written);
      await sink.write(ids, { length: lengths.get(written)!, newlines, maxId });
      lengths.delete(written);
      written++;
    }
  };
  const poolOptions = {
    script: new URL("./encode-worker.js", import.meta.url),
    workerData: { source, options },
    workers: count,
    inFlight: IN_FLIGHT,
    // A small young generation: each worker's garbage is a few pieces' text and ids, and V8's default
    // would let it grow to tens of MB per thread before collecting.
    resourceLimits: { maxYoungGenerationSizeMb: 4 },
    onReply: (reply: EncodeReply) => {
      if ("ids" in reply) done.set(reply.seq, reply);
      else failed.set(reply.seq, reply);
    },
    // A worker that stops on its own (out of memory, a crash) would leave its pieces unanswered.
    stopped: (code: number) => new Error(`an encoding worker stopped (exit code ${code}) before its pieces were encoded`),
  };
  await withPool<EncodeRequest, EncodeReply, void>(poolOptions, async (pool) => {
    for await (const bytes of pieces) {
      if (failed.size > 0) break;
      for (;;) {
        await pool.waitUntil(() => done.has(written) || pool.hasRoom());
        if (!done.has(written)) break;
        await flush();
      }
      lengths.set(sent, bytes.length);
      pool.send({ seq: sent++, bytes }, [bytes.buffer as ArrayBuffer]);
    }
    while (written < sent) {
      await pool.waitUntil(() => done.has(written) || failed.has(written));
      const reply = failed.get(written);
      if (reply) {
        const { token, index, newlines, error } = reply;
        if (token !== undefined && index !== undefined) throw sink.disallowed(token, index, newlines ?? 0);
        throw reply.code ? new BytepairError(reply.code as BytepairErrorCode, error) : new Error(error);
      }
      await flush();
    }
  });
}
