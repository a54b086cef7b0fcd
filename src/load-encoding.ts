// Loading a named encoding, once per process and engine, from wherever its packed vocabulary is:
// getEncoding (src/api.ts) and the per-encoding entries (src/encoding-entries/) share this, and with
// it one tokenizer per encoding. Each caller says where the bundled file is, so that the literal a
// bundler emits is in the caller's module graph and nowhere else.

import { Tokenizer } from "./tokenizer/tokenizer.js";
import { checkEngineKind, createEngine, createWasmEngine } from "./engine/select.js";
import type { EngineKind } from "./engine/contract.js";
import { engineModule } from "./engine/wasm/module.js";
import { readAsset } from "./platform/assets.js";
import { readPackedVocab } from "./vocab/file.js";
import { withVocabFile } from "./vocab/read.js";
import { ENCODINGS, type EncodingName } from "./encodings/registry.js";
import { TokenizerModel } from "./tokenizer/model.js";
import { vocabFailed, vocabSource } from "./platform/init.js";

export interface GetEncodingOptions {
  /** "wasm" (default): the WebAssembly engine; "js": its pure-JS twin (same ids, slower). */
  engine?: EngineKind;
}

/** Where the packed file `ranks` ships: its URL, or its bytes (bytepair/inline). */
export type BundledVocab = (ranks: string) => URL | Promise<Uint8Array<ArrayBuffer>>;

const loaded = new Map<string, Promise<Tokenizer>>();

/** The encoding `name` (a known one), loaded once per process and engine; later calls share it. */
export function loadEncoding(name: EncodingName, options: GetEncodingOptions | undefined, bundled: BundledVocab): Promise<Tokenizer> {
  let engine: EngineKind;
  try {
    engine = checkEngineKind(options === undefined ? undefined : Object(options).engine);
  } catch (e) {
    return Promise.reject(e);
  }
  const key = `${name}/${engine}`;
  let tokenizer = loaded.get(key);
  if (!tokenizer) {
    tokenizer = load(name, engine, bundled);
    loaded.set(key, tokenizer);
    tokenizer.catch(() => loaded.delete(key)); // a failed load may be retried
  }
  return tokenizer;
}

async function load(name: EncodingName, kind: EngineKind, bundled: BundledVocab): Promise<Tokenizer> {
  const spec = ENCODINGS[name];
  const source = vocabSource(spec.ranks, () => bundled(spec.ranks));
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

