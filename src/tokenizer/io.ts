// Tokenizers from files and back: .tiktoken ranks, rank JSON (js-tiktoken, claude.json) and Mistral's tekken.json, GPT-2 vocab.json + merges.txt, Hugging Face
// tokenizer.json (byte-level BPE; its normalizer, pre-tokenizer and template are read by src/hf/).
// The parsing and writing is in src/formats/; this file turns it into engine instances and checks
// what the formats cannot hold.

import { BytepairError, invalidTokenId, quote } from "../errors.js";
import type { EngineKind, TokenEngine } from "../engine/contract.js";
import { checkEngineKind, createEngine } from "../engine/select.js";
import { readAsset, readFileCapped } from "../platform/assets.js";
import { packBpe, resolveSpecials, type BpeSource } from "./bpe.js";
import { TokenizerModel } from "./model.js";
import type { PackedVocab } from "../vocab/file.js";
import { checkPattern, patternFamilyOfFile, type PatternFamily } from "../patterns.js";
import { parseTiktoken } from "../formats/tiktoken.js";
import { isTiktokenJson, parseJson, parseTiktokenJson } from "../formats/tiktoken-json.js";
import { isTekken, parseTekken } from "../formats/tekken.js";
import { parseGpt2 } from "../formats/gpt2.js";
import { parseHuggingFaceBpe, parseTokenizerJson } from "../formats/huggingface.js";
import { isSentencePieceBpe, parseSentencePieceBpe } from "../formats/sentencepiece-bpe.js";
import { SentencePieceText } from "../hf/sentencepiece-text.js";
import { SentencePieceDecoder } from "../hf/sentencepiece-decoder.js";
import { bytesKey } from "../formats/vocab-checks.js";
import { isolatedSplit, readHfPipeline, type HfPipelineConfig } from "../hf/config.js";
import { HfPipeline } from "../hf/pipeline.js";
import type { HuggingFaceParts } from "../hf/pipeline.js";
import type { FromHuggingFaceOptions } from "./options.js";

export interface EngineParts {
  engine: TokenEngine;
  specialTokens: Array<[string, number]>;
  model: TokenizerModel;
  hf?: HuggingFaceParts;
}

export { checkPattern };

/** Bytes of a file given as bytes, a path (Node) or a URL. */
export async function readInput(source: Uint8Array | string | URL, what: string): Promise<Uint8Array> {
  if (source instanceof Uint8Array) return source;
  if (source instanceof URL) return readAsset(source);
  if (typeof source === "string") {
    try {
      return await readFileCapped(await import("node:fs/promises"), source);
    } catch (e) {
      throw new BytepairError("ASSET_LOAD_FAILED", `Could not read ${what} ${source}: ${(e as Error).message}`);
    }
  }
  throw new BytepairError("INVALID_ARGUMENT", `Expected ${what} as a Uint8Array, a path or a URL, got ${typeof source}`);
}

export async function enginePartsFromBpe(source: BpeSource, pattern: PatternFamily, name: string, kind: EngineKind = "wasm"): Promise<EngineParts> {
  const { packed, specialTokens } = packBpe(source, name);
  const engine = await createEngine(kind, packed, pattern, specialTokens, name);
  const vocab = source.vocab instanceof Map ? source.vocab : new Map(source.vocab);
  return { engine, specialTokens, model: new TokenizerModel("merges", pattern, () => vocab, Array.from(source.merges, ([a, b]) => [a, b])) };
}

export interface TiktokenOptions {
  pattern?: unknown;
  specialTokens?: ReadonlyMap<string, number> | Iterable<string>;
  name?: string;
  engine?: unknown;
}

/**
 * A tiktoken-style vocabulary from any of its sources: a .tiktoken file, or a rank JSON file
 * (js-tiktoken's ranks, claude.json) as bytes, a path or a URL, its JSON text or its parsed object.
 */
export async function enginePartsFromTiktokenSource(source: unknown, options: TiktokenOptions): Promise<EngineParts> {
  // The options first: a wrong one is reported before any file is read.
  const pattern = options.pattern === undefined ? undefined : checkPattern(options.pattern);
  checkEngineKind(options.engine);
  if (isTekken(source)) return enginePartsFromTekken(source as object, pattern, options);
  if (isTiktokenJson(source)) return enginePartsFromTiktokenJson(source as object, pattern, options);
  if (typeof source === "string" && source.trimStart().startsWith("{")) return enginePartsFromJsonText(source, pattern, options);
  const bytes = await readInput(source as Uint8Array | string | URL, ".tiktoken or rank JSON file");
  // A .tiktoken line starts with base64, never with "{".
  let first = 0;
  while (first < bytes.length && (bytes[first] === 0x20 || bytes[first] === 0x0a || bytes[first] === 0x0d || bytes[first] === 0x09)) first++;
  if (bytes[first] === 0x7b) return enginePartsFromJsonText(decodeUtf8(bytes, "rank JSON or tekken.json"), pattern, options);
  return enginePartsFromRanks(parseTiktoken(bytes), pattern ?? "gpt2", options.specialTokens, options);
}

/** fromTekken's source: a tekken.json object, its text, or its bytes, path or URL. */
export async function enginePartsFromTekkenSource(source: unknown, options: TiktokenOptions): Promise<EngineParts> {
  const pattern = options.pattern === undefined ? undefined : checkPattern(options.pattern);
  checkEngineKind(options.engine);
  let root: unknown = source;
  if (typeof source === "string" && source.trimStart().startsWith("{")) root = parseJson(source, "tekken.json");
  else if (typeof source === "string" || source instanceof URL || source instanceof Uint8Array) {
    root = parseJson(decodeUtf8(await readInput(source, "tekken.json file"), "tekken.json"), "tekken.json");
  }
  if (root === null || typeof root !== "object") throw new BytepairError("INVALID_ARGUMENT", `Expected a tekken.json as bytes, a path, a URL, its text or its object, got ${typeof source}`);
  return enginePartsFromTekken(root, pattern, options);
}

/** JSON text of a rank JSON or a tekken.json file, told apart by their fields. */
function enginePartsFromJsonText(text: string, pattern: PatternFamily | undefined, options: TiktokenOptions): Promise<EngineParts> {
  const root = parseJson(text, "rank JSON");
  return isTekken(root) ? enginePartsFromTekken(root as object, pattern, options) : enginePartsFromTiktokenJson(root as object, pattern, options);
}

/**
 * Mistral's tekken.json: the file's special tokens take ids 0 .. n-1 and ordinary rank r is id r + n
 * (merge priority stays r). A pattern a scanner has runs in the engine; any other (Tekken's own is
 * o200k's without contractions, one digit per piece) runs as a RegExp in the host, its pieces merged in
 * one engine call, as a tokenizer.json's Split regex. Special tokens in text are an error unless
 * allowed, as in tiktoken (mistral-common reads them as text: encodeOrdinary gives its ids).
 */
async function enginePartsFromTekken(json: object, given: PatternFamily | undefined, options: TiktokenOptions): Promise<EngineParts> {
  if (options.specialTokens !== undefined) {
    throw new BytepairError("INVALID_ARGUMENT", "specialTokens cannot be given for a tekken.json file: its special tokens are its first ids");
  }
  const kind = checkEngineKind(options.engine);
  const name = options.name ?? "tekken";
  const parsed = parseTekken(json);
  const offset = parsed.specials.length;
  const family = given ?? patternFamilyOfFile(parsed.pattern);
  let split;
  if (!family) {
    try {
      split = isolatedSplit(parsed.pattern, "tekken.json $.config.pattern");
    } catch (e) {
      if (!(e instanceof BytepairError)) throw e;
      throw new BytepairError("UNSUPPORTED_TOKENIZER", `tekken.json $.config.pattern: ${quote(parsed.pattern)} cannot run as a JavaScript RegExp (${e.message}); pass { pattern } to choose a scanner`);
    }
  }
  const count = parsed.ranks.size;
  const blobBytes = [...parsed.ranks.values()].reduce((n, b) => n + b.length, 0);
  const packed: PackedVocab = { name, tokenCount: count, ids: new Uint32Array(count), offsets: new Uint32Array(count + 1), blob: new Uint8Array(blobBytes) };
  const vocab = new Map<number, Uint8Array>();
  let at = 0;
  for (let rank = 0; rank < count; rank++) {
    const bytes = parsed.ranks.get(rank)!;
    packed.ids[rank] = rank + offset;
    packed.offsets[rank] = at;
    packed.blob.set(bytes, at);
    at += bytes.length;
    vocab.set(rank + offset, bytes);
  }
  packed.offsets[count] = at;
  const specialTokens: Array<[string, number]> = parsed.specials.map((text, id) => [text, id]);
  const engine = await createEngine(kind, packed, family ?? "o200k", specialTokens, name);
  const model = new TokenizerModel("ranks", family ?? "o200k", () => vocab);
  if (family) return { engine, specialTokens, model };
  const config = { normalizer: null, splits: [split!], scanner: undefined, ignoreMerges: false, prefix: [], suffix: [] };
  const pipeline = new HfPipeline(engine, config, specialTokens, true);
  return { engine, specialTokens, model, hf: { pipeline, addSpecialTokens: false, prefix: new Uint32Array(0), suffix: new Uint32Array(0), specialsAllowedByDefault: false } };
}

async function enginePartsFromTiktokenJson(json: string | object, given: PatternFamily | undefined, options: TiktokenOptions): Promise<EngineParts> {
  const parsed = parseTiktokenJson(json);
  let pattern: PatternFamily;
  if (given) pattern = given;
  else {
    const family = patternFamilyOfFile(parsed.pattern);
    if (!family) {
      throw new BytepairError(
        "UNSUPPORTED_TOKENIZER",
        `rank JSON $.pat_str: ${quote(parsed.pattern)} is not a pattern bytepair has a pre-tokenizer for ` +
          "(gpt2, cl100k or o200k, as tiktoken or js-tiktoken writes them); pass { pattern } to choose one",
      );
    }
    pattern = family;
  }
  return enginePartsFromRanks(parsed.ranks, pattern, options.specialTokens ?? parsed.specialTokens, options);
}

/** An engine over ranks that are ids and merge priorities (the .tiktoken model). */
export async function enginePartsFromRanks(
  ranks: Map<number, Uint8Array>,
  pattern: PatternFamily,
  specials: TiktokenOptions["specialTokens"],
  options: { name?: string; engine?: unknown; ids?: (rank: number) => number },
): Promise<EngineParts> {
  const kind = checkEngineKind(options.engine);
  const name = options.name ?? "tiktoken";
  const order = [...ranks.keys()].sort((a, b) => a - b);
  const blobBytes = order.reduce((n, r) => n + ranks.get(r)!.length, 0);
  const packed: PackedVocab = {
    name,
    tokenCount: order.length,
    ids: Uint32Array.from(order),
    offsets: new Uint32Array(order.length + 1),
    blob: new Uint8Array(blobBytes),
  };
  let at = 0;
  order.forEach((rank, i) => {
    packed.offsets[i] = at;
    packed.blob.set(ranks.get(rank)!, at);
    at += ranks.get(rank)!.length;
  });
  packed.offsets[order.length] = at;
  const idByKey = new Map<string, number>();
  for (const [rank, bytes] of ranks) idByKey.set(bytesKey(bytes), rank);
  const specialTokens = resolveSpecials(specials, () => idByKey, ranks);
  const engine = await createEngine(kind, packed, pattern, specialTokens, name);
  return { engine, specialTokens, model: new TokenizerModel("ranks", pattern, () => ranks) };
}

const utf8 = new TextEncoder();

function decodeUtf8(bytes: Uint8Array, what: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new BytepairError("INVALID_VOCAB", `${what}: the file is not valid UTF-8`);
  }
}

export async function enginePartsFromGpt2(
  vocabJson: string | Record<string, number>,
  mergesTxt: string,
  options: { specialTokens?: Iterable<string>; pattern?: unknown; name?: string; engine?: unknown },
): Promise<EngineParts> {
  const parsed = parseGpt2(vocabJson, mergesTxt, { specialTokens: options.specialTokens });
  return enginePartsFromBpe(parsed, checkPattern(options.pattern), options.name ?? "gpt2-files", checkEngineKind(options.engine));
}

export async function enginePartsFromHuggingFace(json: string | object, options: FromHuggingFaceOptions): Promise<EngineParts> {
  const kind = checkEngineKind(options.engine);
  const { addSpecialTokens = true, preTokenizer = "auto" } = options;
  if (typeof addSpecialTokens !== "boolean") throw new BytepairError("INVALID_ARGUMENT", `addSpecialTokens must be true or false, got ${String(addSpecialTokens)}`);
  if (preTokenizer !== "auto" && preTokenizer !== "regexp") throw new BytepairError("INVALID_ARGUMENT", `preTokenizer must be "auto" or "regexp", got ${String(preTokenizer)}`);
  const root = parseTokenizerJson(json);
  const config = readHfPipeline(root);
  if (isSentencePieceBpe(root)) return enginePartsFromSentencePiece(root, config, options);
  const parsed = parseHuggingFaceBpe(root);
  const name = options.name ?? "tokenizer.json";
  // The scanner's family (any, when the host splits: the engine then only merges).
  const family = config.scanner?.family ?? "gpt2";
  const { packed, specialTokens } = packBpe(parsed, name, { wholeTokens: config.ignoreMerges, mergeResults: parsed.mergeResults });
  const engine = await createEngine(kind, packed, family, specialTokens, name);
  for (const id of [...config.prefix, ...config.suffix]) {
    if (!engine.tokenBytes(id)) throw new BytepairError("INVALID_VOCAB", `Invalid tokenizer.json: post_processor adds id ${id}, which is not a token`);
  }
  const pipeline = new HfPipeline(engine, config, specialTokens, preTokenizer === "regexp");
  const model = new TokenizerModel("merges", family, () => parsed.vocab, parsed.merges);
  return {
    engine,
    specialTokens,
    model,
    hf: { pipeline, addSpecialTokens, prefix: Uint32Array.from(config.prefix), suffix: Uint32Array.from(config.suffix) },
  };
}

/**
 * A SentencePiece-style tokenizer.json (byte_fallback BPE over characters): the engine merges its
 * characters' bytes (see formats/sentencepiece-bpe.ts), the host rewrites the text (normalizers,
 * Metaspace) and decodes with the file's decoders.
 */
async function enginePartsFromSentencePiece(root: Record<string, unknown>, config: HfPipelineConfig, options: FromHuggingFaceOptions): Promise<EngineParts> {
  const kind = checkEngineKind(options.engine);
  const { addSpecialTokens = true } = options;
  const name = options.name ?? "tokenizer.json";
  const parsed = parseSentencePieceBpe(root);
  const { packed, specialTokens } = packBpe(parsed, name, { wholeTokens: config.ignoreMerges, mergeResults: parsed.mergeResults });
  const engine = await createEngine(kind, packed, "gpt2", specialTokens, name);
  for (const id of [...config.prefix, ...config.suffix]) {
    if (!parsed.tokenText.has(id)) throw new BytepairError("INVALID_VOCAB", `Invalid tokenizer.json: post_processor adds id ${id}, which is not a token`);
  }
  const steps = config.sentencePiece!;
  const textOf = (id: number): string => {
    const text = parsed.tokenText.get(id);
    if (text === undefined) throw invalidTokenId(id, undefined, name);
    return text;
  };
  const sentencePiece = {
    text: new SentencePieceText(steps.normalizers, steps.metaspace),
    firstPartialId: parsed.firstPartialId,
    partialBytes: parsed.partialBytes,
    joinedBeforeMark: config.ignoreMerges ? undefined : parsed.joinedBeforeMark,
    decoder: new SentencePieceDecoder(steps.decoders, textOf),
    tokenBytes: (id: number): Uint8Array | undefined => {
      const b = parsed.byteOfToken.get(id);
      if (b !== undefined) return Uint8Array.of(b);
      const text = parsed.tokenText.get(id);
      return text === undefined ? undefined : utf8.encode(text);
    },
  };
  const pipeline = new HfPipeline(engine, config, specialTokens, true, sentencePiece);
  const fileVocab = new Map([...parsed.vocab].filter(([id]) => id < parsed.firstPartialId));
  const model = new TokenizerModel("merges", "gpt2", () => fileVocab, parsed.merges.slice(parsed.merges.length - parsed.fileMerges));
  return {
    engine,
    specialTokens,
    model,
    hf: { pipeline, addSpecialTokens, prefix: Uint32Array.from(config.prefix), suffix: Uint32Array.from(config.suffix), sentencePiece },
  };
}
