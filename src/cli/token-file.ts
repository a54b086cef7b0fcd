// Writes token ids to disk for training pipelines, streaming, in two formats they load directly:
//   "npy": a NumPy .npy file (format 1.0), one-dimensional, dtype '<u2' or '<u4' (numpy.load, np.memmap);
//   "bin": the raw little-endian ids, plus a JSON sidecar `<file>.json` giving dtype, count and metadata
//          (the layout nanoGPT-style loaders read with np.memmap / np.fromfile).
// Node only (node:fs); not exported from index.ts so the browser bundle never sees it.

import { open, writeFile, type FileHandle } from "node:fs/promises";
import { BytepairError, quote } from "../errors.js";

export type TokenDtype = "uint16" | "uint32";
export type TokenFileFormat = "npy" | "bin";

export interface TokenFileOptions {
  dtype: TokenDtype;
  /** Largest id + 1 (tiktoken's n_vocab). Every id written must be below it. */
  vocabSize: number;
  /** Default: from the path's extension, ".npy" or ".bin". */
  format?: TokenFileFormat;
  /** Sidecar ("bin" only): the encoding's name, e.g. "o200k_base". */
  encoding?: string;
  /** Sidecar ("bin" only): the end-of-text id that separates documents. */
  eotId?: number;
  /** Sidecar ("bin" only): further JSON fields, e.g. { source: "corpus.txt" }. */
  metadata?: Record<string, unknown>;
}

const BYTES: Record<TokenDtype, number> = { uint16: 2, uint32: 4 };
const DESCR: Record<TokenDtype, string> = { uint16: "<u2", uint32: "<u4" };
const UINT16_IDS = 0x1_0000;
const UINT32_IDS = 0x1_0000_0000;

const invalid = (message: string, details?: { id?: unknown; index?: number }) =>
  new BytepairError("INVALID_ARGUMENT", message, details);

/** The dtype, if it can hold every id below vocabSize; otherwise an INVALID_ARGUMENT error saying what to use. */
export function checkDtype(dtype: string, vocabSize: number): TokenDtype {
  if (dtype !== "uint16" && dtype !== "uint32") {
    throw invalid(`Unknown token dtype ${quote(dtype)}; expected "uint16" or "uint32"`);
  }
  if (!Number.isInteger(vocabSize) || vocabSize < 1 || vocabSize > UINT32_IDS) {
    throw invalid(`vocabSize must be an integer from 1 to 2^32, got ${String(vocabSize)}`);
  }
  if (dtype === "uint16" && vocabSize > UINT16_IDS) {
    throw invalid(
      `A vocabulary of ${vocabSize} ids does not fit in dtype "uint16", which holds ids 0..65535 ` +
        `(o200k_base has 200019 ids, cl100k_base 100277); use "uint32"`,
    );
  }
  return dtype;
}

// The header is sized for the largest count, so close() can rewrite it in place whatever the count.
const MAX_COUNT_DIGITS = String(2 ** 53).length;
const NPY_PREFIX = 10; // magic (6) + version (2) + header length (2)
const NPY_ALIGN = 64; // the spec aligns the data to 64 bytes, so memory-mapped arrays are aligned too
const npyDict = (dtype: TokenDtype, count: string) =>
  `{'descr': '${DESCR[dtype]}', 'fortran_order': False, 'shape': (${count},), }`;
const NPY_HEADER_BYTES =
  Math.ceil((NPY_PREFIX + npyDict("uint32", "9".repeat(MAX_COUNT_DIGITS)).length + 1) / NPY_ALIGN) * NPY_ALIGN;

/**
 * The .npy (format 1.0) header of a one-dimensional array of `count` ids: magic, version, length, then the
 * dict padded with spaces and ending in "\n". Always NPY_HEADER_BYTES (128) long, for any count up to 2^53 - 1;
 * byte for byte what numpy.save writes for such an array.
 */
export function npyHeader(dtype: TokenDtype, count: number): Uint8Array {
  checkDtype(dtype, 1);
  if (!Number.isSafeInteger(count) || count < 0) throw invalid(`Token count must be an integer from 0 to 2^53 - 1, got ${String(count)}`);
  const dict = npyDict(dtype, String(count));
  const text = dict + " ".repeat(NPY_HEADER_BYTES - NPY_PREFIX - dict.length - 1) + "\n";
  const header = new Uint8Array(NPY_HEADER_BYTES);
  header.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]); // "\x93NUMPY", version 1.0
  new DataView(header.buffer).setUint16(8, text.length, true);
  for (let i = 0; i < text.length; i++) header[NPY_PREFIX + i] = text.charCodeAt(i); // ASCII only
  return header;
}

// Sidecar fields the writer owns; metadata may not override them.
const RESERVED = ["format", "dtype", "count", "vocabSize", "encoding", "eotId"];

function checkOptions(path: string, options: TokenFileOptions): TokenFileFormat {
  if (typeof path !== "string" || path === "") throw invalid("The token file path must be a non-empty string");
  if (options === null || typeof options !== "object") throw invalid("TokenFileWriter.open needs options { dtype, vocabSize }");
  const { vocabSize, encoding, eotId, metadata } = options;
  checkDtype(options.dtype, vocabSize);
  const format = options.format ?? (/\.npy$/i.test(path) ? "npy" : /\.bin$/i.test(path) ? "bin" : undefined);
  if (format !== "npy" && format !== "bin") {
    throw invalid(
      options.format === undefined
        ? `Cannot tell the format of ${quote(path)} from its extension; pass format "npy" or "bin"`
        : `Unknown token file format ${quote(options.format)}; expected "npy" or "bin"`,
    );
  }
  const hasSidecarFields = encoding !== undefined || eotId !== undefined || metadata !== undefined;
  if (format === "npy" && hasSidecarFields) {
    // numpy refuses headers with other keys, so there is nowhere to keep them; silently dropping them would lose them.
    throw invalid('A .npy file holds only dtype and shape; encoding, eotId and metadata need format "bin" (JSON sidecar)');
  }
  if (encoding !== undefined && typeof encoding !== "string") throw invalid(`encoding must be a string, got ${String(encoding)}`);
  if (eotId !== undefined && (!Number.isInteger(eotId) || eotId < 0 || eotId >= vocabSize)) {
    throw invalid(`eotId must be an id below vocabSize ${vocabSize}, got ${String(eotId)}`);
  }
  if (metadata !== undefined) {
    if (metadata === null || typeof metadata !== "object" || Array.isArray(metadata)) throw invalid("metadata must be a plain object");
    const clash = RESERVED.find((key) => Object.hasOwn(metadata, key));
    if (clash) throw invalid(`metadata may not set "${clash}": the writer sets it${clash === "encoding" || clash === "eotId" ? ` (pass it as the ${clash} option)` : ""}`);
    try {
      JSON.stringify(metadata); // fail now, not at close() after gigabytes
    } catch (e) {
      throw invalid(`metadata is not JSON-serializable: ${(e as Error).message}`);
    }
  }
  return format;
}

const BUFFER_BYTES = 1 << 20; // writes go out in 1 MiB batches
const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** The greatest id of `ids` (0 for none), for TokenFileWriter.write. */
export function maxIdOf(ids: Uint32Array): number {
  let max = 0;
  for (let i = 0; i < ids.length; i++) if (ids[i] > max) max = ids[i];
  return max;
}

/**
 * Streams token ids to a .npy or .bin file. `await write(ids)` as often as needed, then `await close()`:
 * only then is the .npy header's count (or the .bin sidecar) final. Calls may also be issued without
 * awaiting; they run in order.
 */
export class TokenFileWriter {
  readonly path: string;
  readonly format: TokenFileFormat;
  readonly dtype: TokenDtype;
  private readonly options: TokenFileOptions;
  private readonly handle: FileHandle;
  private readonly buffer = new Uint8Array(BUFFER_BYTES);
  private readonly items: Uint16Array | Uint32Array; // the buffer as ids, on little-endian hosts
  private readonly itemsPerBuffer: number;
  private filled = 0; // items in the buffer
  private accepted = 0;
  private tail: Promise<void> = Promise.resolve();
  private failure: unknown;
  private closing?: Promise<void>;

  private constructor(path: string, format: TokenFileFormat, options: TokenFileOptions, handle: FileHandle) {
    this.path = path;
    this.format = format;
    this.dtype = options.dtype;
    this.options = options;
    this.handle = handle;
    this.items = options.dtype === "uint16" ? new Uint16Array(this.buffer.buffer) : new Uint32Array(this.buffer.buffer);
    this.itemsPerBuffer = this.items.length;
  }

  /** Creates (or truncates) the file. A .npy file starts with a header saying 0 ids until close(). */
  static async open(path: string, options: TokenFileOptions): Promise<TokenFileWriter> {
    const format = checkOptions(path, options);
    const handle = await open(path, "w");
    const writer = new TokenFileWriter(path, format, { ...options, format }, handle);
    if (format === "npy") {
      try {
        await writer.writeAll(npyHeader(options.dtype, 0));
      } catch (e) {
        await handle.close();
        throw e;
      }
    }
    return writer;
  }

  /** Ids accepted so far (including those still in the buffer). */
  get count(): number {
    return this.accepted;
  }

  /**
   * Appends the ids. An id not below vocabSize rejects the whole call (nothing of it is written, the writer
   * stays usable) with an INVALID_ARGUMENT error whose `id` and `index` (position in the file) say which.
   * `maxId`, when the caller has it (maxIdOf, in a worker thread), spares the writer's thread the scan.
   */
  write(ids: Uint32Array, maxId?: number): Promise<void> {
    try {
      this.accept(ids, maxId);
    } catch (e) {
      return Promise.reject(e);
    }
    return this.enqueue(() => this.append(ids));
  }

  /** Flushes, then fixes the .npy header's count or writes the .bin sidecar, and closes the file. Idempotent. */
  close(): Promise<void> {
    this.closing ??= this.tail.then(async () => {
      try {
        if (this.failure !== undefined) throw this.failure;
        await this.flush();
        if (this.format === "npy") await this.writeAll(npyHeader(this.dtype, this.accepted), 0);
      } finally {
        await this.handle.close();
      }
      if (this.format === "bin") await writeFile(`${this.path}.json`, JSON.stringify(this.sidecar(), null, 2) + "\n");
    });
    return this.closing;
  }

  private sidecar(): Record<string, unknown> {
    const { dtype, vocabSize, encoding, eotId, metadata } = this.options;
    return { format: "bytepair-tokens", dtype, count: this.accepted, vocabSize, encoding, eotId, ...metadata };
  }

  // Checks the whole array before anything is written, so a bad id leaves the file as it was.
  private accept(ids: Uint32Array, maxId: number | undefined): void {
    if (this.closing) throw invalid(`TokenFileWriter for ${this.path} is closed`);
    if (!(ids instanceof Uint32Array)) throw invalid("TokenFileWriter.write takes a Uint32Array of token ids");
    const limit = this.options.vocabSize;
    const scan = maxId === undefined || maxId >= limit;
    for (let i = 0; scan && i < ids.length; i++) {
      const id = ids[i];
      if (id >= limit) {
        const index = this.accepted + i;
        const why = this.dtype === "uint16" && id >= UINT16_IDS ? "does not fit in uint16 (ids 0..65535)" : `is not below vocabSize ${limit}`;
        throw invalid(`Token id ${id} at position ${index} (index ${i} of this write) ${why}`, { id, index });
      }
    }
    if (!Number.isSafeInteger(this.accepted + ids.length)) throw invalid("Token count would exceed 2^53 - 1");
    this.accepted += ids.length;
  }

  // One operation at a time, in call order: they share the buffer and the file position.
  private enqueue(task: () => Promise<void>): Promise<void> {
    const run = this.tail.then(() => {
      if (this.failure !== undefined) throw this.failure;
      return task();
    });
    this.tail = run.catch((e) => {
      this.failure ??= e; // after a failed write the file is incomplete; later calls report the same error
    });
    return run;
  }

  private async append(ids: Uint32Array): Promise<void> {
    for (let done = 0; done < ids.length; ) {
      const n = Math.min(ids.length - done, this.itemsPerBuffer - this.filled);
      this.copy(ids.subarray(done, done + n));
      done += n;
      if (this.filled === this.itemsPerBuffer) await this.flush();
    }
  }

  private copy(ids: Uint32Array): void {
    const { buffer, filled } = this;
    if (LITTLE_ENDIAN_HOST) {
      // Typed-array set() copies natively (uint16 narrows each id; all were checked < 65536).
      this.items.set(ids, filled);
    } else {
      const view = new DataView(buffer.buffer);
      const size = BYTES[this.dtype];
      for (let i = 0; i < ids.length; i++) {
        if (size === 2) view.setUint16((filled + i) * 2, ids[i], true);
        else view.setUint32((filled + i) * 4, ids[i], true);
      }
    }
    this.filled += ids.length;
  }

  private async flush(): Promise<void> {
    if (this.filled === 0) return;
    await this.writeAll(this.buffer.subarray(0, this.filled * BYTES[this.dtype]));
    this.filled = 0;
  }

  // FileHandle.write may write less than asked; loop until all of it is out.
  // position null appends at the file position; a number writes there without moving it.
  private async writeAll(bytes: Uint8Array, position: number | null = null): Promise<void> {
    for (let off = 0; off < bytes.length; ) {
      const { bytesWritten } = await this.handle.write(bytes, off, bytes.length - off, position === null ? null : position + off);
      off += bytesWritten;
    }
  }
}
