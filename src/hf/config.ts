// What a Hugging Face tokenizer.json asks for around its BPE model: normalizer, pre-tokenizer,
// added-token flags, post-processor template, decoder. Everything bytepair does not implement is an
// UNSUPPORTED_TOKENIZER error naming the feature and its JSON path; what it does implement is read
// into a HfPipelineConfig. (The vocabulary and merges are read by src/formats/huggingface.ts.)

import { BytepairError, quote } from "../errors.js";
import { PATTERN_SOURCES, type PatternFamily } from "../patterns.js";
import { translateOniguruma, RegexTranslationError } from "./regex.js";
import { checkBacktracking } from "./backtracking.js";
import { readDecoderSteps, readMetaspace, readTextSteps, type DecoderStep, type MetaspaceStep, type TextStep } from "./sentencepiece-steps.js";

export type SplitBehavior = "Removed" | "Isolated" | "MergedWithPrevious" | "MergedWithNext" | "Contiguous";

export interface SplitRule {
  /** The regex as the file gives it (Oniguruma syntax). */
  source: string;
  /** The same, for RegExp with the "gu" flags. */
  jsSource: string;
  behavior: SplitBehavior;
  invert: boolean;
}

export interface HfPipelineConfig {
  normalizer: "NFC" | null;
  /** Pre-tokenizer splits in order (ByteLevel's own regex, if used, is one of them). */
  splits: SplitRule[];
  /** The engine's hand-written scanner that gives exactly these splits, if one does. */
  scanner: { family: PatternFamily; singleDigits: boolean } | undefined;
  ignoreMerges: boolean;
  /** TemplateProcessing's single-sequence ids before and after the text (e.g. BOS); empty without one. */
  prefix: number[];
  suffix: number[];
  /** For SentencePiece-style BPE (byte_fallback over characters): the steps around its model. */
  sentencePiece?: SentencePieceSteps;
}

export interface SentencePieceSteps {
  normalizers: TextStep[];
  /** The Metaspace pre-tokenizer, the first step when there is one (its split is then splits[0]). */
  metaspace: MetaspaceStep | undefined;
  decoders: DecoderStep[];
  /** Added tokens that take the whitespace before (lstrip) or after (rstrip) them along, by text. */
  stripAround: Map<string, { lstrip: boolean; rstrip: boolean }>;
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);

function unsupported(what: string, path: string): never {
  throw new BytepairError("UNSUPPORTED_TOKENIZER", `Unsupported tokenizer.json: ${what} at ${path}`);
}

function typeOf(step: unknown, path: string): string {
  if (!isObject(step) || typeof step.type !== "string") unsupported(`a step without a type (${quote(step)})`, path);
  return step.type;
}

/** Sequences nested deeper than this are refused: the readers recurse, and real files nest one deep. */
const MAX_NESTING = 32;

function checkDepth(depth: number, path: string): void {
  if (depth > MAX_NESTING) unsupported(`Sequence steps nested over ${MAX_NESTING} deep`, path);
}

// GPT-2's regex, which the ByteLevel pre-tokenizer applies when use_regex is true.
const BYTE_LEVEL_REGEX = PATTERN_SOURCES.gpt2;

// Qwen2/2.5/3: cl100k's pattern with `\p{N}` for `\p{N}{1,3}` (one digit per piece).
const CL100K_SINGLE_DIGITS = PATTERN_SOURCES.cl100k.replace(String.raw`\p{N}{1,3}`, String.raw`\p{N}`);

function scannerFor(splits: SplitRule[]): HfPipelineConfig["scanner"] {
  if (splits.length !== 1) return undefined;
  const [split] = splits;
  // Removed + invert keeps exactly the matches: the same as Isolated for these patterns, whose
  // alternatives together match every character (gpt-4o's file is written that way).
  const isolated = (split.behavior === "Isolated" && !split.invert) || (split.behavior === "Removed" && split.invert);
  if (!isolated) return undefined;
  for (const family of Object.keys(PATTERN_SOURCES) as PatternFamily[]) {
    if (PATTERN_SOURCES[family] === split.source) return { family, singleDigits: false };
  }
  if (split.source === CL100K_SINGLE_DIGITS) return { family: "cl100k", singleDigits: true };
  return undefined;
}

/**
 * One Isolated split by `source` (a regex in tiktoken's or Oniguruma's syntax, which agree on the
 * features these patterns use), for a vocabulary file whose pattern no scanner runs; `where` names it
 * in the UNSUPPORTED_TOKENIZER error of a regex that cannot run as a RegExp.
 */
export function isolatedSplit(source: string, where: string): SplitRule {
  return splitRule(source, "Isolated", false, where, where);
}

/** `patternPath`: where the regex is in the file (a Split's pattern.Regex, or the ByteLevel step). */
function splitRule(source: string, behavior: unknown, invert: unknown, path: string, patternPath: string): SplitRule {
  const behaviors: SplitBehavior[] = ["Removed", "Isolated", "MergedWithPrevious", "MergedWithNext", "Contiguous"];
  if (!behaviors.includes(behavior as SplitBehavior)) unsupported(`Split behavior ${quote(behavior)}`, `${path}.behavior`);
  let jsSource: string;
  try {
    jsSource = translateOniguruma(source);
    // Before RegExp compiles it: the check also refuses nesting deep enough to overflow RegExp's parser.
    checkBacktracking(jsSource);
    new RegExp(jsSource, "gu");
  } catch (e) {
    if (!(e instanceof RegexTranslationError) && !(e instanceof SyntaxError)) throw e;
    return unsupported(`the regex ${quote(source)} (${e.message})`, patternPath);
  }
  return { source, jsSource, behavior: behavior as SplitBehavior, invert: invert === true };
}

function readNormalizer(step: unknown, path: string, out: string[], depth = 0): void {
  if (step === null || step === undefined) return;
  checkDepth(depth, path);
  const type = typeOf(step, path);
  if (type === "Sequence") {
    const list = (step as Json).normalizers;
    if (!Array.isArray(list)) unsupported("a normalizer Sequence without a normalizers list", path);
    list.forEach((s, i) => readNormalizer(s, `${path}.normalizers[${i}]`, out, depth + 1));
  } else if (type === "NFC") {
    out.push(type);
  } else {
    unsupported(`normalizer.type ${quote(type)}`, path);
  }
}

/** Flattens the pre-tokenizer into splits; it must end with ByteLevel, which maps bytes to the vocabulary's alphabet. */
function readPreTokenizer(
  step: unknown,
  path: string,
  splits: SplitRule[],
  byteLevel: { seen: boolean },
  depth = 0,
  metaspace?: { step: MetaspaceStep | undefined },
): void {
  if (step === null || step === undefined) return;
  checkDepth(depth, path);
  const type = typeOf(step, path);
  const s = step as Json;
  if (byteLevel.seen) unsupported(`pre_tokenizer ${quote(type)} after ByteLevel`, path);
  if (type === "Sequence") {
    if (!Array.isArray(s.pretokenizers)) unsupported("a pre_tokenizer Sequence without a pretokenizers list", path);
    s.pretokenizers.forEach((p: unknown, i: number) => readPreTokenizer(p, `${path}.pretokenizers[${i}]`, splits, byteLevel, depth + 1, metaspace));
  } else if (type === "Split") {
    const pattern = s.pattern;
    if (isObject(pattern) && typeof pattern.Regex === "string") {
      splits.push(splitRule(pattern.Regex, s.behavior, s.invert, path, `${path}.pattern.Regex`));
    } else if (isObject(pattern) && typeof pattern.String === "string") {
      const source = pattern.String.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
      splits.push(splitRule(source, s.behavior, s.invert, path, `${path}.pattern.String`));
    } else {
      unsupported(`a Split pattern that is neither {Regex} nor {String}`, `${path}.pattern`);
    }
  } else if (type === "Metaspace" && metaspace) {
    // It rewrites the whole text before anything splits it only when it comes first.
    if (splits.length || metaspace.step) unsupported("a Metaspace pre_tokenizer after another step", path);
    metaspace.step = readMetaspace(s, path);
    const r = metaspace.step.replacement.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
    if (metaspace.step.split) splits.push({ source: r, jsSource: r, behavior: "MergedWithNext", invert: false });
  } else if (type === "ByteLevel") {
    if (s.add_prefix_space === true) unsupported("ByteLevel add_prefix_space true", `${path}.add_prefix_space`);
    if (s.use_regex !== false) splits.push(splitRule(BYTE_LEVEL_REGEX, "Isolated", false, path, path));
    byteLevel.seen = true;
  } else {
    unsupported(`pre_tokenizer.type ${quote(type)}`, path);
  }
}

/** The ids a TemplateProcessing puts before and after a single sequence. */
function readPostProcessor(step: unknown, path: string, out: { prefix: number[]; suffix: number[] }, depth = 0): void {
  if (step === null || step === undefined) return;
  checkDepth(depth, path);
  const type = typeOf(step, path);
  const s = step as Json;
  if (type === "Sequence") {
    if (!Array.isArray(s.processors)) unsupported("a post_processor Sequence without a processors list", path);
    s.processors.forEach((p: unknown, i: number) => readPostProcessor(p, `${path}.processors[${i}]`, out, depth + 1));
  } else if (type === "ByteLevel") {
    // Only adjusts offsets: the ids are unchanged.
  } else if (type === "TemplateProcessing") {
    if (!Array.isArray(s.single)) unsupported("a TemplateProcessing without a single template", `${path}.single`);
    const specials = isObject(s.special_tokens) ? s.special_tokens : {};
    let seenSequence = false;
    s.single.forEach((piece: unknown, i: number) => {
      const where = `${path}.single[${i}]`;
      if (isObject(piece) && isObject(piece.Sequence)) {
        if (seenSequence) unsupported("a single template with the sequence twice", where);
        seenSequence = true;
      } else if (isObject(piece) && isObject(piece.SpecialToken) && typeof piece.SpecialToken.id === "string") {
        const token = specials[piece.SpecialToken.id];
        const ids = isObject(token) && Array.isArray(token.ids) ? token.ids : undefined;
        if (!ids || !ids.every((id) => Number.isInteger(id) && id >= 0)) {
          unsupported(`special token ${quote(piece.SpecialToken.id)} without ids in special_tokens`, where);
        }
        // A loop, not push(...ids): a spread of a million ids overflows the call stack.
        const target = seenSequence ? out.suffix : out.prefix;
        for (const id of ids as number[]) target.push(id);
      } else {
        unsupported(`template piece ${quote(piece)}`, where);
      }
    });
    if (!seenSequence) unsupported("a single template without the sequence", `${path}.single`);
  } else {
    unsupported(`post_processor.type ${quote(type)}`, path);
  }
}

/** Reads and checks everything but the vocabulary and merges. */
export function readHfPipeline(root: Json): HfPipelineConfig {
  const model = isObject(root.model) ? root.model : {};
  if (model.type !== undefined && model.type !== "BPE") unsupported(`model.type ${quote(model.type)} (only BPE is)`, "$.model.type");
  if (model.dropout !== undefined && model.dropout !== null) unsupported(`BPE dropout ${typeof model.dropout === "number" ? model.dropout : quote(model.dropout)}`, "$.model.dropout");
  const sentencePiece = model.byte_fallback === true;
  for (const affix of ["continuing_subword_prefix", "end_of_word_suffix"]) {
    const value = model[affix];
    if (value !== undefined && value !== null && value !== "") unsupported(`${affix} ${quote(value)}`, `$.model.${affix}`);
  }
  for (const key of ["truncation", "padding"]) {
    if (root[key] !== undefined && root[key] !== null) unsupported(`${key} (set it per call in your own code)`, `$.${key}`);
  }

  const normalizers: string[] = [];
  const textSteps: TextStep[] = [];
  if (sentencePiece) readTextSteps(root.normalizer, "$.normalizer", textSteps);
  else readNormalizer(root.normalizer, "$.normalizer", normalizers);
  if (normalizers.length > 1) unsupported("more than one NFC normalizer", "$.normalizer");

  const stripAround = new Map<string, { lstrip: boolean; rstrip: boolean }>();
  if (Array.isArray(root.added_tokens)) {
    root.added_tokens.forEach((token: unknown, i: number) => {
      if (!isObject(token)) return; // the vocabulary reader reports it
      // SentencePiece-style files may strip whitespace around added tokens (Phi-3's chat tokens).
      for (const flag of sentencePiece ? ["single_word"] : ["lstrip", "rstrip", "single_word"]) {
        if (token[flag] === true) unsupported(`added token ${quote(token.content)} with ${flag} true`, `$.added_tokens[${i}].${flag}`);
      }
      if (sentencePiece && (token.lstrip === true || token.rstrip === true) && typeof token.content === "string") {
        stripAround.set(token.content, { lstrip: token.lstrip === true, rstrip: token.rstrip === true });
      }
      // Tokens matched in normalized text differ only when there is a normalizer.
      if (token.normalized === true && normalizers.length + textSteps.length > 0) {
        unsupported(`added token ${quote(token.content)} with normalized true and a normalizer`, `$.added_tokens[${i}].normalized`);
      }
    });
  }

  const splits: SplitRule[] = [];
  const byteLevel = { seen: false };
  const metaspace = { step: undefined as MetaspaceStep | undefined };
  readPreTokenizer(root.pre_tokenizer, "$.pre_tokenizer", splits, byteLevel, 0, sentencePiece ? metaspace : undefined);
  if (!byteLevel.seen && !sentencePiece) unsupported("a pre_tokenizer without ByteLevel (only byte-level BPE and byte_fallback BPE are supported)", "$.pre_tokenizer");
  if (byteLevel.seen && sentencePiece) unsupported("ByteLevel with $.model.byte_fallback true (byte_fallback BPE is over characters, ByteLevel over bytes)", "$.pre_tokenizer");

  const template = { prefix: [] as number[], suffix: [] as number[] };
  readPostProcessor(root.post_processor, "$.post_processor", template);

  const decoder = root.decoder;
  const decoders: DecoderStep[] = [];
  if (sentencePiece) readDecoderSteps(decoder, "$.decoder", decoders);
  else if (decoder !== undefined && decoder !== null && typeOf(decoder, "$.decoder") !== "ByteLevel") {
    unsupported(`decoder.type ${quote((decoder as Json).type)}`, "$.decoder");
  }

  return {
    normalizer: normalizers.length ? "NFC" : null,
    splits,
    scanner: scannerFor(splits),
    ignoreMerges: model.ignore_merges === true,
    ...template,
    ...(sentencePiece ? { sentencePiece: { normalizers: textSteps, metaspace: metaspace.step, decoders, stripAround } } : {}),
  };
}
