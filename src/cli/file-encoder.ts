// A file's ids, piece by piece and in order, for encode-file (which writes them) and count --file
// (which adds them up). The file's bytes are cut where cutting cannot change the ids (text/byte-cuts.ts)
// and handed as they are to worker threads or to this thread's engine; a tokenizer whose text has no
// such places (a tokenizer.json pre-tokenizer the engine has no scanner for: SentencePiece models,
// other regexes) gets the file whole, on this thread, as the library's streams do. A tokenizer.json's
// template (a BOS, say) goes once around the whole file, and a disallowed special token is reported
// at its byte and line in the file.

import { availableParallelism } from "node:os";
import { BytepairError } from "../errors.js";
import type { Tokenizer } from "../tokenizer/tokenizer.js";
import type { EncodeOptions } from "../tokenizer/options.js";
import { filePieces } from "../node/file-pieces.js";
import { encodeInWorkers, type Sink } from "./encode-workers.js";
import { fsError } from "./errors.js";
import { warnOnInvalid } from "./utf8.js";
import { disallowedSpecialInBytes, BytePosition, countNewlineBytes } from "./special.js";

// 1 MB pieces: each thread's memory (bytes, wasm input and ids) stays a few MB, and a piece's trip to
// a worker costs little beside its encoding (docs/performance.md, section 18).
const PIECE_BYTES = 1 << 20;

export interface FileEncoding {
  path: string;
  tokenizer: Tokenizer;
  /** Where the workers load the tokenizer from (--tokenizer PATH); else they load tokenizer.name. */
  tokenizerPath?: string;
  /** The options of the whole file's encode (its template included). */
  options: EncodeOptions;
  /** Worker threads; 0 encodes on this thread. A tokenizer whose text cannot be cut always uses none. */
  workers: number;
  /** The bytes of the file read so far. */
  onRead(bytes: number): void;
  /** The one warning about invalid UTF-8. */
  onWarning(warning: string): void;
}

/**
 * Calls `write` with the file's ids in order: the template's first, then each piece's (with its
 * greatest id when a worker counted it, and the bytes of the file encoded so far), then the template's
 * last. Resolves once all are written.
 */
export async function encodeFile(run: FileEncoding, write: (ids: Uint32Array, maxId: number | undefined, bytesDone: number) => Promise<void>): Promise<void> {
  const { path, tokenizer } = run;
  const { prefix, suffix } = tokenizer.templateIds(run.options);
  const options: EncodeOptions = { ...run.options, addSpecialTokens: false };
  // No cut inside any special token: allowed, it is one id; disallowed, it must be found to be refused.
  const specialBytes = [...tokenizer.specialTokens.keys()].map((s) => new TextEncoder().encode(s));
  let read = 0;
  const onRead = (n: number) => run.onRead((read += n));
  const readError = (e: unknown) => fsError("read", path, e);
  const chunks = tokenizer.windowable ? filePieces(path, specialBytes, PIECE_BYTES, { onRead, readError }) : wholeFile(path, onRead, readError);
  const pieces = warnOnInvalid(chunks, path, run.onWarning);
  const position = new BytePosition();
  const sink: Sink = {
    async write(ids, piece) {
      position.pass(piece.length, piece.newlines);
      await write(ids, piece.maxId, position.bytes);
    },
    disallowed: (token, index, newlines) => disallowedSpecialInBytes(token, path, position, index, newlines),
  };
  await write(prefix, undefined, 0);
  const workers = tokenizer.windowable ? run.workers : 0;
  if (workers === 0) {
    for await (const bytes of pieces) await sink.write(encodeOne(tokenizer, bytes, options, sink), { length: bytes.length, newlines: countNewlineBytes(bytes) });
  } else {
    // Each worker thread loads the tokenizer again: by name, or from the --tokenizer files.
    const source = run.tokenizerPath !== undefined ? { tokenizerPath: run.tokenizerPath } : { encoding: tokenizer.name };
    await encodeInWorkers(pieces, source, options, workers, sink);
  }
  await write(suffix, undefined, position.bytes);
}

/**
 * Worker threads when none were asked for: one per core (up to 8), for a file big enough to repay
 * their start. Each loads the tokenizer again, so a tokenizer that took `loadMs` to load on this thread
 * gets them only for a file of 100 MB per second of that (the threads encode ~50 MB/s each), and any
 * gets them only for a file of a few pieces (4 MB) or more.
 */
export function defaultWorkers(fileBytes: number, loadMs: number): number {
  return fileBytes >= Math.max(4 * PIECE_BYTES, 100e6 * (loadMs / 1000)) ? Math.min(8, availableParallelism()) : 0;
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

function encodeOne(tokenizer: Tokenizer, bytes: Uint8Array, options: EncodeOptions, sink: Sink): Uint32Array {
  try {
    return tokenizer.encodeUtf8(bytes, options);
  } catch (e) {
    if (e instanceof BytepairError && e.token !== undefined && e.offset !== undefined) throw sink.disallowed(e.token, e.offset, countNewlineBytes(bytes.subarray(0, e.offset)));
    throw e;
  }
}
