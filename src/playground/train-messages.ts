// What the page and its training worker (train-worker.ts) send each other.

export interface TrainRequest {
  text: string;
  vocabSize: number;
}

export type TrainReply =
  | { type: "progress"; phase: "count" | "merge"; bytes: number; merges: number; targetMerges: number }
  | { type: "done"; merges: Array<[Uint8Array, Uint8Array]> }
  | { type: "error"; code: string; message: string };
