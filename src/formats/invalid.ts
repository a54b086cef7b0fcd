// The one way the format readers and writers fail: an INVALID_VOCAB error whose message says which
// file (or JSON path, or line) and what was wrong with it, quoting a short excerpt of the offending text.

import { BytepairError } from "../errors.js";

const EXCERPT_CHARS = 40;

/** `text` as a JSON string literal, cut to a readable length (so a 1 MB line never ends up in a message). */
export function excerpt(text: string, max = EXCERPT_CHARS): string {
  const chars = Array.from(text);
  return chars.length > max ? `${JSON.stringify(chars.slice(0, max).join(""))}…` : JSON.stringify(text);
}

export function invalidVocab(where: string, what: string): never {
  throw new BytepairError("INVALID_VOCAB", `${where}: ${what}`);
}

export function invalidArgument(what: string): never {
  throw new BytepairError("INVALID_ARGUMENT", what);
}

/** "line L, column C" of a character offset, counted only when an error needs it. */
export function lineAndColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}

/** U+XXXX notation of the code point at `index` (for "character outside the alphabet" messages). */
export function codePointAt(text: string, index: number): string {
  const cp = text.codePointAt(index) ?? 0;
  return `U+${cp.toString(16).toUpperCase().padStart(4, "0")}`;
}

/** Token bytes for a message: the text when they are valid UTF-8, else hex (both cut short). */
export function showBytes(bytes: Uint8Array): string {
  try {
    return excerpt(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    const hex = Array.from(bytes.subarray(0, 16), (b) => b.toString(16).padStart(2, "0")).join(" ");
    return `<${hex}${bytes.length > 16 ? " …" : ""}>`;
  }
}
