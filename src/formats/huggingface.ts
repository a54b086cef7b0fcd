// Hugging Face tokenizer.json for byte-level BPE: what `tokenizers` (Rust, and its Node binding) and
// `@huggingface/tokenizers` (JavaScript) load. The writer gives the same pre-tokenization as tiktoken:
// GPT-2's pattern is the ByteLevel pre-tokenizer's own regex; cl100k and o200k are a Split on the
// exact tiktoken regex followed by ByteLevel without its regex, as Llama 3 and GPT-4o-style files do.

import { byteLevelDecode, byteLevelEncode, firstNonByteLevel } from "./byte-level.js";
import { codePointAt, excerpt, invalidArgument, invalidVocab } from "./invalid.js";
import { PATTERN_FAMILIES, PATTERN_SOURCES, patternFamilyOf, type PatternFamily } from "../patterns.js";
import { checkMerges, checkVocab, isTokenId, separateSpecialTokens } from "./vocab-checks.js";
import { BytepairError, describeValue } from "../errors.js";

const FILE_KIND = "tokenizer.json";

export interface HuggingFaceBpeInput {
  vocab: ReadonlyMap<number, Uint8Array>;
  merges: ReadonlyArray<readonly [Uint8Array, Uint8Array]>;
  specialTokens?: ReadonlyMap<string, number>;
  pattern: PatternFamily;
}

export interface HuggingFaceBpe {
  /** Token id -> bytes, special (added) tokens excluded. */
  vocab: Map<number, Uint8Array>;
  merges: Array<[Uint8Array, Uint8Array]>;
  /** The token each merge makes (for packBpe's mergeResults). */
  mergeResults: Uint8Array[];
  /** Every added token (they are all matched whole before the model runs): text -> id. */
  specialTokens: Map<string, number>;
  /** The tiktoken pattern family the pre-tokenizer is exactly, if any. */
  pattern: PatternFamily | undefined;
  /** The pre-tokenizer's regex, when there is one (also when it is not a known family). */
  patternSource?: string;
}

interface ByteLevelStep {
  type: "ByteLevel";
  add_prefix_space: boolean;
  trim_offsets: boolean;
  use_regex: boolean;
}

interface SplitStep {
  type: "Split";
  pattern: { Regex: string };
  behavior: "Isolated";
  invert: boolean;
}

export interface AddedTokenJson {
  id: number;
  content: string;
  single_word: boolean;
  lstrip: boolean;
  rstrip: boolean;
  normalized: boolean;
  special: boolean;
}

export interface TokenizerJson {
  version: "1.0";
  truncation: null;
  padding: null;
  added_tokens: AddedTokenJson[];
  normalizer: null;
  pre_tokenizer: ByteLevelStep | { type: "Sequence"; pretokenizers: [SplitStep, ByteLevelStep] };
  post_processor: ByteLevelStep;
  decoder: ByteLevelStep;
  model: {
    type: "BPE";
    dropout: null;
    unk_token: null;
    continuing_subword_prefix: null;
    end_of_word_suffix: null;
    fuse_unk: false;
    byte_fallback: false;
    ignore_merges: false;
    vocab: Record<string, number>;
    merges: Array<[string, string]>;
  };
}

function byteLevel(add_prefix_space: boolean, trim_offsets: boolean, use_regex: boolean): ByteLevelStep {
  return { type: "ByteLevel", add_prefix_space, trim_offsets, use_regex };
}

function preTokenizerFor(pattern: PatternFamily): TokenizerJson["pre_tokenizer"] {
  // GPT-2's pattern too goes in a Split rather than ByteLevel's built-in regex (the same pattern):
  // @huggingface/tokenizers runs that built-in one with JavaScript's \s, which lacks U+0085 and has
  // U+FEFF, while its Split reads \s as White_Space. The reader accepts both forms.
  const split: SplitStep = { type: "Split", pattern: { Regex: PATTERN_SOURCES[pattern] }, behavior: "Isolated", invert: false };
  return { type: "Sequence", pretokenizers: [split, byteLevel(false, true, false)] };
}

/**
 * A tokenizer.json object (JSON.stringify it to save). Special tokens are written both as added
 * tokens and in model.vocab at their ids, as GPT-2's own tokenizer.json has them: `tokenizers`
 * gives an added token that is not in model.vocab the next free id after the model's, whatever id
 * the file says, so ids with gaps (cl100k_base's specials) would otherwise change.
 */
export function formatHuggingFace(input: HuggingFaceBpeInput): TokenizerJson {
  const where = "formatHuggingFace";
  if (input === null || typeof input !== "object") invalidArgument(`${where}: expected { vocab, merges, specialTokens, pattern }`);
  const { vocab, merges, specialTokens, pattern } = input;
  if (!PATTERN_FAMILIES.includes(pattern)) {
    invalidArgument(`${where}: pattern ${excerpt(String(pattern))} is not one of ${PATTERN_FAMILIES.map((f) => `"${f}"`).join(", ")}`);
  }
  const { specials, ordinary } = separateSpecialTokens(vocab, specialTokens, where);
  const { byId, idByKey } = checkVocab(ordinary, where);
  checkMerges(merges, idByKey, where);

  const modelVocab: Record<string, number> = {};
  for (const [id, bytes] of byId) modelVocab[byteLevelEncode(bytes)] = id;
  for (const [text, id] of specials) {
    if (Object.hasOwn(modelVocab, text)) invalidVocab(where, `special token ${excerpt(text)} is spelt like an ordinary token in the byte-level alphabet`);
    modelVocab[text] = id;
  }
  return {
    version: "1.0",
    truncation: null,
    padding: null,
    added_tokens: specials.map(([content, id]) => ({
      id,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: null,
    pre_tokenizer: preTokenizerFor(pattern),
    // Post-processing adds no tokens here; ByteLevel only adjusts offsets (as in GPT-2's file).
    post_processor: byteLevel(true, false, true),
    decoder: byteLevel(true, true, true),
    model: {
      type: "BPE",
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: false,
      byte_fallback: false,
      ignore_merges: false,
      vocab: modelVocab,
      merges: merges.map(([left, right]) => [byteLevelEncode(left), byteLevelEncode(right)]),
    },
  };
}

export type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/**
 * A tokenizer.json's root object: its text parsed (the one place it is, so a file is parsed once and
 * the object handed to each reader), or the object it was given, checked.
 */
export function parseTokenizerJson(json: string | object): JsonObject {
  let root: unknown = json;
  if (typeof json === "string") {
    try {
      root = JSON.parse(json);
    } catch (e) {
      throw new BytepairError("INVALID_VOCAB", `Invalid tokenizer.json: is not JSON (${(e as Error).message})`);
    }
  }
  if (!isObject(root)) throw new BytepairError("INVALID_VOCAB", "Invalid tokenizer.json: expected an object");
  return root;
}

/** An error about the value at a JSON path, e.g. `model.merges[12]`. */
export function fail(path: string, what: string): never {
  return invalidVocab(FILE_KIND, `${path} ${what}`);
}

export function describe(value: unknown): string {
  if (Array.isArray(value)) return "an array";
  if (value === null) return "null";
  if (typeof value === "object") return "an object";
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return excerpt(typeof value === "string" ? value : String(value));
}

export function keyPath(object: string, key: string): string {
  return `${object}[${excerpt(key)}]`;
}

/**
 * Reads byte-level BPE from a tokenizer.json: what formatHuggingFace writes, and real files of the
 * same shape (GPT-2, Llama 3, GPT-4o-style), from its root object (parseTokenizerJson). Merges may be
 * "a b" strings or ["a", "b"] pairs.
 */
export function parseHuggingFaceBpe(json: object): HuggingFaceBpe {
  const root = json as JsonObject;
  const model = root.model;
  if (!isObject(model)) fail("model", `is ${describe(model)}, expected an object`);
  if (model.type !== undefined && model.type !== "BPE") fail("model.type", `is ${describe(model.type)}; only BPE is supported`);
  for (const affix of ["continuing_subword_prefix", "end_of_word_suffix"]) {
    const value = model[affix];
    if (value !== undefined && value !== null && value !== "") fail(`model.${affix}`, `is ${describe(value)}; only plain byte-level BPE is supported`);
  }
  if (!isObject(model.vocab)) fail("model.vocab", `is ${describe(model.vocab)}, expected an object of token -> id`);

  const specialTokens = readAddedTokens(root.added_tokens, model.vocab);
  const vocab = new Map<number, Uint8Array>();
  const bytesOf = new Map<string, Uint8Array>();
  const tokenOfId = new Map<number, string>();
  for (const [text, id] of specialTokens) tokenOfId.set(id, text);
  for (const [text, id] of Object.entries(model.vocab)) {
    const path = (): string => keyPath("model.vocab", text); // built only for an error: there are 100,000s of entries
    if (!isTokenId(id)) fail(path(), `is ${describe(id)}, not a non-negative integer id`);
    if (specialTokens.get(text) === id) continue;
    const other = tokenOfId.get(id);
    if (other !== undefined) fail(path(), `has id ${id}, as does ${excerpt(other)}`);
    tokenOfId.set(id, text);
    const bytes = byteLevelDecode(text);
    if (bytes === undefined) {
      fail(path(), `has ${codePointAt(text, firstNonByteLevel(text))}, outside the byte-level alphabet; only byte-level BPE is supported`);
    }
    if (bytes.length === 0) fail(path(), "is the empty string, which is not a token");
    vocab.set(id, bytes);
    bytesOf.set(text, bytes);
  }

  const mergeResults: Uint8Array[] = [];
  const merges = readMerges(model.merges, bytesOf, mergeResults);
  return { vocab, merges, mergeResults, specialTokens, ...readPattern(root.pre_tokenizer) };
}

/** The added tokens (text -> id), checked against model.vocab. */
export function readAddedTokens(addedTokens: unknown, modelVocab: JsonObject): Map<string, number> {
  const specials = new Map<string, number>();
  if (addedTokens === undefined || addedTokens === null) return specials;
  if (!Array.isArray(addedTokens)) fail("added_tokens", `is ${describe(addedTokens)}, expected an array`);
  const textOfId = new Map<number, string>();
  addedTokens.forEach((token: unknown, index) => {
    const path = `added_tokens[${index}]`;
    if (!isObject(token)) fail(path, `is ${describe(token)}, expected an object`);
    const { id, content } = token;
    if (!isTokenId(id)) fail(`${path}.id`, `is ${describe(id)}, not a non-negative integer id`);
    if (typeof content !== "string" || content === "") fail(`${path}.content`, `is ${describe(content)}, expected a non-empty string`);
    const inModel = Object.hasOwn(modelVocab, content) ? modelVocab[content] : undefined;
    if (inModel !== undefined && inModel !== id) fail(path, `${excerpt(content)} has id ${id}, but model.vocab gives it ${describe(inModel)}`);
    const other = textOfId.get(id);
    if (other !== undefined) fail(`${path}.id`, `${id} is also the id of ${excerpt(other)}`);
    if (specials.has(content)) fail(`${path}.content`, `${excerpt(content)} is added twice`);
    textOfId.set(id, content);
    specials.set(content, id);
  });
  return specials;
}

/**
 * model.merges as pairs of the tokens' bytes (`bytesOf`: token text -> its bytes). `made` receives the
 * bytes of the token each makes (bytesOf's own arrays: packBpe finds their ids without building keys).
 */
export function readMerges(merges: unknown, bytesOf: Map<string, Uint8Array>, made: Uint8Array[] = []): Array<[Uint8Array, Uint8Array]> {
  if (!Array.isArray(merges)) fail("model.merges", `is ${describe(merges)}, expected an array`);
  // A merge is its result and where its left part ends: [left length, index, ...] per result.
  const seen = new Map<Uint8Array, number[]>();
  return merges.map((merge: unknown, index): [Uint8Array, Uint8Array] => {
    const path = (): string => `model.merges[${index}]`;
    let pair: unknown[];
    if (typeof merge === "string") pair = merge.split(" ");
    else if (Array.isArray(merge)) pair = merge;
    else return fail(path(), `is ${describe(merge)}, expected "left right" or ["left", "right"]`);
    if (pair.length !== 2 || typeof pair[0] !== "string" || typeof pair[1] !== "string" || pair[0] === "" || pair[1] === "") {
      fail(path(), `is ${excerpt(jsonOrDescription(merge))}, not two tokens`);
    }
    const [left, right] = pair as [string, string];
    const leftBytes = bytesOf.get(left) ?? fail(path(), `names ${excerpt(left)}, which is not in model.vocab`);
    const rightBytes = bytesOf.get(right) ?? fail(path(), `names ${excerpt(right)}, which is not in model.vocab`);
    const joined = bytesOf.get(left + right) ?? fail(path(), `makes ${excerpt(left + right)}, which is not in model.vocab`);
    const earlier = seen.get(joined);
    if (earlier === undefined) seen.set(joined, [leftBytes.length, index]);
    else {
      for (let k = 0; k < earlier.length; k += 2) if (earlier[k] === leftBytes.length) fail(path(), `repeats model.merges[${earlier[k + 1]}]`);
      earlier.push(leftBytes.length, index);
    }
    made.push(joined);
    return [leftBytes, rightBytes];
  });
}

/** The tiktoken family of the pre-tokenizer: ByteLevel with its regex (GPT-2's), or Split(regex) then ByteLevel without. */
function readPattern(preTokenizer: unknown): { pattern: PatternFamily | undefined; patternSource?: string } {
  if (!isObject(preTokenizer)) return { pattern: undefined };
  if (preTokenizer.type === "ByteLevel") {
    return preTokenizer.use_regex === false ? { pattern: undefined } : { pattern: "gpt2", patternSource: PATTERN_SOURCES.gpt2 };
  }
  if (preTokenizer.type !== "Sequence" || !Array.isArray(preTokenizer.pretokenizers)) return { pattern: undefined };
  const steps: unknown[] = preTokenizer.pretokenizers;
  const splits = steps.filter((step): step is JsonObject => isObject(step) && step.type === "Split");
  const regex = splits.length === 1 && isObject(splits[0].pattern) ? splits[0].pattern.Regex : undefined;
  if (typeof regex !== "string") return { pattern: undefined };
  const [split, last] = steps;
  const exactShape =
    steps.length === 2 &&
    split === splits[0] &&
    splits[0].behavior === "Isolated" &&
    splits[0].invert !== true &&
    isObject(last) &&
    last.type === "ByteLevel" &&
    last.use_regex === false;
  return { pattern: exactShape ? patternFamilyOf(regex) : undefined, patternSource: regex };
}

/** A value's JSON, or (BigInt, circular) its description: never throws. */
function jsonOrDescription(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return describeValue(value);
  }
}
