// BPE in the lecture's interface: the library's own tokenizers, a named encoding or one trained on
// the spot. Special-token text is encoded as ordinary text, so any text has tokens and round-trips.

import { getEncoding, train } from "../api.js";
import type { Tokenizer } from "../tokenizer/tokenizer.js";
import type { EncodingName } from "../encodings/registry.js";
import type { PatternFamily } from "../patterns.js";
import type { LectureTokenizer } from "./types.js";
import { checkIds, checkText } from "./types.js";

export class BpeTokenizer implements LectureTokenizer {
  readonly name: string;
  readonly vocabSize: number;

  constructor(readonly tokenizer: Tokenizer, name = tokenizer.name) {
    this.name = name;
    this.vocabSize = tokenizer.vocabSize;
  }

  encode(text: string): Uint32Array {
    checkText(text);
    return this.tokenizer.encodeOrdinary(text);
  }

  decode(ids: ArrayLike<number>): string {
    return this.tokenizer.decode(checkIds(ids, this.vocabSize, this.name));
  }

  tokenBytes(id: number): Uint8Array {
    return this.tokenizer.tokenToBytes(id);
  }
}

/** A named encoding (gpt2, o200k_base, ...) as a lecture tokenizer. */
export async function bpe(name: EncodingName): Promise<BpeTokenizer> {
  return new BpeTokenizer(await getEncoding(name));
}

/** BPE trained on `text` (256 bytes + vocabSize - 256 merges, GPT-2's pre-tokenizer by default). */
export async function trainBpe(text: string, options: { vocabSize: number; pattern?: PatternFamily }): Promise<BpeTokenizer> {
  checkText(text);
  const { tokenizer } = await train(text, { vocabSize: options.vocabSize, pattern: options.pattern, workers: 0 });
  return new BpeTokenizer(tokenizer, "trained bpe");
}
