// A worker thread for `bytepair encode-file`: loads the named encoding once, then encodes the texts
// it is sent (already cut at safe places) and posts their ids back, tagged with their sequence number.

import { parentPort, workerData } from "node:worker_threads";
import { getEncoding } from "../api.js";
import type { BytepairError } from "../errors.js";
import type { EncodeOptions } from "../tokenizer/options.js";
import type { EncodingName } from "../encodings/registry.js";

export type EncodeRequest = { seq: number; bytes: Uint8Array };
/** A disallowed special token comes back as its text and its byte index in the request's bytes. */
export type EncodeReply =
  | { seq: number; ids: Uint32Array }
  | { seq: number; error: string; code?: string; token?: string; index?: number };

const { encoding, options } = workerData as { encoding: EncodingName; options: EncodeOptions };
const port = parentPort!;
const tokenizer = await getEncoding(encoding);

port.on("message", ({ seq, bytes }: EncodeRequest) => {
  try {
    const ids = tokenizer.encodeUtf8(bytes, options);
    port.postMessage({ seq, ids } satisfies EncodeReply, [ids.buffer as ArrayBuffer]);
  } catch (e) {
    const error = e as BytepairError;
    port.postMessage({ seq, error: error.message, code: error.code, token: error.token, index: error.offset } satisfies EncodeReply);
  }
});
