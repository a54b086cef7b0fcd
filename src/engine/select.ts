// Which engine a tokenizer runs on: the WebAssembly one (the default) or its pure-JS twin (src/engine/js/),
// chosen with the `engine` option. Both give the same ids and the same errors.

import { BytepairError, describeValue } from "../errors.js";
import { Engine } from "./wasm/engine.js";
import type { EngineKind, TokenEngine } from "./contract.js";
import { instantiateEngine } from "./wasm/module.js";
import { tablesOf, type PackedVocab, type VocabTables } from "../vocab/file.js";
import type { PatternFamily } from "../patterns.js";

export function checkEngineKind(value: unknown): EngineKind {
  if (value === undefined || value === "wasm") return "wasm";
  if (value === "js") return "js";
  throw new BytepairError("INVALID_ARGUMENT", `Expected engine to be "wasm" or "js", got ${describeValue(value)}`);
}

export async function createEngine(
  kind: EngineKind,
  vocab: PackedVocab,
  pattern: PatternFamily,
  specials: ReadonlyArray<readonly [string, number]>,
  where: string,
): Promise<TokenEngine> {
  if (kind === "js") {
    // The pure-JS twin (src/engine/js/, with its Unicode tables) loads only when asked for.
    const { JsEngine } = await import("./js/engine.js");
    return new JsEngine(vocab, pattern, specials, where);
  }
  return createWasmEngine(tablesOf(vocab), pattern, specials, where);
}

/** The wasm engine, loading `tables` (e.g. read from a local file straight into its memory: vocab/read.ts). */
export async function createWasmEngine(
  tables: VocabTables,
  pattern: PatternFamily,
  specials: ReadonlyArray<readonly [string, number]>,
  where: string,
): Promise<Engine> {
  return new Engine(await instantiateEngine(), tables, pattern, specials, where);
}
