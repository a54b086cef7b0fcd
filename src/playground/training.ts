// The page's side of the training worker: one training at a time (a new one ends the one running),
// progress passed on, the worker's error turned back into a BytepairError.

import { BytepairError, type BytepairErrorCode } from "../errors.js";
import type { TrainReply } from "./train-messages.js";

export type Merges = Array<[Uint8Array, Uint8Array]>;
export type ProgressReport = Extract<TrainReply, { type: "progress" }>;

/** Thrown to the training a newer one replaced; the page ignores it. */
export class TrainingReplaced extends Error {}

export class TrainingWorker {
  private running?: { worker: Worker; reject: (e: Error) => void };

  train(text: string, vocabSize: number, onProgress: (p: ProgressReport) => void): Promise<Merges> {
    this.stop();
    const worker = new Worker(new URL("./train-worker.js", import.meta.url), { type: "module" });
    return new Promise<Merges>((resolve, reject) => {
      this.running = { worker, reject };
      const finish = () => {
        worker.terminate();
        if (this.running?.worker === worker) this.running = undefined;
      };
      worker.onmessage = (event: MessageEvent<TrainReply>) => {
        const reply = event.data;
        if (reply.type === "progress") return onProgress(reply);
        finish();
        if (reply.type === "done") resolve(reply.merges);
        else reject(new BytepairError(reply.code as BytepairErrorCode, reply.message));
      };
      worker.onerror = (event) => {
        finish();
        reject(new Error(`The training worker failed: ${event.message || "it could not be loaded"}`));
      };
      worker.postMessage({ text, vocabSize });
    });
  }

  /** Ends the running training, if any. */
  stop(): void {
    if (!this.running) return;
    this.running.worker.terminate();
    this.running.reject(new TrainingReplaced("replaced by a newer training"));
    this.running = undefined;
  }
}
