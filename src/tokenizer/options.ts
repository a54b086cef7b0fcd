// The options and the description of a Tokenizer: the public types, apart from the code, so that the
// tokenizer, its loaders and its special-token policy share them without importing each other.

import type { EngineKind } from "../engine/contract.js";
import type { PatternFamily } from "../patterns.js";
import type { BpeSource } from "./bpe.js";
import type { SpecialTokenOptions } from "../text/special-policy.js";

export interface FromBpeOptions extends BpeSource {
  /** Pre-tokenizer: "gpt2" (default), "cl100k" or "o200k". */
  pattern?: PatternFamily;
  name?: string;
  /** "wasm" (default) or "js" (the pure-JS twin engine). */
  engine?: EngineKind;
}

/** A rank JSON file's object, as js-tiktoken's ranks/*.json and @anthropic-ai/tokenizer's claude.json hold it. */
export interface TiktokenRankJson {
  /** The pre-tokenizer regex: tiktoken's gpt2, cl100k or o200k pattern (or js-tiktoken's spelling of it). */
  pat_str: string;
  special_tokens?: Record<string, number>;
  /** Lines "<label> <first rank> <base64> <base64> ...": runs of consecutive ranks. */
  bpe_ranks: string;
  /** Not used (js-tiktoken ignores it too). */
  explicit_n_vocab?: number;
}

export interface FromTiktokenOptions {
  /** Pre-tokenizer: "gpt2", "cl100k", "o200k", or one of their exact regex sources. Default: a rank JSON's pat_str; gpt2 for .tiktoken. */
  pattern?: PatternFamily | string;
  /** A map to ids, or names (a name whose bytes are a token keeps its id; others get the ids after the last rank). Default: a rank JSON's special_tokens. */
  specialTokens?: ReadonlyMap<string, number> | Iterable<string>;
  name?: string;
  /** "wasm" (default) or "js" (the pure-JS twin engine). */
  engine?: EngineKind;
}

/** What a tokenizer is (see info()). */
export interface TokenizerInfo {
  name: string;
  model: "BPE";
  /** A tiktoken pattern family ("gpt2", "cl100k", "o200k", "cl100k-single-digits"), or the Split regexes' sources. */
  pattern: string;
  /** How text is pre-tokenized: the engine's hand-written scanner, or the host's RegExp (Hugging Face files only). */
  path: "scanner" | "regexp";
  /** Largest token id + 1. */
  vocabSize: number;
  /** Number of special (for Hugging Face files: added) tokens. */
  specialTokens: number;
  /** Whether encode adds the post-processor's tokens (Hugging Face files with a TemplateProcessing). */
  addSpecialTokens: boolean;
  normalizer: "NFC" | null;
}

export interface EncodeOptions extends SpecialTokenOptions {
  /** Tokenizers from a tokenizer.json: add the post-processor's tokens (BOS, ...). Default: as fromHuggingFace was given. */
  addSpecialTokens?: boolean;
}

export interface FromHuggingFaceOptions {
  /** Add the post-processor's tokens (e.g. Llama 3.1's <|begin_of_text|>) in encode and count. Default true, as HF's encode. */
  addSpecialTokens?: boolean;
  name?: string;
  /** "regexp" runs the Split regex in JavaScript even when the engine has a scanner for it (for testing). */
  preTokenizer?: "auto" | "regexp";
  /** "wasm" (default) or "js" (the pure-JS twin engine). */
  engine?: EngineKind;
}

/** chunks() and chunkStream(): the size of each piece, and the encode options the pieces are counted with. */
export interface ChunkOptions extends EncodeOptions {
  /** Most tokens in a piece (a positive integer). */
  maxTokens: number;
  /** Tokens consecutive pieces share (0, the default, to maxTokens - 1). */
  overlap?: number;
}
