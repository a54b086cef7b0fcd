// train(): learn a byte-level BPE vocabulary from text. Pre-tokens are counted and merged in the
// engine (assembly/train/); this file feeds it text as a stream and shapes the result.
//
// Semantics: special tokens are cut out of the text first (never merged, never counted); each part is
// pre-tokenized with the pattern (GPT-2's by default); the vocabulary starts as the special tokens
// (ids 0..k-1) and the 256 bytes (k..k+255); each merge of the most frequent adjacent pair adds the
// next id; ties go to the lexicographically greater pair of byte strings. A pair whose joined bytes
// would be longer than a vocabulary may hold (MAX_TOKEN_BYTES, 65535) is never merged.

import { BytepairError } from "../errors.js";
import { instantiateEngine } from "../engine/wasm/module.js";
import { TrainerEngine, type TrainerExports } from "./engine.js";
import { specialMatcher, safeTexts } from "../text/segments.js";
import { countInWorkers } from "./parallel.js";
import { checkOptions, checkInput, workerCount } from "./options.js";
import { Tokenizer } from "../tokenizer/tokenizer.js";
import { concatBytes } from "../formats/vocab-checks.js";

import type { TrainInput, TrainOptions, TrainProgress, TrainResult } from "./types.js";

const CHUNK_CHARS = 1 << 22;

export async function train(input: TrainInput, options: TrainOptions): Promise<TrainResult> {
  const { specials, vocabSize, pattern, onProgress } = checkOptions(options);
  checkInput(input);
  const workers = await workerCount(options.workers, input);
  const engine = new TrainerEngine((await instantiateEngine()) as unknown as TrainerExports, pattern);
  const matcher = specialMatcher(specials);
  // A loop, not Math.max(...lengths): a spread of many arguments overflows the stack.
  let keep = 0;
  for (const s of specials) keep = Math.max(keep, s.length);
  const targetMerges = vocabSize - specials.length - 256;
  const progress = (phase: TrainProgress["phase"], merges: number) =>
    onProgress?.call(options, { phase, bytes, words: engine.distinctWords, merges, targetMerges });

  let bytes = 0;
  const file = filePath(input);
  // A file is read as bytes and counted from them (file-input.ts); other input is text.
  const fileInput = file === undefined ? undefined : await import("./file-input.js");
  const training = file !== undefined ? await fileInput!.trainingFile(file, specials) : undefined;
  const pieces = training ? training.pieces : safeTexts(chunks(input), matcher, keep);
  if (workers > 0) {
    const onBytes = (n: number) => {
      bytes += n;
      progress("count", 0);
    };
    await countInWorkers(pieces, engine, { workers, pattern, specials, onBytes });
  } else {
    const counter = fileInput ? new fileInput.PieceCounter(engine, specials) : undefined;
    for await (const piece of pieces) {
      bytes += typeof piece === "string" ? engine.countText(piece, matcher) : counter!.count(piece);
      progress("count", 0);
    }
  }

  engine.prepare();
  const stepSize = Math.max(1, Math.ceil(targetMerges / 200));
  let merged = 0;
  while (merged < targetMerges) {
    const done = engine.run(Math.min(stepSize, targetMerges - merged));
    merged += done;
    progress("merge", merged);
    if (done === 0) break;
  }
  const result = shape(engine.merges(), specials);
  const tokenizer = await Tokenizer.fromBpe({ ...result, pattern, name: "trained" });
  const invalidUtf8At = training?.invalidUtf8At();
  const stats = { bytes, words: engine.distinctWords, tokens: engine.tokenTotal, memoryBytes: engine.memoryUsed, memoryParts: engine.memoryParts };
  return { ...result, tokenizer, stats: invalidUtf8At === undefined ? stats : { ...stats, invalidUtf8At } };
}

/** The path of a file input ({ file } or a file: URL), or undefined for text. */
function filePath(input: TrainInput): string | URL | undefined {
  if (input instanceof URL) return input;
  if (typeof input === "object" && input !== null && typeof (input as { file?: unknown }).file === "string") return (input as { file: string }).file;
  return undefined;
}

async function* chunks(input: TrainInput): AsyncIterable<unknown> {
  if (typeof input === "string") {
    for (let i = 0; i < input.length; i += CHUNK_CHARS) yield input.slice(i, i + CHUNK_CHARS);
  } else if (input !== null && typeof input === "object" && (Symbol.asyncIterator in input || Symbol.iterator in input)) {
    yield* input as AsyncIterable<unknown>;
  } else {
    throw new BytepairError("INVALID_ARGUMENT", `Expected the training input to be a string, { file }, a URL or an iterable of strings, got ${typeof input}`);
  }
}

function shape(pairs: Uint32Array, specials: string[]): Pick<TrainResult, "vocab" | "merges" | "specialTokens"> {
  const utf8 = new TextEncoder();
  const k = specials.length;
  const vocab = new Map<number, Uint8Array>();
  const tokens: Uint8Array[] = [];
  specials.forEach((s, i) => vocab.set(i, utf8.encode(s)));
  for (let b = 0; b < 256; b++) tokens.push(Uint8Array.of(b));
  const merges: Array<[Uint8Array, Uint8Array]> = [];
  for (let i = 0; i < pairs.length; i += 2) {
    const left = tokens[pairs[i]];
    const right = tokens[pairs[i + 1]];
    tokens.push(concatBytes(left, right));
    merges.push([left, right]);
  }
  tokens.forEach((t, i) => vocab.set(k + i, t));
  return { vocab, merges, specialTokens: new Map(specials.map((s, i) => [s, i])) };
}
