// What every per-encoding entry exports beside its loader: the error class, init, and the types an
// app that imports nothing else needs. Nothing here names a vocabulary file.

export { BytepairError, type BytepairErrorCode } from "../errors.js";
export { init, type InitOptions, type WasmSource, type VocabSource, type VocabFile } from "../platform/init.js";
export type { Tokenizer } from "../tokenizer/tokenizer.js";
export type { GetEncodingOptions } from "../load-encoding.js";
export type { ChunkOptions, EncodeOptions, TokenizerInfo } from "../tokenizer/options.js";
export type { StreamDecoder } from "../text/stream-decoder.js";
