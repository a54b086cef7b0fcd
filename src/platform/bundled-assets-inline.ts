// bytepair/inline's stand-in for bundled-assets.ts and bundled-vocab.ts (scripts/build-host.mjs swaps
// both for this module): the .wasm and each vocabulary are JavaScript modules of their own
// (build/inline/wasm.js, build/inline/vocab/NAME.js, each a base64 string), imported on first use,
// for bundlers and runtimes that handle no asset files. One literal import() per vocabulary, so bundlers split each
// into a chunk of its own and an app loads only the ones it uses.

import { BytepairError } from "../errors.js";
import { decodeBase64 } from "./base64.js";
import type { bundledWasm as WasmLocator, bundledTrainWorker as TrainWorkerLocator } from "./bundled-assets.js";
import type { bundledVocab as VocabLocator } from "./bundled-vocab.js";

export const bundledWasm: typeof WasmLocator = () => inlined("bytepair.wasm", import("bytepair-inline:wasm"));

export const bundledVocab: typeof VocabLocator = (ranks) => {
  switch (ranks) {
    case "r50k_base":
      return inlined("vocab/r50k_base.bpv", import("bytepair-inline:vocab/r50k_base"));
    case "p50k_base":
      return inlined("vocab/p50k_base.bpv", import("bytepair-inline:vocab/p50k_base"));
    case "cl100k_base":
      return inlined("vocab/cl100k_base.bpv", import("bytepair-inline:vocab/cl100k_base"));
    case "o200k_base":
      return inlined("vocab/o200k_base.bpv", import("bytepair-inline:vocab/o200k_base"));
    default:
      throw new BytepairError("ASSET_LOAD_FAILED", `No packed vocabulary ${ranks}.bpv ships with bytepair`);
  }
};

// build/inline/ is one folder below build/, where train()'s worker thread is (Node only).
// Not the pattern bundlers look for, as in bundled-assets.ts: web bundlers would emit it.
export const bundledTrainWorker: typeof TrainWorkerLocator = () => {
  const here = import.meta.url;
  return new URL("../train-worker.js", here);
};

async function inlined(file: string, module: Promise<{ default: string }>): Promise<Uint8Array<ArrayBuffer>> {
  let text: string;
  try {
    text = (await module).default;
  } catch (e) {
    throw new BytepairError("ASSET_LOAD_FAILED", `Could not load ${file} inside bytepair/inline: ${(e as Error).message}`);
  }
  try {
    return decodeBase64(text, file);
  } catch (e) {
    throw new BytepairError("ASSET_LOAD_FAILED", `Could not read ${file} inside bytepair/inline: ${(e as Error).message}`);
  }
}
