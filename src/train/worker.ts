// A worker thread that counts pre-tokens for train() (Node). It receives the compiled engine
// module, then texts or a file's bytes (already cut at safe places); at "finish" it posts back what
// it counted. Any failure is posted as an error reply, with its BytepairError code when it has one.

import { parentPort, workerData } from "node:worker_threads";
import { BytepairError } from "../errors.js";
import { TrainerEngine, type TrainerExports } from "./engine.js";
import { PieceCounter, type FilePiece } from "./file-input.js";
import { specialMatcher } from "../text/segments.js";
import type { PatternFamily } from "../patterns.js";

export type WorkerRequest = { type: "text"; text: string } | { type: "bytes"; piece: FilePiece } | { type: "finish" };
export type WorkerReply =
  | { type: "counted"; bytes: number }
  | { type: "words"; bytes: Uint8Array; records: Uint32Array }
  | { type: "error"; message: string; code?: string };

const { module, pattern, specials } = workerData as { module: WebAssembly.Module; pattern: PatternFamily; specials: string[] };
const port = parentPort!;

function reportError(e: unknown): void {
  const message = e instanceof Error ? e.message : String(e);
  port.postMessage({ type: "error", message, code: e instanceof BytepairError ? e.code : undefined } satisfies WorkerReply);
}

try {
  const instance = await WebAssembly.instantiate(module, {});
  const engine = new TrainerEngine(instance.exports as unknown as TrainerExports, pattern);
  const matcher = specialMatcher(specials);
  const pieces = new PieceCounter(engine, specials);
  port.on("message", (request: WorkerRequest) => {
    try {
      if (request.type === "text") {
        port.postMessage({ type: "counted", bytes: engine.countText(request.text, matcher) } satisfies WorkerReply);
      } else if (request.type === "bytes") {
        port.postMessage({ type: "counted", bytes: pieces.count(request.piece) } satisfies WorkerReply);
      } else {
        const words = engine.exportWords();
        port.postMessage({ type: "words", ...words } satisfies WorkerReply, [words.bytes.buffer as ArrayBuffer, words.records.buffer as ArrayBuffer]);
      }
    } catch (e) {
      reportError(e);
    }
  });
} catch (e) {
  reportError(e);
}
