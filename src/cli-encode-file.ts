// `bytepair encode-file IN -o OUT.npy`: a whole text file to a token array on disk, for training
// language models. The file is read as a stream, cut only where cutting cannot change the ids (see
// segments.ts), the pieces are encoded in worker threads and written back in order, so the output is
// the same as encoding the file in one go.

import { createReadStream, statSync, rmSync } from "node:fs";
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { getEncoding, encodingForModel, BytepairError, type EncodeOptions, type Tokenizer } from "./index.js";
import { specialMatcher, safePieces } from "./segments.js";
import { TokenFileWriter, checkDtype } from "./token-file.js";
import { ProgressLine } from "./cli-progress.js";
import type { EncodeRequest, EncodeReply } from "./encode-worker.js";
import { cliArgs } from "./cli-args.js";

export const ENCODE_FILE_USAGE = `  bytepair encode-file IN -o OUT [--encoding NAME | --model MODEL] [--dtype uint16|uint32]
                      [--format npy|bin] [--workers N] [--special TOKEN]... [--allow-special]`;

interface EncodeFileArgs {
  input?: string;
  output?: string;
  encoding: string;
  model?: string;
  dtype?: string;
  format?: "npy" | "bin";
  workers: number;
  specials: string[];
  allowAll: boolean;
}

const PIECE_CHARS = 1 << 17; // small pieces keep each thread's memory (text, wasm input and ids) a few MB
const IN_FLIGHT = 2;

function parse(argv: string[], fail: (m: string) => never): EncodeFileArgs {
  const args: EncodeFileArgs = { encoding: "o200k_base", workers: Math.min(8, availableParallelism()), specials: [], allowAll: false };
  for (const { arg: a, flag, value } of cliArgs(argv, fail)) {
    if (flag === "-o" || flag === "--out") args.output = value();
    else if (flag === "--encoding" || flag === "-e") args.encoding = value();
    else if (flag === "--model" || flag === "-m") args.model = value();
    else if (flag === "--dtype") args.dtype = value();
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
  const tokenizer: Tokenizer = args.model ? await encodingForModel(args.model) : await getEncoding(args.encoding as never);
  const dtype = checkDtype(args.dtype ?? (tokenizer.vocabSize <= 65536 ? "uint16" : "uint32"), tokenizer.vocabSize);
  for (const s of args.specials) if (!tokenizer.specialTokens.has(s)) fail(`--special ${JSON.stringify(s)} is not a special token of ${tokenizer.name}`);
  const options: EncodeOptions = { allowedSpecial: args.allowAll ? "all" : args.specials };
  const allowed = args.allowAll ? [...tokenizer.specialTokens.keys()] : args.specials;
  const keep = Math.max(0, ...[...tokenizer.specialTokens.keys()].map((s) => s.length));
  // Every special token is special here (allowed, or an error): all may serve as cut points.
  const matcher = specialMatcher([...tokenizer.specialTokens.keys()]);
  const size = statSync(args.input!).size;

  const writer = await TokenFileWriter.open(args.output!, {
    dtype,
    vocabSize: tokenizer.vocabSize,
    format: args.format,
    ...(args.format === "bin"
      ? { encoding: tokenizer.name, eotId: tokenizer.specialTokens.get("<|endoftext|>"), metadata: { source: args.input, allowedSpecial: allowed } }
      : {}),
  });
  const progress = progressPrinter(size, new ProgressLine());
  const started = performance.now();
  const pieces = safePieces(createReadStream(args.input!, { encoding: "utf8", highWaterMark: PIECE_CHARS }), matcher, keep);
  let bytes = 0;
  try {
    if (args.workers === 0) {
      for await (const { text, offset } of pieces) {
        await writer.write(encodeAt(tokenizer, text, offset, options));
        bytes += Buffer.byteLength(text);
        progress(bytes, writer.count);
      }
    } else {
      await encodeInWorkers(pieces, tokenizer.name, options, args.workers, async (ids, text) => {
        await writer.write(ids);
        bytes += Buffer.byteLength(text);
        progress(bytes, writer.count);
      });
    }
  } catch (e) {
    // A partial token file would look complete to whoever loads it: remove it.
    await writer.close();
    rmSync(args.output!, { force: true });
    rmSync(`${args.output}.json`, { force: true });
    throw e;
  }
  await writer.close();
  progress(bytes, writer.count, true);
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write(
    `wrote ${writer.count} tokens (${dtype}, ${args.format}) to ${args.output} in ${seconds.toFixed(2)} s: ` +
      `${(bytes / 1e6 / seconds).toFixed(1)} MB/s, ${(bytes / Math.max(1, writer.count)).toFixed(2)} bytes per token\n`,
  );
}

function encodeAt(tokenizer: Tokenizer, text: string, offset: number, options: EncodeOptions): Uint32Array {
  try {
    return tokenizer.encode(text, options);
  } catch (e) {
    if (e instanceof BytepairError && e.offset !== undefined) throw disallowedAt(e.message, e.token, offset + e.offset);
    throw e;
  }
}

function disallowedAt(message: string, token: string | undefined, offset: number): BytepairError {
  return new BytepairError("DISALLOWED_SPECIAL_TOKEN", message.replace(/at offset \d+/, `at offset ${offset} of the file (UTF-16 units)`), { token, offset });
}

/** Pieces to worker threads, at most IN_FLIGHT each; results handed to `write` in input order. */
async function encodeInWorkers(
  pieces: AsyncIterable<{ text: string; offset: number }>,
  encoding: string,
  options: EncodeOptions,
  count: number,
  write: (ids: Uint32Array, text: string) => Promise<void>,
): Promise<void> {
  const url = new URL("./encode-worker.js", import.meta.url);
  // A small young generation: each worker's garbage is a few pieces' text and ids, and V8's default
  // would let it grow to tens of MB per thread before collecting.
  const resourceLimits = { maxYoungGenerationSizeMb: 4 };
  const workers = Array.from({ length: count }, () => ({ worker: new Worker(url, { workerData: { encoding, options }, resourceLimits }), busy: 0 }));
  const texts = new Map<number, string>();
  const done = new Map<number, Uint32Array>();
  const failed = new Map<number, Error>(); // by piece: the error reported is the first in the file
  let failure: Error | undefined; // a worker that broke down
  let wake: (() => void) | undefined;
  for (const slot of workers) {
    slot.worker.on("message", (reply: EncodeReply) => {
      slot.busy--;
      if ("ids" in reply) done.set(reply.seq, reply.ids);
      else failed.set(reply.seq, reply.offset !== undefined ? disallowedAt(reply.error, reply.token, reply.offset) : new Error(reply.error));
      wake?.();
    });
    slot.worker.on("error", (e: Error) => {
      failure ??= e;
      wake?.();
    });
  }
  const nextReply = () => new Promise<void>((resolve) => (wake = resolve));
  let sent = 0;
  let written = 0;
  const flush = async () => {
    while (done.has(written)) {
      const ids = done.get(written)!;
      done.delete(written);
      await write(ids, texts.get(written)!);
      texts.delete(written);
      written++;
    }
  };
  // Each wait for a reply comes right after its condition is checked, with no await between, so a
  // reply cannot slip past unnoticed.
  const leastBusy = () => workers.reduce((a, b) => (b.busy < a.busy ? b : a));
  try {
    for await (const { text, offset } of pieces) {
      if (failed.size > 0) break;
      for (;;) {
        if (failure) throw failure;
        if (done.has(written)) await flush();
        else if (leastBusy().busy < IN_FLIGHT) break;
        else await nextReply();
      }
      const slot = leastBusy();
      texts.set(sent, text);
      slot.busy++;
      slot.worker.postMessage({ seq: sent++, text, offset } satisfies EncodeRequest);
    }
    while (written < sent) {
      if (failure) throw failure;
      if (failed.has(written)) throw failed.get(written);
      if (done.has(written)) await flush();
      else await nextReply();
    }
  } finally {
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }
}
