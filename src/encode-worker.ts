// A worker thread for `bytepair encode-file`: loads the named encoding once, then encodes the texts
// it is sent (already cut at safe places) and posts their ids back, tagged with their sequence number.

import { parentPort, workerData } from "node:worker_threads";
import { getEncoding, BytepairError, type EncodeOptions, type EncodingName } from "./index.js";

export type EncodeRequest = { seq: number; text: string; offset: number };
export type EncodeReply =
  | { seq: number; ids: Uint32Array }
  | { seq: number; error: string; code?: string; token?: string; offset?: number };

const { encoding, options } = workerData as { encoding: EncodingName; options: EncodeOptions };
const port = parentPort!;
const tokenizer = await getEncoding(encoding);

port.on("message", ({ seq, text, offset }: EncodeRequest) => {
  try {
    const ids = tokenizer.encode(text, options);
    port.postMessage({ seq, ids } satisfies EncodeReply, [ids.buffer as ArrayBuffer]);
  } catch (e) {
    const error = e as BytepairError;
    const at = error.offset === undefined ? undefined : offset + error.offset;
    port.postMessage({ seq, error: error.message, code: error.code, token: error.token, offset: at } satisfies EncodeReply);
  }
});
