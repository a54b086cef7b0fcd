// Tokenizers from files and back: .tiktoken ranks and rank JSON (js-tiktoken, claude.json), GPT-2 vocab.json + merges.txt, Hugging Face
// tokenizer.json (byte-level BPE; its normalizer, pre-tokenizer and template are read by src/hf/).
// The parsing and writing is in src/formats/; this file turns it into engine instances and checks
// what the formats cannot hold.

import { BytepairError, quote } from "../errors.js";
import type { EngineKind, TokenEngine } from "../engine/contract.js";
import { checkEngineKind, createEngine } from "../engine/select.js";
import { readAsset, readFileCapped } from "../platform/assets.js";
import { packBpe, resolveSpecials, type BpeSource } from "./bpe.js";
import { TokenizerModel } from "./model.js";
import type { PackedVocab } from "../vocab/file.js";
import { checkPattern, patternFamilyOfFile, type PatternFamily } from "../patterns.js";
import { parseTiktoken } from "../formats/tiktoken.js";
import { isTiktokenJson, parseTiktokenJson } from "../formats/tiktoken-json.js";
import { parseGpt2 } from "../formats/gpt2.js";
import { parseHuggingFaceBpe, parseTokenizerJson } from "../formats/huggingface.js";
import { bytesKey } from "../formats/vocab-checks.js";
import { readHfPipeline } from "../hf/config.js";
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
  if (isTiktokenJson(source)) return enginePartsFromTiktokenJson(source as object, pattern, options);
  if (typeof source === "string" && source.trimStart().startsWith("{")) return enginePartsFromTiktokenJson(source, pattern, options);
  const bytes = await readInput(source as Uint8Array | string | URL, ".tiktoken or rank JSON file");
  // A .tiktoken line starts with base64, never with "{".
  let first = 0;
  while (first < bytes.length && (bytes[first] === 0x20 || bytes[first] === 0x0a || bytes[first] === 0x0d || bytes[first] === 0x09)) first++;
  if (bytes[first] === 0x7b) return enginePartsFromTiktokenJson(decodeUtf8(bytes, "rank JSON"), pattern, options);
  return enginePartsFromRanks(parseTiktoken(bytes), pattern ?? "gpt2", options.specialTokens, options);
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
  const specialTokens = resolveSpecials(specials, idByKey, ranks);
  const engine = await createEngine(kind, packed, pattern, specialTokens, name);
  return { engine, specialTokens, model: new TokenizerModel("ranks", pattern, () => ranks) };
}

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
  const parsed = parseHuggingFaceBpe(root);
  const name = options.name ?? "tokenizer.json";
  // The scanner's family (any, when the host splits: the engine then only merges).
  const family = config.scanner?.family ?? "gpt2";
  const { packed, specialTokens } = packBpe(parsed, name, { wholeTokens: config.ignoreMerges });
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
