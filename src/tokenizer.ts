// The public Tokenizer: argument checking, special-token policy and streams in TypeScript (loading
// and saving through tokenizer-io.ts), everything per byte in the engine.

import { BytepairError, describeValue as describe } from "./errors.js";
import { decodeUtf8, SPECIAL_TEXT, SPECIAL_ALLOWED, SPECIAL_DISALLOWED, type TokenEngine, type EngineKind } from "./engine.js";
import type { BpeSource } from "./bpe.js";
import type { PatternFamily } from "./encodings/registry.js";
import type { TokenizerModel } from "./model.js";
import type { TokenizerJson } from "./formats/huggingface.js";
import { checkEngineKind } from "./engine-select.js";
import { specialMatcher, safePieces, safeWindows } from "./segments.js";
import { textChunks, type TextSource } from "./stream.js";
import {
  checkPattern, readInput, enginePartsFromBpe, enginePartsFromTiktoken, enginePartsFromGpt2, enginePartsFromHuggingFace,
  saveTiktoken, saveGpt2, saveHuggingFace, type EngineParts,
} from "./tokenizer-io.js";

export interface FromBpeOptions extends BpeSource {
  /** Pre-tokenizer: "gpt2" (default), "cl100k" or "o200k". */
  pattern?: PatternFamily;
  name?: string;
  /** "wasm" (default) or "js" (the pure-JS twin engine). */
  engine?: EngineKind;
}

export interface FromTiktokenOptions {
  /** Pre-tokenizer: "gpt2" (default), "cl100k", "o200k", or one of their exact regex sources. */
  pattern?: PatternFamily | string;
  /** A map to ids, or names (a name whose bytes are a token keeps its id; others get the ids after the last rank). */
  specialTokens?: ReadonlyMap<string, number> | Iterable<string>;
  name?: string;
  /** "wasm" (default) or "js" (the pure-JS twin engine). */
  engine?: EngineKind;
}

export interface EncodeOptions {
  /** Special tokens to emit as their ids: "all", or a list. Default: none. */
  allowedSpecial?: "all" | Iterable<string>;
  /**
   * Special tokens whose presence is an error: "all" (the default: every special token not allowed),
   * or a list; `[]` encodes special tokens that are not allowed as ordinary text.
   */
  disallowedSpecial?: "all" | Iterable<string>;
}

export class Tokenizer {
  readonly name: string;
  /** Largest token id + 1 (tiktoken's n_vocab). */
  readonly vocabSize: number;
  readonly specialTokens: ReadonlyMap<string, number>;

  private readonly specialNames: readonly string[];
  private readonly defaultRoles: Uint8Array;
  private readonly ordinaryRoles: Uint8Array;

  /** @internal Use getEncoding(), encodingForModel() or a static from...() method. */
  constructor(
    name: string,
    private readonly engine: TokenEngine,
    specials: ReadonlyArray<readonly [string, number]>,
    private readonly model: TokenizerModel,
  ) {
    this.name = name;
    this.vocabSize = engine.maxTokenId + 1;
    this.specialTokens = new Map(specials);
    this.specialNames = specials.map(([text]) => text);
    this.defaultRoles = new Uint8Array(specials.length).fill(SPECIAL_DISALLOWED);
    this.ordinaryRoles = new Uint8Array(specials.length).fill(SPECIAL_TEXT);
  }

  /** The engine this tokenizer runs on: "wasm" or "js" (see the `engine` option). */
  get engineKind(): EngineKind {
    return this.engine.kind;
  }

  /**
   * A tokenizer from a vocabulary and merges held in memory, such as train() returns. Pairs merge
   * by the merges' priority (as GPT-2 and Hugging Face do), and the output ids are the vocabulary's.
   */
  static async fromBpe(options: FromBpeOptions): Promise<Tokenizer> {
    if (options === null || typeof options !== "object") {
      throw new BytepairError("INVALID_ARGUMENT", "fromBpe needs { vocab, merges, specialTokens?, pattern? }");
    }
    const name = options.name ?? "bpe";
    return Tokenizer.from(name, await enginePartsFromBpe(options, checkPattern(options.pattern), name, checkEngineKind(options.engine)));
  }

  /** A tokenizer from a .tiktoken file (bytes, a path in Node, or a URL): ranks are ids and merge priorities. */
  static async fromTiktoken(source: Uint8Array | string | URL, options: FromTiktokenOptions = {}): Promise<Tokenizer> {
    const parts = await enginePartsFromTiktoken(await readInput(source, ".tiktoken file"), options);
    return Tokenizer.from(options.name ?? "tiktoken", parts);
  }

  /**
   * A tokenizer from GPT-2 style files: the contents of vocab.json (text or parsed object) and
   * merges.txt. Vocabulary entries named in specialTokens (default "<|endoftext|>") are special.
   */
  static async fromGpt2(
    vocabJson: string | Record<string, number>,
    mergesTxt: string,
    options: { specialTokens?: Iterable<string>; pattern?: PatternFamily | string; name?: string; engine?: EngineKind } = {},
  ): Promise<Tokenizer> {
    return Tokenizer.from(options.name ?? "gpt2-files", await enginePartsFromGpt2(vocabJson, mergesTxt, options));
  }

  /**
   * A tokenizer from a Hugging Face tokenizer.json (its text or parsed object, a path in Node, or a URL)
   * of byte-level BPE with the GPT-2, cl100k or o200k pre-tokenizer.
   */
  static async fromHuggingFace(source: string | object | URL, options: { name?: string; engine?: EngineKind } = {}): Promise<Tokenizer> {
    let json: string | object = source;
    if (source instanceof URL || (typeof source === "string" && !source.trimStart().startsWith("{"))) {
      json = new TextDecoder().decode(await readInput(source as string | URL, "tokenizer.json"));
    }
    return Tokenizer.from(options.name ?? "tokenizer.json", await enginePartsFromHuggingFace(json, options.name, checkEngineKind(options.engine)));
  }

  private static from(name: string, { engine, specialTokens, model }: EngineParts): Tokenizer {
    return new Tokenizer(name, engine, specialTokens, model);
  }

  /** The ordinary tokens as a .tiktoken file (needs ids in merge order, as trained vocabularies have). */
  toTiktoken(): Uint8Array {
    return saveTiktoken(this.model, this.specialTokens);
  }

  /** GPT-2 style vocab.json and merges.txt contents (special tokens in vocab.json at their ids). */
  toGpt2(): { vocabJson: string; mergesTxt: string } {
    return saveGpt2(this.model, this.specialTokens);
  }

  /** A Hugging Face tokenizer.json object (JSON.stringify it to save). */
  toHuggingFace(): TokenizerJson {
    return saveHuggingFace(this.model, this.specialTokens);
  }

  /** Token ids of `text`. By default a special token in the text is an error (see EncodeOptions). */
  encode(text: string, options?: EncodeOptions): Uint32Array {
    return this.encodeWith(text, this.roles(options));
  }

  /** Token ids of `text`, with special tokens encoded as the ordinary text they are. */
  encodeOrdinary(text: string): Uint32Array {
    return this.encodeWith(text, this.ordinaryRoles);
  }

  /** The number of tokens `encode(text, options)` would return, without allocating them. */
  count(text: string, options?: EncodeOptions): number {
    checkText(text);
    const roles = this.roles(options);
    if (text.length <= LARGE) return this.engine.encode(text, roles, this.specialNames);
    let total = 0;
    for (const [start, end] of this.windows(text, roles, LARGE)) total += this.engine.encode(text.slice(start, end), roles, this.specialNames, start);
    return total;
  }

  /** Bytes of linear memory this tokenizer's engine holds: its tables plus the largest call's scratch. */
  get memoryBytes(): number {
    return this.engine.memoryBytes;
  }

  /**
   * Token ids of a stream of text, in chunks: the same ids as encoding the whole text at once, for
   * any chunking (pieces, multi-byte characters, "\r\n" and special tokens split across chunks).
   * `source`: an (async) iterable of strings or UTF-8 bytes, a web ReadableStream or a Node readable.
   * Memory follows the chunk size (and the longest run of text with no place to cut: a single space
   * between two other characters, or a special token).
   */
  async *encodeStream(source: TextSource, options?: EncodeOptions): AsyncGenerator<Uint32Array, void, undefined> {
    const roles = this.roles(options);
    const { matcher, keep } = this.cutting(roles);
    for await (const { text, offset } of safePieces(textChunks(source), matcher, keep)) {
      const n = this.engine.encode(text, roles, this.specialNames, offset);
      yield this.engine.ids(n).slice();
    }
  }

  /** The number of tokens in a stream of text (see encodeStream), without keeping the ids. */
  async countStream(source: TextSource, options?: EncodeOptions): Promise<number> {
    const roles = this.roles(options);
    const { matcher, keep } = this.cutting(roles);
    let total = 0;
    for await (const { text, offset } of safePieces(textChunks(source), matcher, keep)) {
      total += this.engine.encode(text, roles, this.specialNames, offset);
    }
    return total;
  }

  /**
   * The token count of `text` if it is at most `limit`, else false; stops encoding soon after the
   * limit is passed, so a huge text over the limit costs little.
   */
  isWithinTokenLimit(text: string, limit: number, options?: EncodeOptions): number | false {
    checkText(text);
    if (!Number.isInteger(limit) || limit < 0) {
      throw new BytepairError("INVALID_ARGUMENT", `Expected limit to be a non-negative integer, got ${describe(limit)}`);
    }
    const roles = this.roles(options);
    // A disallowed special token anywhere is an error, as in count(), even past the limit.
    const disallowed = specialMatcher(this.specialNames.filter((_, k) => roles[k] === SPECIAL_DISALLOWED));
    const found = disallowed?.exec(text);
    if (found) this.engine.encode(found[0], roles, this.specialNames, found.index); // throws, naming it
    // Windows a few times longer than the limit could need.
    let total = 0;
    for (const [start, end] of this.windows(text, roles, Math.max(4096, limit * 8))) {
      total += this.engine.encode(text.slice(start, end), roles, this.specialNames, start);
      if (total > limit) return false;
    }
    return total;
  }

  /** Text of the ids; bytes that are not valid UTF-8 become U+FFFD. */
  decode(ids: ArrayLike<number>): string {
    return decodeUtf8(this.engine.decode(checkIds(ids)));
  }

  /** The raw bytes of the ids. */
  decodeBytes(ids: ArrayLike<number>): Uint8Array {
    return this.engine.decode(checkIds(ids)).slice();
  }

  /** The bytes of one token. */
  tokenToBytes(id: number): Uint8Array {
    const bytes = this.engine.tokenBytes(id);
    if (!bytes) {
      throw new BytepairError("INVALID_TOKEN_ID", `Token id ${String(id)} is not a token of ${this.name}`, { id, index: 0 });
    }
    return bytes;
  }

  /** Where streamed text may be cut: after the special tokens treated as special, as segments.ts says. */
  private cutting(roles: Uint8Array): { matcher: RegExp | undefined; keep: number } {
    const special = this.specialNames.filter((_, k) => roles[k] !== SPECIAL_TEXT);
    return { matcher: specialMatcher(special), keep: Math.max(0, ...this.specialNames.map((s) => s.length)) };
  }

  /**
   * Ids of `text`. A text longer than LARGE is encoded window by window (cut where the ids cannot
   * change), so the engine's scratch memory follows the window, not the text.
   */
  private encodeWith(text: string, roles: Uint8Array): Uint32Array {
    checkText(text);
    if (text.length <= LARGE) return this.engine.ids(this.engine.encode(text, roles, this.specialNames)).slice();
    const parts: Uint32Array[] = [];
    let total = 0;
    for (const [start, end] of this.windows(text, roles, LARGE)) {
      const part = this.engine.ids(this.engine.encode(text.slice(start, end), roles, this.specialNames, start)).slice();
      parts.push(part);
      total += part.length;
    }
    const ids = new Uint32Array(total);
    let at = 0;
    for (const part of parts) {
      ids.set(part, at);
      at += part.length;
    }
    return ids;
  }

  private windows(text: string, roles: Uint8Array, size: number): Generator<[number, number]> {
    const { matcher, keep } = this.cutting(roles);
    return safeWindows(text, matcher, keep, size);
  }

  private roles(options: EncodeOptions | undefined): Uint8Array {
    if (options === undefined) return this.defaultRoles;
    if (options === null || typeof options !== "object") {
      throw new BytepairError("INVALID_ARGUMENT", `Expected options to be an object, got ${describe(options)}`);
    }
    const { allowedSpecial, disallowedSpecial } = options;
    if (allowedSpecial === undefined && (disallowedSpecial === undefined || disallowedSpecial === "all")) {
      return this.defaultRoles;
    }
    const allowed = this.specialSet(allowedSpecial, "allowedSpecial");
    // As tiktoken: "all" disallows every special token not allowed; a token in both lists is an error.
    const disallowed =
      disallowedSpecial === undefined || disallowedSpecial === "all"
        ? new Set(this.specialNames.filter((s) => !allowed.has(s)))
        : this.specialSet(disallowedSpecial, "disallowedSpecial");
    return Uint8Array.from(this.specialNames, (s) =>
      disallowed.has(s) ? SPECIAL_DISALLOWED : allowed.has(s) ? SPECIAL_ALLOWED : SPECIAL_TEXT,
    );
  }

  private specialSet(value: "all" | Iterable<string> | undefined, option: string): Set<string> {
    if (value === undefined) return new Set();
    if (value === "all") return new Set(this.specialNames);
    if (typeof value === "string" || value === null || typeof (value as Iterable<string>)[Symbol.iterator] !== "function") {
      throw new BytepairError("INVALID_ARGUMENT", `Expected ${option} to be "all" or a list of special tokens, got ${describe(value)}`);
    }
    const set = new Set<string>();
    for (const s of value) {
      if (!this.specialTokens.has(s)) {
        throw new BytepairError(
          "INVALID_ARGUMENT",
          `${option} names ${JSON.stringify(s)}, which is not a special token of ${this.name} (${this.specialNames.join(", ")})`,
        );
      }
      set.add(s);
    }
    return set;
  }
}

/** Texts longer than this (UTF-16 units) are encoded in windows of about this size. */
const LARGE = 1 << 22;

function checkText(text: unknown): asserts text is string {
  if (typeof text !== "string") throw new BytepairError("INVALID_ARGUMENT", `Expected text to be a string, got ${describe(text)}`);
}

function checkIds(ids: ArrayLike<number>): ArrayLike<number> {
  if (ids === null || typeof ids !== "object" || typeof ids.length !== "number") {
    throw new BytepairError("INVALID_ARGUMENT", `Expected ids to be an array of token ids, got ${describe(ids)}`);
  }
  return ids;
}
