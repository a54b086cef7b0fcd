// The engine's module: compiled once per process, instantiated once per vocabulary, so every
// tokenizer has private memory. The module imports nothing (AssemblyScript's stub runtime with
// abort disabled), so plain WebAssembly.instantiate works in every runtime; we do not use
// @assemblyscript/loader, whose helpers are for managed objects this pointer-only ABI never passes.

import { readAsset, assetUrl } from "./assets.js";

export interface EngineExports {
  memory: WebAssembly.Memory;
  reserveVocab(count: number, blobBytes: number): number;
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
  reserveInput(bytes: number): number;
  encode(len: number): number;
  outputPtr(): number;
  errorByteOffset(): number;
  errorSpecialIndex(): number;
  reserveIds(count: number): number;
  decode(count: number): number;
  decodeOutputPtr(): number;
  errorIdIndex(): number;
  tokenBytesPtr(id: number): number;
  tokenBytesLength(id: number): number;
}

let compiled: Promise<WebAssembly.Module> | undefined;

export function engineModule(): Promise<WebAssembly.Module> {
  compiled ??= readAsset(assetUrl("./bytepair.wasm")).then((bytes) => WebAssembly.compile(bytes));
  return compiled;
}

export async function instantiateEngine(): Promise<EngineExports> {
  const instance = await WebAssembly.instantiate(await engineModule(), {});
  return instance.exports as unknown as EngineExports;
}
