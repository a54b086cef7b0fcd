// What train() takes and gives: the public types, apart from the code, so that option checking and
// the trainer share them without importing each other.

import type { PatternFamily } from "../patterns.js";
import type { Tokenizer } from "../tokenizer/tokenizer.js";

/** Text to train on: a string (the text itself), a file (`{ file: path }` or a file: URL, Node only), or chunks of one text. */
export type TrainInput = string | URL | { file: string } | Iterable<string> | AsyncIterable<string>;

export interface TrainOptions {
  /** Size of the final vocabulary: special tokens + 256 bytes + merges. */
  vocabSize: number;
  /** Each of two bytes or more, well-formed UTF-16 (no lone surrogate); a duplicate keeps its first id. */
  specialTokens?: Iterable<string>;
  /** Pre-tokenizer: "gpt2" (default), "cl100k" or "o200k". */
  pattern?: PatternFamily;
  /**
   * Worker threads for pre-tokenizing and counting (Node only). Default: one per core (up to 8) when
   * the input is a file, none otherwise. 0 counts in the calling thread.
   */
  workers?: number;
  /** Called as counting and merging go on; if it throws, train() stops (workers too) and rejects with what it threw. */
  onProgress?: (progress: TrainProgress) => void;
}

export interface TrainProgress {
  phase: "count" | "merge";
  /** UTF-8 bytes of text counted so far. */
  bytes: number;
  /** Distinct pre-tokens so far (while worker threads count: 0 until they hand their counts over). */
  words: number;
  merges: number;
  targetMerges: number;
}

/** Bytes a part of the trainer's memory uses, and holds (its capacity). */
export interface MemoryPart {
  used: number;
  held: number;
}

export interface TrainResult {
  /** Token id -> bytes: the special tokens, then the 256 bytes, then one token per merge. */
  vocab: Map<number, Uint8Array>;
  /** The merges in order, as pairs of token byte strings. */
  merges: Array<[Uint8Array, Uint8Array]>;
  specialTokens: Map<string, number>;
  /** A tokenizer with this vocabulary and the same pattern. */
  tokenizer: Tokenizer;
  /**
   * bytes: UTF-8 of the text between special tokens; words: distinct pre-tokens; tokens: what the
   * tokenizer encodes that text into (special tokens aside); memoryBytes: the trainer's high-water mark;
   * memoryParts: where that memory is, by table (docs/training.md); invalidUtf8At: for a file that
   * is not valid UTF-8, the byte offset of its first invalid sequence (each was trained on as U+FFFD).
   */
  stats: { bytes: number; words: number; tokens: number; memoryBytes: number; memoryParts: Record<string, MemoryPart>; invalidUtf8At?: number };
}
