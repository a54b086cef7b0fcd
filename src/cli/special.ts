// A disallowed special token in the CLI's terms: where it is as a byte offset and line number of the
// input, and the flags that allow it (the library's message names its own options instead).

import { quote } from "../errors.js";
import { CliError } from "./errors.js";

/** Byte offset and line count of a text passed piece by piece, in order. */
export class TextPosition {
  bytes = 0;
  private newlines = 0;

  pass(text: string): void {
    this.bytes += Buffer.byteLength(text);
    this.newlines += countNewlines(text);
  }

  /** Byte offset and line (from 1) of index `index` (UTF-16 units) of `text`, the next piece. */
  at(text: string, index: number): { byte: number; line: number } {
    const before = text.slice(0, index);
    return { byte: this.bytes + Buffer.byteLength(before), line: this.newlines + countNewlines(before) + 1 };
  }
}

/** Where in a file the next piece of its bytes starts: bytes and lines passed so far. */
export class BytePosition {
  bytes = 0;
  private newlines = 0;

  pass(bytes: Uint8Array): void {
    this.bytes += bytes.length;
    this.newlines += countNewlineBytes(bytes);
  }

  /** Byte offset and line (from 1) of byte `index` of `bytes`, the next piece. */
  at(bytes: Uint8Array, index: number): { byte: number; line: number } {
    return { byte: this.bytes + index, line: this.newlines + countNewlineBytes(bytes.subarray(0, index)) + 1 };
  }
}

function countNewlineBytes(bytes: Uint8Array): number {
  let n = 0;
  for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) n++;
  return n;
}

/** As disallowedSpecial, for special token `token` at byte `index` of `bytes` (the next piece after `position`). */
export function disallowedSpecialInBytes(token: string, source: string, position: BytePosition, bytes: Uint8Array, index: number): CliError {
  return disallowedSpecialError(token, source, position.at(bytes, index));
}

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/** The error for special token `token` found at index `index` of `text` (the next piece after `position`). */
export function disallowedSpecial(token: string, source: string, position: TextPosition, text: string, index: number): CliError {
  return disallowedSpecialError(token, source, position.at(text, index));
}

function disallowedSpecialError(token: string, source: string, { byte, line }: { byte: number; line: number }): CliError {
  return new CliError(
    `${source} contains the special token ${quote(token)} at byte ${byte} (line ${line}); ` +
      `pass --allow-special or --special ${quote(token)} to encode it as a special token`,
  );
}
