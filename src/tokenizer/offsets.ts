// Where each token of an encoding starts in the text (encodeWithOffsets) and in the decoded text
// (decodeWithOffsets): the UTF-16 index of the character that holds the token's first byte, so a token
// that starts inside a character points at that character, as tiktoken's decode_with_offsets does.

import { Utf8Positions } from "../text/utf8-positions.js";
import { SeenToOriginal, type SeenText } from "../text/nfc-map.js";

export interface IdsWithOffsets {
  ids: Uint32Array;
  offsets: Uint32Array;
}

/** Offsets of an encoding, and for each token whether it starts on a character boundary of the text. */
export interface EncodingOffsets extends IdsWithOffsets {
  /** 1 where token i starts at the first byte of a character (where the text may be cut before it). */
  atBoundary: Uint8Array;
}

/** A token's bytes (the engine's copy; never undefined for ids an encode returned). */
export type TokenBytes = (id: number) => Uint8Array;

const utf8 = new TextEncoder();

/**
 * Offsets in `text` of `ids`, its encoding: `prefix` ids before the text and `suffix` ids after it (a
 * template's) point at 0 and at the text's end. The tokens' bytes are found in the UTF-8 of what the
 * pre-tokenizer saw, in order; bytes no token holds (a Split that removes its matches) are passed over.
 */
export function encodingOffsets(ids: Uint32Array, prefix: number, suffix: number, seen: SeenText, textLength: number, bytesOf: TokenBytes): EncodingOffsets {
  const n = ids.length;
  const offsets = new Uint32Array(n);
  const atBoundary = new Uint8Array(n).fill(1);
  const bytes = utf8.encode(seen.text);
  const positions = new Utf8Positions();
  const back = new SeenToOriginal(seen.changed);
  let p = 0; // bytes of the seen text passed
  const bodyEnd = n - suffix;
  for (let k = prefix; k < bodyEnd; k++) {
    const token = bytesOf(ids[k]);
    let start = startsAt(bytes, token, p) ? p : indexOf(bytes, token, p);
    if (start < 0) start = p; // not in the text (cannot happen for a faithful pipeline): point where we are
    for (; p < start; p++) positions.push(bytes[p]);
    const exactByte = positions.atBoundary;
    const place = back.map(p < bytes.length ? positions.push(bytes[p++]) : positions.end());
    offsets[k] = place.index;
    atBoundary[k] = exactByte && place.exact ? 1 : 0;
    for (let end = Math.min(bytes.length, start + token.length); p < end; p++) positions.push(bytes[p]);
  }
  offsets.fill(textLength, bodyEnd, n);
  return { ids, offsets, atBoundary };
}

/** Offsets in the decoded text of `ids` (each token's bytes in turn, as decode joins them). */
export function decodingOffsets(ids: ArrayLike<number>, bytesOf: TokenBytes): Uint32Array {
  const offsets = new Uint32Array(ids.length);
  const positions = new Utf8Positions();
  for (let k = 0; k < ids.length; k++) {
    const token = bytesOf(ids[k]);
    offsets[k] = token.length ? positions.push(token[0]) : positions.end();
    for (let i = 1; i < token.length; i++) positions.push(token[i]);
  }
  return offsets;
}

function startsAt(haystack: Uint8Array, needle: Uint8Array, at: number): boolean {
  if (at + needle.length > haystack.length) return false;
  for (let i = 0; i < needle.length; i++) if (haystack[at + i] !== needle[i]) return false;
  return true;
}

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  for (let at = from; at + needle.length <= haystack.length; at++) if (startsAt(haystack, needle, at)) return at;
  return -1;
}
