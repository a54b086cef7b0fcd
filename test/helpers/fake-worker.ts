// A stand-in for node:worker_threads' Worker, for tests of worker pools (vi.doMock it in): each
// message posted to it goes to `FakeWorker.behaviour`, which answers by emitting "message", "error",
// "messageerror" or "exit" on the worker, or by not answering at all.

import { EventEmitter } from "node:events";

export type Behaviour<Request> = (worker: FakeWorker, request: Request) => void;

export class FakeWorker extends EventEmitter {
  static behaviour: Behaviour<any> = () => {};
  /** Every worker made since the last reset, in order. */
  static all: FakeWorker[] = [];
  terminated = false;

  constructor() {
    super();
    FakeWorker.all.push(this);
  }

  /** A new behaviour for the workers made from now on, and no workers yet. */
  static reset<Request>(behaviour: Behaviour<Request>): void {
    FakeWorker.behaviour = behaviour;
    FakeWorker.all = [];
  }

  postMessage(request: unknown): void {
    setImmediate(() => FakeWorker.behaviour(this, request));
  }

  terminate(): Promise<number> {
    this.terminated = true;
    setImmediate(() => this.emit("exit", 1));
    return Promise.resolve(1);
  }
}
