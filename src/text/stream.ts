// Streams of text: chunks as strings or bytes (any chunking, multi-byte characters split anywhere),
// from async or sync iterables, web ReadableStreams or Node readables.

import { BytepairError, describeValue as describe } from "../errors.js";

export type TextSource =
  | AsyncIterable<string | Uint8Array>
  | Iterable<string | Uint8Array>
  | ReadableStream<string | Uint8Array>;

/** The source's chunks as strings; bytes are decoded as UTF-8 across chunk edges (invalid bytes become U+FFFD). */
export async function* textChunks(source: TextSource): AsyncIterable<string> {
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  let sawBytes = false;
  for await (const chunk of iterate(source)) {
    if (typeof chunk === "string") {
      if (sawBytes) yield decoder.decode(); // flush a character cut off before the switch
      sawBytes = false;
      yield chunk;
    } else if (chunk instanceof Uint8Array) {
      sawBytes = true;
      yield decoder.decode(chunk, { stream: true });
    } else {
      throw new BytepairError("INVALID_ARGUMENT", `Expected stream chunks to be strings or Uint8Arrays, got ${describe(chunk)}`);
    }
  }
  if (sawBytes) yield decoder.decode();
}

function iterate(source: TextSource): AsyncIterable<unknown> | Iterable<unknown> {
  if (source !== null && typeof source === "object") {
    if (Symbol.asyncIterator in source || Symbol.iterator in source) return source as AsyncIterable<unknown>;
    if (typeof (source as ReadableStream).getReader === "function") return readAll(source as ReadableStream<unknown>);
  }
  throw new BytepairError("INVALID_ARGUMENT", `Expected a stream or an iterable of text chunks, got ${describe(source)}`);
}

async function* readAll(stream: ReadableStream<unknown>): AsyncIterable<unknown> {
  const reader = stream.getReader();
  try {
    for (let r = await reader.read(); !r.done; r = await reader.read()) yield r.value;
  } finally {
    reader.releaseLock();
  }
}
