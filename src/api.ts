// Loading tokenizers: the named encodings (once per process and engine), OpenAI model names, and
// train() (its code loaded on first call).

import { BytepairError, describeValue, quote } from "./errors.js";
import { Tokenizer } from "./tokenizer/tokenizer.js";
import { checkEngineKind, createEngine, createWasmEngine } from "./engine/select.js";
import type { EngineKind } from "./engine/contract.js";
import { engineModule } from "./engine/wasm/module.js";
import { readAsset } from "./platform/assets.js";
import { bundledVocab } from "./platform/bundled-assets.js";
import { readPackedVocab } from "./vocab/file.js";
import { withVocabFile } from "./vocab/read.js";
import { ENCODINGS, encodingNames, type EncodingName } from "./encodings/registry.js";
import { encodingNameForModel } from "./encodings/models.js";
import { TokenizerModel } from "./tokenizer/model.js";
import { vocabFailed, vocabSource } from "./platform/init.js";
import type { TrainInput, TrainOptions, TrainResult } from "./train/types.js";

export interface GetEncodingOptions {
  /** "wasm" (default): the WebAssembly engine; "js": its pure-JS twin (same ids, slower). */
  engine?: EngineKind;
}

const loaded = new Map<string, Promise<Tokenizer>>();

/** The named encoding, loaded once per process and engine (later calls share it). */
export function getEncoding(name: EncodingName, options?: GetEncodingOptions): Promise<Tokenizer> {
  if (typeof name !== "string") {
    return Promise.reject(new BytepairError("INVALID_ARGUMENT", `Expected the encoding's name to be a string, got ${describeValue(name)}`));
  }
  if (!Object.hasOwn(ENCODINGS, name)) {
    return Promise.reject(new BytepairError("UNKNOWN_ENCODING", `Unknown encoding ${quote(name)}; known: ${encodingNames.join(", ")}`));
  }
  let engine: EngineKind;
  try {
    engine = checkEngineKind(options === undefined ? undefined : Object(options).engine);
  } catch (e) {
    return Promise.reject(e);
  }
  const key = `${name}/${engine}`;
  let tokenizer = loaded.get(key);
  if (!tokenizer) {
    tokenizer = load(name, engine);
    loaded.set(key, tokenizer);
    tokenizer.catch(() => loaded.delete(key)); // a failed load may be retried
  }
  return tokenizer;
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

async function load(name: EncodingName, kind: EngineKind): Promise<Tokenizer> {
  const spec = ENCODINGS[name];
  const source = vocabSource(spec.ranks, () => bundledVocab(spec.ranks));
  const where = source instanceof URL ? source.href : `${spec.ranks}.bpv ${source instanceof Uint8Array ? "from init({ vocab })" : "inside bytepair/inline"}`;
  // The wasm module compiles while the vocabulary loads.
  const module = kind === "wasm" ? engineModule() : undefined;
  try {
    if (kind === "wasm" && source instanceof URL && source.protocol === "file:") {
      // Node, Deno, Bun: the tables are read from the file straight into the engine's memory.
      const engine = await withVocabFile(source, where, (tables) => createWasmEngine(tables, spec.pattern, spec.specialTokens, where));
      return new Tokenizer(name, engine, spec.specialTokens, TokenizerModel.fromPacked(() => engine.loadedVocab(spec.ranks), spec.pattern));
    }
    const [bytes] = await Promise.all([source instanceof URL ? readAsset(source) : source, module]);
    const vocab = readPackedVocab(bytes, where);
    const engine = await createEngine(kind, vocab, spec.pattern, spec.specialTokens, where);
    return new Tokenizer(name, engine, spec.specialTokens, TokenizerModel.fromPacked(() => vocab, spec.pattern));
  } catch (e) {
    vocabFailed();
    await module?.catch(() => {}); // a failed compile has released its source before we report
    throw e;
  }
}
