// The parity tests run on both engines: the WebAssembly one and its pure-JS twin (src/engine/js/). Each must
// give tiktoken's ids on its own, so neither is checked only against the other.

export const ENGINES = ["wasm", "js"] as const;
export type EngineKind = (typeof ENGINES)[number];
