// A trained merge list as steps: step k is the tokenizer of the first k merges. Merge k's pair count is
// recounted here, plainly, over the text as the first k - 1 merges tokenize it (what the trainer saw when
// it chose merge k): every pre-token's adjacent pairs, weighted by how often the pre-token occurs.

import { Tokenizer } from "../tokenizer/tokenizer.js";
import { gpt2PreTokens } from "../reference/pretokenize.js";
import { BytepairError } from "../errors.js";
import { hexBytes } from "./tokens.js";
import type { Merges } from "./training.js";

export interface MergeStep {
  left: Uint8Array;
  right: Uint8Array;
  /** The new token's bytes and id (256 + k - 1: the byte tokens come first). */
  token: Uint8Array;
  id: number;
}

const KEPT_TOKENIZERS = 4; // stepping back and forth reuses these; each holds its own engine memory

export class MergeSteps {
  /** Id -> bytes: the 256 bytes, then one token per merge. */
  readonly tokenBytes: Uint8Array[] = [];
  private readonly tokenizers = new Map<number, Promise<Tokenizer>>();
  private preTokens?: Map<string, number>;

  constructor(readonly text: string, readonly merges: Merges) {
    for (let b = 0; b < 256; b++) this.tokenBytes.push(Uint8Array.of(b));
    for (const [left, right] of merges) {
      const token = new Uint8Array(left.length + right.length);
      token.set(left);
      token.set(right, left.length);
      this.tokenBytes.push(token);
    }
  }

  get count(): number {
    return this.merges.length;
  }

  /** Merge k, from 1 to count. */
  step(k: number): MergeStep {
    this.checkStep(k, 1);
    const [left, right] = this.merges[k - 1];
    return { left, right, token: this.tokenBytes[255 + k], id: 255 + k };
  }

  /** The tokenizer of the first k merges (0: bytes only). */
  tokenizerAt(k: number): Promise<Tokenizer> {
    this.checkStep(k, 0);
    let tokenizer = this.tokenizers.get(k);
    if (tokenizer) {
      this.tokenizers.delete(k); // re-inserted below: the map's order is least recently used first
    } else {
      const vocab = new Map(this.tokenBytes.slice(0, 256 + k).map((bytes, id) => [id, bytes] as const));
      tokenizer = Tokenizer.fromBpe({ vocab, merges: this.merges.slice(0, k), name: `first ${k} merges` });
    }
    this.tokenizers.set(k, tokenizer);
    while (this.tokenizers.size > KEPT_TOKENIZERS) this.tokenizers.delete(this.tokenizers.keys().next().value!);
    return tokenizer;
  }

  /** How often merge k's pair occurs in the text tokenized with the first k - 1 merges (pairs never cross pre-tokens). */
  async pairCount(k: number): Promise<number> {
    const { left, right } = this.step(k);
    const tokenizer = await this.tokenizerAt(k - 1);
    const leftKey = hexBytes(left);
    const rightKey = hexBytes(right);
    const keys = new Map<number, string>(); // id -> its bytes' key, for the ids this text has
    const key = (id: number) => keys.get(id) ?? keys.set(id, hexBytes(tokenizer.tokenToBytes(id))).get(id)!;
    let count = 0;
    for (const [piece, occurrences] of this.pieces()) {
      const ids = tokenizer.encodeOrdinary(piece);
      for (let i = 0; i + 1 < ids.length; i++) {
        if (key(ids[i]) === leftKey && key(ids[i + 1]) === rightKey) count += occurrences;
      }
    }
    return count;
  }

  /** The text's distinct pre-tokens (GPT-2's pattern, as train() uses by default) and their counts. */
  private pieces(): Map<string, number> {
    if (!this.preTokens) {
      this.preTokens = new Map();
      for (const piece of gpt2PreTokens(this.text)) this.preTokens.set(piece, (this.preTokens.get(piece) ?? 0) + 1);
    }
    return this.preTokens;
  }

  private checkStep(k: number, least: number): void {
    if (!Number.isInteger(k) || k < least || k > this.count) {
      throw new BytepairError("INVALID_ARGUMENT", `Step must be an integer from ${least} to ${this.count}, got ${String(k)}`);
    }
  }
}
