// `bytepair encode-file IN -o OUT.npy`: a whole text file to a token array on disk, for training
// language models. The file's bytes are read as a stream, cut only where cutting cannot change the ids
// (see text/byte-cuts.ts), the pieces go as bytes to worker threads, straight into their engines (no
// string on the way), and their ids are written back in order, so the output is the same as encoding
// the file in one go.

import { availableParallelism } from "node:os";
import { BytepairError } from "../errors.js";
import type { Tokenizer } from "../tokenizer/tokenizer.js";
import type { EncodeOptions } from "../tokenizer/options.js";
import { filePieces } from "../node/file-pieces.js";
import { TokenFileWriter, checkDtype, type TokenDtype } from "./token-file.js";
import { ProgressLine } from "./progress.js";
import { encodeInWorkers, type Sink } from "./encode-workers.js";
import { cliArgs, chosenTokenizer, checkEncodingChoice } from "./args.js";
import { checkInputFile, checkOutputFile } from "./paths.js";
import { OutputFiles } from "./outputs.js";
import { CliError, fsError } from "./errors.js";
import { warnOnInvalid } from "./utf8.js";
import { disallowedSpecialInBytes, BytePosition, countNewlineBytes } from "./special.js";

export const ENCODE_FILE_USAGE = `  bytepair encode-file IN -o OUT [--encoding NAME | --model MODEL | --tokenizer PATH] [--dtype uint16|uint32]
                      [--format npy|bin] [--workers N] [--special TOKEN]... [--allow-special]`;

interface EncodeFileArgs {
  input?: string;
  output?: string;
  encoding?: string;
  model?: string;
  tokenizer?: string;
  dtype?: TokenDtype;
  format?: "npy" | "bin";
  /** As given, or undefined: one per core (up to 8), but see threadsFor. */
  workers?: number;
  specials: string[];
  allowAll: boolean;
}

// 1 MB pieces: each thread's memory (bytes, wasm input and ids) stays a few MB, and a piece's trip to
// a worker costs little beside its encoding (docs/performance.md, section 18).
const CHUNK_BYTES = 1 << 20;

function parse(argv: string[], fail: (m: string) => never): EncodeFileArgs {
  const args: EncodeFileArgs = { specials: [], allowAll: false };
  for (const { arg: a, flag, value } of cliArgs(argv, fail)) {
    if (flag === "-o" || flag === "--out") args.output = value();
    else if (flag === "--encoding" || flag === "-e") args.encoding = value();
    else if (flag === "--model" || flag === "-m") args.model = value();
    else if (flag === "--tokenizer" || flag === "-t") args.tokenizer = value();
    else if (flag === "--dtype") {
      const v = value();
      if (v !== "uint16" && v !== "uint32") fail(`--dtype must be uint16 or uint32, got ${JSON.stringify(v)}`);
      args.dtype = v;
    }
    else if (flag === "--format") {
      const v = value();
      if (v !== "npy" && v !== "bin") fail(`--format must be npy or bin, got ${JSON.stringify(v)}`);
      args.format = v;
    } else if (flag === "--workers") {
      const v = value();
      if (!/^\d+$/.test(v) || Number(v) > 64) fail(`--workers must be a whole number up to 64, got ${JSON.stringify(v)}`);
      args.workers = Number(v);
    } else if (flag === "--special") args.specials.push(value());
    else if (flag === "--allow-special") args.allowAll = true;
    else if (a.startsWith("-")) fail(`unknown option ${a}`);
    else if (args.input === undefined) args.input = a;
    else fail(`one input file only (got ${JSON.stringify(args.input)} and ${JSON.stringify(a)})`);
  }
  checkEncodingChoice(args, fail);
  if (args.input === undefined) fail("encode-file needs an input file");
  if (args.output === undefined) fail("encode-file needs -o OUT.npy (or OUT.bin)");
  args.format ??= args.output.endsWith(".bin") ? "bin" : "npy";
  return args;
}

/** Redraws at most five times a second: a piece is encoded every few milliseconds. */
function progressPrinter(totalBytes: number, line: ProgressLine) {
  const start = performance.now();
  let last = 0;
  return (bytes: number, tokens: number, done = false) => {
    const now = performance.now();
    if (!done && now - last < 200) return;
    last = now;
    const rate = bytes / 1e6 / Math.max((now - start) / 1000, 1e-3);
    const eta = rate > 0 ? (totalBytes - bytes) / 1e6 / rate : 0;
    const detail = `${(bytes / 1e6).toFixed(1)}/${(totalBytes / 1e6).toFixed(1)} MB, ${rate.toFixed(1)} MB/s, ${tokens} tokens, ETA ${eta.toFixed(0)} s`;
    line.show("encode", done ? 1 : bytes / Math.max(1, totalBytes), detail);
    if (done) line.end();
  };
}

export async function encodeFileCommand(argv: string[], fail: (m: string) => never): Promise<void> {
  const args = parse(argv, fail);
  // Every path is checked before anything is opened for writing or any work starts.
  const input = checkInputFile(args.input!);
  const out = checkOutputFile(args.output!, [input]);
  const sidecar = args.format === "bin" ? checkOutputFile(`${args.output}.json`, [input]) : undefined;
  const loadStarted = performance.now();
  const tokenizer = await chosenTokenizer(args);
  const workers = tokenizer.windowable ? threadsFor(args, input.stats.size, performance.now() - loadStarted) : 0;
  if (args.dtype === "uint16" && tokenizer.vocabSize > 65536) {
    throw new CliError(`--dtype uint16 holds ids up to 65535, but ${tokenizer.name} has ${tokenizer.vocabSize} ids; pass --dtype uint32`);
  }
  const dtype = checkDtype(args.dtype ?? (tokenizer.vocabSize <= 65536 ? "uint16" : "uint32"), tokenizer.vocabSize);
  for (const s of args.specials) if (!tokenizer.specialTokens.has(s)) fail(`--special ${JSON.stringify(s)} is not a special token of ${tokenizer.name}`);
  // A tokenizer.json's template (a BOS, say) goes around the whole file, not around every piece.
  const options: EncodeOptions = { allowedSpecial: args.allowAll ? "all" : args.specials, addSpecialTokens: false };
  const { prefix, suffix } = tokenizer.templateIds({ addSpecialTokens: true });
  const allowed = args.allowAll ? [...tokenizer.specialTokens.keys()] : args.specials;
  // No cut inside any special token: allowed, it is one id; disallowed, it must be found to be refused.
  const specialBytes = [...tokenizer.specialTokens.keys()].map((s) => new TextEncoder().encode(s));

  // Written to temporary files, renamed onto OUT (and its sidecar) only when all went well.
  const outputs = new OutputFiles();
  const temp = outputs.create(out);
  if (sidecar) outputs.expect(`${temp}.json`, sidecar);
  const writer = await TokenFileWriter.open(temp, {
    dtype,
    vocabSize: tokenizer.vocabSize,
    format: args.format,
    ...(args.format === "bin"
      ? { encoding: tokenizer.name, eotId: tokenizer.specialTokens.get("<|endoftext|>"), metadata: { source: args.input, allowedSpecial: allowed } }
      : {}),
  }).catch((e) => {
    throw fsError("write", args.output!, e);
  });
  const line = new ProgressLine();
  const progress = progressPrinter(input.stats.size, line);
  const started = performance.now();
  let read = 0; // bytes of the file read so far
  const readError = (e: unknown) => fsError("read", args.input!, e);
  // A pre-tokenizer the engine has no scanner for (a SentencePiece model's, another regex) gives no
  // safe place to cut: the file is encoded whole, on this thread, as the library's streams do.
  const chunks = tokenizer.windowable
    ? filePieces(args.input!, specialBytes, CHUNK_BYTES, { onRead: (n) => (read += n), readError })
    : wholeFile(args.input!, (n) => (read += n), readError);
  const pieces = warnOnInvalid(chunks, args.input!, (warning) => line.note(warning));
  const position = new BytePosition();
  const sink: Sink = {
    async write(ids, piece) {
      await writer.write(ids, piece.maxId);
      position.pass(piece.length, piece.newlines);
      progress(Math.min(position.bytes, read), writer.count);
    },
    disallowed: (token, index, newlines) => disallowedSpecialInBytes(token, args.input!, position, index, newlines),
  };
  try {
    await writer.write(prefix);
    // Each worker thread loads the tokenizer again: by name, or from the --tokenizer files.
    if (workers === 0) {
      for await (const bytes of pieces) await sink.write(encodeOne(tokenizer, bytes, options, sink), { length: bytes.length, newlines: countNewlineBytes(bytes) });
    } else {
      const source = args.tokenizer !== undefined ? { tokenizerPath: args.tokenizer } : { encoding: tokenizer.name };
      await encodeInWorkers(pieces, source, options, workers, sink);
    }
    await writer.write(suffix);
    await writer.close();
  } catch (e) {
    await writer.close().catch(() => {});
    outputs.discard();
    throw isFsError(e) ? fsError("write", args.output!, e) : e;
  }
  outputs.commit();
  progress(read, writer.count, true);
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write(
    `wrote ${writer.count} tokens (${dtype}, ${args.format}) to ${args.output} in ${seconds.toFixed(2)} s: ` +
      `${(read / 1e6 / seconds).toFixed(1)} MB/s, ${(read / Math.max(1, writer.count)).toFixed(2)} bytes per token\n`,
  );
}

/** The whole file as one piece. */
async function* wholeFile(path: string, onRead: (bytes: number) => void, readError: (e: unknown) => Error): AsyncGenerator<Uint8Array> {
  const { readFile } = await import("node:fs/promises");
  const bytes = await readFile(path).catch((e: unknown) => {
    throw readError(e);
  });
  onRead(bytes.length);
  yield bytes;
}

/**
 * Worker threads for a run: as given; else one per core (up to 8), except for a --tokenizer whose
 * files took long to load (each worker loads them again): then only when the file is big enough that
 * the workers save more than that, taking ~50 MB/s a thread (100 MB of file per second of loading).
 */
function threadsFor(args: EncodeFileArgs, fileBytes: number, loadMs: number): number {
  if (args.workers !== undefined) return args.workers;
  const cores = Math.min(8, availableParallelism());
  if (args.tokenizer === undefined) return cores;
  return fileBytes > 100e6 * (loadMs / 1000) ? cores : 0;
}

const isFsError = (e: unknown) => typeof (e as NodeJS.ErrnoException)?.syscall === "string";

function encodeOne(tokenizer: Tokenizer, bytes: Uint8Array, options: EncodeOptions, sink: Sink): Uint32Array {
  try {
    return tokenizer.encodeUtf8(bytes, options);
  } catch (e) {
    if (e instanceof BytepairError && e.token !== undefined && e.offset !== undefined) throw sink.disallowed(e.token, e.offset, countNewlineBytes(bytes.subarray(0, e.offset)));
    throw e;
  }
}
