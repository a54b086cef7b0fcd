// The engine's module: compiled once per process, instantiated once per vocabulary, so every
// tokenizer has private memory. The module imports nothing (AssemblyScript's stub runtime with
// abort disabled), so plain WebAssembly.instantiate works in every runtime; we do not use
// @assemblyscript/loader, whose helpers are for managed objects this pointer-only ABI never passes.

import { readAsset } from "../../platform/assets.js";
import { bundledWasm } from "../../platform/bundled-assets.js";
import { isWasmModule, wasmFailed, wasmSource } from "../../platform/init.js";
import { BytepairError } from "../../errors.js";

export interface EngineExports {
  memory: WebAssembly.Memory;
  reserveVocab(count: number, blobBytes: number): number;
  declareIdsAreRanks(): void;
  vocabIdsPtr(): number;
  vocabOffsetsPtr(): number;
  vocabBlobPtr(): number;
  vocabLeftLensPtr(): number;
  setMergesMode(on: number): void;
  buildVocab(): number;
  reserveSlotTable(cap: number): number;
  usePrebuiltSlots(): void;
  hashSignature(): number;
  vocabSlotsPtr(): number;
  vocabSlotCount(): number;
  reserveSpecials(count: number, blobBytes: number): number;
  specialIdsPtr(): number;
  specialOffsetsPtr(): number;
  specialBlobPtr(): number;
  specialFlagsPtr(): number;
  setPattern(p: number): number;
  finishLoading(): number;
  maxTokenId(): number;
  maxTokenBytes(): number;
  reserveInput(bytes: number): number;
  encode(len: number): number;
  encodeUtf8(len: number): number;
  outputPtr(): number;
  errorByteOffset(): number;
  errorSpecialIndex(): number;
  decodeBlockIds(): number;
  reserveIds(count: number): number;
  decodeIds(count: number, append: number): number;
  decodeOutputPtr(): number;
  decodeText(): number;
  decodeTextPtr(): number;
  decodeTextIsUtf16(): number;
  errorIdIndex(): number;
  tokenBytesPtr(id: number): number;
  tokenBytesLength(id: number): number;
  setWholePieceFirst(on: number): void;
  setSingleDigits(on: number): void;
  reservePieces(bytes: number, count: number): number;
  piecesTablePtr(): number;
  encodePieces(len: number, count: number): number;
}

let compiled: Promise<WebAssembly.Module> | undefined;

export function engineModule(): Promise<WebAssembly.Module> {
  if (!compiled) {
    // React Native's Hermes, `node --jitless` and some embedded hosts have no WebAssembly at all.
    if (typeof WebAssembly === "undefined") {
      return Promise.reject(new BytepairError("ASSET_LOAD_FAILED", 'This runtime has no WebAssembly: load with { engine: "js" } (the pure-JS engine, same ids), e.g. getEncoding(name, { engine: "js" })'));
    }
    compiled = (async () => {
      const source = wasmSource(bundledWasm);
      const where = source instanceof URL ? source.href : source instanceof Promise ? "the engine inside bytepair/inline" : "the bytes given to init({ wasm })";
      return compileEngine(await source, where);
    })();
    // A failed load may be retried, with other sources if init() gives them.
    compiled.catch(() => {
      compiled = undefined;
      wasmFailed();
    });
  }
  return compiled;
}

async function compileEngine(source: WebAssembly.Module | BufferSource | URL, where: string): Promise<WebAssembly.Module> {
  if (isWasmModule(source)) return source as WebAssembly.Module;
  const bytes = source instanceof URL ? await readAsset(source) : (source as BufferSource);
  try {
    return await WebAssembly.compile(bytes);
  } catch (e) {
    // Cloudflare Workers refuse to compile from bytes ("code generation disallowed"): say what works there.
    const message = (e as Error).message;
    const hint = /disallow|not allowed/i.test(message) ? '; this runtime compiles no WebAssembly from bytes: in Cloudflare Workers import "bytepair/worker", or pass init({ wasm }) a WebAssembly.Module' : "";
    throw new BytepairError("ASSET_LOAD_FAILED", `Could not compile the engine from ${where}: ${message}${hint}`);
  }
}

export async function instantiateEngine(): Promise<EngineExports> {
  const instance = await WebAssembly.instantiate(await engineModule(), {});
  return instance.exports as unknown as EngineExports;
}
