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

function countNewlines(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/** The error for special token `token` found at index `index` of `text` (the next piece after `position`). */
export function disallowedSpecial(token: string, source: string, position: TextPosition, text: string, index: number): CliError {
  const { byte, line } = position.at(text, index);
  return new CliError(
    `${source} contains the special token ${quote(token)} at byte ${byte} (line ${line}); ` +
      `pass --allow-special or --special ${quote(token)} to encode it as a special token`,
  );
}
