// A worker thread for `bytepair encode-file`: loads the tokenizer once (a named encoding, or the
// files of --tokenizer PATH, as the main thread did), then encodes the pieces it is sent (already cut
// at safe places) and posts their ids back, tagged with their sequence number, with their greatest id
// (for the writer's check) and the piece's newline count (for the line of an error later in the
// file): both counted here, off the main thread.

import { parentPort, workerData } from "node:worker_threads";
import { getEncoding } from "../api.js";
import type { BytepairError } from "../errors.js";
import { countNewlineBytes } from "./special.js";
import { maxIdOf } from "./token-file.js";
import type { EncodeOptions } from "../tokenizer/options.js";
import type { EncodingName } from "../encodings/registry.js";
import { tokenizerFromPath } from "./tokenizer-option.js";

export type EncodeRequest = { seq: number; bytes: Uint8Array };
/** A disallowed special token comes back as its text, its byte index in the request's bytes and the newlines before it there. */
export type EncodeReply =
  | { seq: number; ids: Uint32Array; maxId: number; newlines: number }
  | { seq: number; error: string; code?: string; token?: string; index?: number; newlines?: number };

/** Which tokenizer: an encoding by name, or the files at a --tokenizer path. */
export type TokenizerSource = { encoding: string } | { tokenizerPath: string };

const { source, options } = workerData as { source: TokenizerSource; options: EncodeOptions };
const port = parentPort!;
const tokenizer = "tokenizerPath" in source ? await tokenizerFromPath(source.tokenizerPath) : await getEncoding(source.encoding as EncodingName);

port.on("message", ({ seq, bytes }: EncodeRequest) => {
  try {
    const ids = tokenizer.encodeUtf8(bytes, options);
    port.postMessage({ seq, ids, maxId: maxIdOf(ids), newlines: countNewlineBytes(bytes) } satisfies EncodeReply, [ids.buffer as ArrayBuffer]);
  } catch (e) {
    const error = e as BytepairError;
    const newlines = error.offset === undefined ? undefined : countNewlineBytes(bytes.subarray(0, error.offset));
    port.postMessage({ seq, error: error.message, code: error.code, token: error.token, index: error.offset, newlines } satisfies EncodeReply);
  }
});
