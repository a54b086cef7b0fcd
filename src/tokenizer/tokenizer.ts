// The public Tokenizer: argument checking, streams and windows in TypeScript (special tokens through
// special-policy.ts, loading through io.ts, saving through save.ts), everything per byte in the engine.

import { BytepairError, describeValue as describe, disallowedSpecialToken, invalidTokenId, quote } from "../errors.js";
import { MAX_DECODED_BYTES, type TokenEngine, type EngineKind } from "../engine/contract.js";
import type { PatternFamily } from "../patterns.js";
import type { TokenizerModel } from "./model.js";
import type { TokenizerJson } from "../formats/huggingface.js";
import { checkEngineKind } from "../engine/select.js";
import { safePieces, safeWindows } from "../text/segments.js";
import { SpecialPolicies, type SpecialPolicy } from "../text/special-policy.js";
import type { HuggingFaceParts } from "../hf/pipeline.js";
import { textChunks, type TextSource } from "../text/stream.js";
import { loneSurrogateAt, utf8Length } from "../text/utf8.js";
import { indexOfBytes } from "../text/byte-cuts.js";
import type { EngineParts } from "./io.js";
import type { EncodeOptions, FromBpeOptions, FromTiktokenOptions, FromHuggingFaceOptions, TiktokenRankJson, TokenizerInfo } from "./options.js";
import { loadIo } from "./io-on-demand.js";
import { saveTiktoken, saveGpt2, saveHuggingFace } from "./save.js";
import { encodingOffsets, decodingOffsets, type EncodingOffsets } from "./offsets.js";
import { streamDecoder, type StreamDecoder } from "../text/stream-decoder.js";
import { checkMaxTokens, truncatedLength, type CutEncoder } from "./truncate.js";
import { checkChunkSizes, chunkText, chunkParts } from "./chunks.js";
import { nfcSeen, sameText, type SeenText } from "../text/nfc-map.js";
import { leadingPart } from "../text/leading-part.js";
import type { ChunkOptions } from "./options.js";
import { renderChatTemplate, type ChatTemplateMessage, type ChatTemplateOptions } from "./chat-template.js";

export class Tokenizer {
  readonly name: string;
  /** Largest token id + 1 (tiktoken's n_vocab). */
  readonly vocabSize: number;
  private readonly specials: ReadonlyMap<string, number>;
  /** UTF-16 units of the longest special token: how much text streams and windows hold back. */
  private readonly longestSpecial: number;
  private readonly policies: SpecialPolicies;

  /** @internal Use getEncoding(), encodingForModel() or a static from...() method. */
  constructor(
    name: string,
    private readonly engine: TokenEngine,
    specials: ReadonlyArray<readonly [string, number]>,
    private readonly model: TokenizerModel,
    private readonly hf?: HuggingFaceParts,
  ) {
    this.name = name;
    // A SentencePiece-style model's partial characters (ids above the file's) are the engine's own.
    this.vocabSize = hf?.sentencePiece ? hf.sentencePiece.firstPartialId : engine.maxTokenId + 1;
    for (const [text] of specials) checkSpecialText(text, name);
    this.specials = new Map(specials);
    const names = specials.map(([text]) => text);
    this.longestSpecial = names.reduce((longest, s) => Math.max(longest, s.length), 0);
    // Hugging Face matches added tokens in text always (tiktoken's default is to refuse them).
    this.policies = new SpecialPolicies(names, name, hf !== undefined && hf.specialsAllowedByDefault !== false);
    // getEncoding's tokenizers are shared by every caller in the process: none may change them.
    Object.freeze(this);
  }

  /** The special tokens and their ids: a copy, so that no caller changes what another sees. */
  get specialTokens(): Map<string, number> {
    return new Map(this.specials);
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
    const io = await loadIo();
    return Tokenizer.from(name, await io.enginePartsFromBpe(options, io.checkPattern(options.pattern), name, checkEngineKind(options.engine)));
  }

  /**
   * A tokenizer from tiktoken-style ranks (ranks are ids and merge priorities): a .tiktoken file, or a
   * rank JSON file { pat_str, special_tokens, bpe_ranks } as js-tiktoken's ranks and claude.json are,
   * or Mistral's tekken.json { config, vocab, special_tokens } (see fromTekken).
   * `source`: the file's bytes, a path in Node, a URL, or (rank JSON) its text or parsed object. A rank
   * JSON brings its pattern and special tokens; `pattern` and `specialTokens` replace them.
   */
  static async fromTiktoken(source: Uint8Array | string | URL | TiktokenRankJson, options: FromTiktokenOptions = {}): Promise<Tokenizer> {
    if (options === null || typeof options !== "object") throw new BytepairError("INVALID_ARGUMENT", `Expected options to be an object, got ${describe(options)}`);
    const io = await loadIo();
    return Tokenizer.from(options.name ?? "tiktoken", await io.enginePartsFromTiktokenSource(source, options));
  }

  /**
   * A tokenizer from Mistral's tekken.json (its bytes, a path in Node, a URL, its text or parsed object),
   * with mistral-common's ids: special tokens first, ordinary rank r at r + their count. Tekken's pattern
   * runs as a RegExp. A special token in the text is an error unless allowed, as in tiktoken;
   * mistral-common reads them as text, so `encodeOrdinary` gives its ids. (`fromTiktoken` reads it too.)
   */
  static async fromTekken(source: Uint8Array | string | URL | object, options: Omit<FromTiktokenOptions, "specialTokens"> = {}): Promise<Tokenizer> {
    if (options === null || typeof options !== "object") throw new BytepairError("INVALID_ARGUMENT", `Expected options to be an object, got ${describe(options)}`);
    const io = await loadIo();
    return Tokenizer.from(options.name ?? "tekken", await io.enginePartsFromTekkenSource(source, options));
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
    const io = await loadIo();
    return Tokenizer.from(options.name ?? "gpt2-files", await io.enginePartsFromGpt2(vocabJson, mergesTxt, options));
  }

  /**
   * A tokenizer from a Hugging Face tokenizer.json (its text or parsed object, a path in Node, or a URL)
   * of byte-level BPE (Llama 3, Qwen, DeepSeek V3, GPT-OSS, GPT-2 and more). Added tokens in the text
   * are always their ids, as in `tokenizers`; `addSpecialTokens` (default true, as HF's encode)
   * adds the post-processor's tokens, such as Llama 3.1's `<|begin_of_text|>`.
   */
  static async fromHuggingFace(source: string | object | URL, options: FromHuggingFaceOptions = {}): Promise<Tokenizer> {
    if (options === null || typeof options !== "object") throw new BytepairError("INVALID_ARGUMENT", `Expected options to be an object, got ${describe(options)}`);
    const io = await loadIo();
    let json: string | object = source;
    if (source instanceof URL || (typeof source === "string" && !source.trimStart().startsWith("{"))) {
      json = new TextDecoder().decode(await io.readInput(source as string | URL, "tokenizer.json"));
    }
    return Tokenizer.from(options.name ?? "tokenizer.json", await io.enginePartsFromHuggingFace(json, options));
  }

  private static from(name: string, { engine, specialTokens, model, hf }: EngineParts): Tokenizer {
    return new Tokenizer(name, engine, specialTokens, model, hf);
  }

  /** What this tokenizer is: its model, pre-tokenizer pattern and path, sizes. */
  info(): TokenizerInfo {
    const scanner = this.hf?.pipeline.config.scanner;
    const pattern = !this.hf
      ? this.model.pattern
      : scanner
        ? scanner.family + (scanner.singleDigits ? "-single-digits" : "")
        : this.hf.pipeline.config.splits.map((s) => s.source).join(" then ") || "none";
    return {
      name: this.name,
      model: "BPE",
      pattern,
      path: this.hf?.pipeline.path ?? "scanner",
      vocabSize: this.vocabSize,
      specialTokens: this.specials.size,
      addSpecialTokens: this.hf?.addSpecialTokens ?? false,
      normalizer: this.hf?.pipeline.config.normalizer ?? null,
    };
  }

  /** The ordinary tokens as a .tiktoken file (needs ids in merge order, as trained vocabularies have). */
  toTiktoken(): Uint8Array {
    this.checkSavable();
    return saveTiktoken(this.model, this.specials);
  }

  /** GPT-2 style vocab.json and merges.txt contents (special tokens in vocab.json at their ids). */
  toGpt2(): { vocabJson: string; mergesTxt: string } {
    this.checkSavable();
    return saveGpt2(this.model, this.specials);
  }

  /** A Hugging Face tokenizer.json object (JSON.stringify it to save). */
  toHuggingFace(): TokenizerJson {
    this.checkSavable();
    return saveHuggingFace(this.model, this.specials);
  }

  /**
   * @internal Whether a text may be cut where segments.ts says and its parts encoded one by one (false
   * for a tokenizer.json pre-tokenizer the engine has no scanner for: its text goes whole).
   */
  get windowable(): boolean {
    return !this.hf || this.hf.pipeline.windowable;
  }

  /**
   * The ids `encode(text, options)` puts before and after the text's own: a tokenizer.json's
   * post-processor template (Llama 3.1's `<|begin_of_text|>`), empty otherwise. To encode one text in
   * pieces, encode each with `addSpecialTokens: false` and put these around them, as encode-file does.
   */
  templateIds(options?: EncodeOptions): { prefix: Uint32Array; suffix: Uint32Array } {
    const template = this.template(options);
    return { prefix: template ? template.prefix.slice() : new Uint32Array(0), suffix: template ? template.suffix.slice() : new Uint32Array(0) };
  }

  /**
   * Token ids of `text`. By default a special token in the text is an error (see EncodeOptions), as in
   * tiktoken; for a tokenizer from a tokenizer.json it is its id, as in Hugging Face's tokenizers.
   */
  encode(text: string, options?: EncodeOptions): Uint32Array {
    return this.encodeWith(text, this.policies.of(options), this.template(options));
  }

  /**
   * Token ids of UTF-8 `bytes`: what `encode` gives for their text (read as TextDecoder reads them,
   * invalid sequences as U+FFFD, a leading BOM kept), without the trip through a string where the
   * engine can take the bytes as they are. A disallowed special token's `offset` counts bytes.
   */
  encodeUtf8(bytes: Uint8Array, options?: EncodeOptions): Uint32Array {
    if (!(bytes instanceof Uint8Array)) throw new BytepairError("INVALID_ARGUMENT", `Expected bytes to be a Uint8Array, got ${describe(bytes)}`);
    const policy = this.policies.of(options);
    const template = this.template(options);
    if (!this.hf && bytes.length <= LARGE_BYTES) {
      const ids = this.engine.encodeUtf8(bytes, policy.roles);
      if (ids) return ids;
    }
    const text = lenientUtf8.decode(bytes);
    try {
      return this.encodeWith(text, policy, template);
    } catch (e) {
      if (e instanceof BytepairError && e.token !== undefined && e.offset !== undefined) {
        throw disallowedSpecialToken(e.token, byteOffsetOf(bytes, text, e.token, e.offset), "byte");
      }
      throw e;
    }
  }

  /** Token ids of `text`, with special tokens encoded as the ordinary text they are. */
  encodeOrdinary(text: string): Uint32Array {
    return this.encodeWith(text, this.policies.ordinary, undefined);
  }

  /** The number of tokens `encode(text, options)` would return, without allocating them. */
  count(text: string, options?: EncodeOptions): number {
    checkText(text);
    const policy = this.policies.of(options);
    const added = this.templateLength(options);
    if (text.length <= LARGE) return added + this.countPart(text, policy);
    let total = added;
    for (const [start, end] of this.windows(text, policy, LARGE)) total += this.countPart(text.slice(start, end), policy, start);
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
    const policy = this.policies.of(options);
    const template = this.template(options);
    if (template?.prefix.length) yield template.prefix.slice();
    for await (const { text, offset } of this.streamParts(source, policy)) yield this.encodePart(text, policy, offset);
    if (template?.suffix.length) yield template.suffix.slice();
  }

  /** The number of tokens in a stream of text (see encodeStream), without keeping the ids. */
  async countStream(source: TextSource, options?: EncodeOptions): Promise<number> {
    const policy = this.policies.of(options);
    let total = this.templateLength(options);
    for await (const { text, offset } of this.streamParts(source, policy)) total += this.countPart(text, policy, offset);
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
    const policy = this.policies.of(options);
    // A disallowed special token anywhere is an error, as in count(), even past the limit.
    const disallowed = policy.disallowed;
    const found = disallowed?.exec(text);
    if (disallowed) disallowed.lastIndex = 0;
    if (found) throw disallowedSpecialToken(found[0], found.index);
    let total = this.templateLength(options);
    // No token holds more than maxTokenBytes bytes of text (nor a character of less than a byte), so a
    // text that long is over the limit without encoding it, however few places it has to cut.
    if (text.length > (limit - total) * this.engine.maxTokenBytes && this.lengthBoundsTokens()) return false;
    // Windows a few times longer than the limit could need.
    for (const [start, end] of this.windows(text, policy, Math.max(4096, limit * 8))) {
      total += this.countPart(text.slice(start, end), policy, start);
      if (total > limit) return false;
    }
    return total;
  }

  /** Text of the ids; bytes that are not valid UTF-8 become U+FFFD. */
  decode(ids: ArrayLike<number>): string {
    const sp = this.hf?.sentencePiece;
    return sp ? sp.decoder.decode(checkIds(ids)) : this.engine.decodeText(checkIds(ids));
  }

  /** The raw bytes of the ids (for a SentencePiece-style tokenizer, whose decoders work on text: decode's UTF-8). */
  decodeBytes(ids: ArrayLike<number>): Uint8Array {
    if (this.hf?.sentencePiece) return utf8.encode(this.decode(ids));
    return this.engine.decode(checkIds(ids)).slice();
  }

  /** The bytes of one token (a SentencePiece-style <0xNN> token: its byte). */
  tokenToBytes(id: number): Uint8Array {
    const bytes = this.hf?.sentencePiece ? this.hf.sentencePiece.tokenBytes(id) : this.engine.tokenBytes(id);
    if (!bytes) throw invalidTokenId(id, undefined, this.name);
    return bytes;
  }

  /**
   * The ids of `text` (as encode gives them) and where each starts: `offsets[i]` is the index in `text`
   * (UTF-16 units) of the character that holds token i's first byte. A template's tokens (Hugging Face
   * BOS/EOS) point where they are put: 0 before the text, `text.length` after it.
   */
  encodeWithOffsets(text: string, options?: EncodeOptions): { ids: Uint32Array; offsets: Uint32Array } {
    const { ids, offsets } = this.offsetsOf(text, options);
    return { ids, offsets };
  }

  /** The text of the ids (as decode gives it) and where each token starts in it (see encodeWithOffsets). */
  decodeWithOffsets(ids: ArrayLike<number>): { text: string; offsets: Uint32Array } {
    const sp = this.hf?.sentencePiece;
    if (sp) return sp.decoder.decodeWithOffsets(checkIds(ids));
    const text = this.decode(ids);
    return { text, offsets: decodingOffsets(ids, (id) => this.engine.tokenBytes(id)!) };
  }

  /** A decoder for ids that arrive a few at a time: whole characters only, all of it together decode(allIds). */
  createDecoder(): StreamDecoder {
    const sp = this.hf?.sentencePiece;
    if (sp) return sp.decoder.stream();
    return streamDecoder((ids) => this.decodeBytes(ids));
  }

  /**
   * The longest prefix of `text` that ends on a token boundary and a character boundary of the text's
   * encoding and encodes (on its own, with `options`) to at most `maxTokens` tokens.
   */
  truncate(text: string, maxTokens: number, options?: EncodeOptions): string {
    checkText(text);
    const length = truncatedLength(text, checkMaxTokens(maxTokens), this.cutEncoder(options))!;
    return length === text.length ? text : text.slice(0, length);
  }

  /**
   * `text` in pieces of at most `maxTokens` tokens each, cut as truncate cuts; consecutive pieces
   * share `overlap` tokens (default 0: the pieces join back to `text`).
   */
  chunks(text: string, options: ChunkOptions): string[] {
    checkText(text);
    return chunkText(text, checkChunkSizes(options), this.cutEncoder(options));
  }

  /** The pieces chunks would give for the whole text of a stream (see encodeStream for `source`). */
  chunkStream(source: TextSource, options: ChunkOptions): AsyncGenerator<string, void, undefined> {
    const sizes = checkChunkSizes(options);
    return chunkParts(textChunks(source), sizes, this.cutEncoder(options));
  }

  /**
   * A chat in the model's chat template (Jinja, rendered with @huggingface/jinja, loaded on first use):
   * the template of `options.config` (the model's tokenizer_config.json) or `options.chatTemplate`, given
   * the messages, `addGenerationPrompt`, `tools`, `documents`, the config's special tokens and any other
   * option as a variable. Its ids, as transformers' apply_chat_template gives them: special tokens in the
   * text are their ids, and the post-processor's are not added again. `tokenize: false` gives the text.
   */
  applyChatTemplate(messages: readonly ChatTemplateMessage[], options: ChatTemplateOptions & { tokenize: false }): Promise<string>;
  applyChatTemplate(messages: readonly ChatTemplateMessage[], options?: ChatTemplateOptions): Promise<Uint32Array>;
  async applyChatTemplate(messages: readonly ChatTemplateMessage[], options: ChatTemplateOptions = {}): Promise<Uint32Array | string> {
    const text = await renderChatTemplate(messages, options);
    return options.tokenize === false ? text : this.encode(text, { allowedSpecial: "all", addSpecialTokens: false });
  }

  /**
   * Ids of `text`. A text longer than LARGE is encoded window by window (cut where the ids cannot
   * change), so the engine's scratch memory follows the window, not the text.
   */
  private encodeWith(text: string, policy: SpecialPolicy, template: HuggingFaceParts | undefined): Uint32Array {
    checkText(text);
    if (text.length <= LARGE && !template) return this.encodePart(text, policy);
    const parts: Uint32Array[] = template ? [template.prefix] : [];
    let total = template ? template.prefix.length + template.suffix.length : 0;
    const windows = text.length <= LARGE ? [[0, text.length]] : this.windows(text, policy, LARGE);
    for (const [start, end] of windows) {
      const part = this.encodePart(text.slice(start, end), policy, start);
      parts.push(part);
      total += part.length;
    }
    if (template) parts.push(template.suffix);
    const ids = new Uint32Array(total);
    let at = 0;
    for (const part of parts) {
      ids.set(part, at);
      at += part.length;
    }
    return ids;
  }

  /** Offsets of encode(text, options), and which tokens start on a character boundary of the text. */
  private offsetsOf(text: string, options: EncodeOptions | undefined): EncodingOffsets & { prefix: number; suffix: number } {
    const policy = this.policies.of(options);
    const template = this.template(options);
    const ids = this.encodeWith(text, policy, template);
    const prefix = template?.prefix.length ?? 0;
    const suffix = template?.suffix.length ?? 0;
    const seen = this.seenText(text, policy);
    const bytesOf = this.hf?.sentencePiece?.tokenBytes ?? ((id: number) => this.engine.tokenBytes(id));
    return { ...encodingOffsets(ids, prefix, suffix, seen, text.length, (id) => bytesOf(id)!), prefix, suffix };
  }

  /** The text the pre-tokenizer saw, with the way back to `text`. */
  private seenText(text: string, policy: SpecialPolicy): SeenText {
    if (this.hf?.sentencePiece) {
      const seen = this.hf.pipeline.seenText(text, policy);
      if (!seen) throw new BytepairError("UNSUPPORTED_TOKENIZER", `${this.name}: offsets need a normalizer that keeps positions (Prepend, Replace of one character by one); this tokenizer's moves them`);
      return seen;
    }
    return this.hf?.pipeline.config.normalizer === "NFC" ? nfcSeen(text, policy.allowed) : sameText(text);
  }

  /** What truncate and chunks need, with the options' special tokens and template bound. */
  private cutEncoder(options: EncodeOptions | undefined): CutEncoder {
    const policy = this.policies.of(options);
    const windowable = !this.hf || this.hf.pipeline.windowable;
    return {
      offsets: (text) => this.offsetsOf(text, options),
      count: (text) => this.count(text, options),
      leadingPart: (text, units, final) =>
        windowable ? leadingPart(text, policy.special, this.longestSpecial, units, final) : final ? text.length : undefined,
    };
  }

  /**
   * Whether each token holds at most maxTokenBytes of the text itself: not where a tokenizer.json's
   * normalizer may shorten the text or its pre-tokenizer may remove parts of it.
   */
  private lengthBoundsTokens(): boolean {
    return !this.hf || (this.hf.pipeline.windowable && !this.hf.pipeline.config.normalizer);
  }

  /** Windows of the text that encode independently: cut after special tokens treated as special, as segments.ts says. */
  private windows(text: string, policy: SpecialPolicy, size: number): Iterable<[number, number]> {
    // A regex the engine has no scanner for gives no safe places to cut: the text goes whole.
    if (this.hf && !this.hf.pipeline.windowable) return [[0, text.length]];
    return safeWindows(text, policy.special, this.longestSpecial, size);
  }

  /** A stream's text in parts that encode independently (see segments.ts); whole for RegExp pre-tokenizers. */
  private async *streamParts(source: TextSource, policy: SpecialPolicy): AsyncGenerator<{ text: string; offset: number }> {
    if (this.hf && !this.hf.pipeline.windowable) {
      let text = "";
      for await (const chunk of textChunks(source)) text += chunk;
      yield { text, offset: 0 };
      return;
    }
    yield* safePieces(textChunks(source), policy.special, this.longestSpecial);
  }

  /** Ids of one part, from the engine (through the Hugging Face pipeline, if any). */
  private encodePart(text: string, policy: SpecialPolicy, base = 0): Uint32Array {
    return this.hf ? this.hf.pipeline.encode(text, policy, base) : this.engine.encode(text, policy.roles, base);
  }

  /** The number of ids of one part, as encodePart would give them. */
  private countPart(text: string, policy: SpecialPolicy, base = 0): number {
    return this.hf ? this.hf.pipeline.count(text, policy, base) : this.engine.count(text, policy.roles, base);
  }

  /** The post-processor's ids to add around the text, if any and if asked for. */
  private template(options: EncodeOptions | undefined): HuggingFaceParts | undefined {
    const add = options?.addSpecialTokens;
    if (add !== undefined && typeof add !== "boolean") {
      throw new BytepairError("INVALID_ARGUMENT", `Expected addSpecialTokens to be true or false, got ${describe(add)}`);
    }
    if (!this.hf || !(add ?? this.hf.addSpecialTokens)) return undefined;
    return this.hf.prefix.length || this.hf.suffix.length ? this.hf : undefined;
  }

  private templateLength(options: EncodeOptions | undefined): number {
    const template = this.template(options);
    return template ? template.prefix.length + template.suffix.length : 0;
  }

  private checkSavable(): void {
    const config = this.hf?.pipeline.config;
    if (config && (!config.scanner || config.scanner.singleDigits || config.normalizer || config.ignoreMerges || config.prefix.length || config.suffix.length)) {
      throw new BytepairError(
        "UNSUPPORTED_TOKENIZER",
        `${this.name}: saving a tokenizer.json tokenizer that uses more than a gpt2, cl100k or o200k pre-tokenizer ` +
          "(another regex, NFC, ignore_merges, a template) is not supported; keep its tokenizer.json",
      );
    }
  }
}

const utf8 = new TextEncoder();

/** Texts longer than this (UTF-16 units) are encoded in windows of about this size. */
const LARGE = 1 << 22;
/**
 * Where in `bytes` the special token found at `offset` of `text` (their lenient decoding) starts: the
 * same occurrence of its UTF-8, counted from the start (a replaced invalid sequence is U+FFFD, which
 * no occurrence holds unless the token itself does; then the decoded text's UTF-8 offset is given).
 */
function byteOffsetOf(bytes: Uint8Array, text: string, token: string, offset: number): number {
  if (token.includes("\uFFFD")) return utf8Length(text.slice(0, offset));
  let k = 0;
  for (let i = text.indexOf(token); i >= 0 && i < offset; i = text.indexOf(token, i + 1)) k++;
  const needle = new TextEncoder().encode(token);
  let at = -1;
  for (let n = 0; n <= k; n++) at = indexOfBytes(bytes, needle, at + 1);
  return at >= 0 ? at : utf8Length(text.slice(0, offset));
}

/** encodeUtf8 hands the engine at most this many bytes in one call; longer inputs go as text, window by window. */
const LARGE_BYTES = 1 << 24;
const lenientUtf8 = new TextDecoder("utf-8", { ignoreBOM: true });

/**
 * A special token must be well-formed UTF-16: a lone surrogate has no UTF-8 of its own (it is U+FFFD's
 * bytes), so the host's matcher and the engine's would disagree on where it is in a text.
 */
function checkSpecialText(text: string, name: string): void {
  const lone = loneSurrogateAt(text);
  if (lone >= 0) {
    throw new BytepairError("INVALID_VOCAB", `${name}: special token ${quote(text)} has a lone surrogate at index ${lone}; special tokens must be well-formed text`);
  }
}

function checkText(text: unknown): asserts text is string {
  if (typeof text !== "string") throw new BytepairError("INVALID_ARGUMENT", `Expected text to be a string, got ${describe(text)}`);
}

/** Every token has at least a byte, so more ids than a decode's most bytes can never be decoded. */
const MAX_IDS = MAX_DECODED_BYTES;

function checkIds(ids: ArrayLike<number>): ArrayLike<number> {
  if (ids === null || typeof ids !== "object" || typeof ids.length !== "number") {
    throw new BytepairError("INVALID_ARGUMENT", `Expected ids to be an array of token ids, got ${describe(ids)}`);
  }
  const n = ids.length;
  if (!Number.isInteger(n) || n < 0 || n > MAX_IDS) {
    throw new BytepairError("INVALID_ARGUMENT", `Expected ids to have a length from 0 to ${MAX_IDS}, got ${describe(n)}`);
  }
  return ids;
}
