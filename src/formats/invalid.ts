// The one way the format readers and writers fail: an INVALID_VOCAB error whose message says which
// file (or JSON path, or line) and what was wrong with it, quoting a short excerpt of the offending text.

import { BytepairError } from "../errors.js";

const EXCERPT_CHARS = 40;

/** Characters a reader could not see in a message: controls, format characters, separators other than space, unassigned. */
const INVISIBLE = /[\p{C}\p{Z}]/gu;

/**
 * `text` as a JSON string literal, cut to a readable length (so a 1 MB line never ends up in a
 * message), with invisible characters written as \uXXXX so the message shows them.
 */
export function excerpt(text: string, max = EXCERPT_CHARS): string {
  const chars = Array.from(text);
  const shown = JSON.stringify(chars.length > max ? chars.slice(0, max).join("") : text).replace(INVISIBLE, (c) =>
    c === " " ? c : c.length === 1 ? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}` : `\\u{${c.codePointAt(0)!.toString(16)}}`,
  );
  return chars.length > max ? `${shown}…` : shown;
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
