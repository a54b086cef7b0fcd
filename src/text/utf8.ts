// UTF-16 strings into UTF-8 bytes, as the engines take their input (a lone surrogate becomes the
// 3 bytes of U+FFFD, as TextEncoder makes it).

import { BytepairError } from "../errors.js";

const utf8 = new TextEncoder();

/**
 * Writes `text` as UTF-8 into `into` (which holds at least 3 bytes per UTF-16 unit, or the exact
 * length inputBytes gave); the bytes written. A runtime that writes less than all of it is an error,
 * never a shorter input.
 */
export function writeUtf8(text: string, into: Uint8Array): number {
  const { read, written } = utf8.encodeInto(text, into);
  if (read !== text.length) {
    throw new BytepairError("OUT_OF_MEMORY", `Could not write ${text.length} characters into the engine's memory (the runtime wrote ${read})`);
  }
  return written;
}

/** Bytes of `text` in UTF-8 (a lone surrogate becomes the 3 bytes of U+FFFD). */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) bytes += 1;
    else if (c >= 0xd800 && c < 0xdc00 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2; // 4 bytes for the pair's 2 units
      i++;
    } else bytes += 2;
  }
  return bytes;
}

/**
 * Room for the UTF-8 of `text`: 3 bytes a UTF-16 unit, or for long texts the exact count, so that
 * a call is not refused for room it would never use.
 */
export function inputBytes(text: string): number {
  return text.length <= EXACT_LENGTH_ABOVE ? text.length * 3 : utf8Length(text);
}
const EXACT_LENGTH_ABOVE = 1 << 26;

// With the u flag, \p{Cs} matches only surrogates that are not half of a pair.
const LONE_SURROGATE = /\p{Cs}/u;
const LONE_SURROGATES = /\p{Cs}/gu;

/** Index of the first lone surrogate in `text`, or -1 when it is well-formed UTF-16. */
export function loneSurrogateAt(text: string): number {
  return LONE_SURROGATE.exec(text)?.index ?? -1;
}

/** `text` with each lone surrogate replaced by U+FFFD, as its UTF-8 has it (String.prototype.toWellFormed, ES2024). */
export function wellFormed(text: string): string {
  return isWellFormed(text) ? text : text.replace(LONE_SURROGATES, "\uFFFD");
}

type Es2024String = string & { isWellFormed?: () => boolean };

/** Whether `text` has no lone surrogate: the runtime's isWellFormed where it has one (no scan of a one-byte string in V8), else the regex. */
function isWellFormed(text: string): boolean {
  const own = (text as Es2024String).isWellFormed;
  return own ? own.call(text) : !LONE_SURROGATE.test(text);
}
