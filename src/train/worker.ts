// A worker thread that counts pre-tokens for train() (Node). It receives the compiled engine
// module, then texts (already cut at safe places); at "finish" it posts back what it counted.

import { parentPort, workerData } from "node:worker_threads";
import { TrainerEngine, type TrainerExports } from "./engine.js";
import { specialMatcher } from "../segments.js";
import type { PatternFamily } from "../encodings/registry.js";

export type WorkerRequest = { type: "text"; text: string } | { type: "finish" };
export type WorkerReply = { type: "counted"; bytes: number } | { type: "words"; bytes: Uint8Array; records: Uint32Array } | { type: "error"; message: string };

const { module, pattern, specials } = workerData as { module: WebAssembly.Module; pattern: PatternFamily; specials: string[] };
const port = parentPort!;

try {
  const instance = await WebAssembly.instantiate(module, {});
  const engine = new TrainerEngine(instance.exports as unknown as TrainerExports, pattern);
  const matcher = specialMatcher(specials);
  port.on("message", (request: WorkerRequest) => {
    try {
      if (request.type === "text") {
        port.postMessage({ type: "counted", bytes: engine.countText(request.text, matcher) } satisfies WorkerReply);
      } else {
        const words = engine.exportWords();
        port.postMessage({ type: "words", ...words } satisfies WorkerReply, [words.bytes.buffer as ArrayBuffer, words.records.buffer as ArrayBuffer]);
      }
    } catch (e) {
      port.postMessage({ type: "error", message: (e as Error).message } satisfies WorkerReply);
    }
  });
} catch (e) {
  port.postMessage({ type: "error", message: (e as Error).message } satisfies WorkerReply);
}
