// The one small interface every tokenizer of the lecture shares (CS336 "language models from
// scratch", lecture 1), and its yardstick: compression ratio, UTF-8 bytes per token.

import { BytepairError, describeValue, invalidTokenId } from "../errors.js";
import { utf8Length } from "../text/utf8.js";

export interface LectureTokenizer {
  readonly name: string;
  /** Number of distinct ids: every id is in 0..vocabSize-1. */
  readonly vocabSize: number;
  encode(text: string): number[] | Uint32Array;
  decode(ids: ArrayLike<number>): string;
  /** The UTF-8 bytes one id stands for (a byte or BPE token may hold part of a character). */
  tokenBytes(id: number): Uint8Array;
}

const utf8 = new TextEncoder();

export { utf8Length };

export function utf8Bytes(text: string): Uint8Array {
  return utf8.encode(text);
}

/** UTF-8 bytes per token of `text` under `tokenizer`; an INVALID_ARGUMENT error when there are no tokens. */
export function compressionRatio(tokenizer: LectureTokenizer, text: string): number {
  checkText(text);
  const tokens = tokenizer.encode(text).length;
  if (tokens === 0) throw new BytepairError("INVALID_ARGUMENT", `No tokens in the text: compression ratio of ${tokenizer.name} is undefined`);
  return utf8Length(text) / tokens;
}

export function checkText(text: unknown): asserts text is string {
  if (typeof text !== "string") throw new BytepairError("INVALID_ARGUMENT", `Expected text to be a string, got ${describeValue(text)}`);
}

/** The ids as numbers, each an integer in 0..vocabSize-1, else INVALID_TOKEN_ID naming it and its index. */
export function checkIds(ids: unknown, vocabSize: number, name: string): ArrayLike<number> {
  if (ids === null || typeof ids !== "object" || typeof (ids as ArrayLike<number>).length !== "number") {
    throw new BytepairError("INVALID_ARGUMENT", `Expected ids to be an array of numbers, got ${describeValue(ids)}`);
  }
  const list = ids as ArrayLike<unknown>;
  for (let index = 0; index < list.length; index++) checkId(list[index], vocabSize, name, index);
  return list as ArrayLike<number>;
}

export function checkId(id: unknown, vocabSize: number, name: string, index = 0): asserts id is number {
  if (typeof id !== "number" || !Number.isInteger(id) || id < 0 || id >= vocabSize) {
    throw invalidTokenId(id, index, `${name} (0..${vocabSize - 1})`);
  }
}
