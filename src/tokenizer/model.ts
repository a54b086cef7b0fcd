// What a Tokenizer remembers of where its vocabulary came from, so it can be saved again: tiktoken
// ranks (ids are merge priorities; merges are derived when a format needs them) or explicit merges.

import type { PatternFamily } from "../patterns.js";
import type { PackedVocab } from "../vocab/file.js";
import { mergesFromRanks } from "../formats/ranks-to-merges.js";

export type Merges = Array<[Uint8Array, Uint8Array]>;

export class TokenizerModel {
  private derivedMerges?: Merges;

  constructor(
    readonly kind: "ranks" | "merges",
    readonly pattern: PatternFamily,
    /** Token id -> bytes (for "ranks", the id is the rank); special tokens may be in it. */
    private readonly vocabSource: () => Map<number, Uint8Array>,
    private readonly givenMerges?: Merges,
  ) {}

  vocab(): Map<number, Uint8Array> {
    return this.vocabSource();
  }

  /** The merges: as given, or for ranks the ones that rebuild each token (computed once). */
  merges(): Merges {
    if (this.givenMerges) return this.givenMerges;
    this.derivedMerges ??= mergesFromRanks(this.vocab());
    return this.derivedMerges;
  }

  /** From a packed vocabulary, which may be views of an engine's memory: its tokens are copied out. */
  static fromPacked(tables: () => PackedVocab, pattern: PatternFamily): TokenizerModel {
    return new TokenizerModel("ranks", pattern, () => {
      const packed = tables();
      const vocab = new Map<number, Uint8Array>();
      for (let r = 0; r < packed.tokenCount; r++) vocab.set(packed.ids[r], packed.blob.slice(packed.offsets[r], packed.offsets[r + 1]));
      return vocab;
    });
  }
}
