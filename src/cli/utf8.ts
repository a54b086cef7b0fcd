// The commands' text input is UTF-8. Invalid bytes are replaced by U+FFFD, as TextDecoder does, and
// the first one's byte offset is reported once on stderr, so the replacement is never silent. A
// byte-order mark at the start is text (U+FEFF), as in the string a file holds: every command then
// reads a file as encode-file, which hands its bytes to the engine, does.

import { readFileSync, createReadStream } from "node:fs";
import { isUtf8 } from "node:buffer";
import { fsError } from "./errors.js";

/** Where the first invalid UTF-8 sequence of a byte stream is, fed chunk by chunk. */
export class Utf8Check {
  /** Byte offset of the first invalid sequence, once one was seen. */
  invalidAt?: number;
  private carry: Uint8Array = new Uint8Array(0); // an incomplete sequence at the end of a chunk
  private offset = 0; // of carry's first byte

  push(chunk: Uint8Array): void {
    if (this.invalidAt !== undefined) return;
    const bytes = this.carry.length ? concat(this.carry, chunk) : chunk;
    const end = completeEnd(bytes);
    const whole = bytes.subarray(0, end);
    if (!isUtf8(whole)) this.invalidAt = this.offset + firstInvalid(whole);
    this.offset += end;
    this.carry = bytes.slice(end);
  }

  /** At the end of the input: a sequence left incomplete is invalid. */
  end(): void {
    if (this.invalidAt === undefined && this.carry.length > 0) this.invalidAt = this.offset;
  }
}

/** The warning for `source` (a file name or "standard input"), or undefined when it was valid. */
export function invalidUtf8Warning(check: Utf8Check, source: string): string | undefined {
  if (check.invalidAt === undefined) return undefined;
  return `bytepair: warning: ${source} is not valid UTF-8 (first at byte ${check.invalidAt}); invalid bytes were replaced by U+FFFD`;
}

/** The whole text of a file (or of standard input, fd 0), warning once about invalid UTF-8. */
export function readText(file: string | 0): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw fsError("read", file === 0 ? "standard input" : file, e);
  }
  const check = new Utf8Check();
  check.push(bytes);
  check.end();
  const warning = invalidUtf8Warning(check, file === 0 ? "standard input" : file);
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
  const check = new Utf8Check();
  let warned = false;
  const warnOnce = () => {
    const warning = invalidUtf8Warning(check, source);
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

/** The length of `bytes` without an incomplete sequence at its end (at most 3 bytes are cut). */
function completeEnd(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let i = n - 1; i >= Math.max(0, n - 3); i--) {
    const b = bytes[i];
    if ((b & 0xc0) === 0x80) continue; // a continuation byte: look further back for its lead
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return i + need > n ? i : n;
  }
  return n;
}

/** Index of the first invalid sequence in `bytes` (which isUtf8 rejected), per the Unicode table of
 * well-formed UTF-8 byte sequences. */
export function firstInvalid(bytes: Uint8Array): number {
  const cont = (i: number, lo = 0x80, hi = 0xbf) => i < bytes.length && bytes[i] >= lo && bytes[i] <= hi;
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    let len = 0;
    if (b < 0x80) len = 1;
    else if (b >= 0xc2 && b <= 0xdf) len = cont(i + 1) ? 2 : 0;
    else if (b >= 0xe0 && b <= 0xef) {
      const [lo, hi] = b === 0xe0 ? [0xa0, 0xbf] : b === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
      len = cont(i + 1, lo, hi) && cont(i + 2) ? 3 : 0;
    } else if (b >= 0xf0 && b <= 0xf4) {
      const [lo, hi] = b === 0xf0 ? [0x90, 0xbf] : b === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
      len = cont(i + 1, lo, hi) && cont(i + 2) && cont(i + 3) ? 4 : 0;
    }
    if (len === 0) return i;
    i += len;
  }
  return bytes.length;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
