// bytepair: byte-level BPE, tiktoken-exact, with the hot loops in one WebAssembly module.
// The public API, and nothing else: modules inside src/ import what they need from where it lives.

export { getEncoding, encodingForModel, train, type GetEncodingOptions } from "./api.js";
export { BytepairError, type BytepairErrorCode } from "./errors.js";
export { Tokenizer } from "./tokenizer/tokenizer.js";
export type { StreamDecoder } from "./text/stream-decoder.js";
export { encodeChat, type ChatMessage, type EncodeChatOptions } from "./chat/openai.js";
export { renderChatTemplate } from "./tokenizer/chat-template.js";
export type { ChatTemplate, ChatTemplateMessage, ChatTemplateOptions, ConfigToken, JinjaModule, RenderChatTemplateOptions, TokenizerConfig } from "./tokenizer/chat-template.js";
export type { ChunkOptions, EncodeOptions, FromBpeOptions, FromTiktokenOptions, FromHuggingFaceOptions, TiktokenRankJson, TokenizerInfo } from "./tokenizer/options.js";
export { encodingNames, type EncodingName } from "./encodings/registry.js";
export type { EngineKind } from "./engine/contract.js";
export { init } from "./platform/init.js";
export type { InitOptions, WasmSource, VocabSource, VocabFile } from "./platform/init.js";
export * as lecture from "./lecture/index.js";
export type { TrainInput, TrainOptions, TrainProgress, TrainResult } from "./train/types.js";
