// What a tokenizer needs of an engine, and what both engines share to meet it: the WebAssembly one
// (wasm/engine.ts over assembly/) and its pure-JS twin (js/engine.ts) give the same ids and the same
// errors. The twin's data structures follow the engine's first design, not its current layout.

import * as abi from "../abi.js";
import { BytepairError } from "../errors.js";

export type EngineKind = "wasm" | "js";

export interface TokenEngine {
  readonly kind: EngineKind;
  readonly maxTokenId: number;
  /** Bytes of the longest token or special token, or more: no token holds more of a text. */
  readonly maxTokenBytes: number;
  /**
   * Ids of `text`, in a new array the caller keeps. `roles` says what each special token (in the order
   * the engine was given them) is in this call: SPECIAL_TEXT, SPECIAL_ALLOWED or SPECIAL_DISALLOWED
   * (abi.ts). A disallowed special token throws, naming it and its offset in `text` plus `base` (where
   * `text` is part of a longer text).
   */
  encode(text: string, roles: Uint8Array, base?: number): Uint32Array;
  /** The number of ids `encode` would return, without copying them out. */
  count(text: string, roles: Uint8Array, base?: number): number;
  /**
   * Ids of UTF-8 `bytes` as they are (no round trip through a string), or undefined when they are not
   * well-formed UTF-8 (the caller then decodes them as TextDecoder does). A disallowed special token
   * throws with its byte offset.
   */
  encodeUtf8(bytes: Uint8Array, roles: Uint8Array): Uint32Array | undefined;
  decode(ids: ArrayLike<number>): Uint8Array;
  /** The same bytes as text, as `new TextDecoder("utf-8", { ignoreBOM: true })` makes it. */
  decodeText(ids: ArrayLike<number>): string;
  tokenBytes(id: number): Uint8Array | undefined;
  readonly memoryBytes: number;
  /** Hugging Face options the scanners and merge step follow (see assembly/encode/encoder.ts, scan/cl100k.ts). */
  setHuggingFaceOptions(options: { wholePieceFirst: boolean; singleDigits: boolean }): void;
  /**
   * Ids of text the host has already cut into pieces (piece-table.ts), in one call, in a new array:
   * `parts` are texts, each with its pieces as flat [start, end) UTF-16 pairs in `cuts`, or ids to
   * emit as they are.
   */
  encodePieces(parts: ReadonlyArray<string | number>, cuts: ReadonlyArray<number[] | undefined>): Uint32Array;
  /** The number of ids `encodePieces` would return, without copying them out. */
  countPieces(parts: ReadonlyArray<string | number>, cuts: ReadonlyArray<number[] | undefined>): number;
}

const VOCAB_ERRORS: Record<number, string> = {
  [abi.ERR_VOCAB_OFFSETS]: "token offsets are not increasing or run past the token bytes",
  [abi.ERR_VOCAB_DUPLICATE]: "two tokens have the same bytes",
  [abi.ERR_VOCAB_MISSING_BYTE]: "not every single byte is a token (byte-level BPE needs all 256)",
  [abi.ERR_VOCAB_STATE]: "loaded in the wrong order",
  [abi.ERR_VOCAB_DUPLICATE_ID]: "two tokens have the same id",
  [abi.ERR_VOCAB_OOM]: "out of memory while building tables",
  [abi.ERR_VOCAB_ID_RANGE]: "a token id is above 2^26",
  [abi.ERR_VOCAB_SPLIT]: "a merge's left part is not shorter than the token it makes",
  [abi.ERR_VOCAB_TOKEN_LENGTH]: `a token is longer than ${abi.MAX_TOKEN_LEN} bytes`,
  [abi.ERR_VOCAB_SLOTS]: "its prebuilt hash table does not match its tokens",
};

export function invalidVocab(code: number, where: string): never {
  throw new BytepairError("INVALID_VOCAB", `Invalid vocabulary ${where}: ${VOCAB_ERRORS[code] ?? `engine code ${code}`}`);
}

export function outOfMemory(what: string): never {
  throw new BytepairError("OUT_OF_MEMORY", `The engine could not grow its memory to ${what}`);
}

// ignoreBOM: a leading U+FEFF is text, not a byte-order mark to strip.
const utf8Decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/** Text of UTF-8 bytes, as TextDecoder makes it; a text longer than a string may be is OUT_OF_MEMORY. */
export function decodeUtf8(bytes: Uint8Array): string {
  checkTextLength(Math.ceil(bytes.length / 3));
  try {
    return utf8Decoder.decode(bytes);
  } catch (e) {
    if (e instanceof RangeError || (e as { code?: string })?.code === "ERR_STRING_TOO_LONG") {
      throw new BytepairError("OUT_OF_MEMORY", `The text of ${bytes.length} decoded bytes would be longer than the ${MAX_TEXT_UNITS} characters a string may have`);
    }
    throw e;
  }
}

/**
 * The longest string a decode makes, in UTF-16 units: V8's limit (the smallest of the major
 * JavaScript engines'), so that a result too long fails the same way in every runtime.
 */
export const MAX_TEXT_UNITS = 2 ** 29 - 24;
/** The most bytes a decode makes (the engine addresses its output with 32-bit signed lengths). */
export const MAX_DECODED_BYTES = 2 ** 31 - 1;

/** A decode whose output is already `bytes` long: an error once no result can be made of it. */
export function checkDecodedLength(bytes: number, text: boolean): void {
  // UTF-8 has at most 3 bytes per UTF-16 unit: past 3 bytes a unit, the text is too long for sure.
  if (bytes > MAX_DECODED_BYTES || (text && bytes > 3 * MAX_TEXT_UNITS)) {
    throw new BytepairError("OUT_OF_MEMORY", `The decoded ${text ? "text" : "bytes"} would be longer than ${text ? `${MAX_TEXT_UNITS} characters, the longest string a runtime makes` : `${MAX_DECODED_BYTES} bytes`}`);
  }
}

/** A decoded text of `units` UTF-16 units: an error if no string may be that long. */
export function checkTextLength(units: number): void {
  if (units > MAX_TEXT_UNITS) {
    throw new BytepairError("OUT_OF_MEMORY", `The decoded text would be ${units} characters, longer than the ${MAX_TEXT_UNITS} a string may have`);
  }
}
