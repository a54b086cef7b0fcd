// The one worker pool (Node), for train()'s counting and `bytepair encode-file`: N worker threads
// started from one script, each task sent to the least busy worker, at most `inFlight` to each (so a
// fast producer cannot pile its input up in memory), every reply handed to the caller's handler.
//
// The first failure ends the run: a worker's "error" or "messageerror" event, a worker that stops
// while the run still needs it, or a throw from the reply handler (which may run a caller's progress
// callback: a throw left in a message handler would crash the process). Every wait then rejects with
// exactly what was thrown, and withPool terminates every worker, whether the run failed or not.

import type { ResourceLimits, Worker } from "node:worker_threads";

export interface PoolOptions<Reply> {
  script: URL;
  workerData: unknown;
  workers: number;
  /** The most tasks one worker holds at a time. */
  inFlight: number;
  resourceLimits?: ResourceLimits;
  /** Called for each reply, one per task, until the run fails; a throw fails the run with what it threw. */
  onReply(reply: Reply): void;
  /** The failure for a worker that stopped on its own before answering its last task. */
  stopped(exitCode: number): Error;
}

export interface Pool<Request> {
  /** Whether some worker holds fewer than `inFlight` tasks. */
  hasRoom(): boolean;
  /** Gives `request` to the least busy worker, moving the `transfer` buffers; throws the failure once the run has failed. */
  send(request: Request, transfer?: ArrayBuffer[]): void;
  /** Gives every worker its last task: once it has answered all it was given, a worker may stop. */
  sendLast(request: Request): void;
  /** Waits for replies until `ready()` holds; rejects with the failure once the run has failed. */
  waitUntil(ready: () => boolean): Promise<void>;
}

interface Slot {
  worker: Worker;
  busy: number;
  sentLast: boolean;
}

/** Starts the workers, runs `run` with them, and terminates them all when it settles. */
export async function withPool<Request, Reply, T>(options: PoolOptions<Reply>, run: (pool: Pool<Request>) => Promise<T>): Promise<T> {
  const { Worker } = await import("node:worker_threads");
  let failure: { value: unknown } | undefined; // set once; what was thrown may be any value
  let closing = false; // from here an exit is ours, not a failure
  let wake: (() => void) | undefined;
  const fail = (value: unknown) => {
    failure ??= { value };
    wake?.();
  };
  const slots: Slot[] = [];
  const start = () => {
    const slot: Slot = { worker: new Worker(options.script, { workerData: options.workerData, resourceLimits: options.resourceLimits }), busy: 0, sentLast: false };
    slot.worker.on("message", (reply: Reply) => {
      if (failure) return; // ending: later replies are of no use, and the handler must not run again
      slot.busy--;
      try {
        options.onReply(reply);
      } catch (e) {
        fail(e);
      }
      wake?.();
    });
    slot.worker.on("error", fail);
    slot.worker.on("messageerror", fail);
    slot.worker.on("exit", (code: number) => {
      if (!closing && !(slot.sentLast && slot.busy === 0)) fail(options.stopped(code));
    });
    slots.push(slot);
  };
  const throwIfFailed = () => {
    if (failure) throw failure.value;
  };
  const leastBusy = () => slots.reduce((a, b) => (b.busy < a.busy ? b : a));
  const post = (slot: Slot, request: Request, transfer?: ArrayBuffer[]) => {
    throwIfFailed();
    slot.busy++;
    slot.worker.postMessage(request, transfer);
  };
  const pool: Pool<Request> = {
    hasRoom: () => leastBusy().busy < options.inFlight,
    send: (request, transfer) => post(leastBusy(), request, transfer),
    sendLast(request) {
      for (const slot of slots) {
        post(slot, request);
        slot.sentLast = true;
      }
    },
    // Each wait comes right after its condition is checked, with no await between, so a reply
    // cannot slip past unnoticed.
    async waitUntil(ready) {
      for (;;) {
        throwIfFailed();
        if (ready()) return;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
  };
  try {
    for (let i = 0; i < options.workers; i++) start();
    return await run(pool);
  } finally {
    closing = true;
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }
}
