// The commands' text input is UTF-8. Invalid bytes are replaced by U+FFFD, as TextDecoder does, and
// the first one's byte offset is reported once on stderr, so the replacement is never silent. A
// byte-order mark at the start is text (U+FEFF), as in the string a file holds: every command then
// reads a file as encode-file, which hands its bytes to the engine, does.

import { readFileSync, createReadStream } from "node:fs";
import { isUtf8 } from "node:buffer";
import { fsError } from "./errors.js";
import { Utf8Check } from "../text/utf8-check.js";

/** The warning for `source` (a file name or "standard input"), or undefined when it was valid. */
export function invalidUtf8Warning(invalidAt: number | undefined, source: string): string | undefined {
  if (invalidAt === undefined) return undefined;
  return `bytepair: warning: ${source} is not valid UTF-8 (first at byte ${invalidAt}); invalid bytes were replaced by U+FFFD`;
}

/** The whole text of a file (or of standard input, fd 0), warning once about invalid UTF-8. */
export function readText(file: string | 0): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw fsError("read", file === 0 ? "standard input" : file, e);
  }
  const check = new Utf8Check(isUtf8);
  check.push(bytes);
  check.end();
  const warning = invalidUtf8Warning(check.invalidAt, file === 0 ? "standard input" : file);
  if (warning) process.stderr.write(warning + "\n");
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
}

/**
 * A file's text (or standard input's, fd 0) in chunks of about `chunkBytes` (byteChunks decoded as a stream: a character split
 * between two reads is joined). `onBytes` gets the file bytes read so far; `onInvalid` is called once,
 * at the first invalid byte, with the warning to show.
 */
export async function* textChunks(
  file: string | 0,
  chunkBytes: number,
  onBytes: (bytes: number) => void,
  onInvalid: (warning: string) => void,
): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { ignoreBOM: true });
  for await (const bytes of byteChunks(file, chunkBytes, onBytes, onInvalid)) {
    const text = decoder.decode(bytes, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/**
 * A file's bytes (or standard input's, fd 0) as they are, in chunks of about `chunkBytes`, with textChunks' progress and its one
 * warning about invalid UTF-8 (the bytes are passed on unchanged: the encoder replaces them).
 */
export async function* byteChunks(
  file: string | 0,
  chunkBytes: number,
  onBytes: (bytes: number) => void,
  onInvalid: (warning: string) => void,
): AsyncGenerator<Uint8Array> {
  const source = file === 0 ? "standard input" : file;
  let read = 0;
  const options = { highWaterMark: chunkBytes, ...(file === 0 ? { fd: 0, autoClose: false } : {}) };
  const stream = createReadStream(file === 0 ? "" : file, options)[Symbol.asyncIterator]();
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for (;;) {
      let next: IteratorResult<Buffer>;
      try {
        next = await stream.next();
      } catch (e) {
        throw fsError("read", source, e);
      }
      if (next.done) return;
      read += next.value.length;
      onBytes(read);
      yield next.value;
    }
  }
  yield* warnOnInvalid(chunks(), source, onInvalid);
}

/** `chunks` (consecutive bytes of `source`) passed on as they are, calling `onInvalid` once, at the first invalid UTF-8. */
export async function* warnOnInvalid(chunks: AsyncIterable<Uint8Array>, source: string, onInvalid: (warning: string) => void): AsyncGenerator<Uint8Array> {
  const check = new Utf8Check(isUtf8);
  let warned = false;
  const warnOnce = () => {
    const warning = invalidUtf8Warning(check.invalidAt, source);
    if (warning && !warned) onInvalid(warning), (warned = true);
  };
  for await (const chunk of chunks) {
    check.push(chunk);
    warnOnce();
    yield chunk;
  }
  check.end();
  warnOnce();
}
