// The page's training thread (build/playground/train-worker.js): the library's train() on the page's
// text, away from the page's own thread so that the page stays responsive, with progress as it goes.
// Its .wasm loads from beside it (/bytepair.wasm), as the page's does.

import { train } from "../train/index.js";
import { BytepairError } from "../errors.js";
import type { TrainReply, TrainRequest } from "./train-messages.js";

const scope = globalThis as unknown as { postMessage(reply: TrainReply): void; onmessage: ((event: MessageEvent<TrainRequest>) => void) | null };

scope.onmessage = async (event) => {
  const { text, vocabSize } = event.data;
  try {
    // train() accepts an empty text (it learns no merge); in the page that is a mistake to point out.
    if (text.length === 0) throw new BytepairError("INVALID_ARGUMENT", "The training text is empty: paste some text or drop a file on it");
    const { merges } = await train(text, {
      vocabSize,
      workers: 0,
      onProgress: ({ phase, bytes, merges, targetMerges }) => scope.postMessage({ type: "progress", phase, bytes, merges, targetMerges }),
    });
    scope.postMessage({ type: "done", merges });
  } catch (e) {
    scope.postMessage({ type: "error", code: e instanceof BytepairError ? e.code : "INTERNAL", message: e instanceof Error ? e.message : String(e) });
  }
};
