// `bytepair encode-file IN -o OUT.npy`: a whole text file to a token array on disk, for training
// language models. The file's ids come piece by piece, in order, from file-encoder.ts (in worker
// threads, straight from the file's bytes) and are written as they come, so the output is the same as
// encoding the file in one go.

import type { EncodeOptions } from "../tokenizer/options.js";
import { TokenFileWriter, checkDtype, type TokenDtype } from "./token-file.js";
import { ProgressLine } from "./progress.js";
import { encodeFile, defaultWorkers } from "./file-encoder.js";
import { cliArgs, chosenTokenizer, checkEncodingChoice } from "./args.js";
import { checkInputFile, checkOutputFile } from "./paths.js";
import { OutputFiles } from "./outputs.js";
import { CliError, fsError } from "./errors.js";

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
  /** As given, or undefined: file-encoder.ts's defaultWorkers. */
  workers?: number;
  specials: string[];
  allowAll: boolean;
}

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
  const workers = args.workers ?? defaultWorkers(input.stats.size, performance.now() - loadStarted);
  if (args.dtype === "uint16" && tokenizer.vocabSize > 65536) {
    throw new CliError(`--dtype uint16 holds ids up to 65535, but ${tokenizer.name} has ${tokenizer.vocabSize} ids; pass --dtype uint32`);
  }
  const dtype = checkDtype(args.dtype ?? (tokenizer.vocabSize <= 65536 ? "uint16" : "uint32"), tokenizer.vocabSize);
  for (const s of args.specials) if (!tokenizer.specialTokens.has(s)) fail(`--special ${JSON.stringify(s)} is not a special token of ${tokenizer.name}`);
  const options: EncodeOptions = { allowedSpecial: args.allowAll ? "all" : args.specials };
  const allowed = args.allowAll ? [...tokenizer.specialTokens.keys()] : args.specials;

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
  const run = {
    path: args.input!,
    tokenizer,
    tokenizerPath: args.tokenizer,
    options,
    workers,
    onRead: (bytes: number) => (read = bytes),
    onWarning: (warning: string) => line.note(warning),
  };
  try {
    await encodeFile(run, async (ids, maxId, done) => {
      await writer.write(ids, maxId);
      progress(Math.min(done, read), writer.count);
    });
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

const isFsError = (e: unknown) => typeof (e as NodeJS.ErrnoException)?.syscall === "string";
