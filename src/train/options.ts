// Checks of train()'s input and options, all made before any training starts: a bad special token
// or option is refused up front, never found out by loading the trained vocabulary at the end.

import { BytepairError, describeValue, quote } from "../errors.js";
import type { PatternFamily } from "../patterns.js";
import { MAX_TOKEN_BYTES } from "../vocab/file.js";
import { loneSurrogateAt } from "../text/utf8.js";
import { checkPattern } from "../patterns.js";
import type { TrainInput, TrainOptions } from "./types.js";

export const MAX_VOCAB_SIZE = 1 << 24;

export interface CheckedOptions {
  specials: string[];
  vocabSize: number;
  pattern: PatternFamily;
  onProgress: TrainOptions["onProgress"];
}

const utf8 = new TextEncoder();

function invalid(message: string): never {
  throw new BytepairError("INVALID_ARGUMENT", message);
}

export function checkOptions(options: TrainOptions): CheckedOptions {
  if (options === null || typeof options !== "object") invalid(`train() needs options with a vocabSize, got ${describeValue(options)}`);
  const specials = checkSpecialTokens(options.specialTokens);
  const { vocabSize, onProgress } = options;
  const least = specials.length + 256;
  if (typeof vocabSize !== "number" || !Number.isInteger(vocabSize) || vocabSize < least || vocabSize > MAX_VOCAB_SIZE) {
    invalid(
      `vocabSize must be an integer from ${least} (${specials.length} special tokens + 256 bytes) to ${MAX_VOCAB_SIZE}, got ${quote(vocabSize)}`,
    );
  }
  if (onProgress !== undefined && typeof onProgress !== "function") invalid(`onProgress must be a function, got ${describeValue(onProgress)}`);
  return { specials, vocabSize, pattern: checkPattern(options.pattern), onProgress };
}

/**
 * The special tokens, duplicates dropped (a duplicate keeps its first id). Each must be a token the
 * trained vocabulary can hold: not one byte (that is a byte's token), well-formed UTF-16 (a lone
 * surrogate's UTF-8 is U+FFFD's, which ordinary text has too), and short enough to match.
 */
function checkSpecialTokens(given: unknown): string[] {
  if (given === undefined) return [];
  if (typeof given === "string" || given === null || typeof (given as Iterable<unknown>)[Symbol.iterator] !== "function") {
    invalid(`specialTokens must be an iterable of strings (such as an array), got ${describeValue(given)}`);
  }
  const specials = new Set<string>();
  for (const s of given as Iterable<unknown>) {
    if (typeof s !== "string" || s === "") invalid(`Special tokens must be non-empty strings, got ${quote(s)}`);
    if (loneSurrogateAt(s) >= 0) invalid(`Special token ${quote(s)} has a lone surrogate: its UTF-8 would be U+FFFD's, as in ordinary text`);
    const bytes = utf8.encode(s).length;
    if (bytes === 1) invalid(`Special token ${quote(s)} is a single byte, which is already an ordinary token`);
    if (bytes > MAX_TOKEN_BYTES) invalid(`Special token ${quote(s)} has ${bytes} bytes, more than the ${MAX_TOKEN_BYTES} a token may have`);
    specials.add(s);
  }
  return [...specials];
}

/** Refuses input train() cannot read, before training starts (a file's readability is found when it is read). */
export function checkInput(input: TrainInput): void {
  if (typeof input === "string" || input instanceof URL) return;
  if (input !== null && typeof input === "object") {
    if (typeof (input as { file?: unknown }).file === "string") return;
    if (typeof (input as AsyncIterable<unknown>)[Symbol.asyncIterator] === "function") return;
    if (typeof (input as Iterable<unknown>)[Symbol.iterator] === "function") return;
  }
  invalid(`Expected the training input to be a string, { file }, a URL or an iterable of strings, got ${describeValue(input)}`);
}

/** How many worker threads count: as asked, or by default one per core (up to 8) for a file in Node. */
export async function workerCount(requested: unknown, input: TrainInput): Promise<number> {
  const inNode = typeof process !== "undefined" && !!process.versions?.node;
  if (requested !== undefined) {
    if (typeof requested !== "number" || !Number.isInteger(requested) || requested < 0 || requested > 64) {
      invalid(`workers must be an integer from 0 to 64, got ${quote(requested)}`);
    }
    if (requested > 0 && !inNode) invalid("workers need Node's worker_threads; pass workers: 0 in this runtime");
    return requested;
  }
  const isFile = input instanceof URL || (typeof input === "object" && input !== null && "file" in input);
  if (!isFile || !inNode) return 0;
  const os = await import("node:os");
  return Math.min(8, os.availableParallelism?.() ?? os.cpus().length);
}
