// A disallowed special token in the CLI's terms: where it is as a byte offset and line number of the
// input, and the flags that allow it (the library's message names its own options instead).

import { quote } from "../errors.js";
import { CliError } from "./errors.js";

/** Where in a file the next piece of its bytes starts: bytes and lines passed so far. */
export class BytePosition {
  bytes = 0;
  private newlines = 0;

  /** A piece of `length` bytes holding `newlines` "\n" bytes (countNewlineBytes) was passed. */
  pass(length: number, newlines: number): void {
    this.bytes += length;
    this.newlines += newlines;
  }

  /** Byte offset and line (from 1) of byte `index` of the next piece, with `newlines` "\n" bytes before it there. */
  at(index: number, newlines: number): { byte: number; line: number } {
    return { byte: this.bytes + index, line: this.newlines + newlines + 1 };
  }
}

/**
 * "\n" bytes in `bytes`: file-encoder.ts counts them where a piece is encoded, in its worker thread. Four
 * bytes at a time: a lane of `x` is zero where the byte was "\n", and ((x & 0x7f..) + 0x7f..) | x has
 * its lane's top bit clear exactly there; up to 255 words add their lanes' flags before they are summed.
 */
export function countNewlineBytes(bytes: Uint8Array): number {
  const head = Math.min(bytes.length, (4 - (bytes.byteOffset & 3)) & 3); // bytes before the first whole word
  const count = (bytes.length - head) >> 2;
  let n = 0;
  for (let i = 0; i < head; i++) if (bytes[i] === 10) n++;
  const words = count > 0 ? new Uint32Array(bytes.buffer, bytes.byteOffset + head, count) : new Uint32Array(0);
  for (let k = 0; k < count; ) {
    const stop = Math.min(count, k + 255);
    let lanes = 0;
    for (; k < stop; k++) {
      const x = words[k] ^ 0x0a0a0a0a;
      lanes += (~(((x & 0x7f7f7f7f) + 0x7f7f7f7f) | x) & 0x80808080) >>> 7;
    }
    n += (lanes & 0xff) + ((lanes >>> 8) & 0xff) + ((lanes >>> 16) & 0xff) + (lanes >>> 24);
  }
  for (let i = head + 4 * count; i < bytes.length; i++) if (bytes[i] === 10) n++;
  return n;
}

/** As disallowedSpecial, for special token `token` at byte `index` of the next piece after `position`, with `newlines` "\n" bytes before it there. */
export function disallowedSpecialInBytes(token: string, source: string, position: BytePosition, index: number, newlines: number): CliError {
  return disallowedSpecialError(token, source, position.at(index, newlines));
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/** The error for special token `token` found at index `index` (UTF-16 units) of `text`, the whole input. */
export function disallowedSpecial(token: string, source: string, text: string, index: number): CliError {
  const before = text.slice(0, index);
  return disallowedSpecialError(token, source, { byte: Buffer.byteLength(before), line: countNewlines(before) + 1 });
}

function disallowedSpecialError(token: string, source: string, { byte, line }: { byte: number; line: number }): CliError {
  return new CliError(
    `${source} contains the special token ${quote(token)} at byte ${byte} (line ${line}); ` +
      `pass --allow-special or --special ${quote(token)} to encode it as a special token`,
  );
}
