// Loading tokenizers: the named encodings (once per process and engine), OpenAI model names, and
// train() (its code loaded on first call).

import { BytepairError, describeValue, quote } from "./errors.js";
import type { Tokenizer } from "./tokenizer/tokenizer.js";
import { bundledVocab } from "./platform/bundled-vocab.js";
import { ENCODINGS, encodingNames, type EncodingName } from "./encodings/registry.js";
import { encodingNameForModel } from "./encodings/models.js";
import { loadEncoding, type GetEncodingOptions } from "./load-encoding.js";
import type { TrainInput, TrainOptions, TrainResult } from "./train/types.js";

export type { GetEncodingOptions };

/** The named encoding, loaded once per process and engine (later calls share it). */
export function getEncoding(name: EncodingName, options?: GetEncodingOptions): Promise<Tokenizer> {
  if (typeof name !== "string") {
    return Promise.reject(new BytepairError("INVALID_ARGUMENT", `Expected the encoding's name to be a string, got ${describeValue(name)}`));
  }
  if (!Object.hasOwn(ENCODINGS, name)) {
    return Promise.reject(new BytepairError("UNKNOWN_ENCODING", `Unknown encoding ${quote(name)}; known: ${encodingNames.join(", ")}`));
  }
  return loadEncoding(name, options, bundledVocab);
}

/** The encoding an OpenAI model uses, e.g. "gpt-4o" -> o200k_base. */
export function encodingForModel(model: string, options?: GetEncodingOptions): Promise<Tokenizer> {
  if (typeof model !== "string") {
    return Promise.reject(new BytepairError("INVALID_ARGUMENT", `Expected the model's name to be a string, got ${describeValue(model)}`));
  }
  const name = encodingNameForModel(model);
  if (!name) return Promise.reject(new BytepairError("UNKNOWN_MODEL", `No known encoding for model ${quote(model)}`));
  return getEncoding(name, options);
}

/** Learns a byte-level BPE vocabulary from text (see src/train/index.ts; loaded on first call). */
export async function train(input: TrainInput, options: TrainOptions): Promise<TrainResult> {
  const { train } = await import("./train/index.js");
  return train(input, options);
}
