// The steps a SentencePiece-style tokenizer.json puts around its model, read and checked: normalizers
// (Prepend, Replace, NFC/NFKC/NFD/NFKD, Sequence), the Metaspace pre-tokenizer, and the decoders
// (Replace, ByteFallback, Fuse, Strip, Metaspace, Sequence). What else a file asks for is an
// UNSUPPORTED_TOKENIZER error naming it and its JSON path.

import { BytepairError, quote } from "../errors.js";
import { translateOniguruma, RegexTranslationError } from "./regex.js";
import { checkBacktracking } from "./backtracking.js";

/** A normalizer step; `pattern` of Replace is a RegExp source for the "gu" flags. */
export type TextStep =
  | { type: "NFC" | "NFKC" | "NFD" | "NFKD" }
  | { type: "Prepend"; prepend: string }
  | { type: "Replace"; pattern: string; literal: string | undefined; content: string };

export interface MetaspaceStep {
  replacement: string;
  prependScheme: "first" | "always" | "never";
  split: boolean;
}

export type DecoderStep =
  | { type: "ByteFallback" | "Fuse" }
  | { type: "Replace"; pattern: string; literal: string | undefined; content: string }
  | { type: "Strip"; content: string; start: number; stop: number }
  | { type: "Metaspace"; replacement: string; prependScheme: MetaspaceStep["prependScheme"] };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === "object" && !Array.isArray(v);
const MAX_NESTING = 32;

function unsupported(what: string, path: string): never {
  throw new BytepairError("UNSUPPORTED_TOKENIZER", `Unsupported tokenizer.json: ${what} at ${path}`);
}

function typeOf(step: unknown, path: string): string {
  if (!isObject(step) || typeof step.type !== "string") unsupported(`a step without a type (${quote(step)})`, path);
  return step.type;
}

function sequence(step: Json, key: string, path: string, depth: number): unknown[] {
  if (depth > MAX_NESTING) unsupported(`Sequence steps nested over ${MAX_NESTING} deep`, path);
  const list = step[key];
  if (!Array.isArray(list)) unsupported(`a Sequence without a ${key} list`, path);
  return list;
}

/** A Replace step's pattern ({String} or {Regex}) as a RegExp source, checked to run in bounded time. */
function replacePattern(step: Json, path: string): { pattern: string; literal: string | undefined; content: string } {
  const { pattern, content } = step;
  if (typeof content !== "string") unsupported(`a Replace without a content string (${quote(content)})`, `${path}.content`);
  if (isObject(pattern) && typeof pattern.String === "string") {
    if (pattern.String === "") unsupported("a Replace of the empty string", `${path}.pattern.String`);
    return { pattern: pattern.String.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&"), literal: pattern.String, content };
  }
  if (isObject(pattern) && typeof pattern.Regex === "string") {
    let source: string;
    try {
      source = translateOniguruma(pattern.Regex);
      checkBacktracking(source);
      new RegExp(source, "gu");
    } catch (e) {
      if (!(e instanceof RegexTranslationError) && !(e instanceof SyntaxError)) throw e;
      return unsupported(`the regex ${quote(pattern.Regex)} (${e.message})`, `${path}.pattern.Regex`);
    }
    return { pattern: source, literal: undefined, content };
  }
  return unsupported("a Replace pattern that is neither {String} nor {Regex}", `${path}.pattern`);
}

export function readTextSteps(step: unknown, path: string, out: TextStep[], depth = 0): void {
  if (step === null || step === undefined) return;
  const type = typeOf(step, path);
  const s = step as Json;
  if (type === "Sequence") {
    sequence(s, "normalizers", path, depth).forEach((n, i) => readTextSteps(n, `${path}.normalizers[${i}]`, out, depth + 1));
  } else if (type === "NFC" || type === "NFKC" || type === "NFD" || type === "NFKD") {
    out.push({ type });
  } else if (type === "Prepend") {
    if (typeof s.prepend !== "string") unsupported(`a Prepend without a prepend string (${quote(s.prepend)})`, `${path}.prepend`);
    out.push({ type, prepend: s.prepend });
  } else if (type === "Replace") {
    out.push({ type, ...replacePattern(s, path) });
  } else {
    unsupported(`normalizer.type ${quote(type)}`, path);
  }
}

/** prepend_scheme, or the older add_prefix_space (true: always). */
function prependScheme(s: Json, path: string): MetaspaceStep["prependScheme"] {
  if (s.prepend_scheme !== undefined) {
    if (s.prepend_scheme !== "first" && s.prepend_scheme !== "always" && s.prepend_scheme !== "never") {
      unsupported(`Metaspace prepend_scheme ${quote(s.prepend_scheme)}`, `${path}.prepend_scheme`);
    }
    return s.prepend_scheme;
  }
  return s.add_prefix_space === false ? "never" : "always";
}

function replacementOf(s: Json, path: string): string {
  const replacement = s.replacement;
  if (typeof replacement !== "string" || Array.from(replacement).length !== 1) {
    unsupported(`a Metaspace replacement that is not one character (${quote(replacement)})`, `${path}.replacement`);
  }
  return replacement;
}

export function readMetaspace(s: Json, path: string): MetaspaceStep {
  if (s.split !== undefined && typeof s.split !== "boolean") unsupported(`Metaspace split ${quote(s.split)}`, `${path}.split`);
  return { replacement: replacementOf(s, path), prependScheme: prependScheme(s, path), split: s.split !== false };
}

export function readDecoderSteps(step: unknown, path: string, out: DecoderStep[], depth = 0): void {
  if (step === null || step === undefined) return;
  const type = typeOf(step, path);
  const s = step as Json;
  if (type === "Sequence") {
    sequence(s, "decoders", path, depth).forEach((d, i) => readDecoderSteps(d, `${path}.decoders[${i}]`, out, depth + 1));
  } else if (type === "ByteFallback" || type === "Fuse") {
    out.push({ type });
  } else if (type === "Replace") {
    out.push({ type, ...replacePattern(s, path) });
  } else if (type === "Strip") {
    const { content, start, stop } = s;
    if (typeof content !== "string" || Array.from(content).length !== 1) unsupported(`a Strip content that is not one character (${quote(content)})`, `${path}.content`);
    for (const [name, n] of [["start", start], ["stop", stop]] as const) {
      if (!Number.isInteger(n) || (n as number) < 0) unsupported(`a Strip ${name} of ${quote(n)}`, `${path}.${name}`);
    }
    out.push({ type, content, start: start as number, stop: stop as number });
  } else if (type === "Metaspace") {
    out.push({ type, replacement: replacementOf(s, path), prependScheme: prependScheme(s, path) });
  } else {
    unsupported(`decoder.type ${quote(type)}`, path);
  }
}
