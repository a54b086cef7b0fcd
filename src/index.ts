// bytepair: byte-level BPE, tiktoken-exact, with the hot loops in one WebAssembly module.

import { BytepairError } from "./errors.js";
import { Tokenizer } from "./tokenizer.js";
import { Engine } from "./engine.js";
import { instantiateEngine } from "./wasm.js";
import { readAsset, assetUrl } from "./assets.js";
import { readPackedVocab } from "./vocab-file.js";
import { ENCODINGS, encodingNames, type EncodingName } from "./encodings/registry.js";
import { encodingNameForModel } from "./encodings/models.js";
import { TokenizerModel } from "./model.js";

export { BytepairError, Tokenizer, encodingNames };
export { train } from "./train/index.js";
export type { TrainInput, TrainOptions, TrainProgress, TrainResult } from "./train/index.js";
export type { EncodingName };
export type { BytepairErrorCode } from "./errors.js";
export type { EncodeOptions, FromBpeOptions, FromTiktokenOptions, FromHuggingFaceOptions, TokenizerInfo } from "./tokenizer.js";

const loaded = new Map<EncodingName, Promise<Tokenizer>>();

/** The named encoding, loaded once per process (later calls share it). */
export function getEncoding(name: EncodingName): Promise<Tokenizer> {
  if (typeof name !== "string" || !Object.hasOwn(ENCODINGS, name)) {
    return Promise.reject(
      new BytepairError("UNKNOWN_ENCODING", `Unknown encoding ${JSON.stringify(name)}; known: ${encodingNames.join(", ")}`),
    );
  }
  let tokenizer = loaded.get(name);
  if (!tokenizer) {
    tokenizer = load(name);
    loaded.set(name, tokenizer);
    tokenizer.catch(() => loaded.delete(name)); // a failed load may be retried
  }
  return tokenizer;
}

/** The encoding an OpenAI model uses, e.g. "gpt-4o" -> o200k_base. */
export function encodingForModel(model: string): Promise<Tokenizer> {
  const name = typeof model === "string" ? encodingNameForModel(model) : undefined;
  if (!name) return Promise.reject(new BytepairError("UNKNOWN_MODEL", `No known encoding for model ${JSON.stringify(model)}`));
  return getEncoding(name);
}

async function load(name: EncodingName): Promise<Tokenizer> {
  const spec = ENCODINGS[name];
  const url = assetUrl(`./vocab/${spec.ranks}.bpv`);
  const [wasm, bytes] = await Promise.all([instantiateEngine(), readAsset(url)]);
  const vocab = readPackedVocab(bytes, url.href);
  const engine = new Engine(wasm, vocab, spec.pattern, spec.specialTokens, url.href);
  return new Tokenizer(name, engine, spec.specialTokens, TokenizerModel.fromPacked(vocab, spec.pattern));
}
