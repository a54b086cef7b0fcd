// Byte tokenizer: the text's UTF-8 bytes are its ids (256 of them). Every text round-trips, at one
// token per byte: compression ratio exactly 1.

import type { LectureTokenizer } from "./types.js";
import { checkIds, checkId, checkText, utf8Bytes } from "./types.js";

const utf8 = new TextDecoder(); // invalid UTF-8 (ids that cut a character) becomes U+FFFD

export class ByteTokenizer implements LectureTokenizer {
  readonly name = "bytes";
  readonly vocabSize = 256;

  encode(text: string): Uint32Array {
    checkText(text);
    return Uint32Array.from(utf8Bytes(text));
  }

  decode(ids: ArrayLike<number>): string {
    return utf8.decode(Uint8Array.from(checkIds(ids, this.vocabSize, this.name)));
  }

  tokenBytes(id: number): Uint8Array {
    checkId(id, this.vocabSize, this.name);
    return Uint8Array.of(id);
  }
}
